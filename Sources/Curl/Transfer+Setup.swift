internal import CCurlShims
internal import CLibCurl

/// A libcurl option that could not be applied.
private struct SetupFailure: Error {
    let code: CURLcode
    let what: String
}

extension Transfer {
    /// Creates and configures the easy handle for `request` (loop thread). On failure nothing is
    /// left allocated but what `releaseHandle` frees.
    func makeHandle(configuration: CurlTransport.Configuration) -> TransportError? {
        guard let easy = curl_easy_init() else {
            return TransportError(
                kind: .other, curlCode: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "curl_easy_init failed",
                method: request.method.rawValue, url: request.url)
        }
        self.easy = easy
        do {
            try configure(easy, configuration: configuration)
            return nil
        } catch {
            let message = "\(error.what): \(String(cString: curl_easy_strerror(error.code)))"
            return .curl(Int(error.code.rawValue), message: message, method: request.method.rawValue, url: request.url)
        }
    }

    private func configure(_ easy: UnsafeMutableRawPointer, configuration: CurlTransport.Configuration) throws(SetupFailure) {
        let me = Unmanaged.passUnretained(self).toOpaque()
        try check(stk_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer), "error buffer")
        try check(stk_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1), "NOSIGNAL")
        let version = configuration.http2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1
        try check(stk_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(version)), "HTTP version")
        // Wait for an existing connection's protocol to be known, so HTTP/2 multiplexes instead of
        // opening one connection per concurrent request.
        try check(stk_easy_setopt_long(easy, CURLOPT_PIPEWAIT, 1), "PIPEWAIT")
        try check(stk_easy_setopt_long(easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1), "SUPPRESS_CONNECT_HEADERS")
        // TCP keep-alive probes (as client-go: 30 s) so a watch on a dead connection ends.
        try check(stk_easy_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1), "TCP keep-alive")
        try check(stk_easy_setopt_long(easy, CURLOPT_TCP_KEEPIDLE, 30), "TCP keep-alive idle time")
        try check(stk_easy_setopt_long(easy, CURLOPT_TCP_KEEPINTVL, 30), "TCP keep-alive interval")
        try check(stk_easy_setopt_string(easy, CURLOPT_USERAGENT, configuration.userAgent), "User-Agent")
        try check(stk_easy_setopt_header_function(easy, curlHeaderCallback), "header function")
        try check(stk_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me), "header data")
        try check(stk_easy_setopt_write_function(easy, curlWriteCallback), "write function")
        try check(stk_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me), "write data")

        if let connect = request.timeouts.connect {
            try check(stk_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, connect.curlMilliseconds), "connect timeout")
        }
        try check(stk_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, request.timeouts.total?.curlMilliseconds ?? 0), "timeout")

        try configureURL(easy)
        try configureMethodAndBody(easy)
        try configureHeaders(easy)
        try configureTLS(easy)
        try configureProxy(easy)
        try configureAWSSigV4(easy)
        try configureRedirects(easy)
    }

    private func configureRedirects(_ easy: UnsafeMutableRawPointer) throws(SetupFailure) {
        guard request.maxRedirects > 0 else { return }
        try check(stk_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 1), "FOLLOWLOCATION")
        try check(stk_easy_setopt_long(easy, CURLOPT_MAXREDIRS, request.maxRedirects), "MAXREDIRS")
        try check(stk_easy_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"), "redirect protocols")
    }

    private func configureAWSSigV4(_ easy: UnsafeMutableRawPointer) throws(SetupFailure) {
        guard let signing = request.awsSigV4 else { return }
        try check(stk_easy_setopt_string(easy, CURLOPT_AWS_SIGV4, signing.provider), "AWS SigV4 provider")
        try check(stk_easy_setopt_string(easy, CURLOPT_USERNAME, signing.accessKeyID), "AWS access key id")
        try check(stk_easy_setopt_string(easy, CURLOPT_PASSWORD, signing.secretAccessKey), "AWS secret access key")
    }

    private func configureURL(_ easy: UnsafeMutableRawPointer) throws(SetupFailure) {
        guard let serverName = request.tls.serverName, !serverName.isEmpty else {
            try check(stk_easy_setopt_string(easy, CURLOPT_URL, request.url), "URL")
            return
        }
        // Verify (and send SNI for) `serverName` while connecting to the URL's real host:
        // address the request to serverName and map that name's connections to the real host.
        let target: URLParts
        let rewritten: String
        do {
            target = try URLParts(request.url)
            rewritten = try target.replacingHost(with: serverName)
        } catch {
            throw SetupFailure(code: CURLE_URL_MALFORMAT, what: "applying the TLS server name to the URL (\(error.message))")
        }
        try check(stk_easy_setopt_string(easy, CURLOPT_URL, rewritten), "URL")
        try appendList(["\(serverName):\(target.port):\(target.host):\(target.port)"], option: CURLOPT_CONNECT_TO, easy)
    }

    private func configureMethodAndBody(_ easy: UnsafeMutableRawPointer) throws(SetupFailure) {
        let method = request.method
        if method == .head {
            try check(stk_easy_setopt_long(easy, CURLOPT_NOBODY, 1), "NOBODY")
            return
        }
        let body = request.body ?? ([.post, .put, .patch].contains(method) ? [] : nil)
        if let body {
            try check(stk_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)), "body size")
            let code = body.isEmpty
                ? stk_easy_setopt_string(easy, CURLOPT_COPYPOSTFIELDS, "")
                : body.withUnsafeBytes { stk_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
            try check(code, "body")
            if method != .post {
                try check(stk_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method.rawValue), "method")
            }
        } else if method != .get {
            try check(stk_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, method.rawValue), "method")
        }
    }

    private func configureHeaders(_ easy: UnsafeMutableRawPointer) throws(SetupFailure) {
        var lines: [String] = []
        var names = Set<String>()
        for (name, value) in request.headers {
            names.insert(name.lowercased())
            // "Name;" is libcurl's syntax for a header with an empty value.
            lines.append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        if !names.contains("expect") { lines.append("Expect:") }
        if request.body != nil || [.post, .put, .patch].contains(request.method), !names.contains("content-type") {
            lines.append("Content-Type:")
        }
        try appendList(lines, option: CURLOPT_HTTPHEADER, easy)
    }

    private func configureTLS(_ easy: UnsafeMutableRawPointer) throws(SetupFailure) {
        let tls = request.tls
        switch tls.trustRoots {
        case .data(let pem)?:
            try setBlob(pem, CURLOPT_CAINFO_BLOB, easy, "CA certificates")
            try check(stk_easy_setopt_string(easy, CURLOPT_CAPATH, nil), "CA path")
        case .file(let path)?:
            try check(stk_easy_setopt_string(easy, CURLOPT_CAINFO, path), "CA file")
            try check(stk_easy_setopt_string(easy, CURLOPT_CAPATH, nil), "CA path")
        case nil:
            break
        }
        switch tls.clientCertificate {
        case .data(let pem)?:
            try setBlob(pem, CURLOPT_SSLCERT_BLOB, easy, "client certificate")
            try check(stk_easy_setopt_string(easy, CURLOPT_SSLCERTTYPE, "PEM"), "client certificate type")
        case .file(let path)?:
            try check(stk_easy_setopt_string(easy, CURLOPT_SSLCERT, path), "client certificate file")
        case nil:
            break
        }
        switch tls.clientKey {
        case .data(let pem)?:
            try setBlob(pem, CURLOPT_SSLKEY_BLOB, easy, "client key")
            try check(stk_easy_setopt_string(easy, CURLOPT_SSLKEYTYPE, "PEM"), "client key type")
        case .file(let path)?:
            try check(stk_easy_setopt_string(easy, CURLOPT_SSLKEY, path), "client key file")
        case nil:
            break
        }
        if tls.insecureSkipVerify {
            try check(stk_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 0), "VERIFYPEER")
            try check(stk_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 0), "VERIFYHOST")
        }
    }

    private func configureProxy(_ easy: UnsafeMutableRawPointer) throws(SetupFailure) {
        switch request.proxy {
        case .environment:
            break  // libcurl reads https_proxy / HTTPS_PROXY / no_proxy / NO_PROXY itself.
        case .direct:
            try check(stk_easy_setopt_string(easy, CURLOPT_PROXY, ""), "proxy")
        case .url(let url, let noProxy):
            try check(stk_easy_setopt_string(easy, CURLOPT_PROXY, url), "proxy")
            try check(stk_easy_setopt_string(easy, CURLOPT_NOPROXY, noProxy), "no-proxy list")
        }
    }

    // MARK: Helpers

    private func appendList(_ lines: [String], option: CURLoption, _ easy: UnsafeMutableRawPointer) throws(SetupFailure) {
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines {
            guard let next = curl_slist_append(list, line) else {
                if let list { curl_slist_free_all(list) }
                throw SetupFailure(code: CURLE_OUT_OF_MEMORY, what: "header list")
            }
            list = next
        }
        guard let list else { return }
        ownedLists.append(list)
        try check(stk_easy_setopt_slist(easy, option, list), "list option \(option.rawValue)")
    }

    private func setBlob(_ bytes: [UInt8], _ option: CURLoption, _ easy: UnsafeMutableRawPointer, _ what: String) throws(SetupFailure) {
        let code = bytes.withUnsafeBytes { stk_easy_setopt_blob(easy, option, $0.baseAddress, $0.count) }
        try check(code, what)
    }

    private func check(_ code: CURLcode, _ what: String) throws(SetupFailure) {
        guard code == CURLE_OK else { throw SetupFailure(code: code, what: "setting \(what)") }
    }
}

extension Duration {
    /// This duration in whole milliseconds for libcurl, at least 1 (libcurl reads 0 as "no limit").
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds < Int64(Int.max / 1000) - 1 else { return Int.max }
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
