import Analysis
import Expressions
import Text
import Warehouse

/// The warehouse open for reading, the as-of date and the filter: the setting of every figure command.
struct AnalysisContext {
    let warehouse: Warehouse
    let asOf: CivilDate
    let engine: AnalysisEngine
    /// The `--where` condition, when the command has one.
    let filter: Condition?

    var database: Database { warehouse.database }

    static let whereOption = OptionSpec.value(
        "--where", "EXPR", "keep only customers for which EXPR holds, such as 'region = \"North\" and spend(90 days) > 100'")

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
        engine = try AnalysisEngine(warehouse: warehouse)
        if !engine.isFast {
            Console.shared.message("note: the derived data does not match the warehouse yet, so figures come from SQL and may be slow")
        }
        filter = try AnalysisContext.condition(invocation, warehouse: warehouse)
        if filter != nil {
            Console.shared.message("note: --where keeps customers only, so guest orders and unlinked members are left out")
        }
    }

    /// Checks the `--where` expression, or throws a usage error that shows each problem in place.
    static func condition(_ invocation: Invocation, warehouse: Warehouse) throws -> Condition? {
        guard let text = invocation.value("--where") else { return nil }
        let output = Checker.check(text, catalog: try WarehouseCatalog(warehouse: warehouse))
        let renderer = DiagnosticRenderer(sourceName: "--where", source: text)
        for warning in output.warnings {
            Console.shared.message(renderer.render(warning))
        }
        guard let condition = output.condition else {
            throw UsageError.invalidExpression(rendered: renderer.render(output.errors))
        }
        return condition
    }
}

extension UsageError {
    /// Makes the usage error for an option whose value is not one of `choices`.
    static func invalidChoice(_ option: String, _ value: String, choices: [String], command: String) -> UsageError {
        let suggestion = Suggestion.nearest(to: value, among: choices).map { " (did you mean '\($0)'?)" } ?? ""
        return .invalidValue(
            option: option, value: value, reason: "expected one of \(choices.joined(separator: ", "))\(suggestion)",
            command: command)
    }
}
