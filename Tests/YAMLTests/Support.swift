import JSON
import Testing
import YAML

/// The error `body` throws, or nil (and a recorded issue) when it does not throw.
func yamlError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> YAMLError? {
    do {
        let value = try YAML.parseDocuments(text)
        Issue.record("expected an error, parsed \(value)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}


/// Strings that break naive emitters: YAML 1.1 keywords, numbers, indicators, whitespace and breaks.
let trickyStrings: [String] = [
    "", " ", "  ", "yes", "No", "ON", "off", "y", "N", "true", "False", "~", "null", "Null", "NULL",
    "1", "-1", "+1", "1.0", "1e3", ".5", "0x1F", "0o17", "017", "0b101", "1_000", ".inf", "-.inf", ".nan",
    "1:20", "2001-12-14", "2001-12-14T21:59:43.10-05:00", "-", "--", "- a", "-a", "--flag=value", "?", "? x",
    ":", ": x", "key:", "a: b", "a:b", "a #b", "a#b", "#", "#x", "'", "''", "\"", "a'b", "a\"b", "\\", "\\n",
    "*", "*a", "&a", "!x", "!!str", "%x", "@x", "`x", "|", ">", "|-", "{a}", "[b]", "{}", "[]", ",", "a,b",
    "<<", "---", "--- x", "...", "... x", "\n", "\n\n", "a\n", "a\n\n", "\na", "\n\na", "a\nb", "a\nb\n",
    " lead", "trail ", " both ", "\t", "x\ty", "\tx", "x\t", " \n", "  \n  ", "a\n  b", "a\n \n", "\n ",
    "x\n\ty", "\ty\nz", " a\nb", "é", "naïve", "日本語", "😀", "a😀b", "\u{85}", "a\u{2028}b", "\u{2029}",
    "\u{FEFF}x", "\0", "a\u{0}b", "\r", "\r\n", "a\rb", "\u{7F}", "\u{9F}", "\u{A0}", "\u{A0}x\u{A0}",
    "\u{1B}[0m", "\u{FFFE}", "multi\nline\ntext\n", "trailing spaces  \nline", "  indented\n  block\n",
    "http://example.com:8080/path?q=1#frag", "app.kubernetes.io/name", "image:tag", "sha256:abc",
    "100m", "1Gi", "0.5", "5e-324", "=", "a=b", "%", "@", "`", "a  b", "a \u{A0} b",
]
