import Warehouse

/// Computes a pivot with SQL over the raw tables.
///
/// One query builds the fact rows of the pivot's fact, each with its row key and column key.
/// It aggregates them four times: per cell, per row, per column and over everything. So every
/// total is computed from the rows and never summed from the cells.
public struct ReferencePivot {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func run(_ plan: PivotPlan, asOf: CivilDate, filter: CustomerFilterSQL? = nil) throws -> PivotResult {
        let facts = factRowsSQL(plan, hasFilter: filter != nil)
        let aggregates = aggregateColumns(plan.measure)
        let sql = """
            \(ReferenceSQL.commonTables(filter: filter)),
            facts AS (\(facts))
            SELECT 0, row_key, col_key, \(aggregates) FROM facts GROUP BY row_key, col_key
            UNION ALL SELECT 1, row_key, NULL, \(aggregates) FROM facts GROUP BY row_key
            UNION ALL SELECT 2, NULL, col_key, \(aggregates) FROM facts GROUP BY col_key
            UNION ALL SELECT 3, NULL, NULL, \(aggregates) FROM facts
            """
        var arguments = ReferenceSQL.arguments(asOf: asOf, filter: filter)
        if case .eventsOfKind(let kind) = plan.measure {
            arguments += [kind, kind, kind, kind]
        }

        var cells: [PivotKey: [PivotKey: CellAggregate]] = [:]
        var rowTotals: [PivotKey: CellAggregate] = [:]
        var columnTotals: [PivotKey: CellAggregate] = [:]
        var grand = CellAggregate()
        let rows = try database.query(sql, arguments) { row -> (Int, PivotKey, PivotKey, CellAggregate) in
            let aggregate = CellAggregate(
                customers: row.integer(3), buyers: row.integer(4), members: row.integer(5), events: row.integer(6),
                orders: row.integer(7), units: row.integer(8), revenue: row.integer(9), merchRevenue: row.integer(10),
                countedOrderRevenue: row.integer(11), customerRevenue: row.integer(12))
            return (row.int(0), PivotKey(sqlText: row.optionalText(1)), PivotKey(sqlText: row.optionalText(2)), aggregate)
        }
        for (level, rowKey, columnKey, aggregate) in rows {
            switch level {
            case 0: cells[rowKey, default: [:]][columnKey] = aggregate
            case 1: rowTotals[rowKey] = aggregate
            case 2: columnTotals[columnKey] = aggregate
            default: grand = aggregate
            }
        }

        let rowKeys = rowTotals.keys.sorted { PivotKey.precedes($0, $1, tierOrder: plan.rows.isTier) }
        let columnKeys = columnTotals.keys.sorted { PivotKey.precedes($0, $1, tierOrder: plan.columns.isTier) }
        let measure = plan.measure
        return PivotResult(
            plan: plan, rowKeys: rowKeys, columnKeys: columnKeys,
            cells: rowKeys.map { rowKey in
                columnKeys.map { (cells[rowKey]?[$0] ?? CellAggregate()).value(of: measure) }
            },
            rowTotals: rowKeys.map { rowTotals[$0]!.value(of: measure) },
            columnTotals: columnKeys.map { columnTotals[$0]!.value(of: measure) },
            grandTotal: grand.value(of: measure))
    }

    /// customers, buyers, members, events, orders, units, revenue, merch revenue, counted
    /// order revenue and customer revenue, in that order.
    func aggregateColumns(_ measure: Measure) -> String {
        let events: String
        if case .eventsOfKind = measure {
            events = "count(DISTINCT CASE WHEN kind = ? THEN event END)"
        } else {
            events = "count(DISTINCT event)"
        }
        return """
            count(DISTINCT customer), count(DISTINCT CASE WHEN buyer THEN customer END), count(DISTINCT member), \
            \(events), count(DISTINCT CASE WHEN status = 'ok' THEN order_id END) + coalesce(sum(customer_orders), 0), \
            coalesce(sum(quantity), 0), coalesce(sum(line_total), 0), \
            coalesce(sum(CASE WHEN merchandise THEN line_total END), 0), \
            coalesce(sum(CASE WHEN status = 'ok' THEN line_total END), 0) + coalesce(sum(customer_ok_revenue), 0), \
            coalesce(sum(CASE WHEN customer IS NOT NULL THEN line_total END), 0)
            """
    }

    /// Builds the SQL of the fact rows with the columns the aggregates read. Unused columns are NULL.
    func factRowsSQL(_ plan: PivotPlan, hasFilter: Bool) -> String {
        let rowKey = keySQL(plan.rows, fact: plan.fact)
        let columnKey = keySQL(plan.columns, fact: plan.fact)
        let customerOnly = plan.measure.isCustomerBased ? " WHERE customer IS NOT NULL" : ""
        let join = hasFilter ? "JOIN" : "LEFT JOIN"
        let inner: String
        switch plan.fact {
        case .customers:
            inner = """
                SELECT \(rowKey) AS row_key, \(columnKey) AS col_key, s.customer_id AS customer,
                       coalesce(cs.ok_orders, 0) > 0 AS buyer, NULL AS member, NULL AS event, NULL AS kind,
                       NULL AS order_id, NULL AS status, cs.units AS quantity, cs.revenue AS line_total,
                       0 AS merchandise, cs.ok_orders AS customer_orders, cs.ok_revenue AS customer_ok_revenue
                  FROM scope_customers s
                  LEFT JOIN (SELECT customer_id, sum(quantity) AS units, sum(line_total_cents) AS revenue,
                                    count(DISTINCT CASE WHEN status = 'ok' THEN order_id END) AS ok_orders,
                                    sum(CASE WHEN status = 'ok' THEN line_total_cents END) AS ok_revenue
                               FROM counted_lines WHERE customer_id IS NOT NULL GROUP BY customer_id) cs
                    ON cs.customer_id = s.customer_id
                """
        case .members:
            inner = """
                SELECT \(rowKey) AS row_key, \(columnKey) AS col_key, s.customer_id AS customer, 0 AS buyer,
                       mt.source || char(31) || mt.member_id AS member, NULL AS event, NULL AS kind, NULL AS order_id,
                       NULL AS status, NULL AS quantity, NULL AS line_total, 0 AS merchandise, NULL AS customer_orders,
                       NULL AS customer_ok_revenue
                  FROM member_tiers mt
                  \(join) links lk ON lk.source = mt.source AND lk.member_id = mt.member_id
                  LEFT JOIN scope_customers s ON s.customer_id = lk.customer_id
                """
        case .events:
            inner = """
                SELECT \(rowKey) AS row_key, \(columnKey) AS col_key, s.customer_id AS customer, 0 AS buyer,
                       mt.source || char(31) || mt.member_id AS member, e.source || char(31) || e.event_id AS event,
                       e.kind AS kind, NULL AS order_id, NULL AS status, NULL AS quantity, NULL AS line_total,
                       0 AS merchandise, NULL AS customer_orders, NULL AS customer_ok_revenue
                  FROM events e
                  JOIN member_tiers mt ON mt.source = e.source AND mt.member_id = e.member_id
                  \(join) links lk ON lk.source = mt.source AND lk.member_id = mt.member_id
                  LEFT JOIN scope_customers s ON s.customer_id = lk.customer_id
                  LEFT JOIN products p ON p.sku = e.sku
                 WHERE e.occurred_at < ?1
                """
        case .orders, .orderLines:
            // Under the order-lines fact an order without lines has no row.
            var conditions = hasFilter ? ["cl.customer_id IS NOT NULL"] : []
            if plan.fact == .orderLines {
                conditions.append("cl.line_no IS NOT NULL")
            }
            let kept = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            inner = """
                SELECT \(rowKey) AS row_key, \(columnKey) AS col_key, cl.customer_id AS customer,
                       cl.status = 'ok' AS buyer, NULL AS member, NULL AS event, NULL AS kind, cl.order_id AS order_id,
                       cl.status AS status, cl.quantity AS quantity, cl.line_total_cents AS line_total,
                       cl.merchandise AS merchandise, NULL AS customer_orders, NULL AS customer_ok_revenue
                  FROM counted_lines cl
                  LEFT JOIN scope_customers s ON s.customer_id = cl.customer_id\(kept)
                """
        }
        return "SELECT * FROM (\(inner))\(customerOnly)"
    }

    /// Builds the SQL of a dimension's key within the rows of `fact`.
    func keySQL(_ dimension: PivotDimension, fact: Fact) -> String {
        let noCustomer: String
        switch fact {
        case .customers: noCustomer = "NULL"
        case .members, .events: noCustomer = ReferenceSQL.unlinkedKey
        case .orders, .orderLines: noCustomer = ReferenceSQL.guestKey
        }
        func customerColumn(_ expression: String) -> String {
            fact == .customers ? expression : "CASE WHEN s.customer_id IS NULL THEN \(noCustomer) ELSE \(expression) END"
        }
        switch dimension {
        case .tier: return customerColumn(ReferenceSQL.tierWord("s.tier"))
        case .signupMonth: return customerColumn("substr(s.signup_date, 1, 7)")
        case .region: return customerColumn("s.region")
        case .country: return customerColumn("s.country")
        case .channel: return customerColumn("s.channel")
        case .memberTier: return ReferenceSQL.tierWord("mt.tier")
        case .eventMonth: return "substr(e.occurred_at, 1, 7)"
        case .eventKind: return "e.kind"
        case .orderMonth: return "substr(cl.ordered_at, 1, 7)"
        case .orderCountry: return "cl.order_country"
        case .orderChannel: return "cl.order_channel"
        case .sku: return fact == .events ? "e.sku" : "cl.sku"
        case .category: return fact == .events ? "p.category" : "cl.category"
        }
    }
}
