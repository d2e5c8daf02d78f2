import Warehouse

/// Values: fields, attributes, the ladder tier and the functions, each as a scalar SQL
/// expression over the outer customer row.
extension SQLBuilder {
    mutating func appendValue(_ value: Value) {
        switch value {
        case .literal(let literal):
            appendLiteral(literal)
        case .field(.tier):
            appendTier()
        case .field(let field):
            append("NULLIF(\(customer).\(field.name), '')")
        case .attribute(let name, let type):
            append("(SELECT x_a.value FROM json_each(\(customer).attributes) AS x_a WHERE x_a.key = ")
            bind(.text(name))
            switch type {
            case .number:
                append(" AND x_a.type IN ('integer', 'real'))")
            case .date, .text:
                append(" AND x_a.type = 'text' AND x_a.value <> '')")
            }
        case .eventCount(let selection, let window):
            append("(SELECT count(*) FROM \(linkedEvents) WHERE x_l.customer_id = \(customer).customer_id")
            appendKindFilter(selection)
            appendWindow(window, column: "x_e.occurred_at")
            append(")")
        case .spend(let window):
            append("(SELECT coalesce(sum(x_ol.line_total_cents), 0) FROM \(orderLines)")
            append(" WHERE x_o.customer_id = \(customer).customer_id AND x_o.status <> 'void'")
            appendWindow(window, column: "x_o.ordered_at")
            append(")")
        case .orderCount(let window):
            append("(SELECT count(*) FROM orders AS x_o WHERE x_o.customer_id = \(customer).customer_id AND x_o.status = 'ok'")
            appendWindow(window, column: "x_o.ordered_at")
            append(")")
        case .daysSince(.event(let selection)):
            append("(SELECT CAST(julianday(")
            bind(.text(asOf.description))
            append(") - julianday(substr(max(x_e.occurred_at), 1, 10)) AS INTEGER) FROM \(linkedEvents)")
            append(" WHERE x_l.customer_id = \(customer).customer_id")
            appendKindFilter(selection)
            appendUpToAsOf(column: "x_e.occurred_at")
            append(")")
        case .daysSince(.order):
            append("(SELECT CAST(julianday(")
            bind(.text(asOf.description))
            append(") - julianday(substr(max(x_o.ordered_at), 1, 10)) AS INTEGER) FROM orders AS x_o")
            append(" WHERE x_o.customer_id = \(customer).customer_id AND x_o.status = 'ok'")
            appendUpToAsOf(column: "x_o.ordered_at")
            append(")")
        case .daysSince(.signup):
            append("CAST(julianday(")
            bind(.text(asOf.description))
            append(") - julianday(NULLIF(\(customer).signup_date, '')) AS INTEGER)")
        }
    }

    /// Orders joined with their lines.
    private var orderLines: String {
        "orders AS x_o JOIN order_lines AS x_ol ON x_ol.order_id = x_o.order_id"
    }

    /// Events joined with the links of their members; filter on `x_l.customer_id`.
    private var linkedEvents: String {
        "member_links AS x_l JOIN events AS x_e ON x_e.source = x_l.source AND x_e.member_id = x_l.member_id"
    }

    private mutating func appendKindFilter(_ selection: EventSelection) {
        if case .kind(let kind) = selection {
            append(" AND x_e.kind = ")
            bind(.text(kind.rawValue))
        }
    }

    mutating func appendBought(_ product: ProductSelector, _ window: Window) {
        append("EXISTS (SELECT 1 FROM \(orderLines)")
        append(" WHERE x_o.customer_id = \(customer).customer_id AND x_o.status <> 'void' AND x_ol.quantity > 0")
        switch product {
        case .sku(let sku):
            append(" AND x_ol.sku = ")
            bind(.text(sku))
        case .category(let category):
            append(" AND x_ol.sku IN (SELECT x_p.sku FROM products AS x_p WHERE x_p.category = ")
            bind(.text(category))
            append(")")
        }
        appendWindow(window, column: "x_o.ordered_at")
        append(")")
    }

    /// The customer's rung on the ladder as 0 (`none`) to 4 (`creator`) for the as-of date.
    ///
    /// A linked member counts once it exists by the as-of date. That is when its `joined_at`
    /// is on or before it (rung joiner), when it has an event on or before it (the rung of its
    /// highest event), or when it has neither a `joined_at` nor any event at all (spectator).
    /// A customer with no such member is `none`.
    private mutating func appendTier() {
        let joinedAt = "NULLIF(x_m.joined_at, '')"
        append("(SELECT coalesce(max(x_r.rung), 0) FROM (")
        append("SELECT CASE WHEN \(joinedAt) IS NULL THEN \(Tier.spectator.rawValue) ELSE \(Tier.joiner.rawValue) END AS rung")
        append(" FROM member_links AS x_l JOIN members AS x_m ON x_m.source = x_l.source AND x_m.member_id = x_l.member_id")
        append(" WHERE x_l.customer_id = \(customer).customer_id AND (\(joinedAt) < ")
        bind(.text(asOf.clampedAdding(days: 1).description))
        append(" OR (\(joinedAt) IS NULL AND NOT EXISTS (SELECT 1 FROM events AS x_e")
        append(" WHERE x_e.source = x_m.source AND x_e.member_id = x_m.member_id)))")
        append(" UNION ALL SELECT \(SQLBuilder.rungOfEventKind) AS rung FROM \(linkedEvents)")
        append(" WHERE x_l.customer_id = \(customer).customer_id")
        appendUpToAsOf(column: "x_e.occurred_at")
        append(") AS x_r)")
    }

    /// `CASE x_e.kind WHEN 'view' THEN 1 … END`, built from the ladder.
    static let rungOfEventKind: String = {
        let branches = EventKind.allCases.map { "WHEN '\($0.rawValue)' THEN \($0.tier.rawValue)" }
        return "CASE x_e.kind " + branches.joined(separator: " ") + " ELSE \(Tier.spectator.rawValue) END"
    }()
}
