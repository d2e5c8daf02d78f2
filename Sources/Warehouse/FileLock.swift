import Foundation

/// An exclusive `flock` on one file, held until `release` or the end of the process.
///
/// The kernel releases the lock when its process dies, so a crashed holder never blocks
/// the next one.
public final class FileLock {
    /// The lock file could not be opened or locked.
    public struct Failure: Error, Sendable {
        public let path: String
        public let reason: String
    }

    private var descriptor: Int32

    /// Takes the lock on `path`, creating the file, waiting for it when `waits`; returns nil
    /// when it does not wait and another process holds it.
    public init?(path: String, waits: Bool) throws(Failure) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw Failure(path: path, reason: "cannot open the lock file: \(String(cString: strerror(errno)))")
        }
        while flock(descriptor, LOCK_EX | (waits ? 0 : LOCK_NB)) != 0 {
            if errno == EINTR { continue }
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { return nil }
            throw Failure(path: path, reason: "cannot lock it: \(String(cString: strerror(code)))")
        }
        self.descriptor = descriptor
    }

    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit {
        release()
    }
}
