/// A span of days that a function counts over, before the as-of date is known.
///
/// Resolving it against the as-of date gives a closed range of whole UTC days. Every
/// window ends on the as-of date at the latest, because figures use only what happened on or
/// before it.
public enum Window: Sendable, Hashable {
    /// All time up to and including the as-of date: a function with no window.
    case allTime
    /// The N days ending on the as-of date, both ends included; `N weeks` is `7N` days.
    case lastDays(Int)
    /// From a day to the as-of date, both included.
    case since(Day)
    /// From one day to another, both included, cut at the as-of date.
    case between(Day, Day)

    /// The days this window covers for `asOf`.
    public func resolved(asOf: Day) -> DayRange {
        switch self {
        case .allTime:
            return DayRange(first: nil, last: asOf)
        case .lastDays(let count):
            return DayRange(first: asOf.adding(days: -(count - 1)), last: asOf)
        case .since(let first):
            return DayRange(first: first, last: asOf)
        case .between(let first, let last):
            return DayRange(first: first, last: min(last, asOf))
        }
    }
}

/// A closed range of days; no `first` means from the beginning of time. It is empty when
/// `first` is after `last`, as `since 2030-01-01` is for an earlier as-of date.
public struct DayRange: Sendable, Hashable {
    public let first: Day?
    public let last: Day

    public init(first: Day?, last: Day) {
        self.first = first
        self.last = last
    }

    public var isEmpty: Bool {
        first.map { $0 > last } ?? false
    }

    public func contains(_ day: Day) -> Bool {
        day <= last && first.map { day >= $0 } ?? true
    }
}
