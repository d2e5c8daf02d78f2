import Expressions
import Foundation
import Warehouse

/// The effect of a published version of a rule. Its target and holdout stand side by side over
/// the days after the version's as-of date, with the differences and their 95% confidence
/// intervals, the offer's cost against the uplift in revenue, and a verdict in plain words.
///
/// The groups are the version's frozen hit lists, so later imports never move a customer
/// between them. The window runs from the day after the version's as-of date through the
/// measuring as-of date, both included. Buyers, orders and revenue follow the figure
/// definitions: counted (`ok`) orders, and the line totals of every order that is not void, so
/// returns subtract. `RuleMeasurement+SQL.swift` reads them from the warehouse tables.
///
/// Intervals come only with a window of at least `minimumWindowDays` and groups of at least
/// `minimumCustomers` customers and `minimumBuyers` buyers each; otherwise the verdict says
/// which condition failed and the intervals are nil. `docs/rules.md` describes the method.
public struct RuleMeasurement: Sendable {
    /// The shortest window, in days, that gets intervals.
    public static let minimumWindowDays = 7
    /// The minimum number of customers in each group for intervals.
    public static let minimumCustomers = 30
    /// The minimum number of buyers in the window in each group for intervals.
    public static let minimumBuyers = 5

    public let version: RuleVersion
    public let window: MeasurementWindow
    public let target: GroupOutcome
    public let holdout: GroupOutcome
    /// Target buyer share minus holdout buyer share, as fractions; nil when a group is empty.
    /// Its interval is meaningful only when `hasIntervals`.
    public let buyerShareDifference: DifferenceEstimate?
    /// Target revenue per customer minus holdout revenue per customer, in minor units (cents);
    /// nil when a group has fewer than two customers.
    public let revenuePerCustomerDifference: DifferenceEstimate?
    public let verdict: Verdict

    /// The outcome: the reason for leaving out intervals, or what the revenue interval shows.
    public enum Verdict: Sendable, Hashable {
        /// The window has fewer than `minimumWindowDays` days (0 when the measuring as-of date
        /// is not after the version's).
        case windowTooShort(days: Int)
        /// At least one group misses a minimum.
        case groupsTooSmall([Shortfall])
        /// The 95% interval of revenue per customer lies above zero.
        case targetSpentMore
        /// The 95% interval of revenue per customer lies below zero.
        case targetSpentLess
        /// The 95% interval of revenue per customer includes zero.
        case noClearDifference
    }

    /// One minimum a group misses.
    public struct Shortfall: Sendable, Hashable {
        public enum Figure: String, Sendable, Hashable {
            case customers
            case buyers
        }

        public let group: RuleHit.Group
        public let figure: Figure
        public let count: Int
        public let minimum: Int
    }

    /// Builds the measurement from the two groups' figures and settles the verdict.
    public init(version: RuleVersion, window: MeasurementWindow, target: GroupOutcome, holdout: GroupOutcome) {
        self.version = version
        self.window = window
        self.target = target
        self.holdout = holdout

        if target.customers > 0 && holdout.customers > 0 {
            buyerShareDifference = WelchStatistics.proportionDifference(
                successesA: target.buyers, totalA: target.customers, successesB: holdout.buyers,
                totalB: holdout.customers)
        } else {
            buyerShareDifference = nil
        }
        if target.customers > 1 && holdout.customers > 1 {
            revenuePerCustomerDifference = WelchStatistics.meanDifference(
                meanA: target.meanRevenue, varianceA: target.revenueVariance, countA: target.customers,
                meanB: holdout.meanRevenue, varianceB: holdout.revenueVariance, countB: holdout.customers)
        } else {
            revenuePerCustomerDifference = nil
        }

        var shortfalls: [Shortfall] = []
        for (group, outcome) in [(RuleHit.Group.target, target), (.holdout, holdout)] {
            if outcome.customers < RuleMeasurement.minimumCustomers {
                shortfalls.append(
                    Shortfall(group: group, figure: .customers, count: outcome.customers, minimum: RuleMeasurement.minimumCustomers))
            }
            if outcome.buyers < RuleMeasurement.minimumBuyers {
                shortfalls.append(
                    Shortfall(group: group, figure: .buyers, count: outcome.buyers, minimum: RuleMeasurement.minimumBuyers))
            }
        }
        if window.days < RuleMeasurement.minimumWindowDays {
            verdict = .windowTooShort(days: window.days)
        } else if !shortfalls.isEmpty {
            verdict = .groupsTooSmall(shortfalls)
        } else if let revenue = revenuePerCustomerDifference, revenue.low > 0 {
            verdict = .targetSpentMore
        } else if let revenue = revenuePerCustomerDifference, revenue.high < 0 {
            verdict = .targetSpentLess
        } else {
            verdict = .noClearDifference
        }
    }

    /// Whether the window and the groups are large enough for the intervals to be shown.
    public var hasIntervals: Bool {
        switch verdict {
        case .windowTooShort, .groupsTooSmall: return false
        case .targetSpentMore, .targetSpentLess, .noClearDifference: return true
        }
    }

    /// The uplift in revenue over the window, in minor units: the difference in revenue per
    /// customer times the number of targets, that is what the targets spent beyond what they
    /// would have spent at the holdout's rate.
    public var revenueUplift: DifferenceEstimate? {
        revenuePerCustomerDifference?.scaled(by: Double(target.customers))
    }

    /// The offer's cost: its cost per target as published times every target, because dotwork
    /// does not know which targets used the offer. Nil for a flag, which has no cost.
    public var offerCost: Money? {
        guard case .offer(_, _, let cost) = version.action else { return nil }
        return Money(cents: Int64(target.customers) * cost.cents)
    }

    /// The uplift in revenue minus the offer's cost, in minor units. The interval is the
    /// revenue interval shifted by the cost. Nil for a flag or without an uplift.
    public var upliftAfterCost: DifferenceEstimate? {
        guard let uplift = revenueUplift, let cost = offerCost else { return nil }
        return DifferenceEstimate(
            difference: uplift.difference - Double(cost.cents), standardError: uplift.standardError,
            criticalValue: uplift.criticalValue, degreesOfFreedom: uplift.degreesOfFreedom)
    }
}

/// The days a measurement covers: from the day after the version's as-of date through the
/// measuring as-of date, both included.
public struct MeasurementWindow: Sendable, Hashable {
    /// The version's as-of date; the window starts the day after it.
    public let versionAsOf: CivilDate
    /// The measuring as-of date, the last day of the window.
    public let asOf: CivilDate

    public init(versionAsOf: CivilDate, asOf: CivilDate) {
        self.versionAsOf = versionAsOf
        self.asOf = asOf
    }

    public var first: CivilDate { versionAsOf.adding(days: 1) }
    public var last: CivilDate { asOf }

    /// The number of days, 0 when the measuring as-of date is not after the version's.
    public var days: Int { max(0, asOf.daysSinceEpoch - versionAsOf.daysSinceEpoch) }
}

/// The figures of one group over the window.
public struct GroupOutcome: Sendable, Hashable {
    /// The customers of the group's frozen list.
    public let customers: Int
    /// Customers with at least one counted order in the window.
    public let buyers: Int
    /// Counted orders in the window.
    public let orders: Int
    /// Line totals of the group's orders in the window that are not void, in minor units.
    public let revenue: Int64
    /// The sample variance (divided by customers − 1) of revenue per customer, in minor units
    /// squared, over every customer of the group including those who spent nothing; 0 for a
    /// group of fewer than two customers.
    public let revenueVariance: Double

    /// Builds the figures from each customer's counted orders and revenue. `spending` holds
    /// only customers with a non-void order in the window; the others count with nothing.
    public init(customers: Int, spending: [(orders: Int, revenue: Int64)]) {
        precondition(spending.count <= customers, "\(spending.count) customers spent in a group of \(customers)")
        self.customers = customers
        buyers = spending.filter { $0.orders > 0 }.count
        orders = spending.reduce(0) { $0 + $1.orders }
        revenue = spending.reduce(0) { $0 + $1.revenue }
        guard customers > 1 else {
            revenueVariance = 0
            return
        }
        let mean = Double(revenue) / Double(customers)
        var squares = spending.reduce(0.0) { sum, customer in
            let deviation = Double(customer.revenue) - mean
            return sum + deviation * deviation
        }
        squares += Double(customers - spending.count) * mean * mean
        revenueVariance = squares / Double(customers - 1)
    }

    /// Revenue per customer in minor units; 0 for an empty group.
    public var meanRevenue: Double {
        customers == 0 ? 0 : Double(revenue) / Double(customers)
    }
}
