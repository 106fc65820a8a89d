import Foundation
import ONNXRuntime
import Testing

@Suite("Library loading and environment")
struct LibraryTests {
    @Test("loads the bootstrap library and reports its version")
    func loadsLibrary() throws {
        let library = try Fixtures.library()
        #expect(library.path == Fixtures.libraryPath)
        #expect(library.version.hasPrefix("1."))
        #expect(ORTLibrary.apiVersion == 21)
    }

    @Test("later loads return the library already loaded")
    func loadIsIdempotent() throws {
        let first = try Fixtures.library()
        #expect(try ORTLibrary.load(path: Fixtures.libraryPath) === first)
        #expect(try ORTLibrary.load() === first)
    }

    @Test("a missing library is one line naming the path and the reason")
    func missingLibrary() {
        let path = "/nonexistent/dir/libonnxruntime.so"
        #expect {
            try ORTLibrary.load(path: path)
        } throws: { error in
            guard let error = error as? ORTError, case let .libraryUnavailable(tried, reason) = error else { return false }
            let line = error.description
            return tried == path && reason.contains("No such file") && !line.contains("\n")
                && line.hasPrefix("cannot load ONNX Runtime library '\(path)': ")
        }
    }

    @Test("a shared library that is not ONNX Runtime is rejected")
    func notONNXRuntime() {
        #expect {
            try ORTLibrary.load(path: "libm.so.6")
        } throws: { error in
            guard let error = error as? ORTError, case let .libraryUnavailable(path, reason) = error else { return false }
            return path == "libm.so.6" && reason.contains("OrtGetApiBase") && !error.description.contains("\n")
        }
    }

    @Test("resolution order: explicit path, then ORT_DYLIB_PATH, then the system search path")
    func candidatePaths() {
        #expect(ORTLibrary.candidatePaths(for: "/opt/ort/libonnxruntime.so") == ["/opt/ort/libonnxruntime.so"])
        let fromEnvironment = ProcessInfo.processInfo.environment["ORT_DYLIB_PATH"] ?? ""
        let expected = fromEnvironment.isEmpty ? ORTLibrary.systemLibraryNames : [fromEnvironment]
        #expect(ORTLibrary.candidatePaths(for: nil) == expected)
        #if os(Linux)
        #expect(ORTLibrary.systemLibraryNames.first == "libonnxruntime.so.1")
        #endif
    }

    @Test("lists the CPU execution provider")
    func providers() throws {
        #expect(try Fixtures.library().availableExecutionProviders().contains("CPUExecutionProvider"))
    }

    @Test("one environment per process, log level adjustable")
    func sharedEnvironment() throws {
        let library = try Fixtures.library()
        let environment = try ORTEnvironment.shared(library: library)
        #expect(try ORTEnvironment.shared(library: library, logLevel: .error) === environment)
        try environment.setLogLevel(.warning)
        #expect(environment.library === library)
    }

    @Test("CUDA on a library without it is a typed error naming the library",
          .enabled(if: !Fixtures.libraryHasCUDA, "the loaded library provides CUDA"))
    func cudaUnavailable() throws {
        var options = Fixtures.options
        options.device = .cuda(deviceID: 0)
        let library = try Fixtures.library()
        #expect {
            try Fixtures.session(Fixtures.model("mlp"), options: options)
        } throws: { error in
            guard let error = error as? ORTError,
                  case let .executionProviderUnavailable(provider, path, _) = error else { return false }
            return provider == "CUDA" && path == library.path
                && error.description.hasPrefix("CUDA execution provider is not available in \(library.path)")
        }
    }
}
