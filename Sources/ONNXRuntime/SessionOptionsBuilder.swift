internal import CONNXRuntime

/// Turns ``SessionOptions`` into an `OrtSessionOptions*` the caller releases with `ReleaseSessionOptions`.
struct SessionOptionsBuilder {
    let api: ORTAPI
    let library: ORTLibrary

    func make(_ options: SessionOptions) throws(ORTError) -> OpaquePointer {
        try options.validate()
        let table = api.table.pointee
        var created: OpaquePointer?
        try api.check(table.CreateSessionOptions!(&created), "CreateSessionOptions")
        guard let sessionOptions = created else {
            throw .runtime(code: .fail, message: "returned no options", operation: "CreateSessionOptions")
        }
        do throws(ORTError) {
            try apply(options, to: sessionOptions)
        } catch {
            table.ReleaseSessionOptions!(sessionOptions)
            throw error
        }
        return sessionOptions
    }

    private func apply(_ options: SessionOptions, to sessionOptions: OpaquePointer) throws(ORTError) {
        let table = api.table.pointee
        try api.check(
            table.SetIntraOpNumThreads!(sessionOptions, Int32(clamping: options.intraOpThreads)), "SetIntraOpNumThreads")
        try api.check(
            table.SetInterOpNumThreads!(sessionOptions, Int32(clamping: options.interOpThreads)), "SetInterOpNumThreads")
        let level: GraphOptimizationLevel =
            switch options.graphOptimization {
            case .disabled: ORT_DISABLE_ALL
            case .basic: ORT_ENABLE_BASIC
            case .extended: ORT_ENABLE_EXTENDED
            case .all: ORT_ENABLE_ALL
            }
        try api.check(table.SetSessionGraphOptimizationLevel!(sessionOptions, level), "SetSessionGraphOptimizationLevel")
        if options.cpuMemoryArena {
            try api.check(table.EnableCpuMemArena!(sessionOptions), "EnableCpuMemArena")
        } else {
            try api.check(table.DisableCpuMemArena!(sessionOptions), "DisableCpuMemArena")
        }
        let mode: ExecutionMode = options.executionMode == .parallel ? ORT_PARALLEL : ORT_SEQUENTIAL
        try api.check(table.SetSessionExecutionMode!(sessionOptions, mode), "SetSessionExecutionMode")
        for (key, value) in options.configEntries.sorted(by: { $0.key < $1.key }) {
            try api.check(table.AddSessionConfigEntry!(sessionOptions, key, value), "AddSessionConfigEntry(\(key))")
        }
        if case let .cuda(deviceID) = options.device {
            try appendCUDA(deviceID: deviceID, to: sessionOptions)
        }
    }

    /// Appends the CUDA execution provider, or throws a typed "not available" error naming the library.
    private func appendCUDA(deviceID: Int, to sessionOptions: OpaquePointer) throws(ORTError) {
        let providers = try library.availableExecutionProviders()
        guard providers.contains("CUDAExecutionProvider") else {
            throw .executionProviderUnavailable(
                provider: "CUDA", library: library.path,
                reason: "available: \(providers.joined(separator: ", ")); use an onnxruntime-gpu build")
        }
        let table = api.table.pointee
        do throws(ORTError) {
            var cudaOptions: OpaquePointer?
            try api.check(table.CreateCUDAProviderOptions!(&cudaOptions), "CreateCUDAProviderOptions")
            guard let cudaOptions else {
                throw .runtime(code: .fail, message: "returned no options", operation: "CreateCUDAProviderOptions")
            }
            defer { table.ReleaseCUDAProviderOptions!(cudaOptions) }
            let keys = CStringArray(["device_id"])
            let values = CStringArray([String(deviceID)])
            try withExtendedLifetime((keys, values)) { () throws(ORTError) in
                try api.check(
                    table.UpdateCUDAProviderOptions!(cudaOptions, keys.pointers, values.pointers, 1),
                    "UpdateCUDAProviderOptions")
            }
            try api.check(
                table.SessionOptionsAppendExecutionProvider_CUDA_V2!(sessionOptions, cudaOptions),
                "SessionOptionsAppendExecutionProvider_CUDA_V2")
        } catch {
            let reason = if case let .runtime(_, message, _) = error { message } else { error.description }
            throw .executionProviderUnavailable(provider: "CUDA", library: library.path, reason: reason)
        }
    }
}
