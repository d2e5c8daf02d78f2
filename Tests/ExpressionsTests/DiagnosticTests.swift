import Testing

@testable import Expressions

/// Sources with the diagnostics that the lexer, parser and checker report, each as
/// `id@line:column`.
@Suite("Diagnostics")
struct DiagnosticTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let id: String
        let source: String
        let expected: [String]
        var testDescription: String { id }
    }

    static let syntaxCases: [Case] = [
        Case(id: "empty", source: "", expected: ["empty-expression@1:1"]),
        Case(id: "only a comment", source: "# nothing", expected: ["empty-expression@1:10"]),
        Case(id: "unclosed string", source: #"region = "EU"#, expected: ["unterminated-string@1:10"]),
        Case(
            id: "unclosed string then next line", source: "region = \"EU\nand tier >= joiner",
            expected: ["unterminated-string@1:10"]),
        Case(id: "unclosed parenthesis", source: #"(region = "EU""#, expected: ["unclosed-parenthesis@1:1"]),
        Case(
            id: "two unclosed parentheses", source: #"(((region = "EU")"#,
            expected: ["unclosed-parenthesis@1:1", "unclosed-parenthesis@1:2"]),
        Case(
            id: "unclosed call", source: "count(view > 1",
            expected: ["unclosed-parenthesis@1:6", "expected-argument-separator@1:12"]),
        Case(
            id: "unclosed list", source: #"region in ("EU", "US""#, expected: ["unclosed-parenthesis@1:11"]),
        Case(id: "unmatched parenthesis", source: #"region = "EU")"#, expected: ["unmatched-parenthesis@1:14"]),
        Case(id: "empty group", source: "()", expected: ["expected-operand@1:2"]),
        Case(id: "dangling and", source: #"region = "EU" and"#, expected: ["expected-operand@1:18"]),
        Case(id: "leading or", source: #"or region = "EU""#, expected: ["expected-operand@1:1"]),
        Case(id: "doubled operator", source: #"region = = "EU""#, expected: ["expected-operand@1:10"]),
        Case(id: "missing connective", source: #"region = "EU" country = "US""#, expected: ["missing-connective@1:15"]),
        Case(id: "chained comparison", source: "1 < count(view) < 5", expected: ["chained-comparison@1:17"]),
        Case(id: "list without parentheses", source: #"region in "EU""#, expected: ["expected-list@1:11"]),
        Case(id: "list without comma", source: #"region in ("EU" "US")"#, expected: ["expected-list-separator@1:17"]),
        Case(id: "between without and", source: "count(view) between 1 5", expected: ["expected-between-and@1:23"]),
        Case(id: "window without unit", source: "count(view, 30) > 1", expected: ["expected-window-unit@1:15"]),
        Case(id: "window of zero days", source: "count(view, 0 days) > 1", expected: ["invalid-window-length@1:13"]),
        Case(id: "window of a fraction", source: "count(view, 1.5 days) > 1", expected: ["invalid-window-length@1:13"]),
        Case(
            id: "window overflows Int64", source: "count(view, 9223372036854775808 days) > 1",
            expected: ["window-too-long@1:13"]),
        Case(
            id: "window past the limit", source: "spend(14286 weeks) > 1", expected: ["window-too-long@1:7"]),
        Case(id: "window at the limit", source: "spend(14285 weeks) > 1", expected: []),
        Case(id: "number too large", source: "1234567890123456789 < count(view)", expected: ["number-too-large@1:1"]),
        Case(id: "window as operand", source: "30 days > 1", expected: ["window-outside-call@1:1"]),
        Case(
            id: "quoted date in window", source: #"count(view, since "2011-01-01") > 0"#,
            expected: ["quoted-date@1:19"]),
        Case(id: "invalid date in window", source: "count(view, since 2011-13-01) > 0", expected: ["invalid-date@1:19"]),
        Case(id: "malformed number", source: "count(view) > 1.2.3", expected: ["malformed-number@1:15"]),
        Case(id: "attr without quotes", source: "attr loyalty_points > 1", expected: ["expected-attribute-name@1:6"]),
        Case(id: "attr without name", source: "attr > 1", expected: ["expected-attribute-name@1:6"]),
        Case(id: "sku without quotes", source: "bought(sku KIN)", expected: ["expected-product-name@1:12"]),
        Case(id: "double equals", source: #"region == "EU""#, expected: ["misspelled-operator@1:8"]),
        Case(id: "upper-case keyword", source: "tier >= joiner AND spend() > 10", expected: ["keyword-case@1:16"]),
        Case(id: "stray character", source: #"region = "EU" ;"#, expected: ["unexpected-character@1:15"]),
        Case(id: "stray comma", source: #"region = "EU", tier = none"#, expected: ["unexpected-token@1:14"]),
    ]

    static let checkCases: [Case] = [
        Case(id: "money against text", source: #"spend() > "EU""#, expected: ["type-mismatch@1:11"]),
        Case(id: "text against number", source: "region = 5", expected: ["type-mismatch@1:10"]),
        Case(id: "quoted date", source: #"signup_date = "2011-01-01""#, expected: ["type-mismatch@1:15"]),
        Case(id: "quoted tier", source: #"tier = "joiner""#, expected: ["type-mismatch@1:8"]),
        Case(id: "tier against number", source: "tier >= 2", expected: ["type-mismatch@1:9"]),
        Case(id: "date attribute against number", source: #"attr "birthday" < 1980"#, expected: ["type-mismatch@1:19"]),
        Case(id: "count against money", source: "spend() > count(view)", expected: ["type-mismatch@1:11"]),
        Case(id: "mixed list", source: #"region in ("EU", 5, "US")"#, expected: ["type-mismatch@1:18"]),
        Case(id: "mixed between", source: #"signup_date between 2011-01-01 and "x""#, expected: ["type-mismatch@1:36"]),
        Case(id: "misspelled field", source: #"regon = "EU""#, expected: ["unknown-name@1:1"]),
        Case(id: "capitalised field", source: #"Region = "EU""#, expected: ["unknown-name@1:1"]),
        Case(id: "misspelled tier", source: "tier >= joinr", expected: ["unknown-name@1:9"]),
        Case(id: "unquoted text", source: "region = EU", expected: ["unknown-name@1:10"]),
        Case(id: "misspelled kind", source: "count(reveiw) > 0", expected: ["unknown-kind@1:7"]),
        Case(id: "days_since of a typo", source: "days_since(ordr) > 3", expected: ["unknown-kind@1:12"]),
        Case(id: "misspelled function", source: "cuont(view) > 1", expected: ["unknown-function@1:1"]),
        Case(id: "misspelled attribute", source: #"attr "loyalty_point" > 1"#, expected: ["unknown-attribute@1:1"]),
        Case(id: "function without parentheses", source: "spend > 100", expected: ["function-without-parentheses@1:1"]),
        Case(id: "kind as value", source: "view > 1", expected: ["kind-as-value@1:1"]),
        Case(id: "money with three decimals", source: "spend() > 10.505", expected: ["money-decimals@1:11"]),
        Case(id: "money with a zero third decimal", source: "spend() > 10.500", expected: []),
        Case(id: "money too large", source: "spend() >= 100000000000000000", expected: ["money-too-large@1:12"]),
        Case(id: "number as condition", source: "count(view)", expected: ["not-a-condition@1:1"]),
        Case(id: "field as condition", source: "region", expected: ["not-a-condition@1:1"]),
        Case(id: "condition compared", source: #"bought(sku "CASE") = 1"#, expected: ["condition-as-value@1:1"]),
        Case(id: "count without kind", source: "count() > 1", expected: ["missing-argument@1:7"]),
        Case(id: "bought without product", source: "bought()", expected: ["missing-argument@1:8"]),
        Case(id: "spend of a kind", source: "spend(view) > 1", expected: ["unexpected-argument@1:7"]),
        Case(id: "count with a window first", source: "count(30 days) > 1", expected: ["unexpected-argument@1:7"]),
        Case(id: "bought with a kind", source: "bought(view)", expected: ["unexpected-argument@1:8"]),
        Case(
            id: "count with two windows", source: "count(view, 30 days, 2 weeks) > 1",
            expected: ["too-many-arguments@1:22"]),
        Case(id: "days_since with a window", source: "days_since(order, 30 days) > 1", expected: ["window-not-allowed@1:19"]),
        Case(
            id: "reversed window", source: "count(view, between 2011-02-01 and 2011-01-01) > 0",
            expected: ["window-reversed@1:13"]),
        Case(id: "unknown SKU warns", source: #"bought(sku "KIN-ONR")"#, expected: ["unknown-sku@1:8"]),
        Case(id: "unknown category warns", source: #"bought(category "Phone")"#, expected: ["unknown-category@1:8"]),
        Case(
            id: "every error at once", source: #"regon = "EU" and count(reveiw) > 0 or spend() > "x""#,
            expected: ["unknown-name@1:1", "unknown-kind@1:24", "type-mismatch@1:49"]),
        Case(
            id: "second line", source: "region = \"EU\"\n  and count(reveiw) > 0",
            expected: ["unknown-kind@2:13"]),
        Case(
            id: "syntax and type errors together", source: #"(spend() > "EU" and tier >= joinr"#,
            expected: ["unclosed-parenthesis@1:1", "type-mismatch@1:12", "unknown-name@1:29"]),
    ]

    @Test("syntax errors", arguments: syntaxCases)
    func syntax(_ testCase: Case) {
        let output = Checker.check(testCase.source, catalog: testCatalog)
        #expect(positionedIDs(output.diagnostics) == testCase.expected)
        #expect((output.condition == nil) == !output.errors.isEmpty)
    }

    @Test("check errors", arguments: checkCases)
    func check(_ testCase: Case) {
        let output = Checker.check(testCase.source, catalog: testCatalog)
        #expect(positionedIDs(output.diagnostics) == testCase.expected)
        #expect((output.condition == nil) == !output.errors.isEmpty)
    }

    @Test("suggestions name the nearest known name")
    func suggestions() {
        func help(_ source: String) -> String? {
            Checker.check(source, catalog: testCatalog).diagnostics.first?.help
        }
        #expect(help(#"regon = "EU""#)?.contains("did you mean 'region'?") == true)
        #expect(help("tier >= joinr")?.contains("did you mean 'joiner'?") == true)
        #expect(help("count(reveiw) > 0")?.contains("did you mean 'review'?") == true)
        #expect(help(#"bought(sku "KIN-ONR")"#)?.contains(#"did you mean "KIN-ONE"?"#) == true)
        #expect(help(#"bought(category "Phone")"#)?.contains(#"did you mean "Phones"?"#) == true)
        #expect(help(#"attr "loyalty_point" > 1"#)?.contains(#"did you mean "loyalty_points"?"#) == true)
        #expect(help("cont(view) > 1")?.contains("did you mean 'count'?") == true)
        #expect(help("region = EU")?.contains(#"text is written in quotes: "EU""#) == true)
    }

    @Test("a warning keeps the condition")
    func warningKeepsCondition() {
        let output = Checker.check(#"bought(sku "NEW-PHONE")"#, catalog: testCatalog)
        #expect(output.warnings.count == 1)
        #expect(output.condition == .bought(.sku("NEW-PHONE"), .allTime))
    }

    @Test("an error leaves no condition")
    func errorLeavesNoCondition() {
        #expect(Checker.check(#"spend() > "EU""#, catalog: testCatalog).condition == nil)
    }
}
