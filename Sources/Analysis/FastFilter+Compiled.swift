import Expressions
import Warehouse

/// A condition prepared once for an evaluation over every customer.
///
/// `FastFilter.holds` interprets the condition for each customer: it matches the tree, copies
/// its values and builds a scalar for each side of every comparison, which at a million
/// customers costs more than the data it reads. Here the common tests become closures over the
/// snapshot's integer columns, built once. They cover comparisons and `between` of the event
/// functions, tiers, signup dates, `days_since(signup)` and whole-number literals, and `=` and
/// `in` of a text field against text, through the field's codes. Every other test keeps the
/// interpreter, so the result is the same for any condition, which a test checks.
struct CompiledCondition {
    private indirect enum Node {
        case and([Node])
        case or([Node])
        case not(Node)
        case test((Int) -> Bool)
    }

    private let root: Node

    init(_ condition: Condition, filter: FastFilter) {
        root = CompiledCondition.compile(condition, filter)
    }

    /// Tests the condition for the customer with ordinal `customer`.
    func holds(customer: Int) -> Bool {
        CompiledCondition.holds(root, customer)
    }

    /// Returns the customers of `candidates` (ordinals in ascending order) for which the
    /// condition holds, in ascending order.
    ///
    /// It works a test at a time over a list of customers rather than a customer at a time
    /// over the tree. `and` passes on only the customers its earlier parts kept, `or` tries a
    /// part only on the customers no earlier part matched, and `not` keeps what its inner
    /// condition drops. Each test runs in a plain loop, which avoids the reference counting
    /// that walking the tree costs for every customer.
    func select(from candidates: [Int32]) -> [Int32] {
        CompiledCondition.select(root, candidates)
    }

    private static func select(_ node: Node, _ candidates: [Int32]) -> [Int32] {
        switch node {
        case .and(let parts):
            var kept = candidates
            for part in parts where !kept.isEmpty {
                kept = select(part, kept)
            }
            return kept
        case .or(let parts):
            var matched: [Int32] = []
            var remaining = candidates
            for part in parts where !remaining.isEmpty {
                let found = select(part, remaining)
                matched = merged(matched, found)
                remaining = subtracting(found, from: remaining)
            }
            return matched
        case .not(let inner):
            return subtracting(select(inner, candidates), from: candidates)
        case .test(let test):
            return candidates.filter { test(Int($0)) }
        }
    }

    /// Merges two ascending lists without common items into one ascending list.
    private static func merged(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var result: [Int32] = []
        result.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            if a[i] < b[j] {
                result.append(a[i])
                i += 1
            } else {
                result.append(b[j])
                j += 1
            }
        }
        result.append(contentsOf: a[i...])
        result.append(contentsOf: b[j...])
        return result
    }

    /// Returns `list` without the items of `removed`, an ascending sublist of it.
    private static func subtracting(_ removed: [Int32], from list: [Int32]) -> [Int32] {
        if removed.isEmpty { return list }
        var result: [Int32] = []
        result.reserveCapacity(list.count - removed.count)
        var j = 0
        for item in list {
            if j < removed.count && removed[j] == item {
                j += 1
            } else {
                result.append(item)
            }
        }
        return result
    }

    private static func holds(_ node: Node, _ customer: Int) -> Bool {
        switch node {
        case .and(let parts):
            for part in parts where !holds(part, customer) { return false }
            return true
        case .or(let parts):
            for part in parts where holds(part, customer) { return true }
            return false
        case .not(let inner):
            return !holds(inner, customer)
        case .test(let test):
            return test(customer)
        }
    }

    // MARK: Compiling

    private static func compile(_ condition: Condition, _ filter: FastFilter) -> Node {
        switch condition {
        case .and(let parts):
            return .and(parts.map { compile($0, filter) })
        case .or(let parts):
            return .or(parts.map { compile($0, filter) })
        case .not(let inner):
            return .not(compile(inner, filter))
        case .compare(let left, let comparison, let right):
            if let test = integerComparison(left, comparison, right, filter) {
                return .test(test)
            }
            if comparison == .equal, let test = textMembership(left, [right], filter) ?? textMembership(right, [left], filter) {
                return .test(test)
            }
        case .among(let subject, let items):
            if let test = textMembership(subject, items, filter) {
                return .test(test)
            }
        case .between(let subject, let lower, let upper):
            if let value = integer(subject, filter), let low = integer(lower, filter), let high = integer(upper, filter) {
                return .test { customer in
                    guard let x = value(customer), let a = low(customer), let b = high(customer) else { return false }
                    return x >= a && x <= b
                }
            }
        case .bought:
            break
        }
        // Any other test runs through the interpreter.
        return .test { customer in filter.holds(condition, customer: customer) }
    }

    /// Returns a test comparing two values that both read as integers, or nil.
    private static func integerComparison(
        _ left: Value, _ comparison: Comparison, _ right: Value, _ filter: FastFilter
    ) -> ((Int) -> Bool)? {
        guard let a = integer(left, filter), let b = integer(right, filter) else { return nil }
        switch comparison {
        case .equal:
            return { customer in a(customer).flatMap { x in b(customer).map { x == $0 } } ?? false }
        case .less:
            return { customer in a(customer).flatMap { x in b(customer).map { x < $0 } } ?? false }
        case .lessOrEqual:
            return { customer in a(customer).flatMap { x in b(customer).map { x <= $0 } } ?? false }
        case .greater:
            return { customer in a(customer).flatMap { x in b(customer).map { x > $0 } } ?? false }
        case .greaterOrEqual:
            return { customer in a(customer).flatMap { x in b(customer).map { x >= $0 } } ?? false }
        }
    }

    /// Returns a reader of a value that is an integer for every customer, nil where it is
    /// missing, or nil when the value is of another kind. Both sides of a comparison have one
    /// type, so two readers always compare like with like: counts with counts or whole
    /// numbers, tiers with tiers, days with days.
    private static func integer(_ value: Value, _ filter: FastFilter) -> ((Int) -> Int64?)? {
        let snapshot = filter.snapshot
        let asOfDay = Int64(filter.asOfDay)
        switch value {
        case .literal(.number(let number)):
            guard let whole = number.integerValue else { return nil }
            return { _ in whole }
        case .literal(.tier(let tier)):
            let rung = Int64(tier.rawValue)
            return { _ in rung }
        case .literal(.date(let date)):
            let day = Int64(date.daysSinceEpoch)
            return { _ in day }
        case .field(.tier):
            let tiers = filter.context.customerTier
            return { customer in Int64(tiers[customer]) }
        case .field(.signupDate):
            let signup = snapshot.customerSignup
            return { customer in signup[customer] == Snapshot.noDay ? nil : Int64(signup[customer]) }
        case .daysSince(.signup):
            let signup = snapshot.customerSignup
            return { customer in signup[customer] == Snapshot.noDay ? nil : asOfDay - Int64(signup[customer]) }
        case .eventCount:
            guard let column = filter.eventColumns?.column(for: value) else { return nil }
            return { customer in Int64(column[customer]) }
        case .daysSince(.event):
            guard let column = filter.eventColumns?.column(for: value) else { return nil }
            return { customer in column[customer] == Snapshot.noDay ? nil : asOfDay - Int64(column[customer]) }
        default:
            return nil
        }
    }

    /// Returns a test of a text field (`region`, `country`, `channel`) against text literals
    /// through the field's codes, or nil for other values. A missing field has code 0, which no
    /// literal has, so the test is false for it.
    private static func textMembership(_ subject: Value, _ items: [Value], _ filter: FastFilter) -> ((Int) -> Bool)? {
        let snapshot = filter.snapshot
        let codes: UnsafeBufferPointer<Int32>
        let names: [String]
        switch subject {
        case .field(.region): (codes, names) = (snapshot.customerRegion, snapshot.regionNames)
        case .field(.country): (codes, names) = (snapshot.customerCountry, snapshot.countryNames)
        case .field(.channel): (codes, names) = (snapshot.customerChannel, snapshot.channelNames)
        default: return nil
        }
        var wanted: Set<Int32> = []
        for item in items {
            guard case .literal(.text(let text)) = item else { return nil }
            // Names are compared by their bytes, as the interpreter compares text.
            if let index = names.firstIndex(where: { $0.utf8.elementsEqual(text.utf8) }) {
                wanted.insert(Int32(index + 1))
            }
        }
        if wanted.count == 1, let code = wanted.first {
            return { customer in codes[customer] == code }
        }
        return { customer in wanted.contains(codes[customer]) }
    }
}
