/// The date every figure is computed for.
///
/// By default it is the earlier of the latest order date and the latest event date, so
/// every window covers days that both feeds have; `--as-of` overrides it. When the two feeds
/// end more than `feedGapLimit` days apart, `stats` and the status bar warn.
public struct AsOf: Sendable, Equatable {
    public let date: CivilDate?
    /// Whether `date` is the default rather than an override.
    public let isDefault: Bool
    public let latestOrder: CivilDate?
    public let latestEvent: CivilDate?

    public static let feedGapLimit = 7

    /// The as-of date for `override`, or the default from the feeds.
    public static func resolve(_ database: Database, override: CivilDate? = nil) throws -> AsOf {
        let latestOrder = try database.scalarText("SELECT max(ordered_at) FROM orders").flatMap { CivilDate(iso: $0.prefix(10)) }
        let latestEvent = try database.scalarText("SELECT max(occurred_at) FROM events").flatMap { CivilDate(iso: $0.prefix(10)) }
        let feeds = [latestOrder, latestEvent].compactMap { $0 }
        return AsOf(
            date: override ?? feeds.min(), isDefault: override == nil, latestOrder: latestOrder, latestEvent: latestEvent)
    }

    /// Days between the ends of the two feeds, when both have data.
    public var feedGapDays: Int? {
        guard let latestOrder, let latestEvent else { return nil }
        return abs(latestOrder.daysSinceEpoch - latestEvent.daysSinceEpoch)
    }

    /// A warning when the feeds end far apart, naming both dates and the option to use.
    public var warning: String? {
        guard let gap = feedGapDays, gap > AsOf.feedGapLimit, let latestOrder, let latestEvent else { return nil }
        return "orders end \(latestOrder.iso) and events end \(latestEvent.iso), \(gap) days apart; "
            + "figures use \(date?.iso ?? "the earlier") unless you choose a date with --as-of"
    }
}
