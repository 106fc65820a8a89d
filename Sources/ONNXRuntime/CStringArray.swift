#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// NUL-terminated copies of Swift strings for C `const char* const*` parameters, freed in `deinit`.
///
/// Unsafe code: `pointers` is valid for as long as this object is alive (use `withExtendedLifetime`
/// or keep a reference across the C call).
final class CStringArray {
    let pointers: [UnsafePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { UnsafePointer(strdup($0)) }
    }

    deinit {
        for pointer in pointers {
            free(UnsafeMutablePointer(mutating: pointer))
        }
    }
}
