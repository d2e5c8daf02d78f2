import Glibc

/// The write end of the relay's pipe, read by the signal handler. A signal handler cannot
/// capture context, so it reads this global; it is set once, before any handler is installed.
nonisolated(unsafe) private var relayWriteEnd: Int32 = -1

/// Turns SIGHUP, SIGTERM and SIGINT into bytes on a pipe that the event loop polls with the
/// terminal's input, so the work a signal requests (flushing drafts, restoring the
/// terminal) runs on the main thread between events, never inside the handler.
///
/// The handlers must be installed before ncurses starts: ncurses installs its own SIGINT
/// and SIGTERM handlers, which end the process at once, only where none is installed.
public enum SignalRelay {
    /// The signals relayed, in the order checked.
    public static let signals: [Int32] = [SIGHUP, SIGTERM, SIGINT]

    /// The read end of the pipe: each byte read is a signal number.
    public static let readEnd: Int32 = {
        var ends: [Int32] = [0, 0]
        let status = pipe(&ends)
        precondition(status == 0, "cannot create the signal pipe: errno \(errno)")
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        relayWriteEnd = ends[1]
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signal in
                var byte = UInt8(truncatingIfNeeded: signal)
                let savedErrno = errno
                _ = write(relayWriteEnd, &byte, 1)
                errno = savedErrno
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(signal, &action, nil)
        }
        return ends[0]
    }()

    /// Installs the handlers, once, and unblocks the relayed signals and those ncurses
    /// handles (SIGWINCH, SIGTSTP, SIGCONT) on the calling thread, which must be the main
    /// thread. A process inherits its signal mask: one started from a thread that blocks
    /// signals (a test runner's worker, through tmux) would otherwise never see them.
    public static func install() {
        _ = readEnd
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signal in signals + [SIGWINCH, SIGTSTP, SIGCONT] {
            sigaddset(&unblocked, signal)
        }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
    }

    /// Returns the signals received since the last call, each once, in arrival order.
    public static func drain() -> [Int32] {
        var received: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(readEnd, &buffer, buffer.count)
            guard count > 0 else { break }
            for byte in buffer[0..<count] where !received.contains(Int32(byte)) {
                received.append(Int32(byte))
            }
        }
        return received
    }

    /// Returns the conventional name of a signal, for messages: `SIGHUP`.
    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGHUP: return "SIGHUP"
        case SIGTERM: return "SIGTERM"
        case SIGINT: return "SIGINT"
        default: return "signal \(signal)"
        }
    }
}
