import Expressions
import Foundation
import Testing

@testable import Rules

@Suite("Rule checker")
struct RuleCheckerTests {
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

    static let cases: [Case] = [
        Case("unknown event kind", SampleRule.replacing(2, with: "when count(reveiw) > 0"), ["unknown-kind@2:12"]),
        Case("unknown field", SampleRule.replacing(2, with: #"when regon = "North""#), ["unknown-name@2:6"]),
        Case("unknown attribute", SampleRule.replacing(2, with: #"when attr "loyalty" > 1"#), ["unknown-attribute@2:6"]),
        Case("unknown function", SampleRule.replacing(2, with: "when spent() > 1"), ["unknown-function@2:6"]),
        Case("type mismatch", SampleRule.replacing(2, with: #"when spend() > "a lot""#), ["type-mismatch@2:16"]),
        Case("money decimals", SampleRule.replacing(2, with: "when spend() > 10.555"), ["money-decimals@2:16"]),
        Case("not a condition", SampleRule.replacing(2, with: "when spend(30 days)"), ["not-a-condition@2:6"]),
        Case("unknown SKU warns", SampleRule.replacing(2, with: #"when bought(sku "KIN-THREE")"#), ["unknown-sku@2:13"]),
        Case("unknown category warns", SampleRule.replacing(2, with: #"when bought(category "Tablets")"#), ["unknown-category@2:13"]),
        Case(
            "check and syntax problems together",
            "rule \"r1\"\nwhen count(reveiw) > 0\nthen offer \"gift\" value 1 cost 1\nvalid 0 days\n",
            ["unknown-kind@2:12", "valid-out-of-range@4:7"]),
        Case(
            "several check errors",
            SampleRule.replacing(2, with: "when count(reveiw) > 0 and tier >= joinr\n and region = North"),
            ["unknown-kind@2:12", "unknown-name@2:36", "unknown-name@3:15"]),
    ]

    @Test("check diagnostics keep the file's positions", arguments: cases)
    func diagnostics(_ testCase: Case) {
        let output = RuleChecker(catalog: goldenCatalog).check(testCase.source)
        #expect(positioned(output.diagnostics) == testCase.expected)
        #expect((output.rule == nil) == output.diagnostics.contains { $0.isError })
    }

    @Test("a valid file becomes a rule")
    func rule() throws {
        let output = RuleChecker(catalog: goldenCatalog).check(SampleRule.text)
        let rule = try #require(output.rule)
        #expect(rule.name == "r1")
        #expect(rule.condition == .compare(.field(.tier), .greaterOrEqual, .literal(.tier(.joiner))))
        #expect(rule.action == .offer(name: "gift", value: Money(cents: 1_000), cost: Money(cents: 400)))
        #expect(rule.validDays == 30)
        #expect(rule.holdout == Percentage(basisPoints: 1_000))
    }

    @Test("a rule without holdout holds out nobody")
    func noHoldout() throws {
        let rule = try #require(RuleChecker(catalog: goldenCatalog).check(SampleRule.replacing(5, with: "")).rule)
        #expect(rule.holdout == .zero)
        #expect(!rule.holdoutSplit.isHeldOut("C03"))
    }

    @Test("warnings leave the rule intact")
    func warnings() {
        let output = RuleChecker(catalog: goldenCatalog).check(SampleRule.replacing(2, with: #"when bought(sku "KIN-THREE")"#))
        #expect(output.rule != nil)
        #expect(output.warnings.count == 1)
        #expect(output.errors.isEmpty)
    }

    @Test("an unknown kind suggests the nearest")
    func suggestion() throws {
        let output = RuleChecker(catalog: goldenCatalog).check(SampleRule.replacing(2, with: "when count(reveiw) > 0"))
        let diagnostic = try #require(output.diagnostics.first)
        #expect(diagnostic.help?.hasPrefix("did you mean 'review'?") == true)
    }

    @Test("rendered diagnostics show file, line, caret and help")
    func rendered() {
        let source = SampleRule.replacing(2, with: "when count(reveiw) > 0")
        let output = RuleChecker(catalog: goldenCatalog).check(source)
        let text = DiagnosticRenderer(sourceName: "rules/r1.rule", source: source).render(output.diagnostics)
        #expect(
            text == """
                error[unknown-kind]: unknown event kind 'reveiw' in count
                 --> rules/r1.rule:2:12
                  |
                2 | when count(reveiw) > 0
                  |            ^^^^^^
                help: did you mean 'review'? expected one of: view, join, login, rate, review, comment, post, share, any

                """)
    }
}

@Suite("Rule source")
struct RuleSourceTests {
    @Test("reads UTF-8 and drops a byte order mark")
    func bom() throws {
        let folder = TemporaryFolder()
        let path = folder.file("r1.rule")
        try Data([0xEF, 0xBB, 0xBF] + Array(SampleRule.text.utf8)).write(to: URL(fileURLWithPath: path))
        #expect(try RuleSource.read(path: path) == SampleRule.text)
    }

    @Test("names the place of a byte that is not UTF-8")
    func invalidUTF8() {
        #expect(throws: RuleFileError.invalidUTF8(path: "r.rule", line: 2, column: 7)) {
            try RuleSource.decode(Array("rule \"r\"\nwhen r".utf8) + [0xE9] + Array("gion".utf8), path: "r.rule")
        }
    }

    @Test("missing file, folder and large file")
    func failures() throws {
        let folder = TemporaryFolder()
        #expect(throws: RuleFileError.notFound(path: folder.file("none.rule"))) {
            try RuleSource.read(path: folder.file("none.rule"))
        }
        #expect(throws: RuleFileError.isFolder(path: folder.path)) {
            try RuleSource.read(path: folder.path)
        }
        let large = folder.file("large.rule")
        try Data(repeating: UInt8(ascii: "#"), count: RuleLimits.fileBytes + 1).write(to: URL(fileURLWithPath: large))
        #expect(throws: RuleFileError.tooLarge(path: large, bytes: RuleLimits.fileBytes + 1, limit: RuleLimits.fileBytes)) {
            try RuleSource.read(path: large)
        }
    }
}
