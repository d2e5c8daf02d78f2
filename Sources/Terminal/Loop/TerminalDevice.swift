/// The terminal as the event loop uses it: a readable input, a size, a way to draw a frame,
/// job control and shutdown. `CursesTerminal` is the real one; tests use an in-memory one.
public protocol TerminalDevice: AnyObject {
    /// The file descriptor the loop polls for key presses.
    var inputDescriptor: Int32 { get }
    var size: Size { get }

    /// Returns the keys waiting on the input without blocking, or none.
    func readKeys() -> [Key]

    /// Draws one frame: clears the screen, lets `draw` fill it, then shows the result.
    func render(_ draw: (Canvas) -> Void)

    /// Stops the process for job control (Ctrl-Z) and returns once it is continued, with
    /// the terminal ready to be drawn again.
    func suspend()

    /// Returns whether the terminal is still connected and can take output now.
    var isAttached: Bool { get }

    /// Ends drawing; with `restoringTerminal`, the terminal gets its modes and screen back.
    func stop(restoringTerminal: Bool)
}
