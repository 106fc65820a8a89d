import Foundation
import KubeTesting
#if canImport(Glibc)
import Glibc
#endif

/// A scripted plain-HTTP/1.1 server on 127.0.0.1 (port 0) for failure modes the real API server does not
/// produce on demand: 429/5xx answers, stalls and connections closed mid-body. Each connection reads
/// one request, takes the next scripted reply (the last one repeats) and closes.
final class FakeHTTPServer: @unchecked Sendable {
    enum Reply {
        /// A complete response with `Content-Length` and `Connection: close`.
        case respond(status: Int, headers: [(String, String)] = [], body: String)
        /// Never answers; waits until the client goes away.
        case stall
        /// A 200 chunked response carrying `body` as one chunk, then the connection is cut before the end.
        case chunkedThenClose(String)
    }

    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var replies: [Reply]
    private var recorded: [String] = []

    /// Request lines (`GET /path?query HTTP/1.1`) received so far.
    var requests: [String] { lock.withLock { recorded } }

    init(_ replies: [Reply]) throws {
        self.replies = replies
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, listen(fd, 64) == 0 else { throw TestFailure("cannot listen") }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    var url: String { "http://127.0.0.1:\(port)" }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 { return }
            Thread { [self] in handle(connection) }.start()
        }
    }

    private func nextReply(for requestLine: String) -> Reply {
        lock.withLock {
            recorded.append(requestLine)
            return replies.count > 1 ? replies.removeFirst() : replies[0]
        }
    }

    private func handle(_ connection: Int32) {
        defer { close(connection) }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        var headerEnd: Int?
        while headerEnd == nil {
            let n = read(connection, &chunk, chunk.count)
            if n <= 0 { return }
            buffer += chunk[0..<n]
            headerEnd = buffer.indices.dropLast(3).first { buffer[$0..<$0 + 4] == [13, 10, 13, 10] }
        }
        let head = String(decoding: buffer[..<headerEnd!], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let contentLength = lines.compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            return parts.count == 2 && parts[0].lowercased() == "content-length"
                ? Int(parts[1].trimmingCharacters(in: .whitespaces)) : nil
        }.first ?? 0
        var body = buffer.count - (headerEnd! + 4)
        while body < contentLength {
            let n = read(connection, &chunk, chunk.count)
            if n <= 0 { return }
            body += n
        }
        switch nextReply(for: lines[0]) {
        case .respond(let status, let headers, let text):
            var response = "HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nContent-Length: \(text.utf8.count)\r\nConnection: close\r\n"
            for (name, value) in headers { response += "\(name): \(value)\r\n" }
            send(connection, response + "\r\n" + text)
        case .stall:
            while read(connection, &chunk, chunk.count) > 0 {}
        case .chunkedThenClose(let text):
            send(connection, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + String(text.utf8.count, radix: 16) + "\r\n" + text + "\r\n")
        }
    }

    private func send(_ connection: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            offset += n
        }
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }
}
