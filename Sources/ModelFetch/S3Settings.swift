public import Curl

/// How to reach S3, read from the standard AWS environment variables.
///
/// - Credentials: `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (both or neither; neither means
///   anonymous requests, for public buckets), `AWS_SESSION_TOKEN` for temporary credentials (sent as
///   the signed `x-amz-security-token` header).
/// - Region: `AWS_REGION`, else `AWS_DEFAULT_REGION`, else `us-east-1`.
/// - Endpoint: `AWS_ENDPOINT_URL_S3`, else `AWS_ENDPOINT_URL` (a custom endpoint such as MinIO,
///   addressed path-style: `ENDPOINT/BUCKET/KEY`); else virtual-hosted AWS,
///   `https://BUCKET.s3.REGION.amazonaws.com/KEY`.
public struct S3Settings: Sendable, Equatable {
    /// The access key id and secret; `nil` for anonymous requests.
    public var credentials: (accessKeyID: String, secretAccessKey: String)?
    /// The session token of temporary credentials.
    public var sessionToken: String?
    /// The region requests are signed for.
    public var region: String
    /// A custom endpoint (scheme, host, optional port and path prefix), addressed path-style.
    public var endpoint: String?

    /// SHA-256 of the empty payload, the `x-amz-content-sha256` of a GET.
    static let emptyPayloadSHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// Reads the settings from `environment`. Throws `.invalidArgument` when only one of the two
    /// key variables is set, or the endpoint is not an http(s) URL.
    public init(environment: [String: String]) throws(FetchError) {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        switch (value("AWS_ACCESS_KEY_ID"), value("AWS_SECRET_ACCESS_KEY")) {
        case (let id?, let secret?): credentials = (id, secret)
        case (nil, nil): credentials = nil
        case (nil, _?): throw .invalidArgument("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
        case (_?, nil): throw .invalidArgument("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        }
        sessionToken = value("AWS_SESSION_TOKEN")
        region = value("AWS_REGION") ?? value("AWS_DEFAULT_REGION") ?? "us-east-1"
        if let endpoint = value("AWS_ENDPOINT_URL_S3") ?? value("AWS_ENDPOINT_URL") {
            let lower = endpoint.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
                throw .invalidArgument("S3 endpoint '\(endpoint)' (AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL) must be an http:// or https:// URL")
            }
            var trimmed = Substring(endpoint)
            while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
            self.endpoint = String(trimmed)
        } else {
            endpoint = nil
        }
    }

    /// The object's URL: path-style on a custom endpoint, virtual-hosted on AWS. The key is
    /// percent-encoded as SigV4 canonicalises it (unreserved characters and `/` kept).
    public func url(bucket: String, key: String) -> String {
        let path = Self.encodeKey(key)
        if let endpoint { return "\(endpoint)/\(Self.encodeKey(bucket))/\(path)" }
        return "https://\(bucket).s3.\(region).amazonaws.com/\(path)"
    }

    /// A GET of the object, signed with SigV4 when there are credentials; `extraHeaders` (e.g. a
    /// `Range`) are signed too.
    public func request(bucket: String, key: String, extraHeaders: [(String, String)] = []) -> HTTPRequest {
        var headers = extraHeaders
        headers.append(("x-amz-content-sha256", Self.emptyPayloadSHA256))
        if let sessionToken { headers.append(("x-amz-security-token", sessionToken)) }
        var request = HTTPRequest(url: url(bucket: bucket, key: key), headers: headers)
        if let credentials {
            request.awsSigV4 = AWSSigV4(
                region: region, service: "s3",
                accessKeyID: credentials.accessKeyID, secretAccessKey: credentials.secretAccessKey)
        }
        return request
    }

    public static func == (lhs: S3Settings, rhs: S3Settings) -> Bool {
        lhs.credentials?.accessKeyID == rhs.credentials?.accessKeyID
            && lhs.credentials?.secretAccessKey == rhs.credentials?.secretAccessKey
            && lhs.sessionToken == rhs.sessionToken && lhs.region == rhs.region && lhs.endpoint == rhs.endpoint
    }

    /// RFC 3986 encoding of every byte but the unreserved characters and `/`, as S3 expects.
    static func encodeKey(_ key: String) -> String {
        var out = ""
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 0xF)])"
            }
        }
        return out
    }

    /// `Code: Message` from an S3 XML error body, or the body's start when it is not one.
    static func errorDetail(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(4096), as: UTF8.self)
        func element(_ name: String) -> String? {
            guard let open = text.range(of: "<\(name)>"),
                  let close = text.range(of: "</\(name)>", range: open.upperBound..<text.endIndex) else { return nil }
            return String(text[open.upperBound..<close.lowerBound])
        }
        switch (element("Code"), element("Message")) {
        case (let code?, let message?): return "\(code): \(message)"
        case (let code?, nil): return code
        default: return HTTPBodySummary.summary(body)
        }
    }
}
