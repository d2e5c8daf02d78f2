import Warehouse

/// Cohorts, retention and drill-down from the mapped snapshot.
extension FastContext {
    func cohorts(by dimension: PivotDimension) -> CohortTable {
        let months = MonthTable(firstDay: asOfDay - 4000, lastDay: asOfDay)
        let axis = KeyAxis(dimension, fact: .customers, context: self, months: months)
        var rows = [CohortRow?](repeating: nil, count: axis.size)
        for customer in 0..<snapshot.counts.customers where included[customer] {
            let code = axis.code(self, customer: Int32(customer), months: months)
            var row = rows[code] ?? CohortRow(key: axis.key(ofCode: code))
            let sales = CustomerSales(self, customer: customer)
            row.customers += 1
            row.tiers[Int(customerTier[customer])] += 1
            row.buyers += sales.countedOrders > 0 ? 1 : 0
            row.orders += sales.countedOrders
            row.revenue += sales.revenue
            row.countedOrderRevenue += sales.countedOrderRevenue
            row.customerRevenue += sales.revenue
            rows[code] = row
        }

        var guest = CohortRow(key: .guest)
        var hasGuestOrders = false
        for order in 0..<snapshot.counts.orders where snapshot.orderDay[order] <= asOfDay && customer(ofOrder: order) < 0 {
            hasGuestOrders = true
            var total: Int64 = 0
            for line in Int(snapshot.orderLineStart[order])..<Int(snapshot.orderLineStart[order + 1]) {
                total += snapshot.lineTotal[line]
            }
            guest.revenue += total
            if snapshot.orderIsReturn[order] == 0 {
                guest.orders += 1
                guest.countedOrderRevenue += total
            }
        }

        var ordered = rows.compactMap { $0 }.sorted { PivotKey.precedes($0.key, $1.key, tierOrder: dimension.isTier) }
        if hasGuestOrders {
            let index = ordered.firstIndex { $0.key == .missing } ?? ordered.count
            ordered.insert(guest, at: index)
        }
        return CohortTable(dimension: dimension, rows: ordered, total: CohortTable.sum(ordered))
    }

    func retention() -> RetentionTable {
        let asOfMonth = FastContext.month(ofDay: asOfDay)
        var cohorts: [Int32: (customers: Int64, linked: Int64, community: [Int64], orders: [Int64])] = [:]
        var unsigned: Int64 = 0
        var activeMonths = Set<Int32>()
        for customer in 0..<snapshot.counts.customers where included[customer] {
            let signup = snapshot.customerSignup[customer]
            guard signup != Snapshot.noDay else {
                unsigned += 1
                continue
            }
            let cohort = FastContext.month(ofDay: signup)
            let span = Int(asOfMonth - cohort + 1)
            var entry = cohorts[cohort] ?? (0, 0, [Int64](repeating: 0, count: span), [Int64](repeating: 0, count: span))
            entry.customers += 1
            if customerTier[customer] > 0 {
                entry.linked += 1
            }
            activeMonths.removeAll(keepingCapacity: true)
            for index in Int(snapshot.customerMemberStart[customer])..<Int(snapshot.customerMemberStart[customer + 1]) {
                let member = Int(snapshot.customerMembers[index])
                guard memberTier[member] > 0 else { continue }
                for event in Int(snapshot.memberEventStart[member])..<Int(snapshot.memberEventStart[member + 1]) {
                    let day = snapshot.eventDay[event]
                    guard day <= asOfDay else { break }
                    if snapshot.eventKind[event] != 0 {
                        activeMonths.insert(FastContext.month(ofDay: day))
                    }
                }
            }
            for month in activeMonths where month >= cohort {
                entry.community[Int(month - cohort)] += 1
            }
            activeMonths.removeAll(keepingCapacity: true)
            for order in Int(snapshot.customerOrderStart[customer])..<Int(snapshot.customerOrderStart[customer + 1]) {
                let day = snapshot.orderDay[order]
                guard day <= asOfDay else { break }
                if snapshot.orderIsReturn[order] == 0 {
                    activeMonths.insert(FastContext.month(ofDay: day))
                }
            }
            for month in activeMonths where month >= cohort {
                entry.orders[Int(month - cohort)] += 1
            }
            cohorts[cohort] = entry
        }
        let keys = cohorts.keys.sorted()
        let monthCount = keys.first.map { Int(asOfMonth - $0 + 1) } ?? 0
        let rows = keys.map { cohort -> RetentionTable.Row in
            let entry = cohorts[cohort]!
            let offsets = 0..<monthCount
            return RetentionTable.Row(
                cohort: MonthTable.key(ofMonth: cohort), customers: entry.customers, linked: entry.linked,
                community: offsets.map { $0 < entry.community.count ? entry.community[$0] : nil },
                orders: offsets.map { $0 < entry.orders.count ? entry.orders[$0] : nil })
        }
        return RetentionTable(
            rows: rows, monthCount: monthCount, customersWithoutSignup: unsigned,
            isLastMonthPartial: asOf.day != CivilDate.daysInMonth(year: asOf.year, month: asOf.month))
    }

    /// The customers `customers` counts in a cell, and what the cell holds that is not a customer.
    func drillDown(_ plan: PivotPlan, row: KeySelection, column: KeySelection) -> DrillDownResult {
        let pivot = FastPivot(context: self, plan: PivotPlan(unchecked: plan, measure: .customers))
        func matches(_ axis: KeyAxis, _ code: Int, _ selection: KeySelection) -> Bool {
            guard case .key(let key) = selection else { return true }
            return axis.key(ofCode: code) == key
        }
        var chosen = [Bool](repeating: false, count: snapshot.counts.customers)
        var guestOrders = Set<Int>()
        var unlinkedMembers = Set<Int>()
        pivot.forEachRow { customer, member, order, rowCode, columnCode in
            guard matches(pivot.rows, rowCode, row), matches(pivot.columns, columnCode, column) else { return }
            if customer >= 0 {
                chosen[Int(customer)] = true
            } else if let order {
                guestOrders.insert(order)
            } else if let member {
                unlinkedMembers.insert(member)
            }
        }
        let customers = chosen.indices.filter { chosen[$0] }.map { record(of: $0) }
        return DrillDownResult(customers: customers, guestOrders: guestOrders.count, unlinkedMembers: unlinkedMembers.count)
    }

    /// A customer's listing, read from the snapshot's columns.
    func record(of customer: Int) -> CustomerRecord {
        func name(_ code: Int32, _ names: [String]) -> String? {
            code == 0 ? nil : names[Int(code) - 1]
        }
        let signup = snapshot.customerSignup[customer]
        return CustomerRecord(
            id: snapshot.customerIDs[customer], name: nil, email: nil,
            region: name(snapshot.customerRegion[customer], snapshot.regionNames),
            country: name(snapshot.customerCountry[customer], snapshot.countryNames),
            channel: name(snapshot.customerChannel[customer], snapshot.channelNames),
            signupDate: signup == Snapshot.noDay ? nil : CivilDate(daysSinceEpoch: Int(signup)).iso,
            tier: Tier(rawValue: Int(customerTier[customer])) ?? .none)
    }
}

extension FastPivot {
    /// Calls `body` with every fact row's customer (-1 for none), member, guest order and key
    /// codes, in the pivot's fact.
    func forEachRow(_ body: (Int32, Int?, Int?, Int, Int) -> Void) {
        let snapshot = context.snapshot
        switch plan.fact {
        case .customers:
            for customer in 0..<snapshot.counts.customers where context.included[customer] {
                let id = Int32(customer)
                body(id, nil, nil, rows.code(context, customer: id, months: months), columns.code(context, customer: id, months: months))
            }
        case .members, .events:
            var customers: [Int32] = []
            for member in 0..<snapshot.counts.members where context.memberTier[member] > 0 {
                context.customers(of: member, into: &customers)
                if customers.isEmpty {
                    if context.hasFilter { continue }
                    customers.append(-1)
                }
                for customer in customers {
                    if plan.fact == .members {
                        body(
                            customer, member, nil, rows.code(context, customer: customer, member: member, months: months),
                            columns.code(context, customer: customer, member: member, months: months))
                        continue
                    }
                    for event in Int(snapshot.memberEventStart[member])..<Int(snapshot.memberEventStart[member + 1]) {
                        guard snapshot.eventDay[event] <= context.asOfDay else { break }
                        body(
                            customer, member, nil,
                            rows.code(context, customer: customer, member: member, event: event, months: months),
                            columns.code(context, customer: customer, member: member, event: event, months: months))
                    }
                }
            }
        case .orders, .orderLines:
            for order in 0..<snapshot.counts.orders where snapshot.orderDay[order] <= context.asOfDay {
                let customer = context.customer(ofOrder: order)
                if customer < 0 && context.hasFilter { continue }
                if plan.fact == .orders {
                    body(
                        customer, nil, order, rows.code(context, customer: customer, order: order, months: months),
                        columns.code(context, customer: customer, order: order, months: months))
                    continue
                }
                for line in Int(snapshot.orderLineStart[order])..<Int(snapshot.orderLineStart[order + 1]) {
                    body(
                        customer, nil, order, rows.code(context, customer: customer, order: order, line: line, months: months),
                        columns.code(context, customer: customer, order: order, line: line, months: months))
                }
            }
        }
    }
}
