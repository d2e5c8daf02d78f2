import Foundation

/// Loads one Stack Exchange data dump file into members and events of one community source.
///
/// Questions and answers become `post` events, comments `comment` events, a user's creation
/// date a `join` event (and the member's `joined_at`), and badges events only through
/// `badgeKinds`. Every event id is prefixed with its file (`post-17`, `comment-17`), so the
/// files of one site share one source and its members without colliding. The system user
/// (id -1) and rows without a user are skipped and counted. Timestamps are UTC with
/// fractional seconds truncated.
public final class StackExchangeImporter {
    public struct Report: Sendable {
        public var file: String
        public var fileKind = ""
        public var batchID: Int64 = 0
        public var eventsByKind: [String: Int] = [:]
        public var membersCreated = 0
        public var membersUpdated = 0
        /// Rows left out, by reason.
        public var skipped: [String: Int] = [:]
        /// Badges that stand for no action, by name.
        public var skippedBadges: [String: Int] = [:]
    }

    /// What each badge stands for: an action the dump does not hold otherwise. Badges that
    /// reward posts or comments (already imported) or reputation map to nothing.
    public static let badgeKinds: [String: String] = [
        "Supporter": "rate", "Critic": "rate", "Civic Duty": "rate", "Suffrage": "rate", "Vox Populi": "rate",
        "Electorate": "rate",
        "Editor": "review", "Strunk & White": "review", "Copy Editor": "review", "Cleanup": "review",
        "Organizer": "review", "Tag Editor": "review", "Research Assistant": "review", "Citizen Patrol": "review",
        "Custodian": "review", "Reviewer": "review", "Steward": "review", "Deputy": "review", "Marshal": "review",
        "Announcer": "share", "Booster": "share", "Publicist": "share",
        "Autobiographer": "join",
        "Yearling": "login", "Enthusiast": "login", "Fanatic": "login",
    ]

    let warehouse: Warehouse
    let path: String
    let source: String

    public init(warehouse: Warehouse, path: String, source: String) {
        self.warehouse = warehouse
        self.path = path
        self.source = source
    }

    struct Event {
        let id: String
        let member: String
        let at: String
        let kind: String
        let topic: String?
    }

    public func run() throws -> Report {
        let startedAt = Timestamp.now()
        let dump: StackExchangeDump
        do {
            dump = try StackExchangeDump.read(path: path)
        } catch let failure as StackExchangeDump.Failure {
            throw ImportFailure.unreadableDump(description: failure.description)
        }
        var report = Report(file: path, fileKind: dump.kind.rawValue)
        var events: [Event] = []
        var users: [(id: String, handle: String?, joined: String?)] = []
        let parser = TimestampParser()

        func timestamp(_ text: String?) -> String? {
            text.flatMap { try? parser.timestamp($0).get().stored }
        }
        func skip(_ reason: String) {
            report.skipped[reason, default: 0] += 1
        }
        func user(_ text: String?) -> String? {
            guard let text, !text.isEmpty else { return nil }
            return text == "-1" ? nil : text
        }

        for row in dump.rows {
            switch dump.kind {
            case .posts:
                guard let type = row["PostTypeId"], type == "1" || type == "2" else {
                    skip("post type \(row["PostTypeId"] ?? "missing") (not a question or answer)")
                    continue
                }
                guard let member = user(row["OwnerUserId"]) else {
                    skip(row["OwnerUserId"] == "-1" ? "post by the system user" : "post without an owner")
                    continue
                }
                guard let id = row["Id"], let at = timestamp(row["CreationDate"]) else {
                    skip("post without an id or date")
                    continue
                }
                let topic = type == "1" ? row["Title"] : row["Body"].map(HTMLText.plain)
                events.append(Event(id: "post-\(id)", member: member, at: at, kind: "post", topic: topic))
            case .comments:
                guard let member = user(row["UserId"]) else {
                    skip(row["UserId"] == "-1" ? "comment by the system user" : "comment without a user")
                    continue
                }
                guard let id = row["Id"], let at = timestamp(row["CreationDate"]) else {
                    skip("comment without an id or date")
                    continue
                }
                events.append(Event(id: "comment-\(id)", member: member, at: at, kind: "comment", topic: row["Text"]))
            case .badges:
                guard let name = row["Name"], let kind = StackExchangeImporter.badgeKinds[name] else {
                    report.skippedBadges[row["Name"] ?? "(no name)", default: 0] += 1
                    continue
                }
                guard let member = user(row["UserId"]), let id = row["Id"], let at = timestamp(row["Date"]) else {
                    skip("badge without a user, id or date")
                    continue
                }
                events.append(Event(id: "badge-\(id)", member: member, at: at, kind: kind, topic: name))
            case .users:
                guard let id = user(row["Id"]) else {
                    skip("the system user")
                    continue
                }
                let joined = timestamp(row["CreationDate"])
                users.append((id, row["DisplayName"], joined))
                if let joined {
                    events.append(Event(id: "join-\(id)", member: id, at: joined, kind: "join", topic: nil))
                }
            }
        }

        let database = warehouse.database
        let existing = try database.scalarInteger(
            "SELECT count(*) FROM events WHERE source = ? AND event_id LIKE ?",
            [source, (events.first?.id.split(separator: "-").first.map(String.init) ?? "none") + "-%"]) ?? 0
        if existing > 0 && !events.isEmpty {
            throw ImportFailure.alreadyImported(file: path, source: source, events: Int(existing))
        }

        report.batchID = try database.writeTransaction {
            let upsertUser = try database.prepare(
                """
                INSERT INTO members (source, member_id, handle, joined_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (source, member_id) DO UPDATE SET handle = excluded.handle, joined_at = excluded.joined_at
                """)
            for user in users {
                let isNew = try database.scalarInteger(
                    "SELECT count(*) FROM members WHERE source = ? AND member_id = ?", [source, user.id]) == 0
                try upsertUser.bind([source, user.id, user.handle, user.joined])
                try upsertUser.run()
                if isNew { report.membersCreated += 1 } else { report.membersUpdated += 1 }
            }
            let member = try database.prepare("INSERT OR IGNORE INTO members (source, member_id) VALUES (?, ?)")
            let insert = try database.prepare(
                "INSERT INTO events (source, event_id, member_id, occurred_at, kind, topic) VALUES (?, ?, ?, ?, ?, ?)")
            for event in events {
                try member.bind([source, event.member])
                try member.run()
                report.membersCreated += database.changes
                try insert.bind([source, event.id, event.member, event.at, event.kind, event.topic])
                try insert.run()
                report.eventsByKind[event.kind, default: 0] += 1
            }
            try IdentityLinks.rebuild(database)
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
            let batch = BatchRecord(
                kind: "community", file: absolutePath(path), fileSize: size, sha256: try SHA256.hex(ofFileAt: path),
                startedAt: startedAt, mode: .append, added: events.count,
                rejected: report.skipped.values.reduce(0, +) + report.skippedBadges.values.reduce(0, +))
            return try batch.commit(to: database)
        }
        return report
    }
}
