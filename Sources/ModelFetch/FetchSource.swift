internal import Foundation

/// Where a model comes from, parsed from a URI.
public enum FetchSource: Sendable, Equatable {
    /// A local file (`file:///absolute/path`), copied.
    case file(path: String)
    /// An `http://` or `https://` URL, downloaded as given.
    case http(url: String)
    /// An S3 object (`s3://bucket/key`); endpoint, region and credentials come from the AWS
    /// environment variables (see `S3Settings`).
    case s3(bucket: String, key: String)

    /// Parses `uri`. Throws `.invalidArgument` naming the problem for an unknown scheme, an empty
    /// path, a `file://` URI with a host, or an `s3://` URI without a bucket or key.
    public init(parsing uri: String) throws(FetchError) {
        guard let schemeEnd = uri.range(of: "://") else {
            throw .invalidArgument("'\(uri)' is not a URI: expected file://, http://, https:// or s3://")
        }
        let scheme = uri[..<schemeEnd.lowerBound].lowercased()
        let rest = String(uri[schemeEnd.upperBound...])
        switch scheme {
        case "file":
            guard rest.hasPrefix("/") else {
                throw .invalidArgument("'\(uri)': a file URI needs an absolute path (file:///path/to/model.onnx)")
            }
            guard let path = rest.removingPercentEncoding, path != "/" else {
                throw .invalidArgument("'\(uri)': malformed percent-encoding in the path")
            }
            self = .file(path: path)
        case "http", "https":
            guard !rest.prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" }).isEmpty else {
                throw .invalidArgument("'\(uri)': the URL has no host")
            }
            self = .http(url: uri)
        case "s3":
            let parts = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            guard let bucket = parts.first, !bucket.isEmpty else {
                throw .invalidArgument("'\(uri)': an S3 URI needs a bucket (s3://bucket/key)")
            }
            guard parts.count == 2, !parts[1].isEmpty, !parts[1].hasSuffix("/") else {
                throw .invalidArgument("'\(uri)': an S3 URI needs an object key (s3://bucket/key), not a prefix")
            }
            self = .s3(bucket: String(bucket), key: String(parts[1]))
        default:
            throw .invalidArgument("'\(uri)': unsupported scheme '\(scheme)': expected file, http, https or s3")
        }
    }

    /// The last path component, used as the file name when none is given (query and fragment
    /// removed, percent-decoded); `nil` when the URI ends without one.
    public var defaultFileName: String? {
        let path: String
        switch self {
        case .file(let value): path = value
        case .http(let url):
            let afterScheme = url.range(of: "://").map { String(url[$0.upperBound...]) } ?? url
            let withoutQuery = afterScheme.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            guard let slash = withoutQuery.firstIndex(of: "/") else { return nil }
            path = String(withoutQuery[slash...]).removingPercentEncoding ?? String(withoutQuery[slash...])
        case .s3(_, let key): path = key
        }
        guard let last = path.split(separator: "/").last, !path.hasSuffix("/") else { return nil }
        let name = String(last)
        return name == "." || name == ".." ? nil : name
    }
}
