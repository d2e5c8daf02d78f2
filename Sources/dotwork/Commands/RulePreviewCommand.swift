import Analysis
import Expressions
import Rules
import Text
import Warehouse

/// `dotwork rule preview FILE`: whom a rule hits, how the hits split into target and holdout,
/// how many opt-outs it removed, and what the offer could cost at most.
enum RulePreviewCommand {
    static let spec = CommandSpec(
        words: ["rule", "preview"],
        summary: "show whom a rule hits, its target and holdout, opt-outs removed and the most it could cost",
        arguments: [RuleFile.argument],
        options: [
            .value(
                "--limit", "N",
                "customers to list: the sample in a table (default \(defaultSampleSize)), the hits in CSV (default all)"),
            ResultPrinter.formatOption, ResultPrinter.rawTextOption,
        ],
        run: run)

    /// Hit customers a table lists when `--limit` is not given.
    static let defaultSampleSize = 20

    static func run(_ invocation: Invocation) throws -> Int32 {
        let format = try ResultPrinter.format(invocation)
        let limit = try invocation.customerLimit()
        let timings = StepTimings(environment: invocation.environment)
        let context = try timings.measure("open") { try AnalysisContext(invocation) }
        let loaded = try timings.measure("check") {
            try RuleFile.load(path: invocation.arguments[0], warehouse: context.warehouse)
        }
        guard let rule = loaded.rule else { return 1 }
        let preview = try timings.measure("count, split and cost") {
            try RulePreview(rule: rule, engine: context.engine, asOf: context.asOf)
        }
        defer { timings.report() }
        if let request = invocation.environment["DOTWORK_TIMINGS"], !request.isEmpty {
            try measureAgain(rule, preview: preview, context: context, timings: timings, includingSQL: request == "sql")
        }
        let comparison = try timings.measure("overlaps and differences") {
            try recordAndCompare(preview, text: loaded.text, invocation: invocation, context: context)
        }
        switch format {
        case .csv:
            let rows = try timings.measure("sample") { try preview.sample(limit: limit, engine: context.engine) }
            try ResultPrinter.print(RulePreview.csvRecords(rows), invocation: invocation)
            Console.shared.message(
                "note: \(rule.name) as of \(context.asOf.iso): \(counted(preview.hits.count, "hit")), "
                    + "\(preview.targetCount) target, \(preview.holdoutCount) holdout, "
                    + "\(counted(preview.optOutsRemoved, "opt-out")) removed")
            for field in comparison.map(comparisonFields) ?? [] {
                Console.shared.message("note: \(field.label): \(field.value)")
            }
        case .table:
            try printTable(
                preview, extraFields: comparison.map(comparisonFields) ?? [], limit: limit ?? defaultSampleSize,
                context: context, timings: timings)
        }
        return 0
    }

    /// Prints the summary block, then the sample of hits in id order.
    private static func printTable(
        _ preview: RulePreview, extraFields: [RulePreview.Field], limit: Int, context: AnalysisContext, timings: StepTimings
    ) throws {
        let fields = preview.summaryFields(currency: try context.warehouse.currency()) + extraFields
        let width = fields.map { $0.label.count }.max() ?? 0
        var text = ""
        for field in fields {
            text += field.label.padding(toLength: width + 2, withPad: " ", startingAt: 0) + DisplayWidth.drawable(field.value) + "\n"
        }
        let rows = try timings.measure("sample") { try preview.sample(limit: limit, engine: context.engine) }
        if preview.hits.isEmpty {
            text += "\nno customer matches the rule\n"
        } else if !rows.isEmpty {
            let total = PlainNumber.grouped(String(preview.hits.count))
            let sampleHeading = rows.count == preview.hits.count
                ? (rows.count == 1 ? "the only hit" : "all \(total) hits") : "first \(rows.count) of \(total) hits"
            text += "\n\(sampleHeading), by customer id:\n"
            text += ResultPrinter.table(RulePreview.csvRecords(rows), keyColumns: 1)
        }
        Console.shared.out(text)
    }

    /// Computes the preview a second time, as the workbench does after an edit, when the as-of
    /// date's context is already built. With `DOTWORK_TIMINGS=sql` it also times the SQL
    /// reference of the hit list. Both are for `make bench`, which compares them with budgets.
    private static func measureAgain(
        _ rule: Rule, preview: RulePreview, context: AnalysisContext, timings: StepTimings, includingSQL: Bool
    ) throws {
        let again = try timings.measure("count, split and cost, warm") {
            try RulePreview(rule: rule, engine: context.engine, asOf: context.asOf)
        }
        precondition(again.hits == preview.hits, "a second preview of rule \(rule.name) gave other hits")
        guard includingSQL else { return }
        let query = SQLCompiler(asOf: context.asOf).customerQuery(rule.condition)
        let ids = try timings.measure("sql reference") {
            try context.database.query(query.sql, query.arguments) { $0.text(0) }
        }
        Console.shared.message("note: the SQL reference selects \(counted(ids.count, "customer")) before opt-outs are removed")
    }
}
