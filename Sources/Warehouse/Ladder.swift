/// A rung of the engagement ladder, `none` for a customer with no linked member.
public enum Tier: Int, CaseIterable, Sendable, Comparable, CustomStringConvertible {
    case none = 0
    case spectator
    case joiner
    case critic
    case creator

    /// The bare word used in rules, CSV and on screen.
    public var description: String {
        switch self {
        case .none: return "none"
        case .spectator: return "spectator"
        case .joiner: return "joiner"
        case .critic: return "critic"
        case .creator: return "creator"
        }
    }

    public init?(word: String) {
        guard let tier = Tier.allCases.first(where: { $0.description == word }) else { return nil }
        self = tier
    }

    /// The rung an event of `kind` reaches, or nil for a kind outside the ladder.
    public static func reached(by kind: String) -> Tier? {
        switch kind {
        case "view": return .spectator
        case "join", "login": return .joiner
        case "rate", "review", "comment", "share": return .critic
        case "post": return .creator
        default: return nil
        }
    }

    public static func < (lhs: Tier, rhs: Tier) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// The engagement ladder computed in SQL over the raw tables: the reference that every
/// faster computation of tiers must agree with.
///
/// A member sits on the highest rung its activity reaches up to and including the as-of
/// date, and never decays. It exists from the earlier of its `joined_at` and its first
/// event; a member with neither exists as a spectator, and one whose dates all fall after
/// the as-of date is left out. A customer's tier is the highest of its linked members'.
public enum Ladder {
    /// A CTE `member_tiers(source, member_id, tier)` over the members that exist at the
    /// as-of date. Parameter `?1` is the first instant after the as-of day
    /// (`YYYY-MM-DDT00:00:00Z` of the next day).
    public static let memberTiersCTE = """
        member_activity AS (
            SELECT m.source, m.member_id,
                   CASE WHEN m.joined_at IS NOT NULL AND m.joined_at < ?1 THEN 2 ELSE 0 END AS joined_rung,
                   (SELECT max(CASE e.kind WHEN 'view' THEN 1 WHEN 'join' THEN 2 WHEN 'login' THEN 2
                                           WHEN 'post' THEN 4 ELSE 3 END)
                      FROM events e
                     WHERE e.source = m.source AND e.member_id = m.member_id AND e.occurred_at < ?1) AS event_rung,
                   m.joined_at IS NULL
                     AND NOT EXISTS (SELECT 1 FROM events e WHERE e.source = m.source AND e.member_id = m.member_id)
                     AS has_no_dates
              FROM members m
        ),
        member_tiers AS (
            SELECT source, member_id, max(1, joined_rung, coalesce(event_rung, 0)) AS tier
              FROM member_activity
             WHERE has_no_dates OR joined_rung > 0 OR event_rung IS NOT NULL
        )
        """

    /// A CTE `customer_tiers(customer_id, tier)` over the customers counted at the as-of
    /// date (signup on or before it, or missing), after `memberTiersCTE`. Parameter `?2` is
    /// the as-of date `YYYY-MM-DD`.
    public static let customerTiersCTE = """
        customer_tiers AS (
            SELECT c.customer_id,
                   coalesce((SELECT max(t.tier) FROM member_links l
                               JOIN member_tiers t ON t.source = l.source AND t.member_id = l.member_id
                              WHERE l.customer_id = c.customer_id), 0) AS tier
              FROM customers c
             WHERE c.signup_date IS NULL OR c.signup_date <= ?2
        )
        """

    /// The arguments for `?1` and `?2` of the CTEs.
    public static func arguments(asOf: CivilDate) -> [SQLBindable] {
        [UTCTimestamp(date: asOf.adding(days: 1)).stored, asOf.iso]
    }

    /// Customers per tier at the as-of date.
    public static func customerTierCounts(_ database: Database, asOf: CivilDate) throws -> [Tier: Int] {
        let rows = try database.query(
            "WITH \(memberTiersCTE), \(customerTiersCTE) SELECT tier, count(*) FROM customer_tiers GROUP BY tier",
            arguments(asOf: asOf)) { ($0.int(0), $0.int(1)) }
        return tierCounts(rows)
    }

    /// Members per tier at the as-of date.
    public static func memberTierCounts(_ database: Database, asOf: CivilDate) throws -> [Tier: Int] {
        let rows = try database.query(
            "WITH \(memberTiersCTE) SELECT tier, count(*) FROM member_tiers GROUP BY tier",
            [arguments(asOf: asOf)[0]]) { ($0.int(0), $0.int(1)) }
        return tierCounts(rows)
    }

    /// Each customer's tier at the as-of date, by customer id.
    public static func customerTiers(_ database: Database, asOf: CivilDate) throws -> [String: Tier] {
        let rows = try database.query(
            "WITH \(memberTiersCTE), \(customerTiersCTE) SELECT customer_id, tier FROM customer_tiers",
            arguments(asOf: asOf)) { ($0.text(0), $0.int(1)) }
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.0, Tier(rawValue: $0.1) ?? .none) })
    }

    private static func tierCounts(_ rows: [(Int, Int)]) -> [Tier: Int] {
        var counts: [Tier: Int] = [:]
        for (tier, count) in rows {
            counts[Tier(rawValue: tier) ?? .none, default: 0] += count
        }
        return counts
    }
}
