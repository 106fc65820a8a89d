@testable import KubeSchema
import Testing

@Suite struct GoRegexTests {
    @Test(arguments: [
        ("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "my-name", true), ("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "-x", false),
        ("b+", "abc", true), ("^abc$", "abc\n", false), ("(?m)^abc$", "x\nabc\ny", true),
        ("(?P<word>\\w+)", "hi", true), ("a{", "a{", true), ("x{,3}", "x{,3}", true), ("^a{2,3}$", "aaa", true),
        ("[[]", "[", true), ("[]a]", "]", true), ("[^]a]", "b", true), ("[a&&b]", "&", true), ("\\$", "$", true),
        ("[[:digit:]]+", "42", true), ("\\pL", "é", true), ("(?i)ABC", "abc", true),
    ])
    func matchesLikeGo(pattern: String, text: String, expected: Bool) throws {
        #expect(try GoRegex(pattern).matches(text) == expected)
    }

    @Test(arguments: ["(?=a)", "(?!a)", "(?<=a)", "(?<!a)", "(a)\\1", "a++", "a*+", "(?>a)", "[a", "\\Z", "a\\"])
    func rejectsWhatRE2Rejects(pattern: String) {
        #expect(throws: GoRegex.CompileError.self) { try GoRegex(pattern) }
    }
}
