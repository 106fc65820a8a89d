/// Kubernetes name and label syntax checks (k8s.io/apimachinery/pkg/util/validation), returning
/// kube-apiserver's wording for the first problem, or nil when the value is valid.
enum NameValidation {
    private static func isLowerAlnum(_ c: Character) -> Bool { c.isASCII && (c.isLowercase || c.isNumber) }
    private static func isAlnum(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }

    private static func isDNSLabel(_ s: Substring) -> Bool {
        guard let first = s.first, let last = s.last, isLowerAlnum(first), isLowerAlnum(last) else { return false }
        return s.allSatisfy { isLowerAlnum($0) || $0 == "-" }
    }

    static let subdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    static let labelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
    static let dns1035Message = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"

    /// RFC 1123 subdomain: most object names.
    static func subdomainProblems(_ name: String) -> [String] {
        var problems: [String] = []
        if name.count > 253 { problems.append("must be no more than 253 characters") }
        if name.isEmpty || !name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isDNSLabel) {
            problems.append(subdomainMessage)
        }
        return problems
    }

    /// RFC 1123 label: namespace names.
    static func labelProblems(_ name: String) -> [String] {
        var problems: [String] = []
        if name.count > 63 { problems.append("must be no more than 63 characters") }
        if !isDNSLabel(Substring(name)) { problems.append(labelMessage) }
        return problems
    }

    /// RFC 1035 label: Service names.
    static func dns1035Problems(_ name: String) -> [String] {
        var problems: [String] = []
        if name.count > 63 { problems.append("must be no more than 63 characters") }
        if !isDNSLabel(Substring(name)) || !(name.first?.isLetter ?? false) { problems.append(dns1035Message) }
        return problems
    }

    static let qualifiedNameMessage = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"

    private static func isQualifiedNamePart(_ s: Substring) -> Bool {
        guard let first = s.first, let last = s.last, isAlnum(first), isAlnum(last) else { return false }
        return s.allSatisfy { isAlnum($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    /// A label or annotation key: `[prefix/]name`.
    static func qualifiedNameProblem(_ key: String) -> String? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        let name: Substring
        switch parts.count {
        case 1: name = parts[0]
        case 2:
            if parts[0].isEmpty { return "prefix part must be non-empty" }
            if let p = subdomainProblems(String(parts[0])).first { return "prefix part \(p)" }
            name = parts[1]
        default:
            return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        }
        if name.isEmpty { return "name part must be non-empty" }
        if name.count > 63 { return "name part must be no more than 63 characters" }
        if !isQualifiedNamePart(name) { return qualifiedNameMessage }
        return nil
    }

    /// A label value: empty, or up to 63 characters of the qualified-name alphabet.
    static func labelValueProblem(_ value: String) -> String? {
        if value.isEmpty { return nil }
        if value.count > 63 { return "must be no more than 63 characters" }
        if !isQualifiedNamePart(Substring(value)) {
            return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
        }
        return nil
    }
}
