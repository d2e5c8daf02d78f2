import Warehouse

/// Where a rule stands, as `dotwork rule list` and the workbench's list of rules show it.
///
/// It is `draft` before the first publish; `published vN` while the latest version is valid;
/// `changed since publish` while it is valid but some user's draft differs from its text;
/// `withdrawn` or `expired` once it has ended.
public enum RuleState {
    /// Returns the state of a rule from its latest version and every user's draft of it.
    public static func describe(latest version: RuleVersion?, drafts: [RuleDraft], now: UTCTimestamp) -> String {
        guard let version else { return "draft" }
        if version.withdrawnAt != nil { return "withdrawn" }
        if version.isExpired(at: now) { return "expired" }
        if drafts.contains(where: { $0.textSHA256 != version.textSHA256 }) { return "changed since publish" }
        return "published v\(version.version)"
    }
}
