import Testing

@testable import Expressions

@Suite("Lexer")
struct LexerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let id: String
        let source: String
        let kinds: [TokenKind]
        var testDescription: String { id }
    }

    static let cases: [Case] = [
        Case(id: "empty", source: "", kinds: []),
        Case(id: "comparison", source: #"region = "EU""#, kinds: [.identifier, .comparison(.equal), .string]),
        Case(
            id: "every operator", source: "= != < <= > >=",
            kinds: ComparisonOperator.allCases.map { .comparison($0) }),
        Case(
            id: "keywords", source: "and or not in between since attr sku category",
            kinds: Keyword.allCases.map { .keyword($0) }),
        Case(id: "number and decimals", source: "12 12.50", kinds: [.number, .number]),
        Case(id: "negative number", source: "-5", kinds: [.minus, .number]),
        Case(id: "date", source: "2011-02-28", kinds: [.date]),
        Case(id: "window", source: "30 days", kinds: [.number, .identifier]),
        Case(id: "number glued to word", source: "30days", kinds: [.number, .identifier]),
        Case(
            id: "call", source: "count(view, 30 days)",
            kinds: [.identifier, .leftParenthesis, .identifier, .comma, .number, .identifier, .rightParenthesis]),
        Case(
            id: "attr", source: #"attr "loyalty points" >= 10"#,
            kinds: [.keyword(.attr), .string, .comparison(.greaterOrEqual), .number]),
        Case(id: "percent", source: "10%", kinds: [.number, .percent]),
        Case(id: "comment", source: "tier # the ladder\n>= joiner", kinds: [.identifier, .comment, .comparison(.greaterOrEqual), .identifier]),
        Case(id: "escaped quote", source: #""say \"hi\"""#, kinds: [.string]),
        Case(id: "unterminated string", source: "\"EU\nand", kinds: [.string, .keyword(.and)]),
        Case(id: "single quotes", source: "'EU'", kinds: [.string]),
        Case(id: "invalid date", source: "2011-02-30", kinds: [.date]),
        Case(id: "short date", source: "2011-1-1", kinds: [.date]),
        Case(id: "malformed number", source: "1.2.3", kinds: [.number]),
        Case(id: "trailing dot", source: "1.", kinds: [.number]),
        Case(id: "stray characters", source: "a @$ b", kinds: [.identifier, .invalid, .identifier]),
        Case(id: "lone bang", source: "!x", kinds: [.invalid, .identifier]),
        Case(id: "double equals", source: "==", kinds: [.comparison(.equal)]),
        Case(id: "sql not equal", source: "<>", kinds: [.comparison(.notEqual)]),
        Case(id: "upper-case keyword", source: "AND", kinds: [.keyword(.and)]),
        Case(id: "unicode name", source: "région", kinds: [.identifier]),
        Case(id: "days_since", source: "days_since(order)", kinds: [.identifier, .leftParenthesis, .identifier, .rightParenthesis]),
    ]

    @Test("source to token kinds", arguments: cases)
    func kinds(_ testCase: Case) {
        let output = Lexer.tokenize(testCase.source)
        #expect(output.tokens.dropLast().map(\.kind) == testCase.kinds)
        #expect(output.tokens.last?.kind == .endOfInput)
    }

    struct DiagnosticCase: CustomTestStringConvertible, Sendable {
        let id: String
        let source: String
        let diagnosticIDs: [String]
        var testDescription: String { id }
    }

    static let diagnosticCases: [DiagnosticCase] = [
        DiagnosticCase(id: "clean", source: #"count(view, 30 days) > 2 and region = "EU""#, diagnosticIDs: []),
        DiagnosticCase(id: "unterminated", source: "\"EU", diagnosticIDs: ["unterminated-string"]),
        DiagnosticCase(id: "bad escape", source: #""a\nb""#, diagnosticIDs: ["invalid-escape"]),
        DiagnosticCase(id: "single quotes", source: "'EU'", diagnosticIDs: ["single-quoted-string"]),
        DiagnosticCase(id: "invalid date", source: "2011-02-29", diagnosticIDs: ["invalid-date"]),
        DiagnosticCase(id: "leap day", source: "2012-02-29", diagnosticIDs: []),
        DiagnosticCase(id: "misspelled operator", source: "a == 1", diagnosticIDs: ["misspelled-operator"]),
        DiagnosticCase(id: "keyword case", source: "a Or b", diagnosticIDs: ["keyword-case"]),
        DiagnosticCase(id: "run of bad characters", source: "@@@ ;;;", diagnosticIDs: ["unexpected-character", "unexpected-character"]),
        DiagnosticCase(
            id: "long string", source: "\"" + String(repeating: "x", count: Limits.stringLength + 1) + "\"",
            diagnosticIDs: ["string-too-long"]),
        DiagnosticCase(
            id: "longest string", source: "\"" + String(repeating: "x", count: Limits.stringLength) + "\"",
            diagnosticIDs: []),
    ]

    @Test("lexical diagnostics", arguments: diagnosticCases)
    func diagnostics(_ testCase: DiagnosticCase) {
        let output = Lexer.tokenize(testCase.source)
        #expect(output.diagnostics.map(\.id) == testCase.diagnosticIDs)
    }

    @Test("string value resolves escapes")
    func stringValue() {
        let token = Lexer.tokenize(#""a \"b\" \\ c""#).tokens[0]
        #expect(token.stringValue == #"a "b" \ c"#)
    }

    @Test("positions count lines and columns")
    func positions() {
        let tokens = Lexer.tokenize("rule \"x\"\nwhen région = 1").tokens
        let when = tokens[2]
        #expect(when.text == "when")
        #expect(when.range.start == SourceLocation(offset: 9, line: 2, column: 1))
        let equal = tokens[4]
        #expect(equal.range.start.column == 13)
        #expect(equal.range.start.offset == 22)
    }

    @Test("origin shifts positions")
    func origin() {
        let tokens = Lexer.tokenize("a = 1", origin: SourceLocation(offset: 100, line: 7, column: 6)).tokens
        #expect(tokens[2].range.start == SourceLocation(offset: 104, line: 7, column: 10))
    }

    @Test("unterminated string is reported at its quote")
    func unterminatedPosition() {
        let output = Lexer.tokenize("region = \"EU\nand x")
        #expect(output.diagnostics.first?.range.start == SourceLocation(offset: 9, line: 1, column: 10))
        #expect(output.diagnostics.first?.range.end.column == 11)
    }

    @Test("tokens cover every non-space character")
    func coverage() {
        let source = "a@ \"x\" # note\n(1.5, 2011-01-01) != 'q' ¤"
        let tokens = Lexer.tokenize(source).tokens
        var covered = Set<Int>()
        for token in tokens {
            covered.formUnion(token.range.start.offset..<token.range.end.offset)
        }
        var offset = 0
        var uncovered: [Unicode.Scalar] = []
        for scalar in source.unicodeScalars {
            if !scalar.properties.isWhitespace && !covered.contains(offset) {
                uncovered.append(scalar)
            }
            offset += scalar.utf8.count
        }
        #expect(uncovered.isEmpty)
    }
}
