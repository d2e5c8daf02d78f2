import Warehouse

/// A problem found in analyst text: what went wrong (with its data) and where.
///
/// The wording of every problem lives in `Diagnostic+Wording.swift`, so messages stay
/// consistent and each keeps a stable `id` that tests and tools can match.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable {
        /// The expression cannot run.
        case error
        /// The expression runs, but probably not as meant.
        case warning
    }

    public let problem: Problem
    public let range: SourceRange

    public init(_ problem: Problem, at range: SourceRange) {
        self.problem = problem
        self.range = range
    }

    public var id: String { problem.id }
    public var severity: Severity { problem.severity }
    public var message: String { problem.message }
    public var help: String? { problem.help }
    public var isError: Bool { severity == .error }
}

extension Diagnostic {
    /// Everything that can be wrong with an expression, holding data and no prose.
    ///
    /// `found` values are token display names such as `'country'` or `end of input`.
    public enum Problem: Sendable, Hashable {
        // Lexing
        case unexpectedCharacter(String)
        case unterminatedString
        case invalidEscape(String)
        case singleQuotedString
        case invalidDate(String)
        case malformedNumber(String)
        case misspelledOperator(found: String, expected: String)
        case keywordCase(found: String, keyword: String)
        case stringTooLong(limit: Int)

        // Parsing
        case emptyExpression
        case expectedOperand(found: String)
        case unclosedParenthesis
        case unmatchedClosingParenthesis
        case missingConnective(found: String)
        case unexpectedToken(found: String)
        case chainedComparison(String)
        case expectedBetweenAnd(found: String)
        case expectedListOpening(found: String)
        case expectedListSeparator(found: String)
        case expectedArgumentSeparator(function: String, found: String)
        case expectedArgument(function: String, found: String)
        case expectedWindowUnit(found: String)
        case expectedDate(found: String)
        case quotedDate(String)
        case expectedAttributeName(found: String)
        case expectedProductName(keyword: String, found: String)
        case windowOutsideCall
        case numberTooLarge(String)
        case invalidWindowLength(String)
        case windowTooLong(String, limit: Int)
        case nestingTooDeep(limit: Int)
        case tooManyConditions(limit: Int)
        case tooManyListItems(limit: Int)
        case tooManyListItemsInTotal(limit: Int)

        // Checking
        case unknownName(String, suggestion: String?, isTextExpected: Bool)
        case unknownFunction(String, suggestion: String?)
        case functionWithoutParentheses(String)
        case kindAsValue(String)
        case unknownAttribute(String, suggestion: String?)
        case unknownKind(String, function: String, suggestion: String?, allowed: [String])
        case unknownSKU(String, suggestion: String?)
        case unknownCategory(String, suggestion: String?)
        case typeMismatch(left: String, leftType: String, right: String, rightType: String)
        case moneyDecimals(String)
        case moneyTooLarge(String)
        case notACondition(String, type: String)
        case conditionAsValue(String)
        case missingArgument(function: String, expected: String)
        case unexpectedArgument(function: String, found: String, expected: String)
        case tooManyArguments(function: String, maximum: Int)
        case windowNotAllowed(function: String)
        case windowReversed(first: CivilDate, last: CivilDate)
    }
}
