import Text
import Warehouse

/// The customers of one cohort and what they did, as exact integers.
public struct CohortRow: Sendable, Equatable {
    public let key: PivotKey
    public var customers: Int64 = 0
    /// Customers per tier, in ladder order from `none` to `creator`.
    public var tiers: [Int64] = [0, 0, 0, 0, 0]
    public var buyers: Int64 = 0
    /// Counted (`ok`) orders.
    public var orders: Int64 = 0
    /// Line totals of counted lines, returns subtracted.
    public var revenue: Int64 = 0
    /// Line totals of counted orders, the numerator of aov.
    public var countedOrderRevenue: Int64 = 0
    /// Revenue of the cohort's customers, leaving guests out: the numerator of revenue per customer.
    public var customerRevenue: Int64 = 0

    /// Customers whose tier is not `none`.
    public var linked: Int64 { customers - tiers[0] }
}

/// Cohorts of customers by a customer dimension, with a `(guest)` row for guest orders and
/// a total row.
public struct CohortTable: Sendable, Equatable {
    public let dimension: PivotDimension
    public let rows: [CohortRow]
    public let total: CohortRow

    /// The dimensions cohorts can be formed by.
    public static let dimensions: [PivotDimension] = [.signupMonth, .channel, .region, .tier]

    /// The CSV columns after the key column.
    public static let columnNames = [
        "customers", "linked", "linked_share", "none", "none_share", "spectator", "spectator_share", "joiner",
        "joiner_share", "critic", "critic_share", "creator", "creator_share", "buyers", "buyers_share", "orders",
        "revenue", "revenue_per_customer", "aov",
    ]

    public func csvRecords() -> [[CSVCell]] {
        var records: [[CSVCell]] = [[.text(dimension.columnName)] + CohortTable.columnNames.map(CSVCell.text)]
        for row in rows + [total] {
            let key: CSVCell = row.key == .value("\u{0}total") ? .text("total") : .text(row.key.csvText)
            records.append([key] + CohortTable.values(of: row).map(\.csvCell))
        }
        return records
    }

    /// The figures of a row in `columnNames` order.
    public static func values(of row: CohortRow) -> [PivotValue] {
        var values: [PivotValue] = [.count(row.customers), .count(row.linked), share(row.linked, row.customers)]
        for count in row.tiers {
            values += [.count(count), share(count, row.customers)]
        }
        values += [
            .count(row.buyers), share(row.buyers, row.customers), .count(row.orders), .money(row.revenue),
            .moneyRatio(numerator: row.customerRevenue, denominator: row.customers),
            .moneyRatio(numerator: row.countedOrderRevenue, denominator: row.orders),
        ]
        return values
    }

    private static func share(_ part: Int64, _ whole: Int64) -> PivotValue {
        .share(numerator: part, denominator: whole)
    }

    /// The key of the total row.
    static let totalKey = PivotKey.value("\u{0}total")
}

/// Computes cohorts with SQL over the raw tables.
public struct ReferenceCohorts {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The row of orders that belong to no customer, in the columns of the cohort rows.
    private let guestSQL = """
        UNION ALL
        SELECT 1, NULL, 0, 0, 0, 0, 0, 0, 0, count(DISTINCT CASE WHEN status = 'ok' THEN order_id END),
               coalesce(sum(line_total_cents), 0), coalesce(sum(CASE WHEN status = 'ok' THEN line_total_cents END), 0)
          FROM counted_lines WHERE customer_id IS NULL
        HAVING count(*) > 0
        """

    /// Computes the cohorts of the customers `filter` selects, and without a filter the guest row
    /// of orders that belong to no customer.
    public func run(by dimension: PivotDimension, asOf: CivilDate, filter: CustomerFilterSQL? = nil) throws -> CohortTable {
        precondition(CohortTable.dimensions.contains(dimension), "cohorts cannot be formed by \(dimension.rawValue)")
        let key = ReferencePivot(database: database).keySQL(dimension, fact: .customers)
        let sql = """
            \(ReferenceSQL.commonTables(filter: filter)),
            customer_sales AS (
                SELECT customer_id, sum(line_total_cents) AS revenue,
                       count(DISTINCT CASE WHEN status = 'ok' THEN order_id END) AS ok_orders,
                       sum(CASE WHEN status = 'ok' THEN line_total_cents END) AS ok_revenue
                  FROM counted_lines WHERE customer_id IS NOT NULL GROUP BY customer_id
            )
            SELECT 0, \(key), count(*), sum(s.tier = 0), sum(s.tier = 1), sum(s.tier = 2), sum(s.tier = 3),
                   sum(s.tier = 4), sum(coalesce(cs.ok_orders, 0) > 0), coalesce(sum(cs.ok_orders), 0),
                   coalesce(sum(cs.revenue), 0), coalesce(sum(cs.ok_revenue), 0)
              FROM scope_customers s LEFT JOIN customer_sales cs ON cs.customer_id = s.customer_id
             GROUP BY 2
            \(filter == nil ? guestSQL : "")
            """
        var rows: [CohortRow] = []
        var guest: CohortRow?
        for (isGuest, row) in try database.query(sql, ReferenceSQL.arguments(asOf: asOf, filter: filter), row: { row in
            let isGuest = row.int(0) == 1
            var cohort = CohortRow(key: isGuest ? .guest : PivotKey(sqlText: row.optionalText(1)))
            cohort.customers = row.integer(2)
            cohort.tiers = (3...7).map { row.integer($0) }
            cohort.buyers = row.integer(8)
            cohort.orders = row.integer(9)
            cohort.revenue = row.integer(10)
            cohort.countedOrderRevenue = row.integer(11)
            cohort.customerRevenue = isGuest ? 0 : cohort.revenue
            return (isGuest, cohort)
        }) {
            if isGuest {
                guest = row
            } else {
                rows.append(row)
            }
        }
        rows.sort { PivotKey.precedes($0.key, $1.key, tierOrder: dimension.isTier) }
        if let guest {
            // The guest row goes after the real keys and before the missing key.
            let index = rows.firstIndex { $0.key == .missing } ?? rows.count
            rows.insert(guest, at: index)
        }
        return CohortTable(dimension: dimension, rows: rows, total: CohortTable.sum(rows))
    }
}

extension CohortTable {
    /// The total row: every count and sum added up, ratios then computed from them.
    static func sum(_ rows: [CohortRow]) -> CohortRow {
        var total = CohortRow(key: totalKey)
        for row in rows {
            total.customers += row.customers
            for index in 0..<5 {
                total.tiers[index] += row.tiers[index]
            }
            total.buyers += row.buyers
            total.orders += row.orders
            total.revenue += row.revenue
            total.countedOrderRevenue += row.countedOrderRevenue
            total.customerRevenue += row.customerRevenue
        }
        return total
    }
}
