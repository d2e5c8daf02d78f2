import Foundation

/// An exclusive `flock` on `rules.db.lock`, held for a whole publish.
///
/// A publish commits its version as `pending` before it renames the outbox folder, so between
/// the two another process must not mistake it for one left by a dead process. Repairs take
/// the same lock, without waiting, and skip when a publish holds it. The kernel releases the
/// lock when its process dies, so a crashed publish never blocks a repair.
final class PublishLock {
    private let descriptor: Int32

    /// Takes the lock beside the store at `storePath`, waiting for it when `waits`, and
    /// returns nil when it does not wait and another process holds it.
    init?(storePath: String, waits: Bool) throws {
        let path = storePath + ".lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw PublishingError.outboxFailed(path: path, reason: "cannot open the publish lock: \(String(cString: strerror(errno)))")
        }
        while flock(descriptor, LOCK_EX | (waits ? 0 : LOCK_NB)) != 0 {
            if errno == EINTR { continue }
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { return nil }
            throw PublishingError.outboxFailed(path: path, reason: "cannot lock it: \(String(cString: strerror(code)))")
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
