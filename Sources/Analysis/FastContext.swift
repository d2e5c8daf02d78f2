import Foundation
import Warehouse

/// What every fast query needs for one as-of date: which customers are in scope, each
/// customer's and member's tier, and the month of each day.
///
/// Tiers come from the first day each member reached each rung, so computing them for any
/// as-of date is one pass over the members and one over the links.
struct FastContext {
    let snapshot: Snapshot
    let asOf: CivilDate
    let asOfDay: Int32
    /// Whether each customer is in scope (signup on or before the as-of date, or missing) and
    /// kept by the filter.
    let included: [Bool]
    /// Each customer's tier, 0 (`none`) to 4 (`creator`); meaningful for included customers.
    let customerTier: [UInt8]
    /// Each member's tier at the as-of date, 0 when the member does not exist yet.
    let memberTier: [UInt8]
    let hasFilter: Bool
    /// The earliest event day, and the earliest day of any event, order or signup, which month
    /// axes start from; nil when there is none. They are kept here because finding them reads
    /// every member's first event, which each pivot would otherwise do again. They are computed
    /// on first use, because a search or a cohort table needs neither.
    private let firstDays: LazyValue<(event: Int32?, any: Int32?)>
    /// The one included customer each member is linked to, `unlinked` when none and
    /// `severalCustomers` when more than one, so a scan by member need not visit its links.
    /// Computed on first use, because only event pivots read it.
    private let memberCustomers: LazyValue<[Int32]>

    var firstEventDay: Int32? { firstDays.value.event }
    var firstDay: Int32? { firstDays.value.any }
    /// Read it once before a loop: each read takes a lock.
    var memberCustomer: [Int32] { memberCustomers.value }

    static let unlinked: Int32 = -1
    static let severalCustomers: Int32 = -2

    init(snapshot: Snapshot, asOf: CivilDate, keep: [Bool]? = nil) {
        self.snapshot = snapshot
        self.asOf = asOf
        let day = Int32(asOf.daysSinceEpoch)
        asOfDay = day
        hasFilter = keep != nil

        let memberCount = snapshot.counts.members
        var memberTier = [UInt8](repeating: 0, count: memberCount)
        for member in 0..<memberCount where snapshot.memberExists[member] <= day {
            if snapshot.memberCreator[member] <= day {
                memberTier[member] = 4
            } else if snapshot.memberCritic[member] <= day {
                memberTier[member] = 3
            } else if snapshot.memberJoiner[member] <= day {
                memberTier[member] = 2
            } else {
                memberTier[member] = 1
            }
        }

        let customerCount = snapshot.counts.customers
        var included = [Bool](repeating: false, count: customerCount)
        var customerTier = [UInt8](repeating: 0, count: customerCount)
        for customer in 0..<customerCount {
            let signup = snapshot.customerSignup[customer]
            guard signup <= day, keep?[customer] ?? true else { continue }
            included[customer] = true
            var tier: UInt8 = 0
            for index in Int(snapshot.customerMemberStart[customer])..<Int(snapshot.customerMemberStart[customer + 1]) {
                tier = max(tier, memberTier[Int(snapshot.customerMembers[index])])
            }
            customerTier[customer] = tier
        }
        self.memberTier = memberTier
        self.included = included
        self.customerTier = customerTier
        firstDays = LazyValue {
            let event = FastPivot.firstEventDay(snapshot)
            return (event, FastPivot.firstDay(snapshot, firstEventDay: event))
        }
        memberCustomers = LazyValue { FastContext.memberCustomers(snapshot, included: included) }
    }

    /// Finds each member's included customer, walking customers in order, because reading
    /// `included` for each link of each member would jump around a million-entry array.
    static func memberCustomers(_ snapshot: Snapshot, included: [Bool]) -> [Int32] {
        var result = [Int32](repeating: unlinked, count: snapshot.counts.members)
        for customer in 0..<snapshot.counts.customers where included[customer] {
            for index in Int(snapshot.customerMemberStart[customer])..<Int(snapshot.customerMemberStart[customer + 1]) {
                let member = Int(snapshot.customerMembers[index])
                result[member] = result[member] == unlinked ? Int32(customer) : severalCustomers
            }
        }
        return result
    }

    /// Creates the context of the customers of `base` that `keep` marks. Tiers do not depend
    /// on a filter, so they are taken from `base` instead of being computed again.
    init(narrowing base: FastContext, to keep: [Bool]) {
        precondition(keep.count == base.included.count, "a filter marks \(keep.count) customers, not \(base.included.count)")
        snapshot = base.snapshot
        asOf = base.asOf
        asOfDay = base.asOfDay
        hasFilter = true
        memberTier = base.memberTier
        customerTier = base.customerTier
        firstDays = base.firstDays
        let included = zip(base.included, keep).map { $0 && $1 }
        self.included = included
        let snapshot = base.snapshot
        memberCustomers = LazyValue { FastContext.memberCustomers(snapshot, included: included) }
    }

    /// The in-scope customers that the filter keeps and that `member` links to.
    func customers(of member: Int, into list: inout [Int32]) {
        list.removeAll(keepingCapacity: true)
        for index in Int(snapshot.memberLinkStart[member])..<Int(snapshot.memberLinkStart[member + 1]) {
            let customer = snapshot.memberLinks[index]
            if included[Int(customer)] {
                list.append(customer)
            }
        }
    }

    /// The customer an order counts for: its customer when included, else -1 (a guest). An
    /// order of a customer who signed up after the as-of date is a guest order.
    @inline(__always)
    func customer(ofOrder order: Int) -> Int32 {
        let customer = snapshot.orderCustomer[order]
        return customer >= 0 && included[Int(customer)] ? customer : -1
    }

    /// Month number (year × 12 + month − 1) of a day.
    static func month(ofDay day: Int32) -> Int32 {
        let date = CivilDate(daysSinceEpoch: Int(day))
        return Int32(date.year * 12 + date.month - 1)
    }
}

/// Month numbers of a range of days, looked up instead of computed per row.
struct MonthTable {
    let firstDay: Int32
    let months: [Int32]
    /// The last day of the month of each day in the table.
    let monthEnds: [Int32]

    init(firstDay: Int32, lastDay: Int32) {
        self.firstDay = firstDay
        months = firstDay <= lastDay ? (firstDay...lastDay).map(FastContext.month(ofDay:)) : []
        var monthEnds = [Int32](repeating: 0, count: months.count)
        var end = Int32(0)
        for index in months.indices.reversed() {
            if index == months.count - 1 || months[index] != months[index + 1] {
                end = MonthTable.lastDay(ofMonthContaining: firstDay + Int32(index))
            }
            monthEnds[index] = end
        }
        self.monthEnds = monthEnds
    }

    @inline(__always)
    subscript(day: Int32) -> Int32 {
        let index = Int(day - firstDay)
        return index >= 0 && index < months.count ? months[index] : FastContext.month(ofDay: day)
    }

    static func lastDay(ofMonthContaining day: Int32) -> Int32 {
        let date = CivilDate(daysSinceEpoch: Int(day))
        let days = CivilDate.daysInMonth(year: date.year, month: date.month)
        return day + Int32(days - date.day)
    }
}

/// A value computed on first use and kept, safe to read from several threads.
final class LazyValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var computed: Value?
    private let compute: () -> Value

    init(_ compute: @escaping () -> Value) {
        self.compute = compute
    }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let computed {
            return computed
        }
        let value = compute()
        computed = value
        return value
    }
}
