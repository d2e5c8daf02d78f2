import Text
import Warehouse

/// Resolves the names of a syntax tree against a catalog, checks types, and builds the
/// `Condition` that the compilers take.
///
/// Like the parser, it reports and carries on, so one check lists every problem. A subtree
/// with an error yields nil, and its parents yield nil without another diagnostic. The result
/// has a condition only when there is no error at all, because warnings (an SKU the
/// warehouse has not sold yet) leave it intact.
public struct Checker {
    public let catalog: any Catalog
    private(set) var diagnostics: [Diagnostic] = []

    public init(catalog: any Catalog) {
        self.catalog = catalog
    }

    /// The outcome of checking a whole text.
    public struct Output: Sendable {
        public let tokens: [Token]
        public let syntax: ExpressionSyntax
        /// The checked expression; nil when any diagnostic is an error.
        public let condition: Condition?
        /// Lexical, syntax and type diagnostics, in text order.
        public let diagnostics: [Diagnostic]

        public var errors: [Diagnostic] { diagnostics.filter(\.isError) }
        public var warnings: [Diagnostic] { diagnostics.filter { !$0.isError } }
    }

    /// Lexes, parses and checks `source` as one expression.
    public static func check(_ source: String, catalog: any Catalog, origin: SourceLocation = .start) -> Output {
        let parsed = Parser.parse(source, origin: origin)
        let checked = Checker(catalog: catalog).check(parsed.syntax)
        // A check diagnostic where a syntax error already points is a consequence of it.
        let syntaxPlaces = Set(parsed.diagnostics.map(\.range.start.offset))
        let checkDiagnostics = checked.diagnostics.filter { !syntaxPlaces.contains($0.range.start.offset) }
        let diagnostics = Diagnostic.sortedByPosition(parsed.diagnostics + checkDiagnostics)
        let hasErrors = diagnostics.contains(where: \.isError)
        return Output(
            tokens: parsed.tokens, syntax: parsed.syntax,
            condition: hasErrors ? nil : checked.condition, diagnostics: diagnostics)
    }

    /// Checks a parsed expression. The condition is nil when the tree has a `.missing` node
    /// or this check found an error.
    public func check(_ syntax: ExpressionSyntax) -> (condition: Condition?, diagnostics: [Diagnostic]) {
        var checker = self
        checker.diagnostics = []
        let condition = checker.checkCondition(syntax)
        let hasErrors = checker.diagnostics.contains(where: \.isError)
        return (hasErrors ? nil : condition, checker.diagnostics)
    }

    mutating func report(_ problem: Diagnostic.Problem, at range: SourceRange) {
        diagnostics.append(Diagnostic(problem, at: range))
    }

    // MARK: Conditions

    private mutating func checkCondition(_ syntax: ExpressionSyntax) -> Condition? {
        switch syntax.kind {
        case .or(let operands):
            let checked = operands.map { checkCondition($0) }
            return checked.contains { $0 == nil } ? nil : .or(checked.map { $0! })
        case .and(let operands):
            let checked = operands.map { checkCondition($0) }
            return checked.contains { $0 == nil } ? nil : .and(checked.map { $0! })
        case .not(let operand):
            return checkCondition(operand).map { .not($0) }
        case .comparison(let left, let comparison, let right):
            return checkComparison(left, comparison, right)
        case .membership(let subject, let items, let isNegated):
            return checkMembership(subject, items).map { isNegated ? .not($0) : $0 }
        case .between(let subject, let lower, let upper, let isNegated):
            return checkBetween(subject, lower, upper).map { isNegated ? .not($0) : $0 }
        case .operand(let operand):
            switch checkOperand(operand, context: nil) {
            case .condition(let condition)?:
                return condition
            case .value(let value)?:
                report(.notACondition(operand.text, type: value.type.rawValue), at: operand.range)
                return nil
            case nil:
                return nil
            }
        case .missing:
            return nil
        }
    }

    private mutating func checkComparison(
        _ left: OperandSyntax, _ comparison: ComparisonOperator, _ right: OperandSyntax
    ) -> Condition? {
        let leftValue = checkValue(left, context: guessedType(of: right))
        let rightValue = checkValue(right, context: guessedType(of: left))
        guard let leftValue, let rightValue,
            let (subject, other) = unify(leftValue, left, with: rightValue, right)
        else { return nil }
        switch comparison {
        case .equal: return .compare(subject, .equal, other)
        case .notEqual: return .not(.compare(subject, .equal, other))
        case .less: return .compare(subject, .less, other)
        case .lessOrEqual: return .compare(subject, .lessOrEqual, other)
        case .greater: return .compare(subject, .greater, other)
        case .greaterOrEqual: return .compare(subject, .greaterOrEqual, other)
        }
    }

    private mutating func checkMembership(_ subject: OperandSyntax, _ items: [OperandSyntax]) -> Condition? {
        var itemType: ValueType?
        for item in items where itemType == nil {
            itemType = guessedType(of: item)
        }
        let subjectValue = checkValue(subject, context: itemType)
        var values: [Value] = []
        var isValid = subjectValue != nil && !items.isEmpty
        for item in items {
            guard let itemValue = checkValue(item, context: guessedType(of: subject)) else {
                isValid = false
                continue
            }
            guard let subjectValue else { continue }
            if let (_, unified) = unify(subjectValue, subject, with: itemValue, item) {
                values.append(unified)
            } else {
                isValid = false
            }
        }
        guard isValid, let subjectValue else { return nil }
        return .among(subjectValue, values)
    }

    private mutating func checkBetween(
        _ subject: OperandSyntax, _ lower: OperandSyntax, _ upper: OperandSyntax
    ) -> Condition? {
        let subjectValue = checkValue(subject, context: guessedType(of: lower) ?? guessedType(of: upper))
        let lowerValue = checkValue(lower, context: guessedType(of: subject))
        let upperValue = checkValue(upper, context: guessedType(of: subject))
        guard let subjectValue else { return nil }
        let lowerBound = lowerValue.flatMap { unify(subjectValue, subject, with: $0, lower)?.1 }
        let upperBound = upperValue.flatMap { unify(subjectValue, subject, with: $0, upper)?.1 }
        guard let lowerBound, let upperBound else { return nil }
        return .between(subjectValue, lower: lowerBound, upper: upperBound)
    }

    /// Brings two values to one type, or reports why they cannot be compared. A number
    /// literal next to money becomes that amount of money.
    private mutating func unify(
        _ left: Value, _ leftSyntax: OperandSyntax, with right: Value, _ rightSyntax: OperandSyntax
    ) -> (Value, Value)? {
        if left.type == right.type {
            return (left, right)
        }
        if left.type == .money, case .literal(.number(let number)) = right {
            return money(number, rightSyntax).map { (left, .literal(.money($0))) }
        }
        if right.type == .money, case .literal(.number(let number)) = left {
            return money(number, leftSyntax).map { (.literal(.money($0)), right) }
        }
        report(
            .typeMismatch(
                left: leftSyntax.text, leftType: left.type.rawValue, right: rightSyntax.text,
                rightType: right.type.rawValue),
            at: rightSyntax.range)
        return nil
    }

    private mutating func money(_ number: NumberValue, _ syntax: OperandSyntax) -> Money? {
        if let money = Money(number) {
            return money
        }
        if number.scale > 2 && number.units % NumberValue.powerOfTen(number.scale - 2) != 0 {
            report(.moneyDecimals(syntax.text), at: syntax.range)
        } else {
            report(.moneyTooLarge(syntax.text), at: syntax.range)
        }
        return nil
    }

    /// Checks an operand that must be a value, not a condition.
    private mutating func checkValue(_ syntax: OperandSyntax, context: ValueType?) -> Value? {
        switch checkOperand(syntax, context: context) {
        case .value(let value)?:
            return value
        case .condition?:
            report(.conditionAsValue(syntax.text), at: syntax.range)
            return nil
        case nil:
            return nil
        }
    }

    /// The type an operand will have, guessed without reporting anything; used only to word
    /// the help for an unknown name on the other side.
    private func guessedType(of syntax: OperandSyntax) -> ValueType? {
        switch syntax.kind {
        case .string: return .text
        case .number: return .number
        case .date: return .date
        case .name(let name):
            return CustomerField(rawValue: name)?.type ?? (Tier(word: name) != nil ? .tier : nil)
        case .attribute(let name): return catalog.attributeTypes[name]?.valueType
        case .call, .missing: return nil
        }
    }
}

/// An operand after checking: a value, or a condition such as `bought(…)`.
enum CheckedOperand {
    case value(Value)
    case condition(Condition)
}
