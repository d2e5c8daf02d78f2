import Warehouse

/// A checked expression: a typed tree in which every name is resolved, ready for the SQL
/// compiler or an in-memory evaluator. It contains no SQL and no source positions.
///
/// Semantics that every evaluator must share:
/// - A condition is true or false, never unknown. A comparison, `among` or `between` test
///   with a missing value on either side is false; `not` negates plainly. `!=` arrives here
///   already rewritten as `.not(.compare(_, .equal, _))`, `not in` and `not between` as
///   `.not` of the test, so they are true when a value is missing.
/// - A field or attribute is missing when it is NULL or the empty string, or when the stored
///   attribute has another JSON type than the recorded one (a string under a `number`
///   attribute).
/// - `eventCount`, `spend` and `orderCount` are never missing: no activity is 0. `daysSince`
///   is missing when the thing never happened on or before the as-of date.
/// - Both sides of a comparison have the same `ValueType`: a number literal compared with
///   money arrives as `.money`. Text compares by UTF-8 bytes, dates and tiers in time and
///   ladder order.
public indirect enum Condition: Sendable, Hashable {
    case and([Condition])
    case or([Condition])
    case not(Condition)
    case compare(Value, Comparison, Value)
    /// The value equals one of the list's values (`in`).
    case among(Value, [Value])
    /// Both bounds included.
    case between(Value, lower: Value, upper: Value)
    /// A line with positive quantity of a matching product in a non-void order in the window.
    case bought(ProductSelector, Window)
}

/// A comparison after `!=` has been rewritten as `not =`.
public enum Comparison: String, Sendable, Hashable, CaseIterable {
    case equal = "="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

/// A value read for one customer, or a literal.
public enum Value: Sendable, Hashable {
    case literal(Literal)
    case field(CustomerField)
    /// An extra customer column, with the type recorded when it was imported.
    case attribute(name: String, type: AttributeType)
    /// Events of the customer's linked members.
    case eventCount(EventSelection, Window)
    /// Revenue of the customer's orders: line totals of non-void orders, so returns subtract.
    case spend(Window)
    /// The customer's counted orders: those with status `ok`.
    case orderCount(Window)
    /// Whole days from the last such thing on or before the as-of date to the as-of date.
    case daysSince(DaysSinceTarget)

    public var type: ValueType {
        switch self {
        case .literal(let literal): return literal.type
        case .field(let field): return field.type
        case .attribute(_, let type): return type.valueType
        case .eventCount, .orderCount, .daysSince: return .number
        case .spend: return .money
        }
    }
}

/// A constant written in the expression.
public enum Literal: Sendable, Hashable {
    case number(NumberValue)
    case money(Money)
    case text(String)
    case date(CivilDate)
    case tier(Tier)

    public var type: ValueType {
        switch self {
        case .number: return .number
        case .money: return .money
        case .text: return .text
        case .date: return .date
        case .tier: return .tier
        }
    }
}

/// The events that `count` and `days_since` read.
public enum EventSelection: Sendable, Hashable {
    case any
    case kind(EventKind)
}

/// The products `bought` looks for.
public enum ProductSelector: Sendable, Hashable {
    case sku(String)
    case category(String)
}

/// The event, order or signup that `days_since` measures from.
public enum DaysSinceTarget: Sendable, Hashable {
    /// The last event of the customer's linked members (of one kind, or of any).
    case event(EventSelection)
    /// The last counted order.
    case order
    /// The signup date.
    case signup
}
