internal import CONNXRuntime

/// The loaded `OrtApi` function table plus the status handling every call needs.
///
/// Unsafe code: the table pointer comes from `cort_load` and stays valid for the life of the process
/// (the library is never unloaded). Every function in the table is thread-safe to call.
struct ORTAPI: @unchecked Sendable {
    /// Call functions as `api.table.pointee.CreateEnv!(...)` (`pointee` projects without copying).
    let table: UnsafePointer<OrtApi>

    /// Converts a non-NULL `OrtStatus` into ``ORTError/runtime(code:message:operation:)`` and releases it.
    func check(_ status: OpaquePointer?, _ operation: @autoclosure () -> String) throws(ORTError) {
        guard let status else { return }
        let code = table.pointee.GetErrorCode!(status)
        let message = table.pointee.GetErrorMessage!(status).map { String(cString: $0) } ?? ""
        table.pointee.ReleaseStatus!(status)
        throw .runtime(code: ORTErrorCode(rawValue: Int32(code.rawValue)), message: message, operation: operation())
    }

    /// The process-wide default CPU allocator (owned by ONNX Runtime, never released).
    func defaultAllocator() throws(ORTError) -> UnsafeMutablePointer<OrtAllocator> {
        var allocator: UnsafeMutablePointer<OrtAllocator>?
        try check(table.pointee.GetAllocatorWithDefaultOptions!(&allocator), "GetAllocatorWithDefaultOptions")
        guard let allocator else {
            throw .runtime(code: .fail, message: "no default allocator", operation: "GetAllocatorWithDefaultOptions")
        }
        return allocator
    }

    /// Copies a C string that `allocator` allocated into a Swift string and frees it with `allocator`.
    func takeString(_ pointer: UnsafeMutablePointer<CChar>?, allocator: UnsafeMutablePointer<OrtAllocator>) -> String {
        guard let pointer else { return "" }
        let string = String(cString: pointer)
        try? check(table.pointee.AllocatorFree!(allocator, pointer), "AllocatorFree")
        return string
    }
}
