@testable import MGISTrace
import Testing

@Suite struct HTMLTextTests {
    /// The load report's escaping went by Character, so `"` or `<` followed by a combining mark
    /// (one Character that is neither) went out as it was and could end an attribute. Found by
    /// review after the CSV writer's fuzz finding of the same kind.
    @Test func testMarkupBeforeACombiningMarkIsEscaped() {
        #expect(HTMLText.escape("a\"\u{301} onmouseover=x") == "a&quot;\u{301} onmouseover=x")
        #expect(HTMLText.escape("<\u{308}b>'&") == "&lt;\u{308}b&gt;&#39;&amp;")
        #expect(HTMLText.escape("plain") == "plain")
    }
}
