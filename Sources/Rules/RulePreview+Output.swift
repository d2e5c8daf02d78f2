import Analysis
import Expressions
import Text
import Warehouse

/// The preview as records and labelled figures, for the command line and the workbench.
extension RulePreview {
    /// The CSV columns of the hit list. `customer_id` and `group` come first and stay first,
    /// because scripts rely on them; later columns are only ever appended.
    public static let csvColumns = ["customer_id", "group", "name", "region", "tier", "spend", "last_activity"]

    /// Returns the header and one record per row, with spend as plain money and missing values
    /// empty.
    public static func csvRecords(_ rows: [RuleSampleRow]) -> [[CSVCell]] {
        var records: [[CSVCell]] = [csvColumns.map(CSVCell.text)]
        records.reserveCapacity(rows.count + 1)
        for row in rows {
            let customer = row.customer
            records.append([
                .text(row.hit.customerID), .text(row.hit.group.rawValue), .text(customer.name), .text(customer.region),
                .text(customer.tier.description), .money(customer.spend), .text(customer.lastActivity?.iso),
            ])
        }
        return records
    }

    /// One labelled figure of the summary.
    public struct Field: Sendable, Hashable {
        public let label: String
        public let value: String

        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    /// Returns the summary in display order: rule, action, as-of date, hits, target, holdout,
    /// opt-outs removed, maximum value and maximum cost. Money is grouped by thousands and
    /// followed by the code of `currency`.
    public func summaryFields(currency: Currency) -> [Field] {
        func money(_ amount: Money) -> String {
            PlainNumber.grouped(PlainNumber.money(amount.cents)) + " " + currency.code
        }
        let action: String
        switch rule.action {
        case .offer(let name, let value, let cost):
            action = "offer \(name): value \(money(value)), cost \(money(cost)) each"
        case .flag(let name):
            action = "flag \(name)"
        }
        let noAmount = "none: a flag has no value or cost"
        let holdoutNote = rule.holdout == .zero ? " (no holdout)" : " (the rule holds out \(rule.holdout) of hits)"
        return [
            Field(label: "rule", value: rule.name),
            Field(label: "action", value: action),
            Field(label: "as of", value: asOf.iso),
            Field(label: "hits", value: PlainNumber.grouped(String(hits.count))),
            Field(label: "target", value: PlainNumber.grouped(String(targetCount))),
            Field(label: "holdout", value: PlainNumber.grouped(String(holdoutCount)) + holdoutNote),
            Field(label: "opt-outs removed", value: PlainNumber.grouped(String(optOutsRemoved))),
            Field(label: "max value", value: maxValue.map { money($0) } ?? noAmount),
            Field(label: "max cost", value: maxCost.map { money($0) } ?? noAmount),
        ]
    }
}
