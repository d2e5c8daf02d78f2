import Analysis
import Text
import Warehouse

/// `dotwork customers`: the customers behind a cohort or a pivot cell.
enum CustomersCommand {
    static let spec = CommandSpec(
        words: ["customers"],
        summary: "find customers (--search TEXT) or list those behind a cohort (--cohort KEY --by DIM) or a pivot cell (--cell ROW,COL)",
        arguments: [],
        options: [
            .value("--search", "TEXT", "customers whose id, email, name or a word of the name starts with TEXT (any case)"),
            .value("--cohort", "KEY", "a cohort key of --by, such as 2011-03 or North; (none) for the missing key"),
            .value("--by", "DIM", "the cohort dimension: signup-month, channel, region or tier"),
            .value("--cell", "ROW,COL", "a pivot cell by its row and column keys; total for every key"),
            .value("--rows", "DIM", "the pivot's row dimension"),
            .value("--cols", "DIM", "the pivot's column dimension"),
            .value("--measure", "MEASURE", "the pivot's measure, which decides the fact (default customers)"),
            AnalysisContext.whereOption,
            .value("--limit", "N", "list only the first N customers, and say how many there are in all"),
            ResultPrinter.formatOption, ResultPrinter.rawTextOption,
        ],
        run: run)

    static func run(_ invocation: Invocation) throws -> Int32 {
        _ = try ResultPrinter.format(invocation)
        let limit = try invocation.customerLimit()
        var result: DrillDownResult
        var total: Int
        if let text = invocation.value("--search") {
            let timings = StepTimings(environment: invocation.environment)
            defer { timings.report() }
            let context = try timings.measure("open") { try AnalysisContext(invocation) }
            let page = try timings.measure("search") {
                try context.engine.searchCustomers(text, asOf: context.asOf, limit: limit ?? Int.max)
            }
            result = DrillDownResult(customers: page.customers, guestOrders: 0, unlinkedMembers: 0)
            total = page.total
        } else if let cohort = invocation.value("--cohort") {
            let dimension = try CohortsCommand.cohortDimension(invocation)
            let context = try AnalysisContext(invocation)
            guard case .key(let key) = KeySelection(text: cohort) else {
                throw UsageError.invalidValue(option: "--cohort", value: cohort, reason: "name one cohort", command: "customers")
            }
            result = try context.engine.drillDown(cohort: key, by: dimension, asOf: context.asOf)
            total = result.customers.count
        } else if let cell = invocation.value("--cell") {
            guard let comma = cell.firstIndex(of: ",") else {
                throw UsageError.invalidValue(option: "--cell", value: cell, reason: "expected ROW,COL such as North,2011-03", command: "customers")
            }
            var pivotInvocation = invocation
            if invocation.value("--measure") == nil {
                pivotInvocation.options["--measure"] = ["customers"]
            }
            let plan = try PivotCommand.pivotPlan(pivotInvocation, command: "customers")
            let context = try AnalysisContext(invocation)
            result = try context.engine.drillDown(
                plan, row: KeySelection(text: String(cell[..<comma])),
                column: KeySelection(text: String(cell[cell.index(after: comma)...])), asOf: context.asOf,
                filter: context.filter)
            total = result.customers.count
        } else {
            throw UsageError.missingArgument(
                name: "--search TEXT, --cohort KEY --by DIM or --cell ROW,COL --rows DIM --cols DIM", command: "customers")
        }
        if result.guestOrders > 0 {
            Console.shared.message("note: the cell also holds \(counted(result.guestOrders, "guest order")), which belong to no customer")
        }
        if result.unlinkedMembers > 0 {
            Console.shared.message("note: the cell also holds \(counted(result.unlinkedMembers, "unlinked member")), who are not customers")
        }
        if let limit, limit < total {
            result = DrillDownResult(
                customers: Array(result.customers.prefix(limit)), guestOrders: result.guestOrders,
                unlinkedMembers: result.unlinkedMembers)
            Console.shared.message("note: listing the first \(counted(limit, "customer")) of \(PlainNumber.grouped(String(total)))")
        }
        try ResultPrinter.print(result.csvRecords(), invocation: invocation)
        return 0
    }
}
