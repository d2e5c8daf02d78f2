import Foundation
import Warehouse

/// Cohorts, retention and drill-down from the mapped snapshot.
extension FastContext {
    func cohorts(by dimension: PivotDimension) -> CohortTable {
        let months = MonthTable(firstDay: asOfDay - 4000, lastDay: asOfDay)
        let axis = KeyAxis(dimension, fact: .customers, context: self, months: months)
        // Sums go into flat arrays indexed by key code, because building a CohortRow per
        // customer copied its tier array each time and took most of the run. Each part of the
        // customers fills its own sums, which are added up afterwards.
        let parts = FastPivot.parts
        let sums = (0..<parts).map { _ in CohortSums(size: axis.size) }
        let scan = UncheckedSendable(value: (self, sums, axis))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let (context, sums, axis) = scan.value
            context.addCohortSums(sums[part], axis: axis, months: months, customers: FastPivot.slice(context.snapshot.counts.customers, part, parts))
        }
        let total = sums[0]
        for other in sums.dropFirst() {
            total.add(other)
        }
        let customers = total.customers
        let tiers = total.tiers
        let buyers = total.buyers
        let orders = total.orders
        let revenue = total.revenue
        let countedOrderRevenue = total.countedOrderRevenue
        let rows = customers.indices.map { code -> CohortRow? in
            guard customers[code] > 0 else { return nil }
            var row = CohortRow(key: axis.key(ofCode: code))
            row.customers = customers[code]
            row.tiers = Array(tiers[(code * Tier.allCases.count)..<((code + 1) * Tier.allCases.count)])
            row.buyers = buyers[code]
            row.orders = orders[code]
            row.revenue = revenue[code]
            row.countedOrderRevenue = countedOrderRevenue[code]
            row.customerRevenue = revenue[code]
            return row
        }

        // A filter keeps customers only, so a filtered table has no guest row.
        var guest = CohortRow(key: .guest)
        var hasGuestOrders = false
        for order in 0..<snapshot.counts.orders where !hasFilter && snapshot.orderDay[order] <= asOfDay && customer(ofOrder: order) < 0 {
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

    private func addCohortSums(_ sums: CohortSums, axis: KeyAxis, months: MonthTable, customers range: Range<Int>) {
        // Local arrays, because each access to a class's array property is checked for
        // exclusive access, which made this loop four times slower.
        let tierCount = Tier.allCases.count
        var customers = sums.customers
        var tiers = sums.tiers
        var buyers = sums.buyers
        var orders = sums.orders
        var revenue = sums.revenue
        var countedOrderRevenue = sums.countedOrderRevenue
        for customer in range where included[customer] {
            let code = axis.code(self, customer: Int32(customer), months: months)
            let sales = CustomerSales(self, customer: customer)
            customers[code] += 1
            tiers[code * tierCount + Int(customerTier[customer])] += 1
            buyers[code] += sales.countedOrders > 0 ? 1 : 0
            orders[code] += sales.countedOrders
            revenue[code] += sales.revenue
            countedOrderRevenue[code] += sales.countedOrderRevenue
        }
        sums.customers = customers
        sums.tiers = tiers
        sums.buyers = buyers
        sums.orders = orders
        sums.revenue = revenue
        sums.countedOrderRevenue = countedOrderRevenue
    }

    func retention() -> RetentionTable {
        let asOfMonth = FastContext.month(ofDay: asOfDay)
        var firstSignup = asOfDay
        var unsigned: Int64 = 0
        for customer in 0..<snapshot.counts.customers where included[customer] {
            let signup = snapshot.customerSignup[customer]
            if signup == Snapshot.noDay {
                unsigned += 1
            } else {
                firstSignup = min(firstSignup, signup)
            }
        }
        let months = MonthTable(firstDay: min(firstSignup, asOfDay - 4000), lastDay: asOfDay)
        let firstMonth = months[firstSignup]
        let monthCount = Int(asOfMonth - firstMonth + 1)

        // Counts go into flat arrays indexed by cohort and month since signup, and a month is
        // counted once per customer by stamping it with the customer's number, because
        // per-customer arrays and sets took most of the run.
        var sizes = [Int64](repeating: 0, count: monthCount)
        var linked = [Int64](repeating: 0, count: monthCount)
        var community = [Int64](repeating: 0, count: monthCount * monthCount)
        var orders = [Int64](repeating: 0, count: monthCount * monthCount)
        var communityStamp = [Int32](repeating: -1, count: monthCount)
        var orderStamp = [Int32](repeating: -1, count: monthCount)
        for customer in 0..<snapshot.counts.customers where included[customer] {
            let signup = snapshot.customerSignup[customer]
            guard signup != Snapshot.noDay else { continue }
            let cohort = months[signup]
            let row = Int(cohort - firstMonth)
            let stamp = Int32(customer)
            sizes[row] += 1
            if customerTier[customer] > 0 {
                linked[row] += 1
            }
            for index in Int(snapshot.customerMemberStart[customer])..<Int(snapshot.customerMemberStart[customer + 1]) {
                let member = Int(snapshot.customerMembers[index])
                guard memberTier[member] > 0 else { continue }
                for event in Int(snapshot.memberEventStart[member])..<Int(snapshot.memberEventStart[member + 1]) {
                    let day = snapshot.eventDay[event]
                    guard day <= asOfDay else { break }
                    let month = months[day]
                    guard snapshot.eventKind[event] != 0, month >= cohort else { continue }
                    let slot = Int(month - firstMonth)
                    if communityStamp[slot] != stamp {
                        communityStamp[slot] = stamp
                        community[row * monthCount + Int(month - cohort)] += 1
                    }
                }
            }
            for order in Int(snapshot.customerOrderStart[customer])..<Int(snapshot.customerOrderStart[customer + 1]) {
                let day = snapshot.orderDay[order]
                guard day <= asOfDay else { break }
                let month = months[day]
                guard snapshot.orderIsReturn[order] == 0, month >= cohort else { continue }
                let slot = Int(month - firstMonth)
                if orderStamp[slot] != stamp {
                    orderStamp[slot] = stamp
                    orders[row * monthCount + Int(month - cohort)] += 1
                }
            }
        }

        let rows = (0..<monthCount).filter { sizes[$0] > 0 }.map { row -> RetentionTable.Row in
            let span = monthCount - row
            let offsets = 0..<monthCount
            return RetentionTable.Row(
                cohort: MonthTable.key(ofMonth: firstMonth + Int32(row)), customers: sizes[row], linked: linked[row],
                community: offsets.map { $0 < span ? community[row * monthCount + $0] : nil },
                orders: offsets.map { $0 < span ? orders[row * monthCount + $0] : nil })
        }
        return RetentionTable(
            rows: rows, monthCount: rows.isEmpty ? 0 : monthCount, customersWithoutSignup: unsigned,
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

/// The sums of one part of the customers by cohort key code, for `cohorts(by:)`.
final class CohortSums {
    var customers: [Int64]
    var tiers: [Int64]
    var buyers: [Int64]
    var orders: [Int64]
    var revenue: [Int64]
    var countedOrderRevenue: [Int64]

    init(size: Int) {
        customers = [Int64](repeating: 0, count: size)
        tiers = [Int64](repeating: 0, count: size * Tier.allCases.count)
        buyers = customers
        orders = customers
        revenue = customers
        countedOrderRevenue = customers
    }

    /// Adds the sums of another part of the customers.
    func add(_ other: CohortSums) {
        for code in customers.indices {
            customers[code] += other.customers[code]
            buyers[code] += other.buyers[code]
            orders[code] += other.orders[code]
            revenue[code] += other.revenue[code]
            countedOrderRevenue[code] += other.countedOrderRevenue[code]
        }
        for index in tiers.indices {
            tiers[index] += other.tiers[index]
        }
    }
}
