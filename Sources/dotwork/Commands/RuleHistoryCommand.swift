import Rules
import Text

/// `dotwork rule history NAME`: every written version of a rule, newest first.
enum RuleHistoryCommand {
    static let spec = CommandSpec(
        words: ["rule", "history"],
        summary: "list the versions of a rule, newest first, with who published or withdrew each and its counts",
        arguments: [RuleOptions.nameArgument],
        options: [ResultPrinter.formatOption, ResultPrinter.rawTextOption],
        run: run)

    static let columns = [
        "version", "status", "as_of", "published_by", "published_at", "valid_until", "target", "holdout",
        "withdrawn_by", "withdrawn_at",
    ]

    static func run(_ invocation: Invocation) throws -> Int32 {
        let name = try invocation.ruleNameArgument()
        _ = try ResultPrinter.format(invocation)
        let now = try invocation.now()
        let versions = try invocation.openRuleStore(creating: false)?.versions(of: name) ?? []
        guard !versions.isEmpty else {
            throw PublishingError.noVersion(rule: name)
        }
        var records: [[CSVCell]] = [columns.map(CSVCell.text)]
        for version in versions {
            records.append([
                .text("v\(version.version)"), .text(version.status(at: now)), .text(version.asOf.iso),
                .text(version.publishedBy), .text(version.publishedAt.stored), .text(version.validUntil.stored),
                .integer(Int64(version.targetCount)), .integer(Int64(version.holdoutCount)), .text(version.withdrawnBy),
                .text(version.withdrawnAt?.stored),
            ])
        }
        try ResultPrinter.print(records, invocation: invocation)
        return 0
    }
}
