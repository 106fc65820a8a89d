internal import CCurlShims
internal import CLibCurl

/// One request as the loop thread sees it: its easy handle, the libcurl-owned resources that must
/// outlive the handle's use (header lists, error buffer), the response being assembled, and where
/// the outcome goes.
///
/// Threading: created by the requesting task, then handed to the loop through the inbox; from then
/// on every mutable property is touched only on the loop thread (libcurl callbacks run there too).
// unsafe: @unchecked because of that hand-off discipline, and because it owns raw C memory.
final class Transfer: @unchecked Sendable {
    /// Where the outcome is delivered.
    enum Sink {
        /// `send`: the whole response, once.
        case buffered(CheckedContinuation<Result<HTTPResponse, TransportError>, Never>)
        /// `stream`: the head once, then body bytes through the buffer.
        case streaming(CheckedContinuation<Result<HTTPResponseHead, TransportError>, Never>, StreamBuffer)
    }

    let control: TransferControl
    let request: HTTPRequest
    private let sink: Sink

    // Loop-thread state.
    var easy: UnsafeMutableRawPointer?
    var ownedLists: [UnsafeMutablePointer<curl_slist>] = []
    let errorBuffer: UnsafeMutablePointer<CChar>
    private var parser = ResponseHeadParser()
    private var body: [UInt8] = []
    private var headDelivered = false
    private var finished = false

    init(control: TransferControl, request: HTTPRequest, sink: Sink) {
        self.control = control
        self.request = request
        self.sink = sink
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        releaseHandle()
        errorBuffer.deallocate()
    }

    var id: UInt64 { control.id }

    /// Frees the easy handle and the lists it referenced. The handle must not be in a multi handle.
    func releaseHandle() {
        if let easy { curl_easy_cleanup(easy) }
        easy = nil
        for list in ownedLists { curl_slist_free_all(list) }
        ownedLists.removeAll()
    }

    // MARK: Callbacks (loop thread, from inside libcurl)

    /// One header line. Returns the number of bytes consumed (all of them).
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) -> Int {
        let line = String(decoding: bytes, as: UTF8.self)
        var completed = parser.consume(line)
        if let head = completed, request.maxRedirects > 0, Self.isFollowedRedirect(head) {
            // libcurl follows it: the next header block is the response that counts.
            parser = ResponseHeadParser()
            completed = nil
        }
        if let head = completed, case .streaming(let headContinuation, _) = sink, !headDelivered {
            headDelivered = true
            headContinuation.resume(returning: .success(head))
        }
        return bytes.count
    }

    /// A 3xx answer with a Location that libcurl follows when redirects are enabled.
    static func isFollowedRedirect(_ head: HTTPResponseHead) -> Bool {
        [301, 302, 303, 307, 308].contains(head.status) && head.headers["location"] != nil
    }

    /// A piece of the body. Returns the number of bytes consumed, or the pause sentinel.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        switch sink {
        case .buffered:
            if body.isEmpty, let length = parser.head?.headers["content-length"].flatMap(Int.init) {
                body.reserveCapacity(min(length, 1 << 30))
            }
            body.append(contentsOf: bytes)
            return bytes.count
        case .streaming(_, let buffer):
            return buffer.offer(bytes) ? bytes.count : stk_curl_writefunc_pause
        }
    }

    // MARK: Completion (loop thread, exactly once)

    /// Delivers the outcome of libcurl result `code`. Call before `releaseHandle`.
    func complete(code: CURLcode) {
        guard code == CURLE_OK else {
            let detail = String(cString: errorBuffer)
            let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            fail(.curl(Int(code.rawValue), message: message, method: request.method.rawValue, url: request.url))
            return
        }
        guard !finished else { return }
        finished = true
        let head = parser.head ?? HTTPResponseHead(status: info(CURLINFO_RESPONSE_CODE), headers: [], version: .unknown)
        switch sink {
        case .buffered(let continuation):
            var response = HTTPResponse(head: head, body: body, connectionsOpened: info(CURLINFO_NUM_CONNECTS))
            if response.head.version == .unknown { response.head.version = negotiatedVersion() }
            body = []
            continuation.resume(returning: .success(response))
        case .streaming(let headContinuation, let buffer):
            if !headDelivered {
                headDelivered = true
                headContinuation.resume(returning: .success(head))
            }
            buffer.finish(nil)
        }
    }

    /// Delivers `error`, unless an outcome was already delivered.
    func fail(_ error: TransportError) {
        guard !finished else { return }
        finished = true
        switch sink {
        case .buffered(let continuation):
            continuation.resume(returning: .failure(error))
        case .streaming(let headContinuation, let buffer):
            if headDelivered {
                buffer.finish(error)
            } else {
                headDelivered = true
                headContinuation.resume(returning: .failure(error))
                buffer.finish(error)
            }
        }
    }

    /// Fails the transfer as cancelled or shut down.
    func abort(_ reason: String) {
        fail(.aborted(reason, method: request.method.rawValue, url: request.url))
    }

    private func info(_ key: CURLINFO) -> Int {
        guard let easy else { return 0 }
        var value = 0
        return stk_easy_getinfo_long(easy, key, &value) == CURLE_OK ? value : 0
    }

    private func negotiatedVersion() -> HTTPVersion {
        switch info(CURLINFO_HTTP_VERSION) {
        case CURL_HTTP_VERSION_1_0: .http1_0
        case CURL_HTTP_VERSION_1_1: .http1_1
        case CURL_HTTP_VERSION_2_0: .http2
        case CURL_HTTP_VERSION_3: .http3
        default: .unknown
        }
    }
}

// MARK: C callbacks: userdata is the unretained Transfer, kept alive by the loop while its handle runs.

func curlHeaderCallback(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ userdata: UnsafeMutableRawPointer?
) -> Int {
    guard let userdata else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
    return transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
}

func curlWriteCallback(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ userdata: UnsafeMutableRawPointer?
) -> Int {
    guard let userdata else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
    return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
}
