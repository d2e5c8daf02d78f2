/// Numbered schema migrations recorded in `PRAGMA user_version`.
///
/// Migration N moves the schema from version N-1 to N; each runs in its own `BEGIN
/// IMMEDIATE` transaction together with the version bump, so a failure leaves the file at the
/// last complete version. A file whose version is above the last migration this binary knows
/// was written by a newer dotwork and is rejected rather than misread.
public struct Migrator: Sendable {
    public struct Migration: Sendable {
        public let version: Int
        public let name: String
        public let apply: @Sendable (Database) throws -> Void

        public init(version: Int, name: String, apply: @escaping @Sendable (Database) throws -> Void) {
            self.version = version
            self.name = name
            self.apply = apply
        }

        /// A migration made of plain SQL statements.
        public init(version: Int, name: String, sql: String) {
            self.init(version: version, name: name) { database in
                try database.execute(sql)
            }
        }
    }

    /// A failure to bring a file to the current schema.
    public enum Failure: Error, Equatable, Sendable {
        /// The file's schema is newer than any migration this binary knows.
        case schemaNewerThanBinary(path: String, fileVersion: Int, supportedVersion: Int)
    }

    public let migrations: [Migration]

    public init(migrations: [Migration]) {
        for (offset, migration) in migrations.enumerated() {
            precondition(
                migration.version == offset + 1,
                "migration '\(migration.name)' is numbered \(migration.version), expected \(offset + 1)")
        }
        self.migrations = migrations
    }

    public var latestVersion: Int { migrations.count }

    /// Applies every migration above the file's version and returns how many ran.
    @discardableResult
    public func migrate(_ database: Database) throws -> Int {
        let current = try database.userVersion()
        try checkNotNewer(current, path: database.path)
        var applied = 0
        for migration in migrations where migration.version > current {
            try database.writeTransaction {
                // Another process may have migrated while this one waited for the lock.
                let version = try database.userVersion()
                try checkNotNewer(version, path: database.path)
                guard version < migration.version else { return }
                try migration.apply(database)
                try database.setUserVersion(migration.version)
                applied += 1
            }
        }
        return applied
    }

    /// Throws when a file at `version` cannot be read by this binary.
    public func checkNotNewer(_ version: Int, path: String) throws {
        if version > latestVersion {
            throw Failure.schemaNewerThanBinary(path: path, fileVersion: version, supportedVersion: latestVersion)
        }
    }
}
