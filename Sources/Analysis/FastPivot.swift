import Foundation
import Warehouse

/// Computes a pivot from the mapped snapshot, walking each fact's rows once.
///
/// Rows are walked in groups that make distinct counts cheap: a member's events are
/// contiguous, a customer's orders are contiguous, an order's lines are contiguous. A stamp
/// per cell remembers the last group counted there, so a member, customer or order counts
/// once per cell however many of its rows fall in it. Each row also adds to its row total,
/// its column total and the grand total, which are cells of their own; a distinct count
/// therefore gets its totals computed from the rows, never summed from the cells. Line sums
/// (units, revenue, merch revenue) are additive, so a line adds to its own cell only and the
/// totals are summed from the cells after the scan.
struct FastPivot {
    let context: FastContext
    let plan: PivotPlan
    let rows: KeyAxis
    let columns: KeyAxis
    let months: MonthTable
    /// Each member's row and column code, for an axis that does not read the event, when the
    /// pivot walks members; nil otherwise. A member linked to several customers has none.
    let rowCodeOfMember: [Int32]?
    let columnCodeOfMember: [Int32]?
    /// The context's `memberCustomer`, read once, when the pivot walks members; empty otherwise.
    let memberCustomer: [Int32]

    init(context: FastContext, plan: PivotPlan) {
        self.context = context
        self.plan = plan
        // Finding the first day reads every member's first event, so a pivot without a month
        // axis skips it. Its table then covers the as-of date only, and other days are computed.
        let hasMonthAxis = plan.rows.isMonth || plan.columns.isMonth
        months = MonthTable(firstDay: hasMonthAxis ? context.firstDay ?? context.asOfDay : context.asOfDay, lastDay: context.asOfDay)
        rows = KeyAxis(plan.rows, fact: plan.fact, context: context, months: months)
        columns = KeyAxis(plan.columns, fact: plan.fact, context: context, months: months)
        let walksMembers = plan.fact == .events && plan.measure != .customers
        memberCustomer = walksMembers ? context.memberCustomer : []
        rowCodeOfMember = walksMembers && !rows.readsEvent ? rows.codesOfMembers(context, months: months) : nil
        columnCodeOfMember = walksMembers && !columns.readsEvent ? columns.codesOfMembers(context, months: months) : nil
    }

    func run() -> PivotResult {
        let parts = FastPivot.parts
        let grids = (0..<parts).map { _ in PivotGrid(rows: rows.size, columns: columns.size) }
        let scan = UncheckedSendable(value: (self, grids))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let (pivot, grids) = scan.value
            pivot.scan(part: part, of: parts, into: grids[part])
        }
        let grid = grids[0]
        for other in grids.dropFirst() {
            grid.add(other)
        }
        grid.finish()
        return grid.result(plan: plan, rows: rows, columns: columns)
    }

    /// Returns the earliest day of any event, order or signup, or nil when there is none.
    static func firstDay(_ snapshot: Snapshot, firstEventDay: Int32?) -> Int32? {
        var first = firstEventDay ?? Int32.max
        for day in snapshot.orderDay {
            first = min(first, day)
        }
        for day in snapshot.customerSignup where day != Snapshot.noDay {
            first = min(first, day)
        }
        return first == Int32.max ? nil : first
    }

    /// Returns the day of the earliest event, or nil when there is none. A member's events
    /// are in time order, so only each member's first event is read.
    static func firstEventDay(_ snapshot: Snapshot) -> Int32? {
        var first = Int32.max
        for member in 0..<snapshot.counts.members {
            let start = Int(snapshot.memberEventStart[member])
            if start < Int(snapshot.memberEventStart[member + 1]) {
                first = min(first, snapshot.eventDay[start])
            }
        }
        return first == Int32.max ? nil : first
    }

    /// Scans run in this many parts at once, one per core of the analysis box.
    static let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))

    /// Scans one part of the fact's groups. Parts split at group boundaries (members,
    /// customers, a customer's orders), so the stamps of each part's grid stay correct and the
    /// grids add up.
    func scan(part: Int, of parts: Int, into grid: PivotGrid) {
        let snapshot = context.snapshot
        switch plan.fact {
        case .customers:
            scanCustomers(grid, FastPivot.slice(snapshot.counts.customers, part, parts))
        case .members, .events:
            if plan.measure == .customers {
                scanCommunityByCustomer(grid, FastPivot.slice(snapshot.counts.customers, part, parts))
            } else {
                scanCommunityByMember(grid, FastPivot.slice(snapshot.counts.members, part, parts))
            }
        case .orders, .orderLines:
            scanOrders(grid, orderSlice(part, parts))
        }
    }

    /// The part of `0..<count` that part `part` of `parts` covers.
    static func slice(_ count: Int, _ part: Int, _ parts: Int) -> Range<Int> {
        (count * part / parts)..<(count * (part + 1) / parts)
    }

    /// A part of the orders that starts and ends between two customers' orders.
    func orderSlice(_ part: Int, _ parts: Int) -> Range<Int> {
        let snapshot = context.snapshot
        let customers = snapshot.counts.customers
        func boundary(_ index: Int) -> Int {
            index == parts ? snapshot.counts.orders : Int(snapshot.customerOrderStart[customers * index / parts])
        }
        return boundary(part)..<boundary(part + 1)
    }

    // MARK: Customers

    private func scanCustomers(_ grid: PivotGrid, _ range: Range<Int>) {
        // Walking a customer's orders and lines is most of the work, and `customers` reads none.
        let readsSales = plan.measure.readsOrders
        for customer in range where context.included[customer] {
            let id = Int32(customer)
            let sales = readsSales ? CustomerSales(context, customer: customer) : CustomerSales()
            let row = rows.code(context, customer: id, months: months)
            let column = columns.code(context, customer: id, months: months)
            for cell in grid.fan(row, column) {
                grid.present[cell] = true
                grid.customers[cell] += 1
                grid.buyers[cell] += sales.countedOrders > 0 ? 1 : 0
                grid.customerRevenue[cell] += sales.revenue
                grid.revenue[cell] += sales.revenue
            }
        }
    }

    // MARK: Members and events

    /// Distinct customers under the members or events fact: each customer's members and
    /// events are walked together, so a customer stamp per cell counts it once.
    private func scanCommunityByCustomer(_ grid: PivotGrid, _ range: Range<Int>) {
        let snapshot = context.snapshot
        for customer in range where context.included[customer] {
            let id = Int32(customer)
            for index in Int(snapshot.customerMemberStart[customer])..<Int(snapshot.customerMemberStart[customer + 1]) {
                let member = Int(snapshot.customerMembers[index])
                guard context.memberTier[member] > 0 else { continue }
                if plan.fact == .members {
                    let row = rows.code(context, customer: id, member: member, months: months)
                    let column = columns.code(context, customer: id, member: member, months: months)
                    grid.countCustomer(id, row, column)
                    continue
                }
                for event in Int(snapshot.memberEventStart[member])..<Int(snapshot.memberEventStart[member + 1]) {
                    guard snapshot.eventDay[event] <= context.asOfDay else { break }
                    let row = rows.code(context, customer: id, member: member, event: event, months: months)
                    let column = columns.code(context, customer: id, member: member, event: event, months: months)
                    grid.countCustomer(id, row, column)
                }
            }
        }
    }

    /// Members and events, walked member by member with the member's linked customers.
    private func scanCommunityByMember(_ grid: PivotGrid, _ range: Range<Int>, allowingMonthRuns: Bool = true) {
        let snapshot = context.snapshot
        var kind: UInt8 = 255
        var countsEveryKind = true
        if case .eventsOfKind(let name) = plan.measure, let code = Snapshot.kinds.firstIndex(of: name) {
            kind = UInt8(code)
            countsEveryKind = false
        }
        var customers: [Int32] = []
        var cells: [Int] = []
        let runsApply = plan.fact == .events && !(rows.readsEvent && columns.readsEvent)
        if allowingMonthRuns && runsApply && countsEveryKind && (rows.source == .eventMonth || columns.source == .eventMonth) {
            scanMonthRuns(grid, range)
            return
        }
        for member in range where context.memberTier[member] > 0 {
            if runsApply && memberCustomer[member] != FastContext.severalCustomers {
                if memberCustomer[member] == FastContext.unlinked && context.hasFilter { continue }
                scanEventRuns(grid, member: member, kind: countsEveryKind ? nil : kind)
                continue
            }
            context.customers(of: member, into: &customers)
            if customers.isEmpty {
                if context.hasFilter { continue }
                customers.append(-1)
            }
            let stamp = Int32(member)
            if plan.fact == .members {
                for customer in customers {
                    let row = rows.code(context, customer: customer, member: member, months: months)
                    let column = columns.code(context, customer: customer, member: member, months: months)
                    grid.countMember(stamp, row, column)
                }
                continue
            }
            for event in Int(snapshot.memberEventStart[member])..<Int(snapshot.memberEventStart[member + 1]) {
                guard snapshot.eventDay[event] <= context.asOfDay else { break }
                let counted: Int64 = countsEveryKind || snapshot.eventKind[event] == kind ? 1 : 0
                if customers.count == 1 {
                    let row = rows.code(context, customer: customers[0], member: member, event: event, months: months)
                    let column = columns.code(context, customer: customers[0], member: member, event: event, months: months)
                    grid.singleCellEvents[row * grid.width + column] += counted
                    grid.countMember(stamp, row, column)
                    continue
                }
                // A member linked to several customers: the event counts once per cell.
                cells.removeAll(keepingCapacity: true)
                for customer in customers {
                    let row = rows.code(context, customer: customer, member: member, event: event, months: months)
                    let column = columns.code(context, customer: customer, member: member, event: event, months: months)
                    for cell in grid.fan(row, column) where !cells.contains(cell) {
                        cells.append(cell)
                    }
                    grid.countMember(stamp, row, column)
                }
                for cell in cells {
                    grid.events[cell] += counted
                }
            }
        }
    }

    /// Counts every event of the members in `range` by month on one axis and by a code per
    /// member on the other, the shape of the benchmark pivot tier × event-month. It is
    /// `scanEventRuns` with every array bound once for the whole range rather than per member.
    /// Members linked to several customers go through `scanCommunityByMember`'s general path.
    private func scanMonthRuns(_ grid: PivotGrid, _ range: Range<Int>) {
        let snapshot = context.snapshot
        let rowsByMonth = rows.source == .eventMonth
        let base = rowsByMonth ? rows.base : columns.base
        guard let fixedCodes = rowsByMonth ? columnCodeOfMember : rowCodeOfMember else {
            preconditionFailure("a month-run scan needs the other axis's code per member")
        }
        let width = grid.width
        let asOfDay = context.asOfDay
        let skipsUnlinked = context.hasFilter
        let firstTableDay = months.firstDay
        let eventStart = snapshot.memberEventStart
        let eventDay = snapshot.eventDay
        let cellEvents = grid.singleCellEvents
        var several: [Int] = []
        context.memberTier.withUnsafeBufferPointer { tiers in
            memberCustomer.withUnsafeBufferPointer { linked in
                fixedCodes.withUnsafeBufferPointer { fixed in
                    months.months.withUnsafeBufferPointer { monthOfDay in
                        months.monthEnds.withUnsafeBufferPointer { monthEnd in
                            for member in range where tiers[member] > 0 {
                                let customer = linked[member]
                                if customer == FastContext.severalCustomers {
                                    several.append(member)
                                    continue
                                }
                                if customer == FastContext.unlinked && skipsUnlinked { continue }
                                let fixedCode = Int(fixed[member])
                                let stamp = Int32(member)
                                var event = Int(eventStart[member])
                                let end = Int(eventStart[member + 1])
                                while event < end {
                                    let day = eventDay[event]
                                    guard day <= asOfDay else { break }
                                    let index = Int(day &- firstTableDay)
                                    let inTable = index >= 0 && index < monthOfDay.count
                                    let month = inTable ? monthOfDay[index] : FastContext.month(ofDay: day)
                                    let runEnd = min(inTable ? monthEnd[index] : MonthTable.lastDay(ofMonthContaining: day), asOfDay)
                                    var next = event &+ 1
                                    while next < end && eventDay[next] <= runEnd {
                                        next &+= 1
                                    }
                                    let code = Int(month &- base)
                                    let row = rowsByMonth ? code : fixedCode
                                    let column = rowsByMonth ? fixedCode : code
                                    cellEvents[row &* width &+ column] &+= Int64(next &- event)
                                    grid.countMember(stamp, row, column)
                                    event = next
                                }
                            }
                        }
                    }
                }
            }
        }
        for member in several {
            scanCommunityByMember(grid, member..<(member + 1), allowingMonthRuns: false)
        }
    }

    /// Counts the events of a member linked to one customer or none when at most one axis reads the
    /// event; `scanMonthRuns` takes the case of every event by month. A member's events are in
    /// time order, so neighbours mostly share a cell. Each run of events in one cell is therefore
    /// added, and the member counted, once per run rather than once per event.
    @inline(__always)
    private func scanEventRuns(_ grid: PivotGrid, member: Int, kind: UInt8?) {
        let snapshot = context.snapshot
        let stamp = Int32(member)
        let customer = memberCustomer[member]
        let fixedRow = rowCodeOfMember.map { Int($0[member]) } ?? 0
        let fixedColumn = columnCodeOfMember.map { Int($0[member]) } ?? 0
        // A month axis is computed here rather than through `code`, because this loop runs
        // for every event and the month is most pivots' event axis.
        let rowsByMonth = rows.source == .eventMonth
        let columnsByMonth = columns.source == .eventMonth
        let rowBase = rows.base
        let columnBase = columns.base
        let rowsReadEvent = rows.readsEvent
        let columnsReadEvent = columns.readsEvent
        let events = Int(snapshot.memberEventStart[member])..<Int(snapshot.memberEventStart[member + 1])
        var runRow = -1
        var runColumn = -1
        var runCount: Int64 = 0
        for event in events {
            let day = snapshot.eventDay[event]
            guard day <= context.asOfDay else { break }
            var row = fixedRow
            if rowsByMonth {
                row = Int(months[day] &- rowBase)
            } else if rowsReadEvent {
                row = rows.code(context, customer: customer, member: member, event: event, months: months)
            }
            var column = fixedColumn
            if columnsByMonth {
                column = Int(months[day] &- columnBase)
            } else if columnsReadEvent {
                column = columns.code(context, customer: customer, member: member, event: event, months: months)
            }
            if row != runRow || column != runColumn {
                if runRow >= 0 {
                    grid.singleCellEvents[runRow * grid.width + runColumn] &+= runCount
                    grid.countMember(stamp, runRow, runColumn)
                }
                runRow = row
                runColumn = column
                runCount = 0
            }
            if kind == nil || snapshot.eventKind[event] == kind {
                runCount &+= 1
            }
        }
        if runRow >= 0 {
            grid.singleCellEvents[runRow * grid.width + runColumn] &+= runCount
            grid.countMember(stamp, runRow, runColumn)
        }
    }

    // MARK: Orders and lines

    private func scanOrders(_ grid: PivotGrid, _ range: Range<Int>) {
        let snapshot = context.snapshot
        let dropsGuests = context.hasFilter || plan.measure.isCustomerBased
        let sumsLinesOnly: Bool
        switch plan.measure {
        case .units, .revenue, .merchRevenue: sumsLinesOnly = plan.fact == .orderLines
        default: sumsLinesOnly = false
        }
        grid.hasCellOnlyLineSums = sumsLinesOnly
        for order in range where snapshot.orderDay[order] <= context.asOfDay {
            let customer = context.customer(ofOrder: order)
            if customer < 0 && dropsGuests { continue }
            let isCounted = snapshot.orderIsReturn[order] == 0
            let lines = Int(snapshot.orderLineStart[order])..<Int(snapshot.orderLineStart[order + 1])
            if plan.fact == .orders {
                var sums = LineSums()
                for line in lines {
                    sums.add(snapshot, line: line)
                }
                let row = rows.code(context, customer: customer, order: order, months: months)
                let column = columns.code(context, customer: customer, order: order, months: months)
                grid.countOrderRow(customer: customer, order: Int32(order), isCounted: isCounted, sums: sums, row, column)
                continue
            }
            for line in lines {
                var sums = LineSums()
                sums.add(snapshot, line: line)
                let row = rows.code(context, customer: customer, order: order, line: line, months: months)
                let column = columns.code(context, customer: customer, order: order, line: line, months: months)
                if sumsLinesOnly {
                    grid.addLineSums(sums, row, column)
                } else {
                    grid.countOrderRow(customer: customer, order: Int32(order), isCounted: isCounted, sums: sums, row, column)
                }
            }
        }
    }
}

/// Sums of order lines.
struct LineSums {
    var units: Int64 = 0
    var revenue: Int64 = 0
    var merchRevenue: Int64 = 0

    @inline(__always)
    mutating func add(_ snapshot: Snapshot, line: Int) {
        let total = snapshot.lineTotal[line]
        units += Int64(snapshot.lineQuantity[line])
        revenue += total
        let product = snapshot.lineProduct[line]
        if product < 0 || snapshot.productMerchandise[Int(product)] != 0 {
            merchRevenue += total
        }
    }
}

/// A customer's sales up to the as-of date: counted lines and counted orders.
struct CustomerSales {
    var revenue: Int64 = 0
    var countedOrders: Int64 = 0
    var countedOrderRevenue: Int64 = 0

    /// No sales, for a measure that reads none.
    init() {}

    init(_ context: FastContext, customer: Int) {
        let snapshot = context.snapshot
        for order in Int(snapshot.customerOrderStart[customer])..<Int(snapshot.customerOrderStart[customer + 1]) {
            guard snapshot.orderDay[order] <= context.asOfDay else { break }
            var total: Int64 = 0
            for line in Int(snapshot.orderLineStart[order])..<Int(snapshot.orderLineStart[order + 1]) {
                total += snapshot.lineTotal[line]
            }
            revenue += total
            if snapshot.orderIsReturn[order] == 0 {
                countedOrders += 1
                countedOrderRevenue += total
            }
        }
    }
}

/// A value handed to the scan threads, which only read it or write their own part.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}
