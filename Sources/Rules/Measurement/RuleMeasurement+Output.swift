import Expressions
import Foundation
import Text
import Warehouse

/// The measurement as CSV, as a comparison table and as sentences, for the command line and
/// the workbench.
extension RuleMeasurement {
    /// The CSV columns, one record per measurement. Scripts rely on the order, so later
    /// columns are only ever appended.
    public static let csvColumns = [
        "rule", "version", "version_as_of", "window_start", "window_end", "window_days",
        "target_customers", "holdout_customers", "target_buyers", "holdout_buyers",
        "target_buyer_share", "holdout_buyer_share", "buyer_share_difference", "buyer_share_low", "buyer_share_high",
        "target_orders", "holdout_orders", "target_revenue", "holdout_revenue",
        "target_revenue_per_customer", "holdout_revenue_per_customer",
        "revenue_per_customer_difference", "revenue_per_customer_low", "revenue_per_customer_high",
        "revenue_uplift", "revenue_uplift_low", "revenue_uplift_high",
        "offer_cost", "uplift_after_cost", "uplift_after_cost_low", "uplift_after_cost_high", "verdict",
    ]

    /// Returns the header and the one record of this measurement. Intervals are empty unless
    /// `hasIntervals`, and the cost columns are empty for a flag.
    public func csvRecords() -> [[CSVCell]] {
        let intervals = hasIntervals
        let share = buyerShareDifference
        let perCustomer = revenuePerCustomerDifference
        let uplift = revenueUplift
        let afterCost = upliftAfterCost
        let record: [CSVCell] = [
            .text(version.ruleName), .integer(Int64(version.version)), .text(version.asOf.iso),
            .text(window.days > 0 ? window.first.iso : nil), .text(window.last.iso), .integer(Int64(window.days)),
            .integer(Int64(target.customers)), .integer(Int64(holdout.customers)),
            .integer(Int64(target.buyers)), .integer(Int64(holdout.buyers)),
            .ratio(Int64(target.buyers), Int64(target.customers), fractionDigits: 4),
            .ratio(Int64(holdout.buyers), Int64(holdout.customers), fractionDigits: 4),
            Self.shareCell(share?.difference), Self.shareCell(intervals ? share?.low : nil),
            Self.shareCell(intervals ? share?.high : nil),
            .integer(Int64(target.orders)), .integer(Int64(holdout.orders)),
            .money(target.revenue), .money(holdout.revenue),
            .ratio(target.revenue, Int64(target.customers), fractionDigits: 0).moneyFromCents,
            .ratio(holdout.revenue, Int64(holdout.customers), fractionDigits: 0).moneyFromCents,
            Self.moneyCell(perCustomer?.difference), Self.moneyCell(intervals ? perCustomer?.low : nil),
            Self.moneyCell(intervals ? perCustomer?.high : nil),
            Self.moneyCell(uplift?.difference), Self.moneyCell(intervals ? uplift?.low : nil),
            Self.moneyCell(intervals ? uplift?.high : nil),
            offerCost.map { .money($0.cents) } ?? .missing,
            Self.moneyCell(afterCost?.difference), Self.moneyCell(intervals ? afterCost?.low : nil),
            Self.moneyCell(intervals ? afterCost?.high : nil),
            .text(verdictKey),
        ]
        return [Self.csvColumns.map(CSVCell.text), record]
    }

    /// The verdict as one word for CSV: `window-too-short`, `groups-too-small`,
    /// `target-spent-more`, `target-spent-less` or `no-clear-difference`.
    public var verdictKey: String {
        switch verdict {
        case .windowTooShort: return "window-too-short"
        case .groupsTooSmall: return "groups-too-small"
        case .targetSpentMore: return "target-spent-more"
        case .targetSpentLess: return "target-spent-less"
        case .noClearDifference: return "no-clear-difference"
        }
    }

    /// Returns the target and holdout side by side with the difference and its interval: a
    /// header and one record per figure, money as plain amounts without a currency.
    public func comparisonRecords() -> [[CSVCell]] {
        let intervals = hasIntervals
        func interval(_ estimate: DifferenceEstimate?, _ format: (Double) -> String) -> CSVCell {
            guard intervals, let estimate else { return .missing }
            return .text(format(estimate.low) + " to " + format(estimate.high))
        }
        let share = buyerShareDifference
        let perCustomer = revenuePerCustomerDifference
        return [
            ["figure", "target", "holdout", "difference", "95% interval"].map(CSVCell.text),
            [.text("customers"), .integer(Int64(target.customers)), .integer(Int64(holdout.customers)), .missing, .missing],
            [.text("buyers"), .integer(Int64(target.buyers)), .integer(Int64(holdout.buyers)), .missing, .missing],
            [
                .text("buyer share"), .ratio(Int64(target.buyers), Int64(target.customers), fractionDigits: 4),
                .ratio(Int64(holdout.buyers), Int64(holdout.customers), fractionDigits: 4),
                Self.shareCell(share?.difference), interval(share, Self.shareText),
            ],
            [.text("orders"), .integer(Int64(target.orders)), .integer(Int64(holdout.orders)), .missing, .missing],
            [.text("revenue"), .money(target.revenue), .money(holdout.revenue), .missing, .missing],
            [
                .text("revenue per customer"),
                .ratio(target.revenue, Int64(target.customers), fractionDigits: 0).moneyFromCents,
                .ratio(holdout.revenue, Int64(holdout.customers), fractionDigits: 0).moneyFromCents,
                Self.moneyCell(perCustomer?.difference), interval(perCustomer) { PlainNumber.grouped(Self.moneyText($0)) },
            ],
        ]
    }

    /// One labelled line of the summary.
    public struct Field: Sendable, Hashable {
        public let label: String
        public let value: String
    }

    /// Returns the lines above the comparison: rule, action, dates and window.
    public func headingFields(currency: Currency) -> [Field] {
        let action: String
        switch version.action {
        case .offer(let name, let value, let cost):
            action = "offer \(name): value \(Self.amount(value.cents, currency)), cost \(Self.amount(cost.cents, currency)) each"
        case .flag(let name):
            action = "flag \(name)"
        }
        let windowText =
            window.days == 0
            ? "none: \(window.asOf.iso) is not after the version's as-of date"
            : "\(window.first.iso) to \(window.last.iso), \(counted(window.days, "day"))"
        return [
            Field(
                label: "rule",
                value: "\(version.ruleName) v\(version.version), published \(version.publishedAt.stored) by \(version.publishedBy)"),
            Field(label: "action", value: action),
            Field(label: "version as of", value: version.asOf.iso),
            Field(label: "measured as of", value: window.asOf.iso),
            Field(label: "window", value: windowText),
        ]
    }

    /// Returns the lines below the comparison: the uplift in revenue, the offer's cost and the
    /// uplift after cost, each with its interval when there is one. A flag has no cost lines.
    public func upliftFields(currency: Currency) -> [Field] {
        var fields: [Field] = []
        let targets = counted(target.customers, "target")
        if let uplift = revenueUplift {
            fields.append(
                Field(
                    label: "uplift in revenue",
                    value: estimateText(uplift, currency) + "; the difference per customer × \(targets)"))
        }
        if case .offer(_, _, let cost) = version.action, let total = offerCost {
            fields.append(
                Field(
                    label: "offer cost",
                    value: "\(Self.amount(total.cents, currency)); \(Self.amount(cost.cents, currency)) × \(targets)"))
            if let afterCost = upliftAfterCost {
                fields.append(Field(label: "uplift after cost", value: estimateText(afterCost, currency)))
            }
        }
        return fields
    }

    /// The verdict in one or two plain sentences.
    public var statement: String {
        let minimumDay = version.asOf.adding(days: RuleMeasurement.minimumWindowDays).iso
        switch verdict {
        case .windowTooShort(let days) where days == 0:
            return "nothing to measure yet: the as-of date \(window.asOf.iso) is not after the version's as-of date "
                + "\(version.asOf.iso); measure as of \(minimumDay) or later"
        case .windowTooShort(let days):
            return "too early to tell: the window has \(counted(days, "day")), and a measurement needs at least "
                + "\(RuleMeasurement.minimumWindowDays); measure again as of \(minimumDay) or later"
        case .groupsTooSmall(let shortfalls):
            let parts = [RuleHit.Group.target, .holdout].compactMap { group -> String? in
                let missed = shortfalls.filter { $0.group == group }.map { shortfall in
                    "\(counted(shortfall.count, String(shortfall.figure.rawValue.dropLast()))) (\(shortfall.minimum) needed)"
                }
                return missed.isEmpty ? nil : "the \(group.rawValue) has " + missed.joined(separator: " and ")
            }
            return "the groups are too small to tell: " + parts.joined(separator: ", ") + "; intervals are left out"
        case .targetSpentMore, .targetSpentLess, .noClearDifference:
            guard let perCustomer = revenuePerCustomerDifference else {
                preconditionFailure("a measurement with intervals has a revenue difference")
            }
            let range = "\(Self.moneyText(perCustomer.low)) to \(Self.moneyText(perCustomer.high))"
            switch verdict {
            case .targetSpentMore:
                return "the targets spent more: \(Self.moneyText(perCustomer.difference)) per customer above the holdout, "
                    + "95% interval \(range)" + costSentence
            case .targetSpentLess:
                return "the targets spent less: \(Self.moneyText(-perCustomer.difference)) per customer below the holdout, "
                    + "95% interval \(range)" + costSentence
            default:
                return "no clear difference: the 95% interval of revenue per customer, \(range), includes zero"
                    + costSentence
            }
        }
    }

    /// The clause on the offer's cost that ends the statement, empty for a flag.
    private var costSentence: String {
        guard let afterCost = upliftAfterCost else { return "" }
        if afterCost.low > 0 {
            return "; the uplift in revenue exceeds the offer's cost"
        }
        if afterCost.high < 0 {
            return "; the uplift in revenue does not cover the offer's cost"
        }
        return "; whether the uplift in revenue covers the offer's cost is unclear"
    }

    private func estimateText(_ estimate: DifferenceEstimate, _ currency: Currency) -> String {
        let point = Self.amount(Self.cents(estimate.difference), currency)
        guard hasIntervals else { return point }
        return point + " (95% interval \(PlainNumber.grouped(Self.moneyText(estimate.low))) to "
            + "\(PlainNumber.grouped(Self.moneyText(estimate.high))))"
    }

    private static func amount(_ cents: Int64, _ currency: Currency) -> String {
        PlainNumber.grouped(PlainNumber.money(cents)) + " " + currency.code
    }

    /// Rounds an amount in minor units half away from zero to a whole minor unit.
    static func cents(_ value: Double) -> Int64 {
        Int64(value.rounded(.toNearestOrAwayFromZero))
    }

    /// Formats an amount in minor units as plain money text, such as `-12.34`.
    static func moneyText(_ value: Double) -> String {
        PlainNumber.money(cents(value))
    }

    /// Formats a fraction as plain text with four decimals, rounded half away from zero.
    static func shareText(_ value: Double) -> String {
        PlainNumber.money(Int64((value * 10_000).rounded(.toNearestOrAwayFromZero)), fractionDigits: 4)
    }

    static func moneyCell(_ value: Double?) -> CSVCell {
        value.map { .number(moneyText($0)) } ?? .missing
    }

    static func shareCell(_ value: Double?) -> CSVCell {
        value.map { .number(shareText($0)) } ?? .missing
    }
}

extension CSVCell {
    /// A whole number of minor units from `ratio(_:_:fractionDigits: 0)` as money, so that
    /// revenue per customer rounds to the cent once and prints with two decimals.
    fileprivate var moneyFromCents: CSVCell {
        guard case .number(let text) = self, let cents = Int64(text) else { return self }
        return .money(cents)
    }
}
