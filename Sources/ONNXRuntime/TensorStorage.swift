/// Immutable, aligned, heap-allocated bytes behind a numeric ``Tensor``.
///
/// Unsafe code: the buffer is allocated once, written only before the storage is shared, and freed in
/// `deinit`. Because it never moves or changes, ONNX Runtime can read inputs from it in place for as
/// long as the owning `Tensor` is alive.
final class ByteStorage: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    let count: Int

    /// Allocates `count` bytes (at least one, 64-byte aligned) and lets `initialize` fill them.
    init(count: Int, initialize: (UnsafeMutableRawBufferPointer) -> Void) {
        self.count = count
        pointer = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(count, 1), alignment: 64)
        initialize(UnsafeMutableRawBufferPointer(start: pointer, count: count))
    }

    /// Copies `count` bytes from `source` (which may be nil only when `count` is 0).
    convenience init(copying source: UnsafeRawPointer?, count: Int) {
        self.init(count: count) { destination in
            if let source, count > 0 { destination.copyMemory(from: UnsafeRawBufferPointer(start: source, count: count)) }
        }
    }

    deinit {
        pointer.deallocate()
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: pointer, count: count) }
}

/// What a ``Tensor`` holds: raw little-endian elements or strings.
enum TensorData: Sendable {
    case bytes(ByteStorage)
    case strings([String])
}
