import Expressions
import Warehouse

/// A customer in scope that a condition keeps, with its do-not-contact flag.
///
/// Rules never reach a customer who opted out, but the preview counts how many the condition
/// matched, so the flag travels with the match rather than being filtered out early.
public struct CustomerMatch: Sendable, Hashable {
    public let id: String
    /// Whether the customer's `opt_out` is set.
    public let isOptedOut: Bool

    public init(id: String, isOptedOut: Bool) {
        self.id = id
        self.isOptedOut = isOptedOut
    }
}

extension AnalysisEngine {
    /// Returns the customers in scope that `condition` keeps, in id order, each with its
    /// opt-out flag.
    public func customerMatches(_ condition: Condition, asOf: CivilDate) throws -> [CustomerMatch] {
        if let context = fastContext(asOf: asOf) {
            let snapshot = context.snapshot
            return FastFilter(context: context).select(condition).map {
                CustomerMatch(id: snapshot.customerIDs[Int($0)], isOptedOut: snapshot.customerOptOut[Int($0)] != 0)
            }
        }
        let fragment = SQLCompiler(asOf: asOf).customerQuery(condition)
        let sql = """
            SELECT m.customer_id, c.opt_out FROM (\(fragment.sql)) AS m
              JOIN customers AS c ON c.customer_id = m.customer_id ORDER BY m.customer_id
            """
        return try warehouse.database.query(sql, fragment.arguments) {
            CustomerMatch(id: $0.text(0), isOptedOut: $0.bool(1))
        }
    }
}
