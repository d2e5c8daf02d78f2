import Expressions
import Warehouse

/// The event functions of one condition (`count` and `days_since` of events), computed for
/// every customer in one pass over the members.
///
/// Reading one customer's events goes from the customer to its members to their events,
/// which jumps across the event columns once per customer: at a million customers that is
/// most of an evaluation. Members are stored in order and their events after one another,
/// so walking the members reads the event columns nearly in sequence. Each member's result
/// then goes to its linked customers, as the SQL reference joins `member_links`: a count is
/// the sum over the customer's members, and a latest day the maximum.
struct EventColumns {
    /// The event functions found in the condition, each once.
    private(set) var values: [Value] = []
    /// Per function, per customer ordinal: the count, or the latest day (`Snapshot.noDay`
    /// when there is none).
    private(set) var columns: [[Int32]] = []

    init(_ condition: Condition, filter: FastFilter) {
        collect(condition)
        columns = values.map { EventColumns.column(of: $0, filter: filter) }
    }

    /// Returns the computed result of `value` for a customer, or nil when `value` is not one
    /// of the condition's event functions.
    @inline(__always)
    func value(_ value: Value, customer: Int) -> Int32? {
        for index in values.indices where values[index] == value {
            return columns[index][customer]
        }
        return nil
    }

    /// Returns the whole column of `value`, or nil when it is not one of the condition's event
    /// functions.
    func column(for value: Value) -> [Int32]? {
        values.firstIndex(of: value).map { columns[$0] }
    }

    private mutating func collect(_ condition: Condition) {
        switch condition {
        case .and(let parts), .or(let parts):
            parts.forEach { collect($0) }
        case .not(let inner):
            collect(inner)
        case .compare(let left, _, let right):
            add(left)
            add(right)
        case .among(let subject, let items):
            add(subject)
            items.forEach { add($0) }
        case .between(let subject, let lower, let upper):
            add(subject)
            add(lower)
            add(upper)
        case .bought:
            break
        }
    }

    private mutating func add(_ value: Value) {
        switch value {
        case .eventCount, .daysSince(.event):
            if !values.contains(value) {
                values.append(value)
            }
        default:
            break
        }
    }

    /// Computes one function for every customer, member by member.
    private static func column(of value: Value, filter: FastFilter) -> [Int32] {
        let snapshot = filter.snapshot
        let range: ClosedRange<Int32>?
        let kind: UInt8
        let isCount: Bool
        switch value {
        case .eventCount(let selection, let window):
            range = filter.days(window)
            kind = FastFilter.kindCode(selection)
            isCount = true
        case .daysSince(.event(let selection)):
            range = filter.days(.allTime)
            kind = FastFilter.kindCode(selection)
            isCount = false
        default:
            preconditionFailure("\(value) is not an event function")
        }
        var column = [Int32](repeating: isCount ? 0 : Snapshot.noDay, count: snapshot.counts.customers)
        guard let range else { return column }
        for member in 0..<snapshot.counts.members {
            let links = Int(snapshot.memberLinkStart[member])..<Int(snapshot.memberLinkStart[member + 1])
            // Many members link to no customer, and their events count for no customer either.
            guard !links.isEmpty else { continue }
            var count: Int32 = 0
            var latest = Snapshot.noDay
            filter.forEachEvent(ofMember: member, in: range, kind: kind) { day in
                count += 1
                latest = max(latest, day)
            }
            guard count > 0 else { continue }
            for link in links {
                let customer = Int(snapshot.memberLinks[link])
                if isCount {
                    column[customer] += count
                } else {
                    column[customer] = max(column[customer], latest)
                }
            }
        }
        return column
    }
}
