/// What `dotwork stats` reports about a warehouse, gathered in one read transaction.
public struct WarehouseStats: Sendable {
    public struct TableSummary: Sendable, Equatable {
        public let table: String
        public let rows: Int
        /// The first and last date of the table's own date column, when it has one.
        public let dateColumn: String?
        public let first: String?
        public let last: String?
    }

    public struct ProviderLinks: Sendable, Equatable {
        public let provider: String
        public let members: Int
        public let linked: Int
    }

    public struct Batch: Sendable, Equatable {
        public let id: Int64
        public let kind: String
        public let file: String
        public let mode: String
        public let added: Int
        public let updated: Int
        public let rejected: Int
        public let rounded: Int
        public let user: String
        public let finishedAt: String
    }

    public let currency: Currency
    public let schemaVersion: Int
    public let generation: Int
    public let asOf: AsOf
    public let tables: [TableSummary]
    /// Customers per tier at the as-of date, every tier present.
    public let customerTiers: [(tier: Tier, customers: Int)]
    public let linksByProvider: [ProviderLinks]
    public let unlinkedMembers: Int
    public let linkedCustomers: Int
    public let recentBatches: [Batch]

    /// The date column summarised for each raw table.
    static let dateColumns: [String: String] = [
        "customers": "signup_date", "orders": "ordered_at", "members": "joined_at", "events": "occurred_at",
    ]

    public static func gather(_ warehouse: Warehouse, asOfOverride: CivilDate? = nil, batchLimit: Int = 5) throws -> WarehouseStats {
        let database = warehouse.database
        return try database.readTransaction {
            let asOf = try AsOf.resolve(database, override: asOfOverride)
            var tables: [TableSummary] = []
            for (table, rows) in try warehouse.rowCounts() {
                let column = dateColumns[table]
                var first: String?
                var last: String?
                if let column {
                    // Names come from the fixed table above, never from input.
                    let range = try database.query("SELECT min(\(column)), max(\(column)) FROM \(table)") {
                        ($0.optionalText(0), $0.optionalText(1))
                    }
                    first = range.first?.0
                    last = range.first?.1
                }
                tables.append(TableSummary(table: table, rows: rows, dateColumn: column, first: first, last: last))
            }

            var tierCounts: [Tier: Int] = [:]
            if let date = asOf.date {
                tierCounts = try Ladder.customerTierCounts(database, asOf: date)
            } else {
                let customers = try database.scalarInteger("SELECT count(*) FROM customers") ?? 0
                tierCounts[.none] = Int(customers)
            }

            let providers = try database.query(
                """
                SELECT coalesce(m.provider, ''), count(*),
                       sum(EXISTS (SELECT 1 FROM member_links l WHERE l.source = m.source AND l.member_id = m.member_id))
                  FROM members m GROUP BY 1 ORDER BY 1
                """) { ProviderLinks(provider: $0.text(0), members: $0.int(1), linked: $0.int(2)) }
            let unlinked = providers.reduce(0) { $0 + $1.members - $1.linked }
            let linkedCustomers = Int(try database.scalarInteger("SELECT count(DISTINCT customer_id) FROM member_links") ?? 0)

            let batches = try database.query(
                """
                SELECT batch_id, kind, file, mode, rows_added, rows_updated, rows_rejected, rows_rounded, unix_user, finished_at
                  FROM batches ORDER BY batch_id DESC LIMIT ?
                """, [batchLimit]
            ) {
                Batch(
                    id: $0.integer(0), kind: $0.text(1), file: $0.text(2), mode: $0.text(3), added: $0.int(4),
                    updated: $0.int(5), rejected: $0.int(6), rounded: $0.int(7), user: $0.text(8), finishedAt: $0.text(9))
            }

            return WarehouseStats(
                currency: try warehouse.currency(), schemaVersion: try database.userVersion(),
                generation: try warehouse.generation(), asOf: asOf, tables: tables,
                customerTiers: Tier.allCases.map { ($0, tierCounts[$0] ?? 0) }, linksByProvider: providers,
                unlinkedMembers: unlinked, linkedCustomers: linkedCustomers, recentBatches: batches)
        }
    }
}
