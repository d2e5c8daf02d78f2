import Analysis
import Expressions

/// The rows, columns and measures a pivot may change to: only those the grain allows with
/// the other two parts of the plan as they are, so a list never offers a pivot that would be
/// rejected.
enum PivotChoices {
    /// Every measure, with one `events:KIND` per event kind.
    static let measures: [Measure] =
        [.customers, .members, .events] + EventKind.allCases.map { .eventsOfKind($0.rawValue) }
        + [.orders, .units, .revenue, .merchRevenue, .aov, .revenuePerCustomer, .revenuePerBuyer, .buyerShare]

    /// Returns the row dimensions allowed with the plan's columns and measure, the current one included.
    static func rows(for plan: PivotPlan) -> [PivotDimension] {
        PivotDimension.allCases.filter { isAllowed(rows: $0, columns: plan.columns, measure: plan.measure) }
    }

    /// Returns the column dimensions allowed with the plan's rows and measure, the current one included.
    static func columns(for plan: PivotPlan) -> [PivotDimension] {
        PivotDimension.allCases.filter { isAllowed(rows: plan.rows, columns: $0, measure: plan.measure) }
    }

    /// Returns the measures allowed with the plan's rows and columns, the current one included.
    static func measures(for plan: PivotPlan) -> [Measure] {
        measures.filter { isAllowed(rows: plan.rows, columns: plan.columns, measure: $0) }
    }

    private static func isAllowed(rows: PivotDimension, columns: PivotDimension, measure: Measure) -> Bool {
        (try? PivotPlan(rows: rows, columns: columns, measure: measure)) != nil
    }
}
