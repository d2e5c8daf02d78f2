import Analysis
import Text
import Warehouse

/// `dotwork cohorts`: customers by signup month, channel, region or tier, with what they did.
enum CohortsCommand {
    static let spec = CommandSpec(
        words: ["cohorts"],
        summary: "show cohorts of customers: tiers, buyers, orders and revenue, or the retention triangle",
        arguments: [],
        options: [
            .value("--by", "KEY", "signup-month (default), channel, region or tier"),
            .flag("--retention", "show the share of each signup-month cohort active in each month since signup"),
            AnalysisContext.whereOption,
            ResultPrinter.formatOption, ResultPrinter.rawTextOption,
        ],
        run: run)

    static func run(_ invocation: Invocation) throws -> Int32 {
        let dimension = try cohortDimension(invocation)
        _ = try ResultPrinter.format(invocation)
        if invocation.isSet("--retention") && dimension != .signupMonth {
            throw UsageError.invalidValue(
                option: "--by", value: dimension.rawValue, reason: "--retention needs --by signup-month", command: "cohorts")
        }
        let timings = StepTimings(environment: invocation.environment)
        defer { timings.report() }
        let context = try timings.measure("open") { try AnalysisContext(invocation) }
        if invocation.isSet("--retention") {
            let table = try timings.measure("compute") { try context.engine.retention(asOf: context.asOf, filter: context.filter) }
            try timings.measureAgain(invocation, fast: table, what: "retention") {
                try context.engine.retention(asOf: context.asOf, filter: context.filter)
            } reference: {
                try context.engine.referenceRetention(asOf: context.asOf, filter: context.filter)
            }
            if table.customersWithoutSignup > 0 {
                Console.shared.message("note: \(counted(Int(table.customersWithoutSignup), "customer")) without a signup date left out")
            }
            if table.isLastMonthPartial {
                Console.shared.message("note: the last month of each row, \(context.asOf.monthKey), is partial (as of \(context.asOf.iso))")
            }
            try ResultPrinter.print(table.csvRecords(), invocation: invocation)
        } else {
            let table = try timings.measure("compute") { try context.engine.cohorts(by: dimension, asOf: context.asOf, filter: context.filter) }
            try timings.measureAgain(invocation, fast: table, what: "cohorts by \(dimension.rawValue)") {
                try context.engine.cohorts(by: dimension, asOf: context.asOf, filter: context.filter)
            } reference: {
                try context.engine.referenceCohorts(by: dimension, asOf: context.asOf, filter: context.filter)
            }
            try ResultPrinter.print(table.csvRecords(), invocation: invocation)
        }
        return 0
    }

    static func cohortDimension(_ invocation: Invocation) throws -> PivotDimension {
        guard let value = invocation.value("--by") else { return .signupMonth }
        let choices = CohortTable.dimensions.map(\.rawValue)
        guard let dimension = PivotDimension(rawValue: value), CohortTable.dimensions.contains(dimension) else {
            throw UsageError.invalidChoice("--by", value, choices: choices, command: "cohorts")
        }
        return dimension
    }
}
