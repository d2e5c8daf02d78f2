/// A computed pivot: keys in order, a value per cell, and computed totals.
public struct PivotResult: Sendable, Equatable {
    public let plan: PivotPlan
    public let rowKeys: [PivotKey]
    public let columnKeys: [PivotKey]
    /// `cells[row][column]`.
    public let cells: [[PivotValue]]
    public let rowTotals: [PivotValue]
    public let columnTotals: [PivotValue]
    public let grandTotal: PivotValue

    public init(
        plan: PivotPlan, rowKeys: [PivotKey], columnKeys: [PivotKey], cells: [[PivotValue]], rowTotals: [PivotValue],
        columnTotals: [PivotValue], grandTotal: PivotValue
    ) {
        self.plan = plan
        self.rowKeys = rowKeys
        self.columnKeys = columnKeys
        self.cells = cells
        self.rowTotals = rowTotals
        self.columnTotals = columnTotals
        self.grandTotal = grandTotal
    }
}

/// The sums a pivot cell holds, from which every measure's value follows.
struct CellAggregate: Equatable {
    var customers: Int64 = 0
    var buyers: Int64 = 0
    var members: Int64 = 0
    var events: Int64 = 0
    var orders: Int64 = 0
    var units: Int64 = 0
    var revenue: Int64 = 0
    var merchRevenue: Int64 = 0
    /// Line totals of counted (`ok`) orders, the numerator of aov.
    var countedOrderRevenue: Int64 = 0
    /// Line totals of rows that have a customer, the numerator of revenue per customer or buyer.
    var customerRevenue: Int64 = 0

    func value(of measure: Measure) -> PivotValue {
        switch measure {
        case .customers: return .count(customers)
        case .members: return .count(members)
        case .events, .eventsOfKind: return .count(events)
        case .orders: return .count(orders)
        case .units: return .count(units)
        case .revenue: return .money(revenue)
        case .merchRevenue: return .money(merchRevenue)
        case .aov: return .moneyRatio(numerator: countedOrderRevenue, denominator: orders)
        case .revenuePerCustomer: return .moneyRatio(numerator: customerRevenue, denominator: customers)
        case .revenuePerBuyer: return .moneyRatio(numerator: customerRevenue, denominator: buyers)
        case .buyerShare: return .share(numerator: buyers, denominator: customers)
        }
    }
}
