import Text
import Warehouse

/// The retention triangle: per signup-month cohort, the share of its customers active in each
/// calendar month since signup, in the community and in orders.
public struct RetentionTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let cohort: String
        public let customers: Int64
        public let linked: Int64
        /// Linked customers with a non-view event, per month since signup; nil after the as-of month.
        public let community: [Int64?]
        /// Customers with a counted order, per month since signup; nil after the as-of month.
        public let orders: [Int64?]
    }

    public let rows: [Row]
    /// Months from the earliest cohort to the as-of month, so columns run `m0` to `m(count-1)`.
    public let monthCount: Int
    /// Customers in scope without a signup date, left out.
    public let customersWithoutSignup: Int64
    /// The as-of month is partial unless the as-of date is its last day.
    public let isLastMonthPartial: Bool

    public func csvRecords() -> [[CSVCell]] {
        let offsets = 0..<monthCount
        var header: [String] = ["signup_month", "customers", "linked"]
        header += offsets.map { "community_m\($0)" } + offsets.map { "orders_m\($0)" }
        var records: [[CSVCell]] = [header.map(CSVCell.text)]
        for row in rows {
            var cells: [CSVCell] = [.text(row.cohort), .integer(row.customers), .integer(row.linked)]
            cells += row.community.map { count in count.map { PivotValue.share(numerator: $0, denominator: row.linked).csvCell } ?? .missing }
            cells += row.orders.map { count in count.map { PivotValue.share(numerator: $0, denominator: row.customers).csvCell } ?? .missing }
            records.append(cells)
        }
        return records
    }
}

/// Computes the retention triangle with SQL over the raw tables.
public struct ReferenceRetention {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Computes the triangle of the customers that `filter` selects, every customer without one.
    public func run(asOf: CivilDate, filter: CustomerFilterSQL? = nil) throws -> RetentionTable {
        let sql = """
            \(ReferenceSQL.commonTables(filter: filter)),
            cohort AS (
                SELECT customer_id, substr(signup_date, 1, 7) AS cohort, tier FROM scope_customers
                 WHERE signup_date IS NOT NULL
            ),
            community AS (
                SELECT DISTINCT lk.customer_id, substr(e.occurred_at, 1, 7) AS month
                  FROM events e JOIN links lk ON lk.source = e.source AND lk.member_id = e.member_id
                 WHERE e.occurred_at < ?1 AND e.kind != 'view'
            ),
            buying AS (
                SELECT DISTINCT customer_id, substr(ordered_at, 1, 7) AS month FROM counted_lines
                 WHERE status = 'ok' AND customer_id IS NOT NULL
            )
            SELECT 'size', cohort, NULL, count(*), sum(tier > 0) FROM cohort GROUP BY cohort
            UNION ALL
            SELECT 'community', c.cohort, m.month, count(DISTINCT c.customer_id), NULL
              FROM cohort c JOIN community m ON m.customer_id = c.customer_id
             WHERE m.month >= c.cohort GROUP BY c.cohort, m.month
            UNION ALL
            SELECT 'orders', c.cohort, b.month, count(DISTINCT c.customer_id), NULL
              FROM cohort c JOIN buying b ON b.customer_id = c.customer_id
             WHERE b.month >= c.cohort GROUP BY c.cohort, b.month
            UNION ALL
            SELECT 'unsigned', NULL, NULL, count(*), NULL FROM scope_customers WHERE signup_date IS NULL
            """
        var sizes: [String: (Int64, Int64)] = [:]
        var community: [String: [Int: Int64]] = [:]
        var orders: [String: [Int: Int64]] = [:]
        var unsigned: Int64 = 0
        let rows = try database.query(sql, ReferenceSQL.arguments(asOf: asOf, filter: filter)) {
            ($0.text(0), $0.text(1), $0.optionalText(2), $0.integer(3), $0.integer(4))
        }
        for (part, cohort, month, count, linked) in rows {
            switch part {
            case "size": sizes[cohort] = (count, linked)
            case "community": community[cohort, default: [:]][monthIndex(month!) - monthIndex(cohort)] = count
            case "orders": orders[cohort, default: [:]][monthIndex(month!) - monthIndex(cohort)] = count
            default: unsigned = count
            }
        }

        let asOfMonth = asOf.year * 12 + asOf.month - 1
        let cohorts = sizes.keys.sorted()
        let monthCount = cohorts.first.map { asOfMonth - monthIndex($0) + 1 } ?? 0
        let table = cohorts.map { cohort -> RetentionTable.Row in
            let span = asOfMonth - monthIndex(cohort) + 1
            let offsets = 0..<monthCount
            return RetentionTable.Row(
                cohort: cohort, customers: sizes[cohort]!.0, linked: sizes[cohort]!.1,
                community: offsets.map { $0 < span ? community[cohort]?[$0] ?? 0 : nil },
                orders: offsets.map { $0 < span ? orders[cohort]?[$0] ?? 0 : nil })
        }
        let isPartial = asOf.day != CivilDate.daysInMonth(year: asOf.year, month: asOf.month)
        return RetentionTable(rows: table, monthCount: max(monthCount, 0), customersWithoutSignup: unsigned, isLastMonthPartial: isPartial)
    }

    /// Months since year 0 of a `YYYY-MM` key.
    private func monthIndex(_ month: String) -> Int {
        let parts = month.split(separator: "-")
        return Int(parts[0])! * 12 + Int(parts[1])! - 1
    }
}
