/// The cells of a pivot being computed, with its totals as cells of their own, and the stamps
/// that keep distinct counts distinct.
///
/// The counters are unsafe buffers owned by the grid: the scans write to them tens of
/// millions of times, and array writes would check uniqueness on each one.
final class PivotGrid {
    let width: Int
    let totalRow: Int
    let totalColumn: Int
    let count: Int
    let present: UnsafeMutableBufferPointer<Bool>
    let customers: UnsafeMutableBufferPointer<Int64>
    let buyers: UnsafeMutableBufferPointer<Int64>
    let members: UnsafeMutableBufferPointer<Int64>
    let events: UnsafeMutableBufferPointer<Int64>
    /// Events of members with one customer, added to their own cell only; `finish` adds
    /// them to the totals, since each such event falls in exactly one cell.
    let singleCellEvents: UnsafeMutableBufferPointer<Int64>
    let orders: UnsafeMutableBufferPointer<Int64>
    let units: UnsafeMutableBufferPointer<Int64>
    let revenue: UnsafeMutableBufferPointer<Int64>
    let merchRevenue: UnsafeMutableBufferPointer<Int64>
    let countedOrderRevenue: UnsafeMutableBufferPointer<Int64>
    let customerRevenue: UnsafeMutableBufferPointer<Int64>
    private let customerStamp: UnsafeMutableBufferPointer<Int32>
    private let buyerStamp: UnsafeMutableBufferPointer<Int32>
    private let memberStamp: UnsafeMutableBufferPointer<Int32>
    private let orderStamp: UnsafeMutableBufferPointer<Int32>
    /// Whether line sums went to their own cells only (`addLineSums`), so `finish` adds them
    /// to the totals.
    var hasCellOnlyLineSums = false

    /// A grid for axes of `rows` and `columns` codes, the last code of each being its total.
    init(rows: Int, columns: Int) {
        width = columns
        totalRow = rows - 1
        totalColumn = columns - 1
        count = rows * columns
        func counters() -> UnsafeMutableBufferPointer<Int64> {
            let buffer = UnsafeMutableBufferPointer<Int64>.allocate(capacity: rows * columns)
            buffer.initialize(repeating: 0)
            return buffer
        }
        func stamps() -> UnsafeMutableBufferPointer<Int32> {
            let buffer = UnsafeMutableBufferPointer<Int32>.allocate(capacity: rows * columns)
            buffer.initialize(repeating: -1)
            return buffer
        }
        present = UnsafeMutableBufferPointer<Bool>.allocate(capacity: rows * columns)
        present.initialize(repeating: false)
        customers = counters()
        buyers = counters()
        members = counters()
        events = counters()
        singleCellEvents = counters()
        orders = counters()
        units = counters()
        revenue = counters()
        merchRevenue = counters()
        countedOrderRevenue = counters()
        customerRevenue = counters()
        customerStamp = stamps()
        buyerStamp = stamps()
        memberStamp = stamps()
        orderStamp = stamps()
    }

    deinit {
        for buffer in [customers, buyers, members, events, singleCellEvents, orders, units, revenue, merchRevenue, countedOrderRevenue, customerRevenue] {
            buffer.deallocate()
        }
        for buffer in [customerStamp, buyerStamp, memberStamp, orderStamp] {
            buffer.deallocate()
        }
        present.deallocate()
    }

    /// Adds another grid's counts, from a scan of a disjoint part of the same fact.
    func add(_ other: PivotGrid) {
        precondition(other.count == count, "grids of \(other.count) and \(count) cells")
        for cell in 0..<count {
            present[cell] = present[cell] || other.present[cell]
            customers[cell] += other.customers[cell]
            buyers[cell] += other.buyers[cell]
            members[cell] += other.members[cell]
            events[cell] += other.events[cell]
            singleCellEvents[cell] += other.singleCellEvents[cell]
            orders[cell] += other.orders[cell]
            units[cell] += other.units[cell]
            revenue[cell] += other.revenue[cell]
            merchRevenue[cell] += other.merchRevenue[cell]
            countedOrderRevenue[cell] += other.countedOrderRevenue[cell]
            customerRevenue[cell] += other.customerRevenue[cell]
        }
        hasCellOnlyLineSums = hasCellOnlyLineSums || other.hasCellOnlyLineSums
    }

    /// The cell of a row and its three totals.
    @inline(__always)
    func fan(_ row: Int, _ column: Int) -> FanCells {
        FanCells(
            cells: (row * width + column, row * width + totalColumn, totalRow * width + column, totalRow * width + totalColumn))
    }

    /// Counts a customer once in the cell and in each of its totals.
    @inline(__always)
    func countCustomer(_ customer: Int32, _ row: Int, _ column: Int) {
        guard customerStamp[row * width + column] != customer else { return }
        for cell in fan(row, column) where customerStamp[cell] != customer {
            customerStamp[cell] = customer
            customers[cell] += 1
            present[cell] = true
        }
    }

    /// Counts a member once in the cell and in each of its totals.
    @inline(__always)
    func countMember(_ member: Int32, _ row: Int, _ column: Int) {
        guard memberStamp[row * width + column] != member else { return }
        for cell in fan(row, column) where memberStamp[cell] != member {
            memberStamp[cell] = member
            members[cell] += 1
            present[cell] = true
        }
    }

    /// Adds an order, or one line of it, with its customer (-1 for a guest).
    @inline(__always)
    func countOrderRow(customer: Int32, order: Int32, isCounted: Bool, sums: LineSums, _ row: Int, _ column: Int) {
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

    /// Adds one line's sums to its own cell only, for a measure that sums lines and so needs
    /// no distinct counts; `finish` adds the cells to the totals, which is a quarter of the
    /// writes of `countOrderRow`.
    @inline(__always)
    func addLineSums(_ sums: LineSums, _ row: Int, _ column: Int) {
        let cell = row * width + column
        present[cell] = true
        units[cell] += sums.units
        revenue[cell] += sums.revenue
        merchRevenue[cell] += sums.merchRevenue
    }

    /// Adds the single-cell events, and line sums added to their cells only, to their cells'
    /// totals. Call once, after every scan.
    func finish() {
        if hasCellOnlyLineSums {
            for row in 0..<totalRow {
                for column in 0..<totalColumn where present[row * width + column] {
                    let cell = row * width + column
                    for total in [row * width + totalColumn, totalRow * width + column, totalRow * width + totalColumn] {
                        present[total] = true
                        units[total] += units[cell]
                        revenue[total] += revenue[cell]
                        merchRevenue[total] += merchRevenue[cell]
                    }
                }
            }
        }
        for row in 0..<totalRow {
            for column in 0..<totalColumn {
                let count = singleCellEvents[row * width + column]
                guard count != 0 else { continue }
                for cell in fan(row, column) {
                    events[cell] += count
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
