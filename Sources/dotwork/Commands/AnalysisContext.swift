import Analysis
import Text
import Warehouse

/// What every figure command needs: the warehouse open for reading and the as-of date.
struct AnalysisContext {
    let warehouse: Warehouse
    let asOf: CivilDate

    var database: Database { warehouse.database }

    /// Opens the warehouse read-only and settles the as-of date, warning on stderr when the
    /// feeds end far apart.
    init(_ invocation: Invocation) throws {
        warehouse = try invocation.openWarehouse(readOnly: true)
        let resolved = try AsOf.resolve(warehouse.database, override: invocation.asOfDate())
        if let warning = resolved.warning, resolved.isDefault {
            Console.shared.message("warning: " + warning)
        }
        // With no orders, events or signup dates every customer is in scope.
        asOf = resolved.date ?? CivilDate(year: 9999, month: 12, day: 31)!
    }
}

extension UsageError {
    /// A usage error for an option whose value is not one of `choices`.
    static func invalidChoice(_ option: String, _ value: String, choices: [String], command: String) -> UsageError {
        let suggestion = Suggestion.nearest(to: value, among: choices).map { " (did you mean '\($0)'?)" } ?? ""
        return .invalidValue(
            option: option, value: value, reason: "expected one of \(choices.joined(separator: ", "))\(suggestion)",
            command: command)
    }
}
