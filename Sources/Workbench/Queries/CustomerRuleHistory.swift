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

/// Where the customer view reads which published rule versions hit or held out a customer.
/// Query workers call it on their own threads, so implementations must be thread-safe.
protocol CustomerRuleHistory: Sendable {
    /// Returns the decisions about the customer with `id` for versions published on or
    /// before `asOf`, newest first.
    func decisions(forCustomer id: String, asOf: CivilDate) throws -> [RuleDecision]
}

/// The rule history of a warehouse on which no rule has been published.
struct NoPublishedRules: CustomerRuleHistory {
    // TODO: read the published rule versions from the rules database beside the warehouse
    // once publishing exists; until then this returns no decisions for every customer.
    func decisions(forCustomer id: String, asOf: CivilDate) throws -> [RuleDecision] {
        []
    }
}
