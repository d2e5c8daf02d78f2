import Expressions
import Testing

@testable import Rules

@Suite("Rule parser")
struct RuleParserTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let id: String
        let source: String
        let expected: [String]
        var testDescription: String { id }

        init(_ id: String, _ source: String, _ expected: [String]) {
            self.id = id
            self.source = source
            self.expected = expected
        }
    }

    // MARK: Constructs

    @Test("every construct of a full rule")
    func fullRule() throws {
        let source = """
            # Kin owners: a free phone if they see their contract through
            rule "kin-upgrade"
            when bought(sku "KIN-ONE") and tier >= joiner
             and not bought(category "Windows Phone", 30 days)   # not a recent upgrade
            then offer "free-phone" value 199.00 cost 45.00
            valid 10 days
            holdout 34.53%

            """
        let output = RuleParser.parse(source)
        #expect(output.diagnostics.isEmpty)
        let syntax = output.syntax
        #expect(syntax.name == "kin-upgrade")
        #expect(syntax.nameRange?.start.description == "2:6")
        #expect(syntax.action == .offer(name: "free-phone", value: Money(cents: 19_900), cost: Money(cents: 4_500)))
        #expect(syntax.validDays == 10)
        #expect(syntax.holdout == Percentage(basisPoints: 3_453))
        #expect(syntax.clauses.map(\.kind) == [.when, .then, .valid, .holdout])
        #expect(syntax.clause(.when)?.range.end.line == 4)
        #expect(syntax.condition?.range.start.description == "3:6")
        #expect(syntax.condition?.range.end.description == "4:51")
    }

    @Test("flag rule without holdout")
    func flagRule() {
        let output = RuleParser.parse("rule \"care\"\nwhen spend(30 days) < 0\nthen flag \"call-back\"\nvalid 7 days\n")
        #expect(output.diagnostics.isEmpty)
        #expect(output.syntax.action == .flag(name: "call-back"))
        #expect(output.syntax.holdout == nil)
        #expect(output.syntax.validDays == 7)
    }

    @Test("clauses in any order")
    func anyOrder() {
        let output = RuleParser.parse("rule \"r\" holdout 5% valid 2 weeks then flag \"f\" when tier = none")
        #expect(output.diagnostics.isEmpty)
        #expect(output.syntax.clauses.map(\.kind) == [.holdout, .valid, .then, .when])
        #expect(output.syntax.validDays == 14)
        #expect(output.syntax.holdout == Percentage(basisPoints: 500))
        #expect(output.syntax.condition != nil)
    }

    struct ValueCase: CustomTestStringConvertible, Sendable {
        let id: String
        let line: Int
        let text: String
        let check: @Sendable (RuleSyntax) -> Bool
        var testDescription: String { id }
    }

    static let valueCases: [ValueCase] = [
        ValueCase(id: "whole amount", line: 3, text: #"then offer "gift" value 10 cost 0"#) {
            $0.action == .offer(name: "gift", value: Money(cents: 1_000), cost: Money(cents: 0))
        },
        ValueCase(id: "amount with one decimal", line: 3, text: #"then offer "gift" value 10.5 cost 4.25"#) {
            $0.action == .offer(name: "gift", value: Money(cents: 1_050), cost: Money(cents: 425))
        },
        ValueCase(id: "amount at the limit", line: 3, text: #"then offer "gift" value 1000000.00 cost 1"#) {
            $0.action == .offer(name: "gift", value: Money(cents: 100_000_000), cost: Money(cents: 100))
        },
        ValueCase(id: "trailing zero decimals", line: 3, text: #"then offer "gift" value 10.500 cost 1"#) {
            $0.action == .offer(name: "gift", value: Money(cents: 1_050), cost: Money(cents: 100))
        },
        ValueCase(id: "one day", line: 4, text: "valid 1 day") { $0.validDays == 1 },
        ValueCase(id: "weeks", line: 4, text: "valid 3 weeks") { $0.validDays == 21 },
        ValueCase(id: "valid at the limit", line: 4, text: "valid 366 days") { $0.validDays == 366 },
        ValueCase(id: "zero holdout", line: 5, text: "holdout 0%") { $0.holdout == .zero },
        ValueCase(id: "holdout one decimal", line: 5, text: "holdout 12.5%") { $0.holdout?.basisPoints == 1_250 },
        ValueCase(id: "holdout smallest step", line: 5, text: "holdout 0.01%") { $0.holdout?.basisPoints == 1 },
        ValueCase(id: "holdout with a space", line: 5, text: "holdout 25 %") { $0.holdout?.basisPoints == 2_500 },
        ValueCase(id: "no holdout", line: 5, text: "") { $0.holdout == nil },
        ValueCase(id: "name of digits", line: 1, text: #"rule "2012-q2""#) { $0.name == "2012-q2" },
        ValueCase(id: "longest name", line: 1, text: "rule \"\(String(repeating: "a", count: 63))\"") {
            $0.name?.count == 63
        },
        ValueCase(id: "comment between clauses", line: 4, text: "# runs a month\nvalid 30 days # from publishing") {
            $0.validDays == 30
        },
    ]

    @Test("values of clauses", arguments: valueCases)
    func values(_ testCase: ValueCase) {
        let output = RuleParser.parse(SampleRule.replacing(testCase.line, with: testCase.text))
        #expect(positioned(output.diagnostics) == [])
        #expect(testCase.check(output.syntax))
    }

    @Test("CRLF line endings keep positions")
    func crlf() {
        let output = RuleParser.parse(SampleRule.text.replacingOccurrences(of: "\n", with: "\r\n") + "holdout 5%\r\n")
        #expect(positioned(output.diagnostics) == ["duplicate-clause@6:1"])
    }

    @Test("percentages print as written")
    func percentageText() {
        #expect(Percentage(basisPoints: 3_453).description == "34.53%")
        #expect(Percentage(basisPoints: 1_250).description == "12.5%")
        #expect(Percentage(basisPoints: 1_000).description == "10%")
        #expect(Percentage(basisPoints: 5).description == "0.05%")
        #expect(Percentage.zero.description == "0%")
        #expect(Percentage.all.description == "100%")
    }

    // MARK: Diagnostics

    static let fileCases: [Case] = [
        Case("empty file", "", ["empty-rule-file@1:1"]),
        Case("comment only", "# nothing yet\n", ["empty-rule-file@2:1"]),
        Case("no rule line", SampleRule.replacing(1, with: ""), ["expected-rule@2:1"]),
        Case("rule without name", SampleRule.replacing(1, with: "rule"), ["expected-name@2:1"]),
        Case("unquoted rule name", SampleRule.replacing(1, with: "rule kin-upgrade"), ["unquoted-name@1:6"]),
        Case("single-quoted rule name", SampleRule.replacing(1, with: "rule 'r1'"), ["single-quoted-string@1:6"]),
        Case("invalid rule name", SampleRule.replacing(1, with: #"rule "Kin Upgrade""#), ["invalid-name@1:6"]),
        Case("empty rule name", SampleRule.replacing(1, with: #"rule """#), ["invalid-name@1:6"]),
        Case("name with leading hyphen", SampleRule.replacing(1, with: #"rule "-r1""#), ["invalid-name@1:6"]),
        Case(
            "name too long", SampleRule.replacing(1, with: "rule \"\(String(repeating: "a", count: 64))\""),
            ["invalid-name@1:6"]),
        Case("name with accent", SampleRule.replacing(1, with: #"rule "café""#), ["invalid-name@1:6"]),
        Case("second rule", SampleRule.replacing(5, with: "holdout 10%\nrule \"r2\"\nwhen tier = none"), ["second-rule@6:1"]),
        Case("unknown clause", SampleRule.replacing(5, with: "hodout 10%"), ["unknown-clause@5:1"]),
        Case("word after a clause", SampleRule.replacing(4, with: "valid 30 days please"), ["unexpected-in-rule@4:15"]),
        Case("word after the name", SampleRule.replacing(1, with: #"rule "r1" now"#), ["unexpected-in-rule@1:11"]),
        Case("duplicate clause", SampleRule.replacing(5, with: "valid 10 days"), ["duplicate-clause@5:1"]),
        Case("missing clauses", "rule \"r1\"\nholdout 10%\n", ["missing-clause@1:1"]),
        Case("missing then", SampleRule.replacing(3, with: #"offer "gift" value 10.00 cost 4.00"#), ["missing-then@3:1"]),
        Case("upper-case clause word", SampleRule.replacing(2, with: "WHEN tier >= joiner"), ["rule-word-case@2:1"]),
        Case(
            "capitalised then", SampleRule.replacing(3, with: #"Then offer "gift" value 10.00 cost 4.00"#),
            ["rule-word-case@3:1"]),
        Case("stray character", SampleRule.replacing(4, with: "valid 30 days;"), ["unexpected-character@4:14"]),
        Case("file too large", String(repeating: "#", count: RuleLimits.fileBytes + 1), ["rule-file-too-large@1:1"]),
    ]

    static let actionCases: [Case] = [
        Case("unknown action", SampleRule.replacing(3, with: #"then gift "x""#), ["expected-action@3:6"]),
        Case("misspelled action", SampleRule.replacing(3, with: #"then ofer "gift" value 1 cost 1"#), ["expected-action@3:6"]),
        Case("missing value word", SampleRule.replacing(3, with: #"then offer "gift" 10.00 cost 4.00"#), ["expected-word@3:19"]),
        Case("missing cost word", SampleRule.replacing(3, with: #"then offer "gift" value 10.00 4.00"#), ["expected-word@3:31"]),
        Case("missing amount", SampleRule.replacing(3, with: #"then offer "gift" value cost 4.00"#), ["expected-amount@3:25"]),
        Case("negative amount", SampleRule.replacing(3, with: #"then offer "gift" value -5 cost 4.00"#), ["negative-amount@3:25"]),
        Case(
            "three decimals", SampleRule.replacing(3, with: #"then offer "gift" value 10.005 cost 4.00"#),
            ["amount-decimals@3:25"]),
        Case(
            "amount past the limit", SampleRule.replacing(3, with: #"then offer "gift" value 1000000.01 cost 4.00"#),
            ["amount-too-large@3:25"]),
        Case(
            "amount of many digits", SampleRule.replacing(3, with: #"then offer "gift" value 12345678901234567890 cost 4"#),
            ["amount-too-large@3:25"]),
        Case(
            "currency after amount", SampleRule.replacing(3, with: #"then offer "gift" value 10.00 USD cost 4.00"#),
            ["currency-after-amount@3:31"]),
        Case(
            "invalid offer name", SampleRule.replacing(3, with: #"then offer "Gift Card" value 10 cost 4"#),
            ["invalid-name@3:12"]),
        Case("offer without name", SampleRule.replacing(3, with: "then offer value 10 cost 4"), ["expected-name@3:12"]),
        Case("flag without name", SampleRule.replacing(3, with: "then flag"), ["expected-name@4:1"]),
        Case("unquoted flag name", SampleRule.replacing(3, with: "then flag call-back"), ["unquoted-name@3:11"]),
        Case("then without action", SampleRule.replacing(3, with: "then"), ["expected-action@4:1"]),
    ]

    static let validAndHoldoutCases: [Case] = [
        Case("valid without number", SampleRule.replacing(4, with: "valid days"), ["expected-valid-days@4:7"]),
        Case("valid fraction", SampleRule.replacing(4, with: "valid 1.5 days"), ["valid-not-whole@4:7"]),
        Case("valid without unit", SampleRule.replacing(4, with: "valid 30"), ["expected-valid-unit@5:1"]),
        Case("valid in months", SampleRule.replacing(4, with: "valid 1 month"), ["expected-valid-unit@4:9"]),
        Case("valid zero days", SampleRule.replacing(4, with: "valid 0 days"), ["valid-out-of-range@4:7"]),
        Case("valid past a year", SampleRule.replacing(4, with: "valid 367 days"), ["valid-out-of-range@4:7"]),
        Case("valid in weeks past a year", SampleRule.replacing(4, with: "valid 53 weeks"), ["valid-out-of-range@4:7"]),
        Case(
            "valid of many digits", SampleRule.replacing(4, with: "valid 99999999999999999999 days"),
            ["valid-out-of-range@4:7"]),
        Case("holdout without number", SampleRule.replacing(5, with: "holdout %"), ["expected-percentage@5:9"]),
        Case("holdout without sign", SampleRule.replacing(5, with: "holdout 10"), ["expected-percent-sign@6:1"]),
        Case("holdout as a word", SampleRule.replacing(5, with: "holdout 10 percent"), ["expected-percent-sign@5:12"]),
        Case("holdout three decimals", SampleRule.replacing(5, with: "holdout 10.125%"), ["percentage-decimals@5:9"]),
        Case("holdout past 100", SampleRule.replacing(5, with: "holdout 100.01%"), ["percentage-out-of-range@5:9"]),
        Case("negative holdout", SampleRule.replacing(5, with: "holdout -5%"), ["negative-percentage@5:9"]),
        Case("holdout of everyone", SampleRule.replacing(5, with: "holdout 100%"), ["every-hit-held-out@5:9"]),
        Case("malformed holdout", SampleRule.replacing(5, with: "holdout 1.2.3%"), ["malformed-number@5:9"]),
    ]

    static let expressionCases: [Case] = [
        Case("empty when", SampleRule.replacing(2, with: "when"), ["empty-expression@3:1"]),
        Case("unfinished comparison", SampleRule.replacing(2, with: "when tier >="), ["expected-operand@3:1"]),
        Case("unclosed call", SampleRule.replacing(2, with: "when count(view > 1"), ["unclosed-parenthesis@2:11", "expected-argument-separator@2:17"]),
        Case("keyword case in when", SampleRule.replacing(2, with: "when tier >= joiner AND spend() > 1"), ["keyword-case@2:21"]),
    ]

    @Test("rule file diagnostics", arguments: fileCases)
    func fileDiagnostics(_ testCase: Case) {
        #expect(positioned(RuleParser.parse(testCase.source).diagnostics) == testCase.expected)
    }

    @Test("then clause diagnostics", arguments: actionCases)
    func actionDiagnostics(_ testCase: Case) {
        #expect(positioned(RuleParser.parse(testCase.source).diagnostics) == testCase.expected)
    }

    @Test("valid and holdout diagnostics", arguments: validAndHoldoutCases)
    func validAndHoldoutDiagnostics(_ testCase: Case) {
        #expect(positioned(RuleParser.parse(testCase.source).diagnostics) == testCase.expected)
    }

    @Test("when clause diagnostics", arguments: expressionCases)
    func expressionDiagnostics(_ testCase: Case) {
        #expect(positioned(RuleParser.parse(testCase.source).diagnostics) == testCase.expected)
    }

    @Test("one parse reports every error")
    func recovery() {
        let source = """
            rule "Bad Name"
            when count(view) > 0 and
            then offer "gift" value 10.001 cost -1
            valid 400 days
            holdout 10
            """
        let diagnostics = RuleParser.parse(source).diagnostics
        #expect(
            positioned(diagnostics) == [
                "invalid-name@1:6", "expected-operand@3:1", "amount-decimals@3:25", "negative-amount@3:37",
                "valid-out-of-range@4:7", "expected-percent-sign@5:11",
            ])
        #expect(diagnostics.allSatisfy { $0.isError })
    }

    @Test("a warning leaves the rule intact")
    func warningOnly() {
        let output = RuleParser.parse(SampleRule.replacing(5, with: "holdout 100%"))
        #expect(output.diagnostics.map(\.severity) == [.warning])
        #expect(output.syntax.holdout == .all)
    }

    @Test("invalid names suggest a valid one")
    func nameSuggestion() {
        #expect(RuleName.suggestion(for: "Kin Upgrade") == "kin-upgrade")
        #expect(RuleName.suggestion(for: "kin_upgrade!") == "kin-upgrade")
        #expect(RuleName.suggestion(for: "--vip--") == "vip")
        #expect(RuleName.suggestion(for: String(repeating: "ab ", count: 40))?.count == 62)
        #expect(RuleName.suggestion(for: "café") == nil)
        #expect(RuleName.suggestion(for: "!!!") == nil)
        #expect(RuleName.suggestion(for: "fine") == nil)
    }

    @Test("suggestions appear in help")
    func helpNamesSuggestion() throws {
        let unknown = try #require(RuleParser.parse(SampleRule.replacing(5, with: "hodout 10%")).diagnostics.first)
        #expect(unknown.help?.hasPrefix("did you mean 'holdout'?") == true)
        let invalid = try #require(RuleParser.parse(SampleRule.replacing(1, with: #"rule "Kin Upgrade""#)).diagnostics.first)
        #expect(invalid.help?.hasPrefix(#"did you mean "kin-upgrade"?"#) == true)
        let action = try #require(RuleParser.parse(SampleRule.replacing(3, with: #"then ofer "gift""#)).diagnostics.first)
        #expect(action.help?.hasPrefix("did you mean 'offer'?") == true)
    }

    @Test("missing clauses are named together")
    func missingClauses() throws {
        let diagnostic = try #require(RuleParser.parse("rule \"r1\"\nholdout 10%\n").diagnostics.first)
        #expect(diagnostic.message == #"rule "r1" has no 'when', 'then' and 'valid' clauses"#)
    }
}
