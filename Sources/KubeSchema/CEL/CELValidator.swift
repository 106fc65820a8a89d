public import JSON
import Synchronization

/// Evaluates the `x-kubernetes-validations` rules of a structural schema against an object, the way
/// kube-apiserver does for custom resources.
///
/// Like kube-apiserver, call this only when schema validation found no blocking error: when the schema
/// `hasRules`, ask `rulesNotCheckedError(for:)` first and, when it returns a cause, append that cause
/// instead of running the rules (09-crd.json: the `<nil>` "some validation rules were not checked"
/// cause). Non-blocking schema errors (e.g. a `minimum` violation, FieldValueInvalid) do not stop the
/// rules: their errors are reported together with the CEL errors.
public enum CELValidator {
    private static let cache = Mutex<[String: Result<CELProgram, CELError>]>([:])
    private static let cacheLimit = 4096

    /// The detail of the cause kube-apiserver adds when rules were skipped.
    public static let rulesNotCheckedDetail =
        "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"

    /// `<nil>: Invalid value: null: some validation rules were not checked ...` when `schemaErrors`
    /// contains an error that blocks CEL (Unsupported value, Required value, Too long, Too many, or a
    /// type error); nil when the rules should run.
    public static func rulesNotCheckedError(for schemaErrors: [FieldError]) -> FieldError? {
        let blocking: Set<FieldError.ErrorType> = [.notSupported, .required, .tooLong, .tooMany, .typeInvalid]
        guard schemaErrors.contains(where: { blocking.contains($0.type) }) else { return nil }
        return FieldError(.invalid, field: "", badValue: .null, detail: rulesNotCheckedDetail)
    }

    /// Whether any node of `schema` carries `x-kubernetes-validations`. kube-apiserver has no CEL
    /// validator for a schema without rules, so it then adds no "not checked" cause either.
    public static func hasRules(_ schema: StructuralSchema) -> Bool {
        if !schema.validations.isEmpty { return true }
        if let items = schema.items, hasRules(items) { return true }
        if let values = schema.additionalProperties, hasRules(values) { return true }
        return schema.properties.values.contains { hasRules($0) }
    }

    /// The compiled program of `rule`, cached by its text.
    public static func program(_ rule: String) throws(CELError) -> CELProgram {
        if let cached = cache.withLock({ $0[rule] }) { return try cached.get() }
        let result: Result<CELProgram, CELError>
        do { result = .success(try CELProgram.compile(rule)) } catch { result = .failure(error) }
        cache.withLock { cache in
            if cache.count >= cacheLimit { cache.removeAll() }
            cache[rule] = result
        }
        return try result.get()
    }

    /// Every failing rule of `schema` (at any depth) for `new`, with `old` the previous object on update
    /// (nil on create). Rules run at each node present in `new` (not null), parent before children;
    /// transition rules (those mentioning `oldSelf`) run only where an old value correlates (same
    /// property or map key; list-type map items by key, set items by value; never atomic list items),
    /// unless the rule sets `optionalOldSelf`. A false rule is reported at the node's path plus its
    /// `fieldPath`, with `message` (or `failed rule: <rule>`) and the type its `reason` names (default
    /// FieldValueInvalid, value omitted); an evaluation error is a FieldValueInvalid at the node with
    /// kube-apiserver's wording. `path` is the path of `new` itself ("" for a resource root).
    public static func validate(new: JSONValue, old: JSONValue?, schema: StructuralSchema, path: String = "") -> [FieldError] {
        var errors: [FieldError] = []
        let normalizedOld = old.map { normalize($0, schema) }
        walk(normalize(new, schema), normalizedOld, schema, path, &errors)
        return errors
    }

    /// Integers of `number` fields become doubles and integral doubles of `integer` fields become ints,
    /// so values have the CEL type their schema declares.
    static func normalize(_ value: JSONValue, _ s: StructuralSchema) -> JSONValue {
        switch value {
        case .int(let i) where s.type == "number": return .double(Double(i))
        case .double(let d) where s.type == "integer" || s.intOrString:
            if let i = Int64(exactly: d) { return .int(i) }
            return value
        case .object(let o):
            guard !s.properties.isEmpty || s.additionalProperties != nil else { return value }
            return .object(JSONObject(o.map { key, v in
                guard let child = s.properties[key] ?? s.additionalProperties else { return (key, v) }
                return (key, normalize(v, child))
            }))
        case .array(let a):
            guard let items = s.items else { return value }
            return .array(a.map { normalize($0, items) })
        default:
            return value
        }
    }

    private static func walk(_ value: JSONValue, _ old: JSONValue?, _ s: StructuralSchema, _ path: String, _ errors: inout [FieldError]) {
        if value.isNull { return }
        for rule in s.validations { evaluate(rule, value, old, s, path, &errors) }
        switch value {
        case .object(let object):
            for name in s.propertyNames {
                guard let v = object[name], let property = s.properties[name] else { continue }
                walk(v, old?[name], property, SchemaValidator.child(path, name), &errors)
            }
            if let additional = s.additionalProperties {
                for (key, v) in object where s.properties[key] == nil {
                    walk(v, old?[key], additional, "\(path)[\(key)]", &errors)
                }
            }
        case .array(let array):
            guard let items = s.items else { return }
            let oldArray = old?.arrayValue
            for (i, v) in array.enumerated() {
                walk(v, correlate(v, in: oldArray, s), items, "\(path)[\(i)]", &errors)
            }
        default:
            return
        }
    }

    private static func correlate(_ item: JSONValue, in old: [JSONValue]?, _ s: StructuralSchema) -> JSONValue? {
        guard let old else { return nil }
        switch s.listType {
        case "set": return old.first { $0 == item }
        case "map":
            guard !s.listMapKeys.isEmpty else { return nil }
            return old.first { candidate in s.listMapKeys.allSatisfy { candidate[$0] == item[$0] } }
        default: return nil
        }
    }

    private static func evaluate(_ rule: StructuralSchema.ValidationRule, _ value: JSONValue, _ old: JSONValue?, _ s: StructuralSchema, _ path: String, _ errors: inout [FieldError]) {
        let errorString = ruleErrorString(rule)
        let typeValue = JSONValue.string(s.type ?? "")
        let program: CELProgram
        do { program = try CELValidator.program(rule.rule) } catch {
            errors.append(.internal(path, "rule compiler initialization error: \(error) for rule: \(errorString)"))
            return
        }
        if program.referencesOldSelf && old == nil && !rule.optionalOldSelf { return }
        let result: JSONValue
        do {
            result = try program.evaluate(self: value, oldSelf: old, optionalOldSelf: rule.optionalOldSelf)
        } catch CELError.evaluation("no such overload") {
            errors.append(.invalid(path, typeValue,
                "'no such overload': call arguments did not match a supported operator, function or macro signature for rule: \(errorString)"))
            return
        } catch {
            errors.append(.invalid(path, typeValue, "\(error) evaluating rule: \(errorString)"))
            return
        }
        guard case .bool(let passed) = result else {
            errors.append(.invalid(path, typeValue, "rule did not evaluate to a bool: \(errorString)"))
            return
        }
        if passed { return }
        var detail = ruleMessageOrDefault(rule)
        if let expression = rule.messageExpression,
            let message = try? CELValidator.program(expression).evaluate(self: value, oldSelf: old, optionalOldSelf: rule.optionalOldSelf),
            case .string(let text) = message, !text.trimmingSpaces.isEmpty, !text.contains("\n")
        {
            detail = text.trimmingSpaces
        }
        let fieldPath = rule.fieldPath.flatMap { appendFieldPath(path, $0) } ?? path
        switch rule.reason {
        case "FieldValueForbidden": errors.append(.forbidden(fieldPath, detail))
        case "FieldValueRequired": errors.append(.required(fieldPath, detail))
        case "FieldValueDuplicate": errors.append(.duplicate(fieldPath, nil))
        default: errors.append(.invalid(fieldPath, nil, detail))
        }
    }

    private static func ruleErrorString(_ rule: StructuralSchema.ValidationRule) -> String {
        if let message = rule.message, !message.trimmingSpaces.isEmpty { return message.trimmingSpaces }
        return rule.rule.trimmingSpaces
    }

    private static func ruleMessageOrDefault(_ rule: StructuralSchema.ValidationRule) -> String {
        if let message = rule.message, !message.isEmpty { return message.trimmingSpaces }
        return "failed rule: \(ruleErrorString(rule))"
    }

    /// `path` extended by a rule's `fieldPath` (`.a.b`, `['k']`, `[0]`), printed as a Kubernetes field
    /// path (`spec.a.b`, `spec[k]`); nil when `fieldPath` is malformed.
    static func appendFieldPath(_ path: String, _ fieldPath: String) -> String? {
        var out = path
        var rest = Substring(fieldPath)
        while !rest.isEmpty {
            if rest.first == "." {
                rest = rest.dropFirst()
                let name = rest.prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { return nil }
                out = SchemaValidator.child(out, String(name))
                rest = rest.dropFirst(name.count)
            } else if rest.hasPrefix("['") || rest.hasPrefix("[\"") {
                let quote = rest.dropFirst().first!
                rest = rest.dropFirst(2)
                guard let end = rest.firstIndex(of: quote), rest[rest.index(after: end)...].first == "]" else { return nil }
                out += "[\(rest[..<end])]"
                rest = rest[rest.index(end, offsetBy: 2)...]
            } else if rest.first == "[" {
                rest = rest.dropFirst()
                let digits = rest.prefix { $0.isNumber }
                guard !digits.isEmpty, rest.dropFirst(digits.count).first == "]" else { return nil }
                out += "[\(digits)]"
                rest = rest.dropFirst(digits.count + 1)
            } else {
                return nil
            }
        }
        return out
    }
}

extension String {
    /// Go's `strings.TrimSpace` for the ASCII/Unicode whitespace that matters here.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
