import Testing
import Warehouse

@testable import Expressions

/// Random and extreme input: whatever the text, checking ends with either a condition and no
/// error or at least one error, every diagnostic points inside the text, and every condition
/// compiles to SQL that SQLite runs.
@Suite("Generated input")
struct GeneratedInputTests {
    /// Token texts, valid and not, that random sequences are drawn from.
    static let vocabulary = [
        "region", "tier", "country", "customer_id", "signup_date", "channel", "joiner", "none", "creator",
        "count", "spend", "orders", "bought", "days_since", "view", "review", "any", "order", "signup", "attr",
        #""loyalty_points""#, #""birthday""#, #""segment""#, #""EU""#, "sku", "category", #""KIN-ONE""#,
        #""Phones""#, "and", "or", "not", "in", "between", "since", "days", "weeks", "(", ")", ",", "=", "!=",
        "<", "<=", ">", ">=", "-", "0", "1", "30", "2.5", "10.505", "2011-01-01", "2011-02-30", "1999-12-31",
        "9223372036854775808", "\"", "'", "@", "# note\n", "\n", "==", "\\", "%", "AND", "é", "then", ";", "--",
    ]

    @Test("random token sequences end in a condition or a positioned error")
    func randomTokens() throws {
        var generator = SplitMix64(seed: 20_110_630)
        let fixture = try Fixture()
        var failures: [String] = []
        for _ in 0..<30_000 {
            let length = Int.random(in: 0...24, using: &generator)
            let source = (0..<length).map { _ in
                Self.vocabulary.randomElement(using: &generator)!
            }.joined(separator: Bool.random(using: &generator) ? " " : "")
            if let failure = try Self.verify(source, fixture: fixture) {
                failures.append(failure)
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test("generated expressions are valid and their mutations are not a crash")
    func generatedExpressions() throws {
        var generator = SplitMix64(seed: 7)
        let fixture = try Fixture()
        var invalid: [String] = []
        var failures: [String] = []
        for _ in 0..<5_000 {
            var expressions = ExpressionGenerator(generator: generator)
            let source = expressions.condition(depth: 0)
            generator = expressions.generator
            let output = Checker.check(source, catalog: testCatalog)
            if output.condition == nil {
                invalid.append("\(source): \(positionedIDs(output.diagnostics))")
            }
            if let failure = try Self.verify(source, fixture: fixture) {
                failures.append(failure)
            }
            let mutated = Self.mutate(source, using: &generator)
            if let failure = try Self.verify(mutated, fixture: fixture) {
                failures.append(failure)
            }
        }
        #expect(invalid.isEmpty, "\(invalid.prefix(5))")
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    /// `source` with one token deleted, doubled or replaced by a vocabulary word.
    static func mutate(_ source: String, using generator: inout SplitMix64) -> String {
        var texts = Lexer.tokenize(source).tokens.dropLast().map(\.text)
        guard !texts.isEmpty else { return source }
        let index = Int.random(in: texts.indices, using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: texts.remove(at: index)
        case 1: texts.insert(texts[index], at: index)
        default: texts[index] = vocabulary.randomElement(using: &generator)!
        }
        return texts.joined(separator: " ")
    }

    @Test("random characters end in a condition or a positioned error")
    func randomCharacters() throws {
        var generator = SplitMix64(seed: 42)
        let fixture = try Fixture()
        let alphabet = Array("ab(),=<>!\"'\\ \n\t#-.%0123456789éü漢🙂\r\u{0}_") + ["a", "n", "d", "o", "r"]
        var failures: [String] = []
        for _ in 0..<10_000 {
            let length = Int.random(in: 0...40, using: &generator)
            let source = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            if let failure = try Self.verify(source, fixture: fixture) {
                failures.append(failure)
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    struct ExtremeCase: CustomTestStringConvertible, Sendable {
        let id: String
        let source: String
        let expectedDiagnostic: String
        var testDescription: String { id }
    }

    static let extremeCases: [ExtremeCase] = [
        ExtremeCase(id: "window past Int64 alone", source: "9223372036854775808 days", expectedDiagnostic: "window-outside-call@1:1"),
        ExtremeCase(
            id: "window past Int64", source: "count(view, 9223372036854775808 days) > 1",
            expectedDiagnostic: "window-too-long@1:13"),
        ExtremeCase(
            id: "weeks past Int64", source: "count(view, 9223372036854775807 weeks) > 1",
            expectedDiagnostic: "window-too-long@1:13"),
        ExtremeCase(id: "twenty digits", source: "count(view) > 99999999999999999999", expectedDiagnostic: "number-too-large@1:15"),
        ExtremeCase(
            id: "Int64 minimum", source: "days_since(order) < -9223372036854775808",
            expectedDiagnostic: "number-too-large@1:21"),
        ExtremeCase(id: "money past Int64", source: "spend() > 922337203685477580", expectedDiagnostic: "money-too-large@1:11"),
        ExtremeCase(
            id: "10,000 nested parentheses",
            source: String(repeating: "(", count: 10_000) + "tier >= joiner" + String(repeating: ")", count: 10_000),
            expectedDiagnostic: "nesting-too-deep@1:\(Limits.nestingDepth + 1)"),
        ExtremeCase(
            id: "10,000 open parentheses", source: String(repeating: "(", count: 10_000),
            expectedDiagnostic: "nesting-too-deep@1:\(Limits.nestingDepth + 1)"),
        ExtremeCase(
            id: "10,000 closing parentheses", source: String(repeating: ")", count: 10_000),
            expectedDiagnostic: "expected-operand@1:1"),
        ExtremeCase(
            id: "10,000 nots", source: String(repeating: "not ", count: 10_000) + "tier >= joiner",
            expectedDiagnostic: "nesting-too-deep@1:\(4 * Limits.nestingDepth + 1)"),
        ExtremeCase(
            id: "10,000 conditions", source: Array(repeating: "tier >= joiner", count: 10_000).joined(separator: " and "),
            expectedDiagnostic: "too-many-conditions@1:\(19 * Limits.conditions + 1)"),
        ExtremeCase(
            id: "20,000 list items",
            source: "orders() in (" + Array(repeating: "1", count: 20_000).joined(separator: ",") + ")",
            expectedDiagnostic: "too-many-list-items@1:\(14 + 2 * Limits.listItems)"),
        ExtremeCase(
            id: "10,000 arguments",
            source: "count(" + Array(repeating: "view", count: 10_000).joined(separator: ",") + ") > 1",
            expectedDiagnostic: "too-many-arguments@1:\(7 + 5 * Limits.callArguments)"),
    ]

    @Test("extreme input is a positioned error", arguments: extremeCases)
    func extreme(_ testCase: ExtremeCase) throws {
        let output = Checker.check(testCase.source, catalog: testCatalog)
        #expect(output.condition == nil)
        #expect(positionedIDs(output.diagnostics).contains(testCase.expectedDiagnostic))
        #expect(try Self.verify(testCase.source, fixture: nil) == nil)
    }

    /// Checks one source and returns what is wrong with the outcome, or nil.
    static func verify(_ source: String, fixture: Fixture?) throws -> String? {
        let output = Checker.check(source, catalog: testCatalog)
        let hasErrors = output.diagnostics.contains(where: \.isError)
        if (output.condition == nil) != hasErrors {
            return "condition and errors disagree for \(source.debugDescription)"
        }
        let byteCount = source.utf8.count
        let lineCount = source.unicodeScalars.filter { $0 == "\n" }.count + 1
        for diagnostic in output.diagnostics {
            let start = diagnostic.range.start
            let end = diagnostic.range.end
            let isInside = start.offset >= 0 && start.offset <= end.offset && end.offset <= byteCount
                && (1...lineCount).contains(start.line) && start.column >= 1
            if !isInside {
                return "diagnostic \(diagnostic.id) at \(diagnostic.range) is outside \(source.debugDescription)"
            }
        }
        guard let condition = output.condition, let fixture else { return nil }
        let query = SQLCompiler(asOf: Fixture.asOf).customerQuery(condition)
        do {
            _ = try fixture.warehouse.database.query(query.sql, query.arguments) { $0.text(0) }
        } catch {
            return "SQL of \(source.debugDescription) failed: \(error)"
        }
        return nil
    }
}

/// A small seeded generator, so every run draws the same inputs.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// Random expressions from the grammar, well typed against the test catalog.
struct ExpressionGenerator {
    var generator: SplitMix64

    mutating func pick<T>(_ choices: [T]) -> T {
        choices.randomElement(using: &generator)!
    }

    mutating func condition(depth: Int) -> String {
        let choice = Int.random(in: 0..<(depth < 5 ? 9 : 6), using: &generator)
        switch choice {
        case 0, 1: return comparison()
        case 2:
            let type = pick(ValueType.allCases)
            let items = (0..<Int.random(in: 1...4, using: &generator)).map { _ in literal(type) }
            return "\(operand(type)) \(pick(["in", "not in"])) (\(items.joined(separator: ", ")))"
        case 3:
            let type = pick(ValueType.allCases)
            return "\(operand(type)) \(pick(["between", "not between"])) \(literal(type)) and \(literal(type))"
        case 4:
            return "bought(\(pick([#"sku "KIN-ONE""#, #"category "Phones""#, #"sku "NEW""#]))\(optionalWindow()))"
        case 5: return "days_since(\(pick(["any", "order", "signup", "view"]))) \(comparisonOperator()) \(literal(.number))"
        case 6: return "not " + condition(depth: depth + 1)
        default:
            let connective = pick(["and", "or"])
            let count = Int.random(in: 2...3, using: &generator)
            let parts = (0..<count).map { _ in condition(depth: depth + 1) }
            return "(" + parts.joined(separator: " \(connective) ") + ")"
        }
    }

    mutating func comparison() -> String {
        let type = pick(ValueType.allCases)
        return "\(operand(type)) \(comparisonOperator()) \(pick([true, false]) ? literal(type) : operand(type))"
    }

    mutating func comparisonOperator() -> String {
        pick(ComparisonOperator.allCases).rawValue
    }

    mutating func operand(_ type: ValueType) -> String {
        switch type {
        case .number:
            return pick([
                "count(\(pick(["any", "view", "review", "post"]))\(optionalWindow()))", "orders(\(window()))",
                "days_since(\(pick(["any", "order", "login"])))", #"attr "loyalty_points""#,
            ])
        case .money: return "spend(\(window()))"
        case .text: return pick(["region", "country", "channel", "customer_id", #"attr "segment""#])
        case .date: return pick(["signup_date", #"attr "birthday""#])
        case .tier: return "tier"
        }
    }

    mutating func literal(_ type: ValueType) -> String {
        switch type {
        case .number: return pick(["0", "1", "2.5", "-3", "30", "999999999999999999"])
        case .money: return pick(["0", "10", "19.99", "-5.5", "250.50"])
        case .text: return pick([#""EU""#, #""""#, #""it's \"quoted\"""#, #""C1""#, #""漢字""#])
        case .date: return pick(["2011-01-01", "2011-06-30", "1980-02-29", "0001-01-01", "9999-12-31"])
        case .tier: return pick(Tier.allCases).description
        }
    }

    mutating func window() -> String {
        switch Int.random(in: 0..<5, using: &generator) {
        case 0: return ""
        case 1: return "\(Int.random(in: 1...Limits.windowDays, using: &generator)) days"
        case 2: return "\(Int.random(in: 1...(Limits.windowDays / 7), using: &generator)) weeks"
        case 3: return "since \(literal(.date))"
        default: return "between 2011-01-01 and \(pick(["2011-01-01", "2011-06-30", "2012-12-31"]))"
        }
    }

    mutating func optionalWindow() -> String {
        let text = window()
        return text.isEmpty ? "" : ", " + text
    }
}
