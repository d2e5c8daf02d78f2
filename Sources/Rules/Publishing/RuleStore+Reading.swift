import Foundation
import Warehouse

extension RuleStore {
    /// Opens the store for a command that only reads it, or returns nil when the file does
    /// not exist.
    ///
    /// A user who may write the file gets `openIfExists`, which also migrates it and repairs
    /// pending publishes. A user who may only read it, such as a member of a read-only group,
    /// gets a read-only connection with neither, so listing rules and the audit log still works.
    /// That needs the file's `-wal` and `-shm` files on disk, which every writer keeps.
    public static func openForReading(at path: String, outboxRoot: String?) throws -> RuleStore? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        if (try? requireWritable(path)) != nil {
            return try openIfExists(at: path, outboxRoot: outboxRoot)
        }
        let database = try Database(path: path, mode: .readOnly)
        let version = try database.userVersion()
        if version > migrator.latestVersion {
            throw PublishingError.storeTooNew(path: path, fileVersion: version, supportedVersion: migrator.latestVersion)
        }
        if version < migrator.latestVersion {
            throw PublishingError.storeTooOld(path: path, fileVersion: version, supportedVersion: migrator.latestVersion)
        }
        return RuleStore(database: database)
    }
}
