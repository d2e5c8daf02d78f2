import Expressions
import Warehouse

/// One customer as a rule preview lists it: who it is, its rung, what it spent and when it
/// was last active, all at the as-of date.
public struct CustomerSummary: Sendable, Hashable {
    public let id: String
    public let name: String?
    public let region: String?
    public let tier: Tier
    /// Revenue in minor units over all time up to the as-of date, as `spend()` reads it:
    /// line totals of orders that are not void, so returns subtract.
    public let spend: Int64
    /// The later of the last event of the customer's linked members and its last counted
    /// order, on or before the as-of date. It is the date `min(days_since(any),
    /// days_since(order))` days before the as-of date, and nil when neither happened.
    public let lastActivity: CivilDate?

    public init(id: String, name: String?, region: String?, tier: Tier, spend: Int64, lastActivity: CivilDate?) {
        self.id = id
        self.name = name
        self.region = region
        self.tier = tier
        self.spend = spend
        self.lastActivity = lastActivity
    }

    /// The figures a summary reads, in the order both paths use them.
    static let values: [Value] = [.field(.tier), .spend(.allTime), .daysSince(.event(.any)), .daysSince(.order)]

    /// Returns the date as many days before `asOf` as the smaller of two `days_since` values,
    /// or nil when both are missing.
    static func lastActivity(asOf: CivilDate, daysSinceEvent: Int64?, daysSinceOrder: Int64?) -> CivilDate? {
        guard let days = [daysSinceEvent, daysSinceOrder].compactMap({ $0 }).min() else { return nil }
        return asOf.adding(days: -Int(days))
    }
}

extension FastContext {
    /// Returns the ordinal of the customer with `id`, by binary search over the ids, which
    /// the snapshot keeps in byte order.
    func ordinal(ofCustomer id: String) -> Int? {
        let ids = snapshot.customerIDs
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            let candidate = ids[middle]
            if candidate == id {
                return middle
            }
            if candidate.utf8.lexicographicallyPrecedes(id.utf8) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return nil
    }

    /// Returns the summary of an included customer, with the name read elsewhere.
    func summary(ofCustomer customer: Int, name: String?) -> CustomerSummary {
        let filter = FastFilter(context: self)
        var region: String?
        if case .text(let text)? = filter.value(.field(.region), customer: customer), !text.isEmpty {
            region = text
        }
        var spend: Int64 = 0
        if case .money(let cents)? = filter.value(.spend(.allTime), customer: customer) {
            spend = cents
        }
        func days(_ value: Value) -> Int64? {
            if case .integer(let days)? = filter.value(value, customer: customer) { return days }
            return nil
        }
        return CustomerSummary(
            id: snapshot.customerIDs[customer], name: name, region: region,
            tier: Tier(rawValue: Int(customerTier[customer])) ?? .none, spend: spend,
            lastActivity: CustomerSummary.lastActivity(
                asOf: asOf, daysSinceEvent: days(.daysSince(.event(.any))), daysSinceOrder: days(.daysSince(.order))))
    }
}

extension AnalysisEngine {
    /// Returns the summaries of the customers with `ids` that are in scope at `asOf`, in the
    /// order of `ids`. Ids of other customers, or of no customer, are left out.
    public func customerSummaries(_ ids: [String], asOf: CivilDate) throws -> [CustomerSummary] {
        guard let context = fastContext(asOf: asOf) else {
            return try ReferenceCustomerSummaries(database: warehouse.database).run(ids, asOf: asOf)
        }
        // Names are not in the snapshot, so each is read with one lookup by primary key.
        let names = try warehouse.database.cachedStatement("SELECT name FROM customers WHERE customer_id = ?")
        var summaries: [CustomerSummary] = []
        summaries.reserveCapacity(ids.count)
        for id in ids {
            guard let customer = context.ordinal(ofCustomer: id), context.included[customer] else { continue }
            try names.bind([id])
            let name = try names.step()?.optionalText(0)
            try names.reset()
            summaries.append(context.summary(ofCustomer: customer, name: name))
        }
        return summaries
    }
}

/// Reads customer summaries with SQL over the raw tables, one customer per query: the
/// reference that the snapshot's summaries must equal.
public struct ReferenceCustomerSummaries {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Returns the summaries of the customers with `ids` that are in scope at `asOf`, in the
    /// order of `ids`. Ids of other customers, or of no customer, are left out.
    public func run(_ ids: [String], asOf: CivilDate) throws -> [CustomerSummary] {
        let compiler = SQLCompiler(asOf: asOf)
        let fragments = CustomerSummary.values.map { compiler.value($0) }
        let sql = """
            SELECT c.name, NULLIF(c.region, ''), \(fragments.map(\.sql).joined(separator: ", "))
              FROM customers AS c
             WHERE c.customer_id = ? AND (NULLIF(c.signup_date, '') IS NULL OR c.signup_date <= ?)
            """
        let valueArguments: [SQLBindable] = fragments.flatMap(\.arguments)
        var summaries: [CustomerSummary] = []
        for id in ids {
            let rows = try database.query(sql, valueArguments + [id, asOf.iso]) { row in
                CustomerSummary(
                    id: id, name: row.optionalText(0), region: row.optionalText(1),
                    tier: Tier(rawValue: row.int(2)) ?? .none, spend: row.integer(3),
                    lastActivity: CustomerSummary.lastActivity(
                        asOf: asOf, daysSinceEvent: row.optionalInteger(4), daysSinceOrder: row.optionalInteger(5)))
            }
            summaries += rows
        }
        return summaries
    }
}
