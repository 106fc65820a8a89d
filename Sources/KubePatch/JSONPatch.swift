public import JSON

/// JSON Patch (RFC 6902), the `application/json-patch+json` patch type.
public enum JSONPatch {
    /// One decoded operation. Fields are kept as sent so that application can report what was wrong with them.
    public struct Operation: Sendable, Hashable {
        /// `add`, `remove`, `replace`, `move`, `copy` or `test`; empty when the member was missing or `null`.
        public var op: String
        /// The target JSON Pointer text; nil when missing or `null`.
        public var path: String?
        /// The source JSON Pointer text of `move` and `copy`; nil when missing or `null`.
        public var from: String?
        /// The operand of `add`, `replace` and `test`; nil when the member is absent (a JSON `null` is `.null`).
        public var value: JSONValue?

        public init(op: String, path: String?, from: String? = nil, value: JSONValue? = nil) {
            self.op = op
            self.path = path
            self.from = from
            self.value = value
        }
    }

    /// Decodes a request body into operations the way kube-apiserver does. The body must be an array (or
    /// `null`, which is no operations); each element an object (or `null`, an empty operation) whose `op`,
    /// `path` and `from` are strings or `null`. Unknown members are ignored (RFC 6902 section 4). Failures are
    /// `.malformed` with kube-apiserver's message, e.g. `error decoding patch: json: cannot unmarshal object
    /// into Go value of type []handlers.jsonPatchOp`.
    public static func decode(_ body: JSONValue) throws(PatchError) -> [Operation] {
        let elements: [JSONValue]
        switch body {
        case .null: return []
        case .array(let array): elements = array
        default: throw decodeError("cannot unmarshal \(body.goTypeName) into Go value of type []handlers.jsonPatchOp")
        }
        var operations: [Operation] = []
        operations.reserveCapacity(elements.count)
        for element in elements {
            switch element {
            case .null:
                operations.append(Operation(op: "", path: nil))
            case .object(let object):
                func string(_ name: String) throws(PatchError) -> String? {
                    switch object[name] {
                    case nil, .null?: return nil
                    case .string(let s)?: return s
                    case let other?:
                        throw decodeError("cannot unmarshal \(other.goTypeName) into Go struct field jsonPatchOp.\(name) of type string")
                    }
                }
                operations.append(Operation(op: try string("op") ?? "", path: try string("path"), from: try string("from"), value: object["value"]))
            default:
                throw decodeError("cannot unmarshal \(element.goTypeName) into Go value of type handlers.jsonPatchOp")
            }
        }
        return operations
    }

    /// Decodes `operations` (see `decode`) and applies them (see `apply(operations:to:)`).
    public static func apply(_ operations: JSONValue, to document: JSONValue) throws(PatchError) -> JSONValue {
        try apply(operations: decode(operations), to: document)
    }

    /// Applies the operations in order to a copy of `document` and returns the result; all or nothing.
    ///
    /// RFC 6902 semantics: `add` sets an object member or inserts into an array (index `0...count`, or `-` to
    /// append), its parent must exist; `remove`/`replace` need an existing target; `move` may not move a value
    /// into its own child; `copy` deep-copies; `test` compares with JSON equality (numbers by value, objects
    /// ignoring member order). The empty pointer is the whole document. Array indices must be canonical
    /// (no leading zeros). A failure throws `.invalid` naming the operation index, op and path, with
    /// `hidesMessageOnWire` set, since kube-apiserver answers such failures with a generic 422.
    public static func apply(operations: [Operation], to document: JSONValue) throws(PatchError) -> JSONValue {
        var result = document
        for (index, operation) in operations.enumerated() {
            do throws(Failure) {
                result = try operation.apply(to: result)
            } catch {
                throw PatchError(
                    kind: .invalid, message: error.message, operationIndex: index, operation: operation.op,
                    path: operation.path, hidesMessageOnWire: true)
            }
        }
        return result
    }

    private static func decodeError(_ detail: String) -> PatchError {
        PatchError(kind: .malformed, message: "error decoding patch: json: \(detail)")
    }

    /// Why one operation failed, before the operation context is attached.
    struct Failure: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }
}
