internal import Curl

extension ModelFetcher {
    /// Most bytes of an error response body read for its message.
    static let errorBodyLimit = 64 << 10

    /// One request: from the partial file's end (`Range`) or from byte 0, streaming the body into
    /// `file`. Returns when the body is complete; throws on an error status or a broken transfer,
    /// leaving the bytes received in the partial file for the next attempt.
    func attempt(
        file: DownloadFile, progress: inout Progress, makeRequest: ([(String, String)]) -> HTTPRequest
    ) async throws(FetchError) {
        let offset = file.size
        var headers: [(String, String)] = []
        if offset > 0 {
            headers.append(("Range", "bytes=\(offset)-"))
            if let validator = progress.validator { headers.append(("If-Range", validator)) }
        }
        let request = makeRequest(headers)
        let url = request.url
        let head: HTTPResponseHead
        let body: AsyncThrowingStream<[UInt8], any Error>
        do {
            (head, body) = try await transport.stream(request)
        } catch {
            throw Self.classify(error)
        }

        var expectedTotal: Int?
        switch head.status {
        case 200:
            if offset > 0 {
                logger.notice("the server sent the whole file instead of the requested range; starting over",
                              metadata: ["url": "\(url)", "discarded": "\(offset)"])
                progress.restarts += 1
                try await file.restart()
            }
            progress.validator = Self.validator(head.headers)
            expectedTotal = head.headers["content-length"].flatMap { Int($0) }
        case 206:
            guard let range = head.headers["content-range"].flatMap(ContentRange.init), range.first == offset else {
                try await file.restart()
                throw .protocolViolation(
                    url: url, detail: "asked for bytes \(offset)- but got Content-Range '\(head.headers["content-range"] ?? "")'; starting over")
            }
            progress.resumedAt.append(offset)
            expectedTotal = range.total
            logger.info("resuming", metadata: ["url": "\(url)", "offset": "\(offset)"])
        case 416 where offset > 0:
            // The partial file may already be complete (an earlier run stopped before the rename).
            if let range = head.headers["content-range"].flatMap(ContentRange.init), range.total == offset { return }
            try await file.restart()
            throw .protocolViolation(url: url, detail: "range \(offset)- not satisfiable; starting over")
        default:
            let errorBody = await Self.collect(body, limit: Self.errorBodyLimit)
            let isS3 = request.awsSigV4 != nil || request.headers.contains { $0.0 == "x-amz-content-sha256" }
            let detail = isS3 ? S3Settings.errorDetail(errorBody) : HTTPBodySummary.summary(errorBody)
            throw .http(status: head.status, url: url, detail: detail,
                        retryAfter: RetryPolicy.parseRetryAfter(head.headers["retry-after"]))
        }

        do {
            for try await chunk in body {
                progress.largestChunk = max(progress.largestChunk, chunk.count)
                try await file.append(chunk)
            }
        } catch let error as FetchError {
            throw error
        } catch {
            throw Self.classify(error)
        }
        if Task.isCancelled { throw .cancelled }
        if let expectedTotal, file.size != expectedTotal {
            throw .protocolViolation(url: url, detail: "the body ended after \(file.size) of \(expectedTotal) bytes")
        }
    }

    /// A strong ETag, else Last-Modified: what `If-Range` may carry.
    static func validator(_ headers: HTTPHeaders) -> String? {
        if let etag = headers["etag"], !etag.hasPrefix("W/") { return etag }
        return headers["last-modified"]
    }

    static func classify(_ error: any Error) -> FetchError {
        if let error = error as? TransportError {
            return error.kind == .aborted && Task.isCancelled ? .cancelled : .transport(error)
        }
        if error is CancellationError { return .cancelled }
        return .transport(TransportError(kind: .other, curlCode: 0, message: "\(error)", method: "GET", url: ""))
    }

    /// Up to `limit` bytes of `body`; what a broken body delivered before breaking.
    static func collect(_ body: AsyncThrowingStream<[UInt8], any Error>, limit: Int) async -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            for try await chunk in body {
                bytes += chunk.prefix(limit - bytes.count)
                if bytes.count >= limit { break }
            }
        } catch {}
        return bytes
    }
}
