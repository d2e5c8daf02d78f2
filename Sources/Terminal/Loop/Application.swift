/// What the event loop runs: something that handles events, draws itself and saves its
/// unsaved work when the process must stop.
public protocol Application: AnyObject {
    /// What worker threads post back through the loop's `MessagePoster`.
    associatedtype Message: Sendable

    /// Handles one event; returns whether to redraw, suspend or quit. Never draws.
    func handle(_ event: Event<Message>) -> Outcome

    /// Draws the whole screen. Called when an outcome requests it, at most once per batch
    /// of events, and only when the screen is at least `EventLoop.minimumSize`.
    func draw(_ canvas: Canvas)

    /// The flush hook: saves whatever must not be lost (drafts) before the loop stops,
    /// for any reason, including SIGHUP and SIGTERM. Runs on the main thread while the
    /// terminal may already be gone, so it must not wait on the terminal.
    func flush(before reason: StopReason)

    /// When the loop should deliver the next `.timer` event, or nil for none.
    var nextDeadline: ContinuousClock.Instant? { get }
}

extension Application {
    public var nextDeadline: ContinuousClock.Instant? { nil }
}

/// Something the event loop delivers to the application.
public enum Event<Message: Sendable> {
    case key(Key)
    /// The terminal changed size; the screen is redrawn after it in any case.
    case resize(Size)
    /// A message a worker thread posted.
    case message(Message)
    /// The application's `nextDeadline` has passed.
    case timer
}

/// Why the event loop stopped.
public enum StopReason: Sendable, Hashable {
    /// The application returned `.quit`.
    case quit
    /// The terminal hung up: SIGHUP, or its input closed.
    case hangup
    /// SIGTERM or SIGINT (sent by `kill`; Ctrl-C is a key in raw mode).
    case terminated(signal: Int32)

    /// The exit status a process stopped this way conventionally uses.
    public var exitStatus: Int32 {
        switch self {
        case .quit: return 0
        case .hangup: return 128 + 1
        case .terminated(let signal): return 128 + signal
        }
    }
}
