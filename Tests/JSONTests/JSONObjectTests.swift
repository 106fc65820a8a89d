import JSON
import SeededRandom
import Testing

/// `JSONObject` against a model (a dictionary plus the key order), through random sets, updates and
/// removals that take objects across the size at which the key index appears and goes.
@Suite struct JSONObjectTests {
    private struct Model {
        var order: [String] = []
        var values: [String: JSONValue] = [:]

        mutating func set(_ key: String, _ value: JSONValue?) {
            if let value {
                if values.updateValue(value, forKey: key) == nil { order.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                order.removeAll { $0 == key }
            }
        }
    }

    @Test("random operations match the model: order, lookups, counts, sorting, equality", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func randomOperations(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var object = JSONObject()
        var model = Model()
        let keys = (0..<40).map { "k\($0)" }
        for step in 0..<3000 {
            let key = keys.randomElement(using: &random)!
            // Grow for a while, then shrink, then grow again: crossing the index threshold both ways.
            let removing = (step / 500) % 2 == 1 ? Int.random(in: 0..<10, using: &random) < 7 : Int.random(in: 0..<10, using: &random) < 2
            let value: JSONValue? = removing ? nil : .int(Int64(step))
            object[key] = value
            model.set(key, value)
            #expect(object.count == model.order.count)
            #expect(object.keys == model.order)
            if step % 97 == 0 {
                for key in keys { #expect(object[key] == model.values[key], "\(key) at step \(step)") }
                #expect(Array(object.map(\.key)) == model.order)
                #expect(object.values == model.order.map { model.values[$0]! })
                let sorted = object.sortedByKey()
                #expect(sorted.keys == model.order.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
                #expect(sorted == object)
                #expect(sorted.hashValue == object.hashValue)
                for key in keys { #expect(sorted[key] == model.values[key]) }
            }
        }
    }

    @Test("equality and hashing ignore order, at every size")
    func orderIndependence() {
        for size in [0, 1, 5, 12, 13, 30] {
            let pairs = (0..<size).map { ("key\($0)", JSONValue.string("v\($0)")) }
            let forward = JSONObject(pairs)
            let backward = JSONObject(pairs.reversed())
            #expect(forward == backward)
            #expect(forward.hashValue == backward.hashValue)
            #expect(Set([JSONValue.object(forward), .object(backward)]).count == 1)
            if size > 0 {
                var changed = backward
                changed["key0"] = "other"
                #expect(changed != forward)
                var fewer = forward
                fewer["key0"] = nil
                #expect(fewer != forward && fewer.count == size - 1)
            }
        }
    }

    @Test("a repeated key keeps its first position and its last value; updates keep positions")
    func repeatedKeys() {
        var object = JSONObject([("a", 1), ("b", 2), ("a", 3)])
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == 3)
        for i in 0..<20 { object["x\(i)"] = .int(Int64(i)) }
        object["b"] = "updated"
        #expect(object.keys.prefix(2) == ["a", "b"])
        #expect(object["b"] == "updated")
        #expect(object.removeValue(forKey: "a") == 3)
        #expect(object.keys.first == "b" && object["a"] == nil && object["x19"] == 19)
        let doubled = object.mapValues { value in value.intValue.map { .int($0 * 2) } ?? value }
        #expect(doubled.keys == object.keys && doubled["x19"] == 38)
        #expect(object.filter { key, _ in key.hasPrefix("x1") }.keys == ["x1"] + (10..<20).map { "x\($0)" })
    }
}
