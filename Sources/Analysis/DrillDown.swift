import Text
import Warehouse

/// One customer as drill-down and search list it.
public struct CustomerRecord: Sendable, Equatable {
    public let id: String
    public let name: String?
    public let email: String?
    public let region: String?
    public let country: String?
    public let channel: String?
    public let signupDate: String?
    public let tier: Tier

    public static let columnNames = ["customer_id", "name", "email", "region", "country", "channel", "signup_date", "tier"]

    public var csvCells: [CSVCell] {
        [.text(id), .text(name), .text(email), .text(region), .text(country), .text(channel), .text(signupDate), .text(tier.description)]
    }
}

/// The customers behind a figure, and the rows of the cell that belong to no customer.
public struct DrillDownResult: Sendable, Equatable {
    public let customers: [CustomerRecord]
    /// Guest orders or unlinked members in the cell, which are not customers.
    public let guestOrders: Int
    public let unlinkedMembers: Int

    public init(customers: [CustomerRecord], guestOrders: Int = 0, unlinkedMembers: Int = 0) {
        self.customers = customers
        self.guestOrders = guestOrders
        self.unlinkedMembers = unlinkedMembers
    }

    public func csvRecords() -> [[CSVCell]] {
        [CustomerRecord.columnNames.map(CSVCell.text)] + customers.map(\.csvCells)
    }
}

/// A key to select in a drill-down, or every key (`total`).
public enum KeySelection: Sendable, Equatable {
    case key(PivotKey)
    case all

    /// Reads a key as written on the command line: `(guest)`, `(unlinked)`, `(none)` or an
    /// empty text for the missing key, `total` for every key.
    public init(text: String) {
        switch text {
        case "total": self = .all
        case "(guest)": self = .key(.guest)
        case "(unlinked)": self = .key(.unlinked)
        case "(none)", "": self = .key(.missing)
        default: self = .key(.value(text))
        }
    }
}

/// Lists the customers behind a pivot cell or a cohort with SQL over the raw tables: exactly
/// those that `customers` counts there under the same fact and filter.
public struct ReferenceDrillDown {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func cell(
        _ plan: PivotPlan, row: KeySelection, column: KeySelection, asOf: CivilDate, filter: CustomerFilterSQL? = nil
    ) throws -> DrillDownResult {
        let pivot = ReferencePivot(database: database)
        let facts = pivot.factRowsSQL(PivotPlan(unchecked: plan, measure: .members), hasFilter: filter != nil)
        var conditions: [String] = []
        var arguments = ReferenceSQL.arguments(asOf: asOf, filter: filter)
        for (name, selection) in [("row_key", row), ("col_key", column)] {
            guard case .key(let key) = selection else { continue }
            switch key {
            case .value(let text):
                conditions.append("\(name) = ?")
                arguments.append(text)
            case .missing:
                conditions.append("\(name) IS NULL")
            case .guest:
                conditions.append("\(name) = \(ReferenceSQL.guestKey)")
            case .unlinked:
                conditions.append("\(name) = \(ReferenceSQL.unlinkedKey)")
            }
        }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql = """
            \(ReferenceSQL.commonTables(filter: filter)),
            facts AS (\(facts)),
            cell AS (SELECT * FROM facts\(whereClause))
            SELECT 0, s.customer_id, s.name, s.email, s.region, s.country, s.channel, s.signup_date, s.tier
              FROM scope_customers s WHERE s.customer_id IN (SELECT customer FROM cell)
            UNION ALL
            SELECT 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                   count(DISTINCT CASE WHEN customer IS NULL THEN order_id END)
              FROM cell
            UNION ALL
            SELECT 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                   count(DISTINCT CASE WHEN customer IS NULL THEN member END)
              FROM cell
            """
        return try collect(sql, arguments)
    }

    public func cohort(by dimension: PivotDimension, key: PivotKey, asOf: CivilDate) throws -> DrillDownResult {
        let plan = try PivotPlan(rows: dimension, columns: dimension == .tier ? .region : .tier, measure: .customers)
        return try cell(plan, row: .key(key), column: .all, asOf: asOf)
    }

    private func collect(_ sql: String, _ arguments: [SQLBindable]) throws -> DrillDownResult {
        var customers: [CustomerRecord] = []
        var guests = 0
        var unlinked = 0
        for row in try database.query(sql, arguments, row: { row in
            (row.int(0), row.optionalText(1), [2, 3, 4, 5, 6, 7].map { row.optionalText($0) }, row.int(8))
        }) {
            switch row.0 {
            case 0:
                let fields = row.2
                customers.append(
                    CustomerRecord(
                        id: row.1 ?? "", name: fields[0], email: fields[1], region: fields[2], country: fields[3],
                        channel: fields[4], signupDate: fields[5], tier: Tier(rawValue: row.3) ?? .none))
            case 1: guests = row.3
            default: unlinked = row.3
            }
        }
        customers.sort { Array($0.id.utf8).lexicographicallyPrecedes(Array($1.id.utf8)) }
        return DrillDownResult(customers: customers, guestOrders: guests, unlinkedMembers: unlinked)
    }
}

extension PivotPlan {
    /// The same dimensions and fact with another measure, for reading the fact rows.
    init(unchecked plan: PivotPlan, measure: Measure) {
        self.rows = plan.rows
        self.columns = plan.columns
        self.measure = measure
        self.fact = plan.fact
    }
}
