import Rules
import Text
import Warehouse

/// `dotwork rule list`: every rule with a draft or a version, and its state.
///
/// The state is `draft` before the first publish; `published vN` while the latest version
/// is valid; `changed since publish` while it is valid but a draft's text differs from it;
/// `withdrawn` or `expired` once it has ended.
enum RuleListCommand {
    static let spec = CommandSpec(
        words: ["rule", "list"],
        summary: "list rules: draft, published vN, changed since publish, withdrawn or expired",
        arguments: [],
        options: [ResultPrinter.formatOption, ResultPrinter.rawTextOption],
        run: run)

    static let columns = ["rule", "state", "version", "valid_until", "published_by", "drafts"]

    static func run(_ invocation: Invocation) throws -> Int32 {
        _ = try ResultPrinter.format(invocation)
        let now = try invocation.now()
        var records: [[CSVCell]] = [columns.map(CSVCell.text)]
        if let store = try invocation.openRuleStore(creating: false) {
            let versions = Dictionary(uniqueKeysWithValues: try store.latestVersions().map { ($0.ruleName, $0) })
            let drafts = Dictionary(grouping: try store.allDrafts(), by: \.ruleName)
            for name in Set(versions.keys).union(drafts.keys).sorted() {
                let ruleDrafts = drafts[name] ?? []
                let version = versions[name]
                records.append([
                    .text(name), .text(state(version, drafts: ruleDrafts, now: now)),
                    .text(version.map { "v\($0.version)" }), .text(version?.validUntil.stored),
                    .text(version?.publishedBy), .text(ruleDrafts.map(\.user).joined(separator: " ")),
                ])
            }
        }
        if records.count == 1 && (try? ResultPrinter.format(invocation)) == .table {
            Console.shared.message("note: no rule has a draft or a version yet; 'dotwork rule save FILE' starts one")
            return 0
        }
        try ResultPrinter.print(records, invocation: invocation)
        return 0
    }

    static func state(_ version: RuleVersion?, drafts: [RuleDraft], now: UTCTimestamp) -> String {
        guard let version else { return "draft" }
        if version.withdrawnAt != nil { return "withdrawn" }
        if version.isExpired(at: now) { return "expired" }
        if drafts.contains(where: { $0.textSHA256 != version.textSHA256 }) { return "changed since publish" }
        return "published v\(version.version)"
    }
}
