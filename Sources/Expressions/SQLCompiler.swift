import Warehouse

/// SQL text with the values to bind to its `?` parameters, in order of appearance.
public struct SQLFragment: Sendable, Hashable {
    public var sql: String
    public var arguments: [SQLValue]

    public init(sql: String, arguments: [SQLValue]) {
        self.sql = sql
        self.arguments = arguments
    }
}

/// Compiles a checked condition to SQLite SQL for one as-of date.
///
/// Every value from the analyst's text is a bound parameter: strings, numbers, money, dates,
/// tier words, attribute names, SKUs, categories, event kinds and every window bound. So the
/// SQL text depends only on the shape of the expression and never contains analyst text. It
/// does contain constants of the language itself: the ladder's event kinds and rungs, order
/// statuses and JSON type names.
///
/// Each test yields 0 or 1, never NULL: a comparison is wrapped in `coalesce(…, 0)`, so a
/// missing value makes it false and `NOT` negates plainly.
///
/// Tables read: `customers` (as the outer alias), `member_links`, `members`, `events`,
/// `orders`, `order_lines`, `products`. Inner aliases start with `x_`.
public struct SQLCompiler: Sendable {
    public let asOf: CivilDate

    public init(asOf: CivilDate) {
        self.asOf = asOf
    }

    /// Compiles `condition` for a `WHERE` clause over `customers` aliased `customerAlias`, to
    /// combine with the caller's own SQL. The fragment keeps customers who signed up after the
    /// as-of date, because the caller's own customer set leaves them out.
    public func condition(_ condition: Condition, customerAlias: String = "c") -> SQLFragment {
        SQLCompiler.requirePlainAlias(customerAlias)
        var builder = SQLBuilder(customer: customerAlias, asOf: asOf)
        builder.appendCondition(condition)
        return SQLFragment(sql: builder.sql, arguments: builder.arguments)
    }

    /// Compiles `value` to a scalar SQL expression over `customers` aliased `customerAlias`,
    /// to read one figure of a customer with the same definitions as conditions use. A field
    /// or `days_since` that is missing is NULL, and counts and sums are never NULL.
    public func value(_ value: Value, customerAlias: String = "c") -> SQLFragment {
        SQLCompiler.requirePlainAlias(customerAlias)
        var builder = SQLBuilder(customer: customerAlias, asOf: asOf)
        builder.appendValue(value)
        return SQLFragment(sql: builder.sql, arguments: builder.arguments)
    }

    private static func requirePlainAlias(_ alias: String) {
        precondition(
            alias.first.map { $0.isLetter && $0.isASCII } == true
                && alias.allSatisfy { ($0.isLetter || $0.isNumber || $0 == "_") && $0.isASCII }
                && !alias.hasPrefix("x_"),
            "customer alias '\(alias)' must be a plain identifier not starting with x_")
    }

    /// Compiles `condition` to a query for the sorted ids of the customers it is true for,
    /// among those whose signup date is missing or on or before the as-of date.
    public func customerQuery(_ condition: Condition) -> SQLFragment {
        var builder = SQLBuilder(customer: "c", asOf: asOf)
        builder.append("SELECT c.customer_id FROM customers AS c WHERE (NULLIF(c.signup_date, '') IS NULL OR c.signup_date < ")
        builder.bind(.text(asOf.clampedAdding(days: 1).description))
        builder.append(") AND ")
        builder.appendCondition(condition)
        builder.append(" ORDER BY c.customer_id")
        return SQLFragment(sql: builder.sql, arguments: builder.arguments)
    }
}

/// Accumulates SQL text and its arguments.
struct SQLBuilder {
    var sql = ""
    var arguments: [SQLValue] = []
    /// The alias of the outer `customers` row.
    let customer: String
    let asOf: CivilDate

    init(customer: String, asOf: CivilDate) {
        self.customer = customer
        self.asOf = asOf
    }

    mutating func append(_ text: String) {
        sql += text
    }

    mutating func bind(_ value: SQLValue) {
        sql += "?"
        arguments.append(value)
    }

    // MARK: Conditions

    mutating func appendCondition(_ condition: Condition) {
        switch condition {
        case .and(let operands):
            appendChain(operands, connective: " AND ")
        case .or(let operands):
            appendChain(operands, connective: " OR ")
        case .not(let operand):
            // Every operand is a function call, an EXISTS or a parenthesised chain, so NOT
            // needs no parentheses of its own.
            append("NOT ")
            appendCondition(operand)
        case .compare(let left, let comparison, let right):
            append("coalesce(")
            appendValue(left)
            append(" \(comparison.rawValue) ")
            appendValue(right)
            append(", 0)")
        case .among(let subject, let items):
            append("coalesce(")
            appendValue(subject)
            append(" IN (")
            for (offset, item) in items.enumerated() {
                if offset > 0 { append(", ") }
                appendValue(item)
            }
            append("), 0)")
        case .between(let subject, let lower, let upper):
            append("coalesce(")
            appendValue(subject)
            append(" BETWEEN ")
            appendValue(lower)
            append(" AND ")
            appendValue(upper)
            append(", 0)")
        case .bought(let product, let window):
            appendBought(product, window)
        }
    }

    /// Joins operands into one flat, parenthesised chain. SQLite parses a chain without
    /// growing its parser stack, while each nested parenthesis grows it.
    private mutating func appendChain(_ operands: [Condition], connective: String) {
        append("(")
        for (offset, operand) in operands.enumerated() {
            if offset > 0 { append(connective) }
            appendCondition(operand)
        }
        append(")")
    }

    // MARK: Literals and windows

    mutating func appendLiteral(_ literal: Literal) {
        switch literal {
        case .number(let number):
            bind(number.scale == 0 ? .integer(number.units) : .real(number.doubleValue))
        case .money(let money):
            bind(.integer(money.cents))
        case .text(let text):
            bind(.text(text))
        case .date(let day):
            bind(.text(day.description))
        case .tier(let tier):
            bind(.integer(Int64(tier.rawValue)))
        }
    }

    /// Appends ` AND column is in the window`, for a column of dates or `…T…Z` timestamps.
    ///
    /// Comparing with the text of the first day and of the day after the last one works for
    /// both forms, because a timestamp sorts after its own date and before the next day.
    mutating func appendWindow(_ window: Window, column: String) {
        let days = window.resolved(asOf: asOf)
        if window != .allTime {
            append(" AND \(column) >= ")
            bind(.text((days.first ?? CivilDate.earliest).description))
        }
        append(" AND \(column) < ")
        bind(.text(days.last.clampedAdding(days: 1).description))
    }

    /// Appends ` AND column is on or before the as-of date`.
    mutating func appendUpToAsOf(column: String) {
        append(" AND \(column) < ")
        bind(.text(asOf.clampedAdding(days: 1).description))
    }
}
