import Foundation
import Rules
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
    /// `valid`, `expired` or `withdrawn` when the customer was read.
    let state: String
}

/// The source of the published rule versions that hit or held out a customer, for the
/// customer view. Query workers call it on their own threads, so implementations must be
/// thread-safe.
protocol CustomerRuleHistory: Sendable {
    /// Returns the decisions about the customer with `id`, newest first, or nil when this
    /// history cannot read them. A version's hits were frozen when it was published, so they
    /// do not depend on the as-of date the analyst browses at.
    func decisions(forCustomer id: String) throws -> [RuleDecision]?
}

/// The rule history of a workbench that reads no published rules, so the customer view shows
/// them as not read rather than as none. Tests use it where no `rules.db` belongs.
struct UnreadRuleHistory: CustomerRuleHistory {
    func decisions(forCustomer id: String) throws -> [RuleDecision]? {
        nil
    }
}

/// The decisions of the versions written in `rules.db` beside the warehouse, read-only.
struct PublishedRuleHistory: CustomerRuleHistory {
    let rulesDatabase: String
    /// The environment whose `DOTWORK_NOW` sets the clock that validity is read at.
    let environment: [String: String]

    init(warehouse path: String, environment: [String: String]) {
        rulesDatabase = RuleStore.path(besideWarehouse: path)
        self.environment = environment
    }

    func decisions(forCustomer id: String) throws -> [RuleDecision]? {
        let now = try RuleClock.now(environment: environment)
        return try RuleStore.decisions(forCustomer: id, rulesDatabase: rulesDatabase).map { decision in
            RuleDecision(
                rule: decision.version.ruleName, version: decision.version.version,
                group: decision.isHeldOut ? .holdout : .target, publishedAt: decision.version.publishedAt.stored,
                state: decision.version.status(at: now))
        }
    }
}
