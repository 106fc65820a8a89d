import JSON

/// Decodes `Decodable` types from YAML text, with Kubernetes' reading rules (see `YAML`) and
/// `JSONValueDecoder`'s strict type rules.
///
/// Syntax errors are thrown as `YAMLError`; values that do not fit the type as `YAMLDecodingError`
/// naming the field path and its line and column. Errors thrown by a type's own `init(from:)` that are
/// not `DecodingError`s pass through unchanged.
public struct YAMLDecoder: Sendable {
    /// Passed to `Decoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]
    /// Node and depth limits for parsing.
    public var limits: YAMLLimits

    /// A decoder passing `userInfo` to decoded types and parsing within `limits`.
    public init(userInfo: [CodingUserInfoKey: any Sendable] = [:], limits: YAMLLimits = .default) {
        self.userInfo = userInfo
        self.limits = limits
    }

    /// `T` decoded from the single document in `text` (an empty text decodes from `null`).
    public func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try decode(type, from: try YAML.parseWithPositions(text, limits: limits))
    }

    /// `T` decoded from an already parsed document; decoding errors use its positions.
    public func decode<T: Decodable>(_ type: T.Type, from document: YAMLDocument) throws -> T {
        do {
            return try JSONValueDecoder(userInfo: userInfo).decode(type, from: document.value)
        } catch let error as DecodingError {
            throw Self.describe(error, in: document)
        }
    }

    /// The `YAMLDecodingError` for a `DecodingError` raised while decoding `document`.
    static func describe(_ error: DecodingError, in document: YAMLDocument) -> YAMLDecodingError {
        let codingPath: [any CodingKey]
        let message: String
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            codingPath = context.codingPath
            message = context.debugDescription
        case .keyNotFound(let key, let context):
            codingPath = context.codingPath
            message = context.debugDescription.isEmpty
                ? "missing required field \"\(key.stringValue)\"" : context.debugDescription
        @unknown default:
            codingPath = []
            message = String(describing: error)
        }
        let path = yamlPath(codingPath, in: document.value)
        return YAMLDecodingError(path: path, message: message, mark: document.position(of: path))
    }

    /// A coding path as a document path: a key with an `intValue` is an array index where the value at
    /// that point is an array, an object key otherwise.
    static func yamlPath(_ codingPath: [any CodingKey], in root: JSONValue) -> YAMLPath {
        var components: [YAMLPath.Component] = []
        var current: JSONValue? = root
        for key in codingPath {
            switch current {
            case .array(let items)?:
                if let index = key.intValue {
                    components.append(.index(index))
                    current = items.indices.contains(index) ? items[index] : nil
                    continue
                }
            case .object(let members)?:
                components.append(.key(key.stringValue))
                current = members[key.stringValue]
                continue
            default:
                break
            }
            if let index = key.intValue, key.stringValue == "Index \(index)" {
                components.append(.index(index))
            } else {
                components.append(.key(key.stringValue))
            }
            current = nil
        }
        return YAMLPath(components)
    }
}
