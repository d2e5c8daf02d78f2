import Rules
import Text

/// `dotwork audit`: who published, withdrew or imported what and when, with counts, newest
/// first. Publishes and withdrawals come from `rules.db` and imports from the warehouse.
enum AuditCommand {
    static let spec = CommandSpec(
        words: ["audit"],
        summary: "list who published, withdrew or imported what and when, with counts, newest first",
        arguments: [],
        options: [ResultPrinter.formatOption, ResultPrinter.rawTextOption],
        run: run)

    static let columns = ["at", "user", "action", "subject", "counts"]

    static func run(_ invocation: Invocation) throws -> Int32 {
        _ = try ResultPrinter.format(invocation)
        let warehouse = try invocation.openWarehouse(readOnly: true)
        let imports = try AuditEntry.imports(from: warehouse)
        let rules = try invocation.openRuleStore(creating: false)?.auditEntries() ?? []
        var records: [[CSVCell]] = [columns.map(CSVCell.text)]
        for entry in AuditEntry.merged([rules, imports]) {
            records.append([.text(entry.at), .text(entry.user), .text(entry.action), .text(entry.subject), .text(entry.counts)])
        }
        try ResultPrinter.print(records, invocation: invocation)
        return 0
    }
}
