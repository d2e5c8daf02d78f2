import Warehouse

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
    case since(CivilDate)
    /// From one day to another, both included, cut at the as-of date.
    case between(CivilDate, CivilDate)

    /// Returns the days this window covers for `asOf`.
    public func resolved(asOf: CivilDate) -> DayRange {
        switch self {
        case .allTime:
            return DayRange(first: nil, last: asOf)
        case .lastDays(let count):
            return DayRange(first: asOf.clampedAdding(days: -(count - 1)), last: asOf)
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
    public let first: CivilDate?
    public let last: CivilDate

    public init(first: CivilDate?, last: CivilDate) {
        self.first = first
        self.last = last
    }

    public var isEmpty: Bool {
        first.map { $0 > last } ?? false
    }

    public func contains(_ day: CivilDate) -> Bool {
        day <= last && first.map { day >= $0 } ?? true
    }
}

extension CivilDate {
    /// The earliest and latest dates that `YYYY-MM-DD` can write.
    static let earliest = CivilDate(year: 1, month: 1, day: 1)!
    static let latest = CivilDate(year: 9999, month: 12, day: 31)!

    /// Returns the date `days` later (earlier when negative), kept within
    /// `earliest...latest` so that it can always be written as `YYYY-MM-DD`.
    func clampedAdding(days: Int) -> CivilDate {
        let (sum, overflow) = daysSinceEpoch.addingReportingOverflow(days)
        if overflow {
            return days > 0 ? .latest : .earliest
        }
        return CivilDate(daysSinceEpoch: min(max(sum, CivilDate.earliest.daysSinceEpoch), CivilDate.latest.daysSinceEpoch))
    }
}
