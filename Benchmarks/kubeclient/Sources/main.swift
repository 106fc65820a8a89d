// kubeclient-bench: KubeClient (libcurl) throughput, latency and CPU per request against a running
// API server. Started by Benchmarks/kubeclient/run, which also starts the embedded API server and
// passes its pid (for the server's CPU per request). Prints one JSON object per measured point.
import Foundation
import JSON
import KubeClient
import KubeCore

struct Options {
    var kubeconfig = ""
    var serverPID: Int32 = 0
    var concurrency = [1, 16, 64]
    var seconds = 5.0
    var operations = ["version", "get", "apply"]
    var protocols = ["http1", "http2"]

    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var i = 0
        func value() -> String {
            i += 1
            guard i < arguments.count else { fail("\(arguments[i - 1]) needs a value") }
            return arguments[i]
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--kubeconfig": options.kubeconfig = value()
            case "--server-pid": options.serverPID = Int32(value()) ?? 0
            case "--concurrency": options.concurrency = value().split(separator: ",").compactMap { Int($0) }
            case "--seconds": options.seconds = Double(value()) ?? 5
            case "--operations": options.operations = value().split(separator: ",").map(String.init)
            case "--protocols": options.protocols = value().split(separator: ",").map(String.init)
            default: fail("unknown argument \(arguments[i])")
            }
            i += 1
        }
        if options.kubeconfig.isEmpty { fail("--kubeconfig is required") }
        return options
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("kubeclient-bench: \(message)\n".utf8))
    exit(2)
}

/// User plus system CPU seconds of this process.
func selfCPU() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// User plus system CPU seconds of another process, from /proc/PID/stat (0 when unreadable).
func processCPU(_ pid: Int32) -> Double {
    guard pid > 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return 0 }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    // Fields after the command: state is [0]; utime and stime are the 14th and 15th fields of the line.
    guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// Latencies collected by the callers of one point.
actor Samples {
    var latencies: [Double] = []
    var errors = 0
    var firstError: String?
    func add(_ latency: Double) { latencies.append(latency) }
    func failed(_ message: String) {
        errors += 1
        if firstError == nil { firstError = message }
    }
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

/// One request of `operation` by caller `caller` (its `iteration`-th).
func perform(_ operation: String, client: KubeClient, caller: Int, iteration: Int) async throws(KubeAPIError) {
    switch operation {
    case "version":
        _ = try await client.serverVersion()
    case "get":
        _ = try await client.get(.configMaps, namespace: "default", name: "bench-get")
    case "apply":
        let object: JSONValue = [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": ["name": .string("bench-apply-\(caller)"), "namespace": "default"],
            "data": ["iteration": .string(String(iteration))],
        ]
        _ = try await client.apply(.configMaps, namespace: "default", object: object, fieldManager: "kubeclient-bench")
    default:
        fail("unknown operation \(operation)")
    }
}

func measure(_ options: Options, protocolName: String, operation: String, concurrency: Int) async throws -> JSONValue {
    var configuration = try KubeConfigLoader.load(path: options.kubeconfig)
    configuration.http2 = protocolName == "http2"
    configuration.qps = 1_000_000  // measure the client and server, not the client-side rate limiter
    configuration.burst = 1_000_000
    let client = KubeClient(configuration: configuration)
    // Warm up: open the connections and create the object GETs read.
    _ = try? await client.apply(.configMaps, namespace: "default",
                                object: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "bench-get", "namespace": "default"], "data": ["k": "v"]],
                                fieldManager: "kubeclient-bench")
    try await withThrowingTaskGroup(of: Void.self) { group in
        for caller in 0..<concurrency {
            group.addTask { try await perform(operation, client: client, caller: caller, iteration: 0) }
        }
        try await group.waitForAll()
    }
    let samples = Samples()
    let clock = ContinuousClock()
    let cpuBefore = selfCPU(), serverBefore = processCPU(options.serverPID)
    let start = clock.now
    let deadline = start.advanced(by: .milliseconds(Int64(options.seconds * 1000)))
    await withTaskGroup(of: Void.self) { group in
        for caller in 0..<concurrency {
            group.addTask {
                var iteration = 1
                while clock.now < deadline {
                    let begin = clock.now
                    do {
                        try await perform(operation, client: client, caller: caller, iteration: iteration)
                        let elapsed = begin.duration(to: clock.now).components
                        await samples.add(Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
                    } catch {
                        await samples.failed("\(error)")
                    }
                    iteration += 1
                }
            }
        }
    }
    let elapsed = start.duration(to: clock.now).components
    let wall = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    let clientCPU = selfCPU() - cpuBefore, serverCPU = processCPU(options.serverPID) - serverBefore
    let latencies = await samples.latencies.sorted()
    let errors = await samples.errors
    let requests = max(latencies.count, 1)
    var point: JSONObject = [
        "protocol": .string(protocolName), "operation": .string(operation), "concurrency": .int(Int64(concurrency)),
        "requests": .int(Int64(latencies.count)), "errors": .int(Int64(errors)),
        "rps": .double(Double(latencies.count) / wall),
        "p50_ms": .double(percentile(latencies, 0.50) * 1000), "p99_ms": .double(percentile(latencies, 0.99) * 1000),
        "client_cpu_us": .double(clientCPU / Double(requests) * 1e6),
        "server_cpu_us": .double(serverCPU / Double(requests) * 1e6),
    ]
    if let message = await samples.firstError { point["first_error"] = .string(message) }
    return .object(point)
}

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
for protocolName in options.protocols {
    for operation in options.operations {
        for concurrency in options.concurrency {
            do {
                let point = try await measure(options, protocolName: protocolName, operation: operation, concurrency: concurrency)
                FileHandle.standardOutput.write(Data(point.serialized() + [UInt8(ascii: "\n")]))
            } catch {
                fail("\(protocolName) \(operation) c=\(concurrency): \(error)")
            }
        }
    }
}
