import Testing

@testable import Expressions

@Suite("Diagnostic renderer")
struct DiagnosticRendererTests {
    @Test("shows place, line, caret and help")
    func rendersOne() throws {
        let source = "# lapsed\nwhen count(reveiw) > 0"
        let diagnostic = Diagnostic(
            .unknownKind("reveiw", function: "count", suggestion: "review", allowed: ["view", "review", "any"]),
            at: SourceRange(
                start: SourceLocation(offset: 20, line: 2, column: 12), end: SourceLocation(offset: 26, line: 2, column: 18)))
        let text = DiagnosticRenderer(sourceName: "rules/lapsed.rule", source: source).render(diagnostic)
        #expect(
            text == """
                error[unknown-kind]: unknown event kind 'reveiw' in count
                 --> rules/lapsed.rule:2:12
                  |
                2 | when count(reveiw) > 0
                  |            ^^^^^^
                help: did you mean 'review'? expected one of: view, review, any

                """)
    }

    @Test("renders a problem given by its parts")
    func rendersParts() {
        let source = "rule \"Kin\"\nwhen tier >= joiner"
        let range = SourceRange(
            start: SourceLocation(offset: 5, line: 1, column: 6), end: SourceLocation(offset: 10, line: 1, column: 11))
        let text = DiagnosticRenderer(sourceName: "kin.rule", source: source).render(
            severity: .warning, id: "invalid-name", message: "invalid rule name", help: nil, at: range)
        #expect(text == "warning[invalid-name]: invalid rule name\n --> kin.rule:1:6\n  |\n1 | rule \"Kin\"\n  |      ^^^^^\n")
    }

    @Test("an unclosed string points at its quote")
    func unclosedString() {
        let source = "region = \"EU"
        let output = Checker.check(source, catalog: testCatalog)
        let text = DiagnosticRenderer(sourceName: "--where", source: source).render(output.diagnostics)
        #expect(text.contains(" --> --where:1:10\n"))
        #expect(text.contains("1 | region = \"EU\n  |          ^\n"))
    }

    @Test("a caret at the end of input sits after the text")
    func endOfInput() {
        let source = "tier >= joiner and"
        let output = Checker.check(source, catalog: testCatalog)
        let text = DiagnosticRenderer(sourceName: "--where", source: source).render(output.diagnostics)
        #expect(text.contains("1 | tier >= joiner and\n  |                   ^\n"))
    }

    @Test("tabs in the line keep the caret aligned")
    func tabs() {
        let source = "\tregon = \"EU\""
        let output = Checker.check(source, catalog: testCatalog)
        let text = DiagnosticRenderer(sourceName: "x", source: source).render(output.diagnostics)
        #expect(text.contains("  | \t^^^^^\n"))
    }

    @Test("wide characters move the caret by their width")
    func wideCharacters() {
        let source = "region = \"漢字\" and regon = \"x\""
        let output = Checker.check(source, catalog: testCatalog)
        let text = DiagnosticRenderer(sourceName: "x", source: source).render(output.diagnostics)
        #expect(text.contains("  |                     ^^^^^\n"))
    }

    @Test("CRLF lines drop the carriage return")
    func crlf() {
        let source = "tier >= joiner\r\nand regon = \"EU\""
        let output = Checker.check(source, catalog: testCatalog)
        let text = DiagnosticRenderer(sourceName: "x", source: source).render(output.diagnostics)
        #expect(text.contains("2 | and regon = \"EU\"\n  |     ^^^^^\n"))
    }
}
