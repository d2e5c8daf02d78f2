import Analysis
import Expressions
import Warehouse

/// The effect of a rule at an as-of date: whom it hits, how the hits split into target and
/// holdout, how many customers who opted out it left aside, and the maximum its offer could
/// cost.
///
/// The hits are the customers in scope for which `when` is true, minus those with `opt_out`
/// set, which are counted in `optOutsRemoved` and are neither target nor holdout. Each hit is
/// held out or targeted by `HoldoutSplit`. The hit list comes from
/// `AnalysisEngine.customerMatches`, so it uses the snapshot when one matches the warehouse
/// and the SQL reference otherwise. Building a preview does the counting only; `sample` reads
/// the details of the customers to show, which costs a lookup per customer.
public struct RulePreview: Sendable {
    public let rule: Rule
    public let asOf: CivilDate
    /// Every hit, in customer id order (UTF-8 byte order).
    public let hits: [RuleHit]
    /// Customers that matched `when` but opted out.
    public let optOutsRemoved: Int
    public let targetCount: Int

    public var holdoutCount: Int { hits.count - targetCount }

    /// Computes the hits of `rule` at `asOf` and splits them.
    public init(rule: Rule, engine: AnalysisEngine, asOf: CivilDate) throws {
        let matches = try engine.customerMatches(rule.condition, asOf: asOf)
        let split = rule.holdoutSplit
        var hits: [RuleHit] = []
        hits.reserveCapacity(matches.count)
        var optOuts = 0
        var targets = 0
        for match in matches {
            if match.isOptedOut {
                optOuts += 1
                continue
            }
            let group: RuleHit.Group = split.isHeldOut(match.id) ? .holdout : .target
            if group == .target {
                targets += 1
            }
            hits.append(RuleHit(customerID: match.id, group: group))
        }
        self.rule = rule
        self.asOf = asOf
        self.hits = hits
        self.optOutsRemoved = optOuts
        self.targetCount = targets
    }

    /// The maximum value of the offer to its targets: target count × value. Holdout customers
    /// get nothing, and a flag rule has no value (nil).
    public var maxValue: Money? {
        guard case .offer(_, let value, _) = rule.action else { return nil }
        // RuleLimits.amountCents keeps the product far inside 64 bits for any customer count.
        return Money(cents: Int64(targetCount) * value.cents)
    }

    /// The maximum cost of the offer to the business: target count × cost, or nil for a flag
    /// rule.
    public var maxCost: Money? {
        guard case .offer(_, _, let cost) = rule.action else { return nil }
        return Money(cents: Int64(targetCount) * cost.cents)
    }

    /// Reads the details of the first `limit` hits (every hit when nil), in hit order.
    public func sample(limit: Int?, engine: AnalysisEngine) throws -> [RuleSampleRow] {
        precondition(limit.map { $0 >= 0 } ?? true, "a sample limit cannot be negative: \(limit ?? 0)")
        let chosen = limit.map { Array(hits.prefix($0)) } ?? hits
        let summaries = try engine.customerSummaries(chosen.map(\.customerID), asOf: asOf)
        var byID: [String: CustomerSummary] = [:]
        byID.reserveCapacity(summaries.count)
        for summary in summaries {
            byID[summary.id] = summary
        }
        // Every hit is a customer in scope, so each has a summary unless the warehouse
        // changed between the two reads. Such a hit is left out rather than shown half empty.
        return chosen.compactMap { hit in byID[hit.customerID].map { RuleSampleRow(hit: hit, customer: $0) } }
    }
}

/// One customer a rule hits, and whether it is targeted or held out.
public struct RuleHit: Sendable, Hashable {
    public enum Group: String, Sendable, Hashable {
        /// Gets the offer or the flag.
        case target
        /// Is never contacted by this rule, so the rule's effect can be measured against it.
        case holdout
    }

    public let customerID: String
    public let group: Group

    public init(customerID: String, group: Group) {
        self.customerID = customerID
        self.group = group
    }
}

/// A hit with the customer's details, as the preview's sample lists it.
public struct RuleSampleRow: Sendable, Hashable {
    public let hit: RuleHit
    public let customer: CustomerSummary

    public init(hit: RuleHit, customer: CustomerSummary) {
        self.hit = hit
        self.customer = customer
    }
}
