import Analysis
import Warehouse

/// `dotwork pivot`: one measure by two dimensions, with totals.
enum PivotCommand {
    static let spec = CommandSpec(
        words: ["pivot"],
        summary: "cross two dimensions with a measure, with computed totals",
        arguments: [],
        options: [
            .value("--rows", "DIM", "dimension of the rows: " + PivotDimension.allCases.map(\.rawValue).joined(separator: " ")),
            .value("--cols", "DIM", "dimension of the columns"),
            .value("--measure", "MEASURE", "what a cell holds: " + Measure.names.joined(separator: " ")),
            AnalysisContext.whereOption,
            ResultPrinter.formatOption, ResultPrinter.rawTextOption,
        ],
        run: run)

    static func run(_ invocation: Invocation) throws -> Int32 {
        let plan = try pivotPlan(invocation, command: "pivot")
        _ = try ResultPrinter.format(invocation)
        let timings = StepTimings(environment: invocation.environment)
        defer { timings.report() }
        let context = try timings.measure("open") { try AnalysisContext(invocation) }
        let result = try timings.measure("compute") {
            try context.engine.pivot(plan, asOf: context.asOf, filter: context.filter)
        }
        try timings.measureAgain(invocation, fast: result, what: "pivot \(plan.rows.rawValue) × \(plan.columns.rawValue)") {
            try context.engine.pivot(plan, asOf: context.asOf, filter: context.filter)
        } reference: {
            try context.engine.referencePivot(plan, asOf: context.asOf, filter: context.filter)
        }
        try ResultPrinter.print(result.csvRecords(), invocation: invocation)
        return 0
    }

    /// Builds the plan that `--rows`, `--cols` and `--measure` name, or throws a usage error.
    static func pivotPlan(_ invocation: Invocation, command: String) throws -> PivotPlan {
        func dimension(_ option: String) throws -> PivotDimension {
            guard let value = invocation.value(option) else {
                throw UsageError.missingArgument(name: "\(option) DIM", command: command)
            }
            guard let dimension = PivotDimension(rawValue: value) else {
                throw UsageError.invalidChoice(option, value, choices: PivotDimension.allCases.map(\.rawValue), command: command)
            }
            return dimension
        }
        let rows = try dimension("--rows")
        let columns = try dimension("--cols")
        guard let name = invocation.value("--measure") else {
            throw UsageError.missingArgument(name: "--measure MEASURE", command: command)
        }
        guard let measure = Measure(name: name) else {
            throw UsageError.invalidChoice("--measure", name, choices: Measure.names, command: command)
        }
        do {
            return try PivotPlan(rows: rows, columns: columns, measure: measure)
        } catch {
            throw UsageError.rejectedPivot(message: error.message, help: error.help)
        }
    }
}
