import Glibc
import Synchronization

/// Hands results from worker threads to the main thread. Workers call `post`; the event
/// loop wakes on the pipe and delivers the messages, in order, as events.
///
/// Only the main thread touches the screen and the widgets, so a worker never changes
/// them: it posts a message (a finished query, a search result) and the application
/// applies it when the loop delivers it.
public final class MessagePoster<Message: Sendable>: Sendable {
    private let pending = Mutex<[Message]>([])
    /// The pipe's read end, polled by the loop.
    let readEnd: Int32
    private let writeEnd: Int32

    public init() {
        var ends: [Int32] = [0, 0]
        let status = pipe(&ends)
        precondition(status == 0, "cannot create the message pipe: errno \(errno)")
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Queues a message for the main thread; callable from any thread.
    public func post(_ message: Message) {
        let wasEmpty = pending.withLock { queue in
            queue.append(message)
            return queue.count == 1
        }
        // One byte per batch is enough to wake the loop and keeps the pipe from filling.
        if wasEmpty {
            var byte: UInt8 = 1
            _ = write(writeEnd, &byte, 1)
        }
    }

    /// Removes and returns every queued message, oldest first.
    func drain() -> [Message] {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readEnd, &buffer, buffer.count) > 0 {}
        return pending.withLock { queue in
            let messages = queue
            queue.removeAll()
            return messages
        }
    }
}
