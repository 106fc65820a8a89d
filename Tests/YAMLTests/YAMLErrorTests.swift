import JSON
import Testing
import YAML
import SeededRandom

@Suite struct YAMLErrorTests {
    @Test func syntaxErrorsCarryLibYAMLPositions() {
        let badIndent = yamlError("key: value\n  bad: indent\n")
        #expect(badIndent?.line == 2)
        #expect(badIndent?.column == 6)
        #expect(badIndent?.message.contains("mapping values are not allowed") == true)

        let unclosed = yamlError("a: [1, 2\nb: 3\n")
        #expect(unclosed?.line == 2)
        #expect(unclosed?.column == 2)
        #expect(unclosed?.message.contains("while parsing a flow sequence") == true)

        let tab = yamlError("a:\n\tb: 1\n")
        #expect(tab?.line == 2)
        #expect(tab?.column == 1)

        let quote = yamlError("a: \"unterminated\n")
        #expect(quote?.message.contains("quoted scalar") == true)
        #expect(quote?.line == 2)
    }

    @Test func encodingErrorsAreYAMLErrorsWithPositions() {
        let truncated: [UInt8] = Array("a: 1\nb: caf".utf8) + [0xC3]
        let error = #expect(throws: YAMLError.self) { try YAML.parseDocuments(truncated) }
        #expect(error?.message.contains("UTF-8") == true)
        #expect(error?.line == 2)
        #expect(error?.column == 7)

        let invalid = #expect(throws: YAMLError.self) { try YAML.parse(Array("x: ".utf8) + [0xFF]) }
        #expect(invalid?.message.contains("UTF-8") == true)
        #expect(invalid?.line == 1)

        let control = #expect(throws: YAMLError.self) { try YAML.parse([UInt8(ascii: "a"), 0x00, 0x01]) }
        #expect(control?.line == 1)
    }

    @Test func billionLaughsIsStoppedByTheNodeBudget() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let error = #expect(throws: YAMLError.self) { try YAML.parse(text) }
        #expect(error?.message.contains("more than 1000000 nodes") == true)
        #expect(error?.line == 6 || error?.line == 7)
    }

    @Test func aliasesWithinTheBudgetAreFine() throws {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...4 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let value = try YAML.parse(text)
        #expect(value["a4"]?[9]?[9]?[9]?[9]?[9] == "lol")
        #expect(throws: YAMLError.self) { try YAML.parse(text, limits: YAMLLimits(maxNodes: 10_000)) }
    }

    @Test func deepNestingIsStoppedByTheDepthLimit() throws {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        let error = #expect(throws: YAMLError.self) { try YAML.parse(deep) }
        #expect(error?.message.contains("deeper than 256") == true)
        #expect(error?.column == 257)
        let ok = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect(throws: Never.self) { try YAML.parse(ok) }
        let viaAliases = "a: &a [[[1]]]\nb: [[*a]]\n"
        #expect(throws: YAMLError.self) { try YAML.parse(viaAliases, limits: YAMLLimits(maxDepth: 5)) }
        #expect(throws: Never.self) { try YAML.parse(viaAliases, limits: YAMLLimits(maxDepth: 6)) }
    }

    @Test func randomBytesNeverCrash() {
        var rng = SeededGenerator(seed: 0x5EED)
        let pieces: [[UInt8]] = [
            ":", " ", "-", "\n", "  ", "[", "]", "{", "}", ",", "&a", "*a", "!!int", "!x", "<<", "'", "\"",
            "|", ">", "#", "?", "---", "...", "%YAML 1.1", "a", "1", "yes", ".inf", "\t", "\\", "é",
        ].map { Array($0.utf8) }
        var errors = 0
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &rng) {
                if Int.random(in: 0..<5, using: &rng) == 0 {
                    bytes.append(UInt8.random(in: 0...255, using: &rng))
                } else {
                    bytes += pieces.randomElement(using: &rng)!
                }
            }
            do {
                _ = try YAML.parseDocuments(bytes)
            } catch {
                errors += 1
                #expect(error.line >= 1 && error.column >= 1, "\(error)")
                #expect(!error.message.isEmpty)
            }
        }
        #expect(errors > 100, "the generator should produce plenty of invalid input")
    }

    @Test(arguments: [KubernetesFixtures.deployment, KubernetesFixtures.kubeconfig, KubernetesFixtures.unicode])
    func everyTruncationParsesOrThrows(_ document: String) {
        let bytes = Array(document.utf8)
        var errors = 0
        for end in 0...bytes.count {
            do {
                _ = try YAML.parseDocuments(bytes[..<end])
            } catch {
                errors += 1
                #expect(error.line >= 1 && error.column >= 1, "\(error)")
            }
        }
        #expect(errors > 0)
        #expect(throws: Never.self) { try YAML.parseDocuments(bytes) }
    }
}
