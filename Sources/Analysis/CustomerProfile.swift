import Text
import Warehouse

/// One customer as customer care sees them: who they are, how they are known in the
/// community, and everything they did, newest first.
public struct CustomerProfile: Sendable, Equatable {
    public struct Member: Sendable, Equatable {
        public let source: String
        public let memberID: String
        public let handle: String?
        public let provider: String?
        public let externalID: String?
        /// The member's tier at the as-of date, nil when it does not exist yet.
        public let tier: Tier?
    }

    /// One event or order.
    public struct TimelineEntry: Sendable, Equatable {
        public enum Kind: String, Sendable {
            case event
            case order
        }

        public let at: String
        public let kind: Kind
        /// The event kind, or the order status.
        public let what: String
        /// The event's topic and SKU, or the order's id, lines and channel.
        public let detail: String
        /// The order's total in minor units; nil for events.
        public let amount: Int64?
        /// The member of an event, `source/member_id`.
        public let member: String?
    }

    public let record: CustomerRecord
    public let optOut: Bool
    public let attributes: [(name: String, value: String)]
    /// `provider: external id`, the customer's email included.
    public let identities: [String]
    public let members: [Member]
    public let timeline: [TimelineEntry]

    public static func == (lhs: CustomerProfile, rhs: CustomerProfile) -> Bool {
        lhs.record == rhs.record && lhs.optOut == rhs.optOut && lhs.identities == rhs.identities
            && lhs.members == rhs.members && lhs.timeline == rhs.timeline
            && lhs.attributes.map { "\($0.name)=\($0.value)" } == rhs.attributes.map { "\($0.name)=\($0.value)" }
    }

    /// The marker shown in place of each line break when multi-line text is drawn on one row.
    public static let lineBreakMarker = " ↵ "

    /// Returns the text on one line, each line break (LF, CRLF or CR) shown by `lineBreakMarker`.
    public static func oneLine(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).joined(separator: lineBreakMarker)
    }

    /// The timeline as CSV records: the header, then one record per entry.
    public func timelineCSVRecords() -> [[CSVCell]] {
        let header = ["customer_id", "at", "type", "what", "detail", "amount", "member"].map(CSVCell.text)
        return [header] + timeline.map { entry in
            [
                .text(record.id), .text(entry.at), .text(entry.kind.rawValue), .text(entry.what), .text(entry.detail),
                entry.amount.map(CSVCell.money) ?? .missing, .text(entry.member),
            ]
        }
    }
}

extension CustomerProfile {
    /// The tier of the customer with id `?3`, by the ladder's reference SQL, and no row when
    /// the customer is out of scope. The CTEs cover every member and customer, but SQLite
    /// 3.40 pushes the id down into them, so only this customer's members are read. A test
    /// checks the query plan.
    static let tierSQL = "WITH \(Ladder.memberTiersCTE), \(Ladder.customerTiersCTE) SELECT tier FROM customer_tiers WHERE customer_id = ?3"

    /// The tiers of the members linked to the customer with id `?2`, read the same way.
    static let memberTiersSQL = """
        WITH \(Ladder.memberTiersCTE)
        SELECT t.source, t.member_id, t.tier FROM member_links l
          JOIN member_tiers t ON t.source = l.source AND t.member_id = l.member_id
         WHERE l.customer_id = ?2
        """
}

extension AnalysisEngine {
    /// The profile of one customer at the as-of date, or nil when no customer has that id.
    /// The timeline holds what happened on or before the as-of date.
    public func profile(of id: String, asOf: CivilDate) throws -> CustomerProfile? {
        let database = warehouse.database
        guard
            let row = try database.query(
                """
                SELECT customer_id, name, email, region, country, channel, signup_date, opt_out, attributes
                  FROM customers WHERE customer_id = ?
                """, [id], row: { row in
                    (
                        [0, 1, 2, 3, 4, 5, 6].map { row.optionalText($0) }, row.bool(7), row.text(8)
                    )
                }
            ).first
        else { return nil }

        let tier = try database.query(CustomerProfile.tierSQL, Ladder.arguments(asOf: asOf) + [id]) { $0.int(0) }
            .first.flatMap { Tier(rawValue: $0) } ?? .none
        let record = CustomerRecord(
            id: row.0[0] ?? id, name: row.0[1], email: row.0[2], region: row.0[3], country: row.0[4], channel: row.0[5],
            signupDate: row.0[6], tier: tier)
        let attributes = try database.query(
            "SELECT key, CASE type WHEN 'text' THEN value ELSE CAST(value AS TEXT) END FROM json_each(?) ORDER BY key",
            [row.2]) { ($0.text(0), $0.text(1)) }

        var identities = try database.query(
            "SELECT provider || ': ' || external_id FROM customer_identities WHERE customer_id = ? ORDER BY provider, external_id",
            [id]) { $0.text(0) }
        if let email = row.0[2], !email.isEmpty {
            identities.insert("email: " + email, at: 0)
        }

        let end = UTCTimestamp(date: asOf.adding(days: 1)).stored
        let memberTiers = try database.query(CustomerProfile.memberTiersSQL, [end, id]) { ($0.text(0) + "\u{1F}" + $0.text(1), $0.int(2)) }
        let tierOfMember = Dictionary(memberTiers, uniquingKeysWith: { first, _ in first })
        let members = try database.query(
            """
            SELECT m.source, m.member_id, m.handle, m.provider, m.external_id FROM member_links l
              JOIN members m ON m.source = l.source AND m.member_id = l.member_id
             WHERE l.customer_id = ? ORDER BY m.source, m.member_id
            """, [id]
        ) {
            CustomerProfile.Member(
                source: $0.text(0), memberID: $0.text(1), handle: $0.optionalText(2), provider: $0.optionalText(3),
                externalID: $0.optionalText(4),
                tier: tierOfMember[$0.text(0) + "\u{1F}" + $0.text(1)].flatMap { Tier(rawValue: $0) })
        }

        let events = try database.query(
            """
            SELECT e.occurred_at, e.kind, coalesce(e.topic, ''), coalesce(e.sku, ''), e.rating, e.source || '/' || e.member_id
              FROM member_links l JOIN events e ON e.source = l.source AND e.member_id = l.member_id
             WHERE l.customer_id = ? AND e.occurred_at < ?
            """, [id, end]
        ) { row -> CustomerProfile.TimelineEntry in
            var parts = [row.text(2), row.text(3)].filter { !$0.isEmpty }
            if let rating = row.optionalInteger(4) {
                parts.append("rating \(rating)")
            }
            return CustomerProfile.TimelineEntry(
                at: row.text(0), kind: .event, what: row.text(1), detail: parts.joined(separator: " · "), amount: nil,
                member: row.text(5))
        }
        let orders = try database.query(
            """
            SELECT o.ordered_at, o.status, o.order_id, count(l.line_no), coalesce(sum(l.line_total_cents), 0),
                   coalesce(o.channel, '')
              FROM orders o LEFT JOIN order_lines l ON l.order_id = o.order_id
             WHERE o.customer_id = ? AND o.ordered_at < ?
             GROUP BY o.order_id
            """, [id, end]
        ) { row in
            CustomerProfile.TimelineEntry(
                at: row.text(0), kind: .order, what: row.text(1),
                detail: [row.text(2), counted(row.int(3), "line"), row.text(5)].filter { !$0.isEmpty }.joined(separator: " · "),
                amount: row.integer(4), member: nil)
        }
        let timeline = (events + orders).sorted { ($0.at, $0.kind.rawValue) > ($1.at, $1.kind.rawValue) }

        return CustomerProfile(
            record: record, optOut: row.1, attributes: attributes.map { ($0.0, $0.1) }, identities: identities,
            members: members, timeline: timeline)
    }
}
