import Warehouse

/// The syntax tree of an expression as written, before names are resolved.
///
/// Every node keeps its source range for diagnostics. `and` and `or` hold all their operands
/// in one list, so a long chain stays one level deep. A `.missing` node is where the parser
/// reported an error and recovered, and the checker skips it without another diagnostic.
public struct ExpressionSyntax: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        case or([ExpressionSyntax])
        case and([ExpressionSyntax])
        case not(ExpressionSyntax)
        case comparison(OperandSyntax, ComparisonOperator, OperandSyntax)
        /// `x in (a, b)` or, negated, `x not in (a, b)`.
        case membership(OperandSyntax, [OperandSyntax], isNegated: Bool)
        /// `x between a and b` or, negated, `x not between a and b`.
        case between(OperandSyntax, lower: OperandSyntax, upper: OperandSyntax, isNegated: Bool)
        /// An operand standing alone, which must be a condition such as `bought(…)`.
        case operand(OperandSyntax)
        case missing
    }

    public let kind: Kind
    public let range: SourceRange

    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// A value in an expression: a literal, a name, `attr "name"` or a function call.
public struct OperandSyntax: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case number(NumberValue)
        case string(String)
        case date(CivilDate)
        /// A bare word: a field, a tier word, or something the checker reports.
        case name(String)
        case attribute(String)
        case call(CallSyntax)
        case missing
    }

    public let kind: Kind
    public let range: SourceRange
    /// The operand's text with white space normalised, shortened for messages.
    public let text: String

    public init(_ kind: Kind, range: SourceRange, text: String) {
        self.kind = kind
        self.range = range
        self.text = text
    }
}

/// `name(argument, …)`.
public struct CallSyntax: Sendable, Hashable {
    public let name: String
    public let nameRange: SourceRange
    public let arguments: [ArgumentSyntax]
    /// The closing parenthesis, or an empty range where it is missing: the place to report
    /// a missing argument.
    public let closingRange: SourceRange

    /// Whether the call ends with its `)`.
    public var isClosed: Bool { closingRange.start != closingRange.end }

    public init(name: String, nameRange: SourceRange, arguments: [ArgumentSyntax], closingRange: SourceRange) {
        self.name = name
        self.nameRange = nameRange
        self.arguments = arguments
        self.closingRange = closingRange
    }
}

/// One argument of a function call.
public struct ArgumentSyntax: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// An event kind, `any`, `order` or `signup`.
        case name(String)
        case sku(String)
        case category(String)
        case window(WindowSyntax)
        case missing
    }

    public let kind: Kind
    public let range: SourceRange

    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// A window as written; `N weeks` is already `7N` days.
public enum WindowSyntax: Sendable, Hashable {
    case lastDays(Int)
    case since(CivilDate)
    case between(CivilDate, CivilDate)
}
