import Foundation
import Warehouse

/// An exclusive lock on `rules.db.lock`, held for a whole publish.
///
/// A publish commits its version as `pending` before it renames the outbox folder, so between
/// the two another process must not mistake it for one left by a dead process. Repairs take
/// the same lock, without waiting, and skip when a publish holds it. A crashed publish never
/// blocks a repair, because the kernel releases the lock of a dead process.
final class PublishLock {
    private let lock: FileLock

    /// Takes the lock beside the store at `storePath`, waiting for it when `waits`, and
    /// returns nil when it does not wait and another process holds it.
    init?(storePath: String, waits: Bool) throws {
        do {
            guard let lock = try FileLock(path: storePath + ".lock", waits: waits) else { return nil }
            self.lock = lock
        } catch {
            throw PublishingError.outboxFailed(path: error.path, reason: error.reason)
        }
    }
}
