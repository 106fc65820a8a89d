import Foundation
@testable import InferenceServer
import JSON
import Logging
import Testing

@Suite("JSON log handler")
struct JSONLogHandlerTests {
    @Test("RFC 3339 UTC timestamps with milliseconds", arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (951_782_400.5, "2000-02-29T00:00:00.500Z"),
        (1_798_761_599.999, "2026-12-31T23:59:59.999Z"),
        (-0.5, "1969-12-31T23:59:59.500Z"),
        (4_102_444_800, "2100-01-01T00:00:00.000Z"),
    ])
    func timestamps(seconds: Double, expected: String) {
        #expect(JSONLogHandler.rfc3339(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test("one line per event: ts, level, label, message, then flattened metadata, all escaped")
    func lineShape() throws {
        let capture = LogCapture()
        var logger = capture.logger(level: .debug)
        logger[metadataKey: "component"] = "batcher"
        logger.debug("said \"hi\"\nand\tleft \u{01} ✓", metadata: [
            "http": ["method": "POST", "status": .stringConvertible(400)],
            "tags": ["a", "b\"c"],
            "level": "shadowed",
            "component": "handler",
        ])
        let lines = capture.all
        try #require(lines.count == 1)
        #expect(!lines[0].contains("\n"))
        let object = try #require(try JSONValue.parse(Array(lines[0].utf8)).objectValue)
        #expect(Array(object.keys.prefix(4)) == ["ts", "level", "label", "message"])
        #expect(object["level"] == "debug")
        #expect(object["label"] == "stockade-serve-test")
        #expect(object["message"] == .string("said \"hi\"\nand\tleft \u{01} ✓"))
        #expect(object["http.method"] == "POST")
        #expect(object["http.status"] == "400")
        #expect(object["tags"] == ["a", "b\"c"])
        #expect(object["metadata.level"] == "shadowed")
        #expect(object["component"] == "handler", "event metadata overrides the logger's")
        let ts = try #require(object["ts"]?.stringValue)
        #expect(ts.count == 24 && ts.hasSuffix("Z") && ts.dropFirst(10).hasPrefix("T"))
        #expect(Array(object.keys.dropFirst(4)) == ["component", "http.method", "http.status", "metadata.level", "tags"])
    }

    /// A task-local id, for a metadata provider.
    enum Traced {
        @TaskLocal static var id: String?
        static let provider = Logger.MetadataProvider { id.map { ["request_id": .string($0)] } ?? [:] }
    }

    @Test("levels below the logger's level are not written; the metadata provider's metadata is added")
    func levelsAndProvider() throws {
        let capture = LogCapture()
        let logger = capture.logger(level: .notice, metadataProvider: Traced.provider)
        logger.info("dropped")
        Traced.$id.withValue("req-42") { logger.error("kept") }
        logger.warning("no id")
        let objects = capture.objects
        try #require(objects.count == 2)
        #expect(objects[0]["message"] == "kept")
        #expect(objects[0]["level"] == "error")
        #expect(objects[0]["request_id"] == "req-42")
        #expect(objects[1]["request_id"] == nil)
    }

    @Test("an error attached to the event is written as error")
    func attachedError() throws {
        struct Broken: Error, CustomStringConvertible { var description: String { "disk \"full\"" } }
        let line = JSONLogHandler.line(timestamp: Date(timeIntervalSince1970: 0), level: .error, label: "l",
                                       message: "m", error: "\(Broken())", metadata: ["error": "meta"])
        let object = try #require(try JSONValue.parse(Array(line.utf8)).objectValue)
        #expect(object["error"] == "disk \"full\"")
        #expect(object["metadata.error"] == "meta")
        #expect(line.hasPrefix(#"{"ts":"1970-01-01T00:00:00.000Z","level":"error","label":"l","message":"m","error":"disk \"full\"""#))
    }
}
