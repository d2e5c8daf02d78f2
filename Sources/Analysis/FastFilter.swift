import Expressions
import Warehouse

/// Evaluates a checked condition for every customer from the mapped snapshot: the in-memory
/// counterpart of the SQL compiler, held to it by the expression corpus.
///
/// Every value follows the condition's rules: a comparison with a missing value is false,
/// `not` negates plainly, counts and sums are 0 when nothing matches, and `days_since` of
/// something that never happened is missing.
struct FastFilter {
    let snapshot: Snapshot
    let context: FastContext
    let asOfDay: Int32
    /// The event functions of the condition being evaluated, computed for every customer at
    /// once. Outside `evaluate` it is nil, and each customer's events are read one by one.
    var eventColumns: EventColumns?

    init(context: FastContext) {
        self.context = context
        snapshot = context.snapshot
        asOfDay = context.asOfDay
    }

    /// Evaluates the condition for each customer ordinal. Customers out of scope get false.
    ///
    /// One thread walks the customers. Parts on several cores were slower: every part
    /// retains and releases the same strings and arrays of the condition, and their shared
    /// reference counts move between the cores' caches on every customer.
    func evaluate(_ condition: Condition) -> [Bool] {
        var keep = [Bool](repeating: false, count: snapshot.counts.customers)
        for customer in select(condition) {
            keep[Int(customer)] = true
        }
        return keep
    }

    /// Returns the ordinals of the customers in scope for which the condition holds, in
    /// ascending order, which is customer id order.
    func select(_ condition: Condition) -> [Int32] {
        var filter = self
        filter.eventColumns = EventColumns(condition, filter: self)
        let compiled = CompiledCondition(condition, filter: filter)
        var inScope: [Int32] = []
        inScope.reserveCapacity(snapshot.counts.customers)
        for customer in 0..<snapshot.counts.customers where context.included[customer] {
            inScope.append(Int32(customer))
        }
        return compiled.select(from: inScope)
    }

    /// A value of one customer: nil is missing.
    enum Scalar {
        case number(Double)
        case integer(Int64)
        case money(Int64)
        case text(String)
        case day(Int32)
        case tier(Int)
    }

    func holds(_ condition: Condition, customer: Int) -> Bool {
        switch condition {
        case .and(let parts):
            return parts.allSatisfy { holds($0, customer: customer) }
        case .or(let parts):
            return parts.contains { holds($0, customer: customer) }
        case .not(let inner):
            return !holds(inner, customer: customer)
        case .compare(let left, let comparison, let right):
            guard let a = value(left, customer: customer), let b = value(right, customer: customer),
                let order = FastFilter.compare(a, b)
            else { return false }
            switch comparison {
            case .equal: return order == 0
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            case .greaterOrEqual: return order >= 0
            }
        case .among(let subject, let list):
            guard let a = value(subject, customer: customer) else { return false }
            return list.contains { item in value(item, customer: customer).flatMap { FastFilter.compare(a, $0) } == 0 }
        case .between(let subject, let lower, let upper):
            guard let a = value(subject, customer: customer), let low = value(lower, customer: customer),
                let high = value(upper, customer: customer), let x = FastFilter.compare(a, low),
                let y = FastFilter.compare(a, high)
            else { return false }
            return x >= 0 && y <= 0
        case .bought(let selector, let window):
            let range = days(window)
            return forEachLine(of: customer, in: range) { line in
                guard snapshot.lineQuantity[line] > 0 else { return false }
                let product = snapshot.lineProduct[line]
                guard product >= 0 else { return false }
                switch selector {
                case .sku(let sku): return snapshot.productSKU[Int(product)] == sku
                case .category(let category):
                    let code = snapshot.productCategory[Int(product)]
                    return code > 0 && snapshot.categoryNames[Int(code) - 1] == category
                }
            }
        }
    }

    func value(_ value: Value, customer: Int) -> Scalar? {
        switch value {
        case .literal(let literal):
            switch literal {
            case .number(let number): return number.scale == 0 ? .integer(number.units) : .number(number.doubleValue)
            case .money(let money): return .money(money.cents)
            case .text(let text): return .text(text)
            case .date(let date): return .day(Int32(date.daysSinceEpoch))
            case .tier(let tier): return .tier(tier.rawValue)
            }
        case .field(let field):
            switch field {
            case .customerID: return .text(snapshot.customerIDs[customer])
            case .region: return text(snapshot.customerRegion[customer], snapshot.regionNames)
            case .country: return text(snapshot.customerCountry[customer], snapshot.countryNames)
            case .channel: return text(snapshot.customerChannel[customer], snapshot.channelNames)
            case .signupDate:
                let day = snapshot.customerSignup[customer]
                return day == Snapshot.noDay ? nil : .day(day)
            case .tier: return .tier(Int(context.customerTier[customer]))
            }
        case .attribute(let name, _):
            switch snapshot.attributes[name] {
            case .number(let column)?:
                let number = column[customer]
                return number.isNaN ? nil : .number(number)
            case .date(let column)?:
                return column[customer] == Snapshot.noDay ? nil : .day(column[customer])
            case .text(let codes, let names)?:
                return text(codes[customer], names)
            case nil:
                return nil
            }
        case .eventCount(let selection, let window):
            if let count = eventColumns?.value(value, customer: customer) {
                return .integer(Int64(count))
            }
            let range = days(window)
            var count: Int64 = 0
            forEachEvent(of: customer, in: range, selection) { _ in count += 1 }
            return .integer(count)
        case .spend(let window):
            let range = days(window)
            var total: Int64 = 0
            _ = forEachLine(of: customer, in: range) { line in
                total += snapshot.lineTotal[line]
                return false
            }
            return .money(total)
        case .orderCount(let window):
            let range = days(window)
            var count: Int64 = 0
            forEachOrder(of: customer, in: range) { order in
                if snapshot.orderIsReturn[order] == 0 { count += 1 }
            }
            return .integer(count)
        case .daysSince(let target):
            if let day = eventColumns?.value(value, customer: customer) {
                return day == Snapshot.noDay ? nil : .integer(Int64(asOfDay - day))
            }
            var last: Int32?
            switch target {
            case .event(let selection):
                forEachEvent(of: customer, in: days(.allTime), selection) { day in last = max(last ?? day, day) }
            case .order:
                forEachOrder(of: customer, in: days(.allTime)) { order in
                    if snapshot.orderIsReturn[order] == 0 { last = max(last ?? snapshot.orderDay[order], snapshot.orderDay[order]) }
                }
            case .signup:
                let day = snapshot.customerSignup[customer]
                last = day == Snapshot.noDay ? nil : day
            }
            return last.map { .integer(Int64(asOfDay - $0)) }
        }
    }

    private func text(_ code: Int32, _ names: [String]) -> Scalar? {
        code == 0 ? nil : .text(names[Int(code) - 1])
    }

    /// Resolves a window to a closed range of days, or nil when it covers no day.
    ///
    /// It is `Window.resolved(asOf:)` in day numbers, computed from the as-of day without
    /// building dates, because it runs for every customer. Where `resolved` clamps a start
    /// to the year 1, this range starts earlier, which selects the same rows, since no stored
    /// date is earlier.
    func days(_ window: Window) -> ClosedRange<Int32>? {
        let first: Int32
        var last = asOfDay
        switch window {
        case .allTime:
            first = Int32.min + 1
        case .lastDays(let count):
            first = Int32(clamping: Int(asOfDay) - count + 1)
        case .since(let day):
            first = Int32(clamping: day.daysSinceEpoch)
        case .between(let start, let end):
            first = Int32(clamping: start.daysSinceEpoch)
            last = min(last, Int32(clamping: end.daysSinceEpoch))
        }
        return first <= last ? first...last : nil
    }

    /// Calls `body` with the day of each of the customer's events in the range, latest first.
    ///
    /// A member's events are sorted by day, and windows end at the as-of date, so walking back
    /// from the latest event stops at the window's start instead of reading a member's whole
    /// history for a short window.
    private func forEachEvent(of customer: Int, in range: ClosedRange<Int32>?, _ selection: EventSelection, _ body: (Int32) -> Void) {
        guard let range else { return }
        let kind = FastFilter.kindCode(selection)
        for index in Int(snapshot.customerMemberStart[customer])..<Int(snapshot.customerMemberStart[customer + 1]) {
            forEachEvent(ofMember: Int(snapshot.customerMembers[index]), in: range, kind: kind, body)
        }
    }

    /// Calls `body` with the day of each of the member's events in the range whose kind has
    /// code `kind` (255 for any kind), latest first.
    @inline(__always)
    func forEachEvent(ofMember member: Int, in range: ClosedRange<Int32>, kind: UInt8, _ body: (Int32) -> Void) {
        for event in (Int(snapshot.memberEventStart[member])..<Int(snapshot.memberEventStart[member + 1])).reversed() {
            let day = snapshot.eventDay[event]
            if day < range.lowerBound { break }
            if day <= range.upperBound && (kind == 255 || snapshot.eventKind[event] == kind) {
                body(day)
            }
        }
    }

    /// Returns the snapshot's code of the selected event kind, or 255 for any kind.
    static func kindCode(_ selection: EventSelection) -> UInt8 {
        guard case .kind(let name) = selection else { return 255 }
        return UInt8(Snapshot.kinds.firstIndex(of: name.rawValue)!)
    }

    /// Calls `body` with each of the customer's orders in the range, latest first, for the
    /// reason `forEachEvent` gives.
    private func forEachOrder(of customer: Int, in range: ClosedRange<Int32>?, _ body: (Int) -> Void) {
        guard let range else { return }
        for order in (Int(snapshot.customerOrderStart[customer])..<Int(snapshot.customerOrderStart[customer + 1])).reversed() {
            let day = snapshot.orderDay[order]
            if day < range.lowerBound { break }
            if day <= range.upperBound {
                body(order)
            }
        }
    }

    /// Calls `body` for the customer's lines in the range until it returns true; returns
    /// whether it did.
    private func forEachLine(of customer: Int, in range: ClosedRange<Int32>?, _ body: (Int) -> Bool) -> Bool {
        var found = false
        forEachOrder(of: customer, in: range) { order in
            guard !found else { return }
            for line in Int(snapshot.orderLineStart[order])..<Int(snapshot.orderLineStart[order + 1]) where body(line) {
                found = true
                return
            }
        }
        return found
    }

    /// Compares two values of one type: -1, 0 or 1, or nil when they cannot be compared.
    static func compare(_ a: Scalar, _ b: Scalar) -> Int? {
        func order<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x > y ? 1 : 0) }
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return order(x, y)
        case (.integer(let x), .number(let y)): return order(Double(x), y)
        case (.number(let x), .integer(let y)): return order(x, Double(y))
        case (.number(let x), .number(let y)): return order(x, y)
        case (.money(let x), .money(let y)): return order(x, y)
        case (.text(let x), .text(let y)):
            // Bytes, as SQLite compares text: Swift's `==` would call `é` and `e` + U+0301 equal.
            if x.utf8.elementsEqual(y.utf8) { return 0 }
            return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1
        case (.day(let x), .day(let y)): return order(x, y)
        case (.tier(let x), .tier(let y)): return order(x, y)
        default: return nil
        }
    }
}
