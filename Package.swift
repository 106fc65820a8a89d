// swift-tools-version:6.1
// Stockade: a Kubernetes operator and inference server for ONNX models.
// Target layout and dependency direction follow ../shared/design/ARCHITECTURE.md.
import PackageDescription

/// ONNX Runtime headers are fetched by scripts/bootstrap into .deps (never committed).
let onnxRuntimeInclude = Context.packageDirectory + "/.deps/onnxruntime/include"

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]
/// The serving hot path's libraries let release builds of their clients specialise and inline
/// their generic code (the batcher, tensor and JSON types), instead of calling it unspecialised.
let crossModuleOptimized = strict + [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "Stockade",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "stockade", targets: ["stockade"]),
        .executable(name: "stockade-serve", targets: ["stockade-serve"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // MARK: C layer (unsafe code lives here and in the wrappers only)
        .systemLibrary(name: "CLibYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CLibCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CCurlShims", dependencies: ["CLibCurl"]),
        .target(
            name: "CONNXRuntime",
            cSettings: [.unsafeFlags(["-I", onnxRuntimeInclude])],
            linkerSettings: [.linkedLibrary("dl")]
        ),

        // MARK: Wrappers
        .target(name: "JSON", swiftSettings: crossModuleOptimized),
        .target(name: "YAML", dependencies: ["CLibYAML", "JSON"], swiftSettings: strict),
        .target(name: "Curl", dependencies: ["CLibCurl", "CCurlShims"], swiftSettings: strict),
        .target(name: "ONNXRuntime", dependencies: ["CONNXRuntime"],
                swiftSettings: strict + [.unsafeFlags(["-Xcc", "-I" + onnxRuntimeInclude])]),

        // MARK: Kubernetes client
        .target(name: "KubeCore", dependencies: ["JSON"], swiftSettings: strict),
        .target(name: "KubeClient", dependencies: ["KubeCore", "Curl", "YAML", "JSON", "SerialLaunch"], swiftSettings: strict),

        // MARK: API machinery used by the embedded API server
        .target(name: "KubeSchema", dependencies: ["JSON"], resources: [.copy("Resources")], swiftSettings: strict),
        .target(name: "KubePatch", dependencies: ["JSON", "KubeSchema"], swiftSettings: strict),
        .target(name: "KubeApply", dependencies: ["JSON", "KubeSchema"], swiftSettings: strict),
        .target(name: "KubeProtobuf", dependencies: ["JSON"], swiftSettings: strict),

        // MARK: Serving
        .target(name: "InferenceCore", dependencies: ["JSON"], swiftSettings: crossModuleOptimized),
        .target(
            name: "InferenceServer",
            dependencies: [
                "InferenceCore", "ONNXRuntime", "JSON",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdHTTP2", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        /// `stockade-serve fetch`: model downloads (file, http(s), s3) for the init container.
        .target(
            name: "ModelFetch",
            dependencies: [
                "Curl",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // MARK: The embedded control plane
        .target(
            name: "LocalCluster",
            dependencies: [
                "JSON", "YAML", "KubeSchema", "KubePatch", "KubeApply", "KubeProtobuf",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdHTTP2", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),

        // MARK: Executables
        .executableTarget(
            name: "stockade",
            dependencies: [
                "LocalCluster", "KubeClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        .executableTarget(
            name: "stockade-serve",
            dependencies: [
                "InferenceServer", "InferenceCore", "ModelFetch", "Curl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // MARK: Benchmarks (scripts in Benchmarks/ drive these; never run by `make test`)
        .executableTarget(
            name: "kubeclient-bench",
            dependencies: ["KubeClient", "KubeCore", "JSON"],
            path: "Benchmarks/kubeclient/Sources",
            swiftSettings: strict
        ),

        // MARK: Test support
        /// Real `stockade apiserver` processes and the real kubectl, for component and end-to-end tests.
        .target(name: "KubeTesting", dependencies: ["ProcessTesting"], swiftSettings: strict),
        /// Helper processes (Python test servers, commands) with bounded waits, for component tests.
        .target(name: "SerialLaunch", swiftSettings: strict),
        .target(name: "ProcessTesting", dependencies: ["SerialLaunch"], swiftSettings: strict),
        /// A seeded random generator, so fuzz and property tests replay.
        .target(name: "SeededRandom", swiftSettings: strict),

        // MARK: Tests
        .testTarget(name: "JSONTests", dependencies: ["JSON", "SeededRandom"], swiftSettings: strict),
        .testTarget(name: "YAMLTests", dependencies: ["SeededRandom", "YAML", "JSON"], swiftSettings: strict),
        .testTarget(name: "ProcessTestingTests", dependencies: ["ProcessTesting"], swiftSettings: strict),
        .testTarget(name: "CurlTests", dependencies: ["Curl", "ProcessTesting"], exclude: ["Support"], swiftSettings: strict),
        .testTarget(name: "ONNXRuntimeTests", dependencies: ["ONNXRuntime"], swiftSettings: strict),
        .testTarget(name: "KubeCoreTests", dependencies: ["KubeCore", "JSON"], swiftSettings: strict),
        .testTarget(name: "KubeClientTests", dependencies: ["KubeClient", "KubeCore", "KubeTesting", "ProcessTesting", "JSON", "YAML"], swiftSettings: strict),
        .testTarget(name: "KubeSchemaTests", dependencies: ["KubeSchema", "JSON"], swiftSettings: strict),
        .testTarget(name: "KubePatchTests", dependencies: ["KubePatch", "KubeSchema", "JSON"], swiftSettings: strict),
        .testTarget(name: "KubeApplyTests", dependencies: ["KubeApply", "KubeSchema", "JSON"], swiftSettings: strict),
        .testTarget(name: "KubeProtobufTests", dependencies: ["KubeProtobuf", "JSON"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "InferenceCoreTests", dependencies: ["SeededRandom", "InferenceCore", "JSON"], swiftSettings: strict),
        .testTarget(name: "InferenceServerTests", dependencies: ["SeededRandom", "ProcessTesting", "InferenceServer", "InferenceCore", "ONNXRuntime", "Curl", "JSON",
                                                               .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")],
                    exclude: ["Triton/triton_client_check.py"], swiftSettings: strict),
        .testTarget(name: "ModelFetchTests", dependencies: ["SeededRandom", "ModelFetch", "Curl", "ProcessTesting", .product(name: "Crypto", package: "swift-crypto"),
                                                          .product(name: "Logging", package: "swift-log")],
                    exclude: ["Support"], swiftSettings: strict),
        .testTarget(name: "LocalClusterTests", dependencies: ["LocalCluster", "KubeTesting", "JSON", "YAML", "Curl"], exclude: ["Fixtures"], swiftSettings: strict),
    ]
)
