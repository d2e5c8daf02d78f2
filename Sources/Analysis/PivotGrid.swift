/// The cells of a pivot being computed, with its totals as cells of their own, and the stamps
/// that keep distinct counts distinct.
struct PivotGrid {
    let width: Int
    let totalRow: Int
    let totalColumn: Int
    var present: [Bool]
    var customers: [Int64]
    var buyers: [Int64]
    var members: [Int64]
    var events: [Int64]
    var orders: [Int64]
    var units: [Int64]
    var revenue: [Int64]
    var merchRevenue: [Int64]
    var countedOrderRevenue: [Int64]
    var customerRevenue: [Int64]
    private var customerStamp: [Int32]
    private var buyerStamp: [Int32]
    private var memberStamp: [Int32]
    private var orderStamp: [Int32]

    /// A grid for axes of `rows` and `columns` codes, the last code of each being its total.
    init(rows: Int, columns: Int) {
        width = columns
        totalRow = rows - 1
        totalColumn = columns - 1
        let count = rows * columns
        present = [Bool](repeating: false, count: count)
        customers = [Int64](repeating: 0, count: count)
        buyers = customers
        members = customers
        events = customers
        orders = customers
        units = customers
        revenue = customers
        merchRevenue = customers
        countedOrderRevenue = customers
        customerRevenue = customers
        customerStamp = [Int32](repeating: -1, count: count)
        buyerStamp = customerStamp
        memberStamp = customerStamp
        orderStamp = customerStamp
    }

    /// The cell of a row and its three totals.
    @inline(__always)
    func fan(_ row: Int, _ column: Int) -> FanCells {
        FanCells(
            cells: (row * width + column, row * width + totalColumn, totalRow * width + column, totalRow * width + totalColumn))
    }

    /// Counts a customer once in the cell and in each of its totals.
    @inline(__always)
    mutating func countCustomer(_ customer: Int32, _ row: Int, _ column: Int) {
        guard customerStamp[row * width + column] != customer else { return }
        for cell in fan(row, column) where customerStamp[cell] != customer {
            customerStamp[cell] = customer
            customers[cell] += 1
            present[cell] = true
        }
    }

    /// Counts a member once in the cell and in each of its totals.
    @inline(__always)
    mutating func countMember(_ member: Int32, _ row: Int, _ column: Int) {
        guard memberStamp[row * width + column] != member else { return }
        for cell in fan(row, column) where memberStamp[cell] != member {
            memberStamp[cell] = member
            members[cell] += 1
            present[cell] = true
        }
    }

    /// Adds an order, or one line of it, with its customer (-1 for a guest).
    @inline(__always)
    mutating func countOrderRow(customer: Int32, order: Int32, isCounted: Bool, sums: LineSums, _ row: Int, _ column: Int) {
        for cell in fan(row, column) {
            present[cell] = true
            units[cell] += sums.units
            revenue[cell] += sums.revenue
            merchRevenue[cell] += sums.merchRevenue
            if isCounted {
                countedOrderRevenue[cell] += sums.revenue
                if orderStamp[cell] != order {
                    orderStamp[cell] = order
                    orders[cell] += 1
                }
            }
            if customer >= 0 {
                customerRevenue[cell] += sums.revenue
                if customerStamp[cell] != customer {
                    customerStamp[cell] = customer
                    customers[cell] += 1
                }
                if isCounted && buyerStamp[cell] != customer {
                    buyerStamp[cell] = customer
                    buyers[cell] += 1
                }
            }
        }
    }

    func aggregate(_ cell: Int) -> CellAggregate {
        CellAggregate(
            customers: customers[cell], buyers: buyers[cell], members: members[cell], events: events[cell],
            orders: orders[cell], units: units[cell], revenue: revenue[cell], merchRevenue: merchRevenue[cell],
            countedOrderRevenue: countedOrderRevenue[cell], customerRevenue: customerRevenue[cell])
    }

    /// The keys that some row touched, in key order, with every value.
    func result(plan: PivotPlan, rows: KeyAxis, columns: KeyAxis) -> PivotResult {
        let rowCodes = (0..<totalRow).filter { present[$0 * width + totalColumn] }
            .sorted { PivotKey.precedes(rows.key(ofCode: $0), rows.key(ofCode: $1), tierOrder: plan.rows.isTier) }
        let columnCodes = (0..<totalColumn).filter { present[totalRow * width + $0] }
            .sorted { PivotKey.precedes(columns.key(ofCode: $0), columns.key(ofCode: $1), tierOrder: plan.columns.isTier) }
        let measure = plan.measure
        return PivotResult(
            plan: plan, rowKeys: rowCodes.map(rows.key(ofCode:)), columnKeys: columnCodes.map(columns.key(ofCode:)),
            cells: rowCodes.map { row in columnCodes.map { aggregate(row * width + $0).value(of: measure) } },
            rowTotals: rowCodes.map { aggregate($0 * width + totalColumn).value(of: measure) },
            columnTotals: columnCodes.map { aggregate(totalRow * width + $0).value(of: measure) },
            grandTotal: aggregate(totalRow * width + totalColumn).value(of: measure))
    }
}

/// The four cells a fact row adds to: its own, its row total, its column total and the grand
/// total. A sequence without storage on the heap, for the inner loops.
struct FanCells: Sequence, IteratorProtocol {
    let cells: (Int, Int, Int, Int)
    private var position = 0

    init(cells: (Int, Int, Int, Int)) {
        self.cells = cells
    }

    @inline(__always)
    mutating func next() -> Int? {
        defer { position += 1 }
        switch position {
        case 0: return cells.0
        case 1: return cells.1
        case 2: return cells.2
        case 3: return cells.3
        default: return nil
        }
    }
}
