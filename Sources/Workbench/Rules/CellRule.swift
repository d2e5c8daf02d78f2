import Analysis
import Warehouse

/// The condition of a rule that selects the customers of a cohort or a pivot cell, or the
/// dimension that the rule language cannot express.
///
/// A cell's customers are those with a fact row of the cell (see docs/metrics.md). Customer
/// dimensions become comparisons of fields. Event dimensions become one `count(…) > 0` over
/// the cell's kind and month, because both keys belong to the same event. Order dimensions
/// become `orders(…) > 0 or spend(…) != 0` (a month with only a return order has no counted
/// order but a spend) or, with a SKU or category, one `bought(…)`, over the cell's month.
/// Under the members fact a customer is in a cell when it has a linked member, which is
/// `tier != none`, because a member's tier is never `none`.
enum CellRule {
    /// The outcome: the condition text, or why there is none.
    enum Outcome: Equatable {
        case condition(String)
        /// The dimension that cannot be expressed, with the reason.
        case inexpressible(dimension: String, reason: String)
    }

    /// Returns the condition of a cohort: the customers with `key` in `dimension`.
    static func cohort(_ key: PivotKey, by dimension: PivotDimension) -> Outcome {
        condition(selections: [(dimension, .key(key))], fact: .customers, filter: nil)
    }

    /// Returns the condition of a pivot cell, with the pivot's filter, if any, in front.
    static func cell(_ plan: PivotPlan, row: KeySelection, column: KeySelection, filter: String?) -> Outcome {
        switch plan.measure {
        case .customers, .orders:
            break
        case .events, .eventsOfKind, .members:
            let dimensions = [plan.rows, plan.columns]
            let salesDimensions: [PivotDimension] = [.orderMonth, .orderCountry, .orderChannel, .sku, .category]
            if let order = dimensions.first(where: salesDimensions.contains) {
                return .inexpressible(
                    dimension: order.rawValue, reason: "under a \(plan.measure.name) measure it reads events' SKUs")
            }
        default:
            return .inexpressible(
                dimension: "measure \(plan.measure.name)",
                reason: "a rule selects customers, so start from a customers or orders measure")
        }
        return condition(selections: [(plan.rows, row), (plan.columns, column)], fact: plan.fact, filter: filter)
    }

    private static func condition(selections: [(PivotDimension, KeySelection)], fact: Fact, filter: String?) -> Outcome {
        var parts: [String] = []
        var eventKind: String?
        var eventMonth: String?
        var orderMonth: String?
        var product: String?
        for (dimension, selection) in selections {
            guard case .key(let key) = selection else { continue }
            guard case .value(let value) = key else {
                let reason =
                    switch key {
                    case .missing: "the rule language has no test for a missing \(dimension.rawValue)"
                    default: "\(key.displayText) rows belong to no customer"
                    }
                return .inexpressible(dimension: dimension.rawValue, reason: reason)
            }
            switch dimension {
            case .tier:
                parts.append("tier = \(value)")
            case .signupMonth:
                guard let window = monthWindow(value) else {
                    return .inexpressible(dimension: dimension.rawValue, reason: "'\(value)' is not a month")
                }
                parts.append("signup_date \(window)")
            case .region, .country, .channel:
                parts.append("\(dimension.columnName) = \(quoted(value))")
            case .eventKind:
                eventKind = value
            case .eventMonth:
                guard let window = monthWindow(value) else {
                    return .inexpressible(dimension: dimension.rawValue, reason: "'\(value)' is not a month")
                }
                eventMonth = window
            case .orderMonth:
                guard let window = monthWindow(value) else {
                    return .inexpressible(dimension: dimension.rawValue, reason: "'\(value)' is not a month")
                }
                orderMonth = window
            case .sku:
                product = "sku \(quoted(value))"
            case .category:
                product = "category \(quoted(value))"
            case .memberTier:
                return .inexpressible(dimension: dimension.rawValue, reason: "a rule reads the customer's tier, not a member's")
            case .orderCountry, .orderChannel:
                return .inexpressible(dimension: dimension.rawValue, reason: "a rule cannot test an order's \(dimension.rawValue.dropFirst(6))")
            }
        }
        switch fact {
        case .customers:
            break
        case .members:
            parts.append("tier != none")
        case .events:
            let window = eventMonth.map { ", between \($0.dropFirst("between ".count))" } ?? ""
            parts.append("count(\(eventKind ?? "any")\(window)) > 0")
        case .orders, .orderLines:
            let window = orderMonth.map { ", between \($0.dropFirst("between ".count))" } ?? ""
            if let product {
                // NOTE: the cell also counts lines of negative quantity (returns), which no
                // function of the rule language reads, so a customer whose only lines of
                // the product there are returns is left out. The template's comment states it.
                parts.append("bought(\(product)\(window))\n    # bought() reads purchases, so customers with only returns of it are left out")
            } else {
                // `orders` counts `ok` orders only; a month with only a return still has a
                // non-zero spend, so the cell's return-only customers are kept.
                let period = window.dropFirst(2)
                parts.append("(orders(\(period)) > 0 or spend(\(period)) != 0)")
            }
        }
        if let filter, !filter.isEmpty {
            parts.insert("(\(filter))", at: 0)
        }
        // Every customer in scope has a tier, so this selects them all (a total × total cell).
        return .condition(parts.isEmpty ? "tier >= none" : parts.joined(separator: " and "))
    }

    /// Returns `between FIRST and LAST` for the days of a `YYYY-MM` month.
    static func monthWindow(_ month: String) -> String? {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let number = Int(parts[1]),
            let first = CivilDate(year: year, month: number, day: 1)
        else { return nil }
        var last = first
        for day in stride(from: 31, through: 28, by: -1) {
            if let date = CivilDate(year: year, month: number, day: day) {
                last = date
                break
            }
        }
        return "between \(first.iso) and \(last.iso)"
    }

    /// Returns a string literal of the rule language: quotes and backslashes escaped.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
