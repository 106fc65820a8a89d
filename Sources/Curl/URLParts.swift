internal import CLibCurl

/// Host and port of a URL, parsed by libcurl's URL API (so they agree with what libcurl connects to).
struct URLParts {
    let url: String
    /// The host as libcurl writes it (IPv6 addresses in brackets).
    let host: String
    /// The explicit port, or the scheme's default.
    let port: String

    init(_ url: String) throws(SetupFailureURL) {
        self.url = url
        guard let handle = curl_url() else { throw SetupFailureURL(code: CURLUE_OUT_OF_MEMORY) }
        defer { curl_url_cleanup(handle) }
        try Self.check(curl_url_set(handle, CURLUPART_URL, url, 0))
        host = try Self.get(handle, CURLUPART_HOST, flags: 0)
        port = try Self.get(handle, CURLUPART_PORT, flags: UInt32(CURLU_DEFAULT_PORT))
    }

    /// The URL with its host replaced by `newHost`, everything else unchanged.
    func replacingHost(with newHost: String) throws(SetupFailureURL) -> String {
        guard let handle = curl_url() else { throw SetupFailureURL(code: CURLUE_OUT_OF_MEMORY) }
        defer { curl_url_cleanup(handle) }
        try Self.check(curl_url_set(handle, CURLUPART_URL, url, 0))
        try Self.check(curl_url_set(handle, CURLUPART_HOST, newHost, 0))
        return try Self.get(handle, CURLUPART_URL, flags: 0)
    }

    private static func get(_ handle: OpaquePointer, _ part: CURLUPart, flags: UInt32) throws(SetupFailureURL) -> String {
        var value: UnsafeMutablePointer<CChar>?
        try check(curl_url_get(handle, part, &value, flags))
        guard let value else { throw SetupFailureURL(code: CURLUE_MALFORMED_INPUT) }
        defer { curl_free(value) }
        return String(cString: value)
    }

    private static func check(_ code: CURLUcode) throws(SetupFailureURL) {
        guard code == CURLUE_OK else { throw SetupFailureURL(code: code) }
    }
}

/// A URL libcurl's URL parser rejected.
struct SetupFailureURL: Error {
    let code: CURLUcode
    var message: String { String(cString: curl_url_strerror(code)) }
}
