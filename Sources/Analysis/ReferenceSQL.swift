import Warehouse

/// A subquery that selects the `customer_id` of the customers a `--where` filter keeps, with
/// its bound values in the order its `?` placeholders appear.
public struct CustomerFilterSQL: Sendable {
    public let sql: String
    public let arguments: [SQLValue]

    public init(sql: String, arguments: [SQLValue]) {
        self.sql = sql
        self.arguments = arguments
    }
}

/// The building blocks of every figure in SQL over the raw tables: the reference that the
/// fast path must agree with.
///
/// Every query starts with the same common table expressions, bound in this order: the
/// first instant after the as-of day (`?1`), the as-of date (`?2`), then the filter's values.
/// - `member_tiers(source, member_id, tier)`: members that exist at the as-of date.
/// - `customer_tiers(customer_id, tier)`: customers in scope and their tiers.
/// - `scope_customers`: the customers in scope that the filter keeps, with their tier.
/// - `links(source, member_id, customer_id)`: links of existing members to those customers.
/// - `counted_lines`: orders in scope that are not void, with their lines (an order without
///   lines appears once with NULL line values) and the customer in scope, else NULL (a guest).
enum ReferenceSQL {
    static func commonTables(filter: CustomerFilterSQL?) -> String {
        let kept = filter.map { " WHERE c.customer_id IN (\($0.sql))" } ?? ""
        return """
            WITH \(Ladder.memberTiersCTE), \(Ladder.customerTiersCTE),
            scope_customers AS (
                SELECT c.customer_id, c.name, c.email, c.region, c.country, c.channel, c.signup_date, c.opt_out,
                       t.tier
                  FROM customers c JOIN customer_tiers t ON t.customer_id = c.customer_id\(kept)
            ),
            links AS (
                SELECT l.source, l.member_id, l.customer_id
                  FROM member_links l
                  JOIN scope_customers s ON s.customer_id = l.customer_id
                  JOIN member_tiers mt ON mt.source = l.source AND mt.member_id = l.member_id
            ),
            counted_lines AS (
                SELECT o.order_id, o.ordered_at, o.channel AS order_channel, o.country AS order_country, o.status,
                       s.customer_id, l.line_no, l.sku, l.quantity, l.line_total_cents,
                       coalesce(p.merchandise, 1) AS merchandise, p.category
                  FROM orders o
                  LEFT JOIN scope_customers s ON s.customer_id = o.customer_id
                  LEFT JOIN order_lines l ON l.order_id = o.order_id
                  LEFT JOIN products p ON p.sku = l.sku
                 WHERE o.status != 'void' AND o.ordered_at < ?1
            )
            """
    }

    static func arguments(asOf: CivilDate, filter: CustomerFilterSQL?) -> [SQLBindable] {
        Ladder.arguments(asOf: asOf) + (filter?.arguments ?? [])
    }

    /// The tier number as its word.
    static func tierWord(_ expression: String) -> String {
        """
        CASE \(expression) WHEN 0 THEN 'none' WHEN 1 THEN 'spectator' WHEN 2 THEN 'joiner' WHEN 3 THEN 'critic' \
        WHEN 4 THEN 'creator' END
        """
    }

    /// The text of the `(guest)` and `(unlinked)` keys in SQL results, which no stored value can equal.
    static let guestKey = "char(1) || 'guest'"
    static let unlinkedKey = "char(1) || 'unlinked'"
}
