/// What handling a key or event led to. Handlers change state and return an outcome; the
/// caller decides what to draw, so a handler never draws.
public enum Outcome: Sendable, Hashable {
    /// The handler does not use the key; the caller may offer it to another handler.
    case ignored
    /// Handled, and nothing on the screen changed.
    case handled
    /// Handled, and the screen must be drawn again.
    case redraw
    /// The layout changed (a pane opened or closed): sizes must be computed again.
    case resize
    /// The user confirmed the input (Enter in a prompt or picker).
    case submit
    /// The user abandoned the input (Esc in a prompt or picker).
    case cancel
    /// The process should stop for job control (Ctrl-Z) and redraw when continued.
    case suspend
    /// The application should end.
    case quit
}
