import Expressions
import Testing

@testable import Rules

/// Random and cut-off rule files: whatever the text, checking ends with a rule and no error or
/// with at least one error, and every diagnostic points inside the text.
@Suite("Generated rule files")
struct GeneratedRuleTests {
    /// Token texts, valid and not, that random files are drawn from.
    static let vocabulary = [
        "rule", "when", "then", "offer", "flag", "value", "cost", "valid", "holdout", "days", "day", "weeks", "%",
        #""kin-upgrade""#, #""Gift Card""#, #""""#, "kin-upgrade", "tier", ">=", "joiner", "and", "or", "not", "(", ")",
        "count(review, 30 days)", "spend()", "> 10", "=", "0", "1", "10.00", "10.005", "-5", "100", "100.01", "366",
        "367", "USD", "WHEN", "Then", "\n", "# note\n", "\"", ",", "9223372036854775808", "é", ";", "1.2.3",
    ]

    /// Returns a failure text when checking `source` breaks a promise of the checker.
    static func failure(_ source: String) -> String? {
        let output = RuleChecker(catalog: goldenCatalog).check(source)
        let end = source.utf8.count
        if let outside = output.diagnostics.first(where: { $0.range.start.offset > end || $0.range.end.offset > end }) {
            return "\(source.debugDescription): \(outside.id) points past the end"
        }
        if (output.rule == nil) != output.diagnostics.contains(where: { $0.isError }) {
            return "\(source.debugDescription): rule \(output.rule == nil ? "missing" : "present") with \(positioned(output.diagnostics))"
        }
        return nil
    }

    @Test("random token sequences end in a rule or a positioned error")
    func randomTokens() {
        var generator = SplitMix64(state: 20_120_420)
        var failures: [String] = []
        for _ in 0..<10_000 {
            let length = generator.below(30)
            let separator = generator.below(2) == 0 ? " " : "\n"
            let source = (0..<length).map { _ in generator.pick(Self.vocabulary) }.joined(separator: separator)
            if let failure = Self.failure(source) {
                failures.append(failure)
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test("every prefix of a valid file is checked without a crash")
    func prefixes() {
        let source = """
            # Kin owners: a free phone if they see their contract through
            rule "kin-upgrade"
            when bought(sku "KIN-ONE") and tier >= joiner
             and not bought(category "Phones", 30 days)
            then offer "free-case" value 19.99 cost 5.00
            valid 10 days
            holdout 34.53%
            """
        var failures: [String] = []
        var rules = 0
        for length in 0...source.unicodeScalars.count {
            let prefix = String(String.UnicodeScalarView(source.unicodeScalars.prefix(length)))
            if let failure = Self.failure(prefix) {
                failures.append(failure)
            }
            if RuleChecker(catalog: goldenCatalog).check(prefix).rule != nil {
                rules += 1
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        // A rule needs `valid` with its unit, and `holdout` is optional: the prefixes that end
        // with `valid 10 day`, `valid 10 days` and its line break are rules, and so is the whole
        // file. Every cut inside the holdout clause is an error.
        #expect(rules == 4)
    }

    @Test("deep nesting and long lists stay errors, not crashes")
    func extremes() {
        let deep = SampleRule.replacing(2, with: "when " + String(repeating: "not (", count: 5_000) + "tier = none")
        #expect(Self.failure(deep) == nil)
        #expect(RuleChecker(catalog: goldenCatalog).check(deep).diagnostics.contains { $0.id == "nesting-too-deep" })
        let manyClauses = SampleRule.text + String(repeating: "valid 1 day\n", count: 10_000)
        let output = RuleChecker(catalog: goldenCatalog).check(manyClauses)
        #expect(output.diagnostics.count == 10_000)
        #expect(output.diagnostics.allSatisfy { $0.id == "duplicate-clause" })
    }
}
