import Warehouse

/// A published rule version that reached one customer: as a target, or held out as a
/// control for measuring the rule.
struct RuleDecision: Sendable, Equatable {
    enum Group: String, Sendable {
        case target
        case holdout
    }

    let rule: String
    let version: Int
    let group: Group
    /// When the version was published, as stored: `2012-04-02T09:00:00Z`.
    let publishedAt: String
}

/// The source of the published rule versions that hit or held out a customer, for the
/// customer view. Query workers call it on their own threads, so implementations must be
/// thread-safe.
protocol CustomerRuleHistory: Sendable {
    /// Returns the decisions about the customer with `id` for versions published on or
    /// before `asOf`, newest first, or nil when this history cannot read them.
    func decisions(forCustomer id: String, asOf: CivilDate) throws -> [RuleDecision]?
}

/// The rule history the workbench has today. It reads no published rules and returns nil,
/// so the customer view shows them as not read rather than as none.
struct UnreadRuleHistory: CustomerRuleHistory {
    // TODO: read version_hits joined with versions from the rules database beside the
    // warehouse, read-only. Its key starts with the rule name, so a lookup by customer needs
    // an index on version_hits (customer_id) first.
    func decisions(forCustomer id: String, asOf: CivilDate) throws -> [RuleDecision]? {
        nil
    }
}
