import Expressions

/// A checked rule: a valid name, a condition whose every name is resolved against the
/// warehouse, an action, a validity and a holdout. Only `RuleChecker` makes one, and only when
/// the file has no error.
public struct Rule: Sendable, Hashable {
    public let name: String
    /// The `when` expression, ready for the SQL compiler and the fast evaluator.
    public let condition: Condition
    public let action: RuleAction
    /// Days the published version stays valid, counted from the moment of publishing.
    public let validDays: Int
    /// The share of hits held out; zero when the file has no `holdout` clause.
    public let holdout: Percentage

    public init(name: String, condition: Condition, action: RuleAction, validDays: Int, holdout: Percentage) {
        precondition(RuleName.isValid(name), "rule name '\(name)' does not match [a-z0-9][a-z0-9-]{0,62}")
        self.name = name
        self.condition = condition
        self.action = action
        self.validDays = validDays
        self.holdout = holdout
    }

    /// The split of this rule's hits into target and holdout.
    public var holdoutSplit: HoldoutSplit {
        HoldoutSplit(ruleName: name, percentage: holdout)
    }
}

/// The action a rule takes for the customers it targets.
public enum RuleAction: Sendable, Hashable {
    /// An offer: `value` is the amount shown to the customer and `cost` the true cost to the
    /// business, both in the warehouse currency.
    case offer(name: String, value: Money, cost: Money)
    /// A flag for care and credit teams, which costs nothing by itself.
    case flag(name: String)

    public var name: String {
        switch self {
        case .offer(let name, _, _), .flag(let name): return name
        }
    }
}

/// A percentage with at most two decimals, held exactly as hundredths of a percent (basis
/// points): 34.53% is 3453 and 100% is 10,000.
public struct Percentage: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let basisPoints: Int

    public static let zero = Percentage(basisPoints: 0)
    public static let all = Percentage(basisPoints: 10_000)

    public init(basisPoints: Int) {
        precondition((0...10_000).contains(basisPoints), "\(basisPoints) basis points is outside 0% to 100%")
        self.basisPoints = basisPoints
    }

    /// The percentage as written in rule files, with no trailing zeros: `34.53%`, `10%`, `12.5%`.
    public var description: String {
        let whole = basisPoints / 100
        let fraction = basisPoints % 100
        if fraction == 0 {
            return "\(whole)%"
        }
        let decimals = fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
        return "\(whole).\(decimals)%"
    }

    public static func < (lhs: Percentage, rhs: Percentage) -> Bool {
        lhs.basisPoints < rhs.basisPoints
    }
}
