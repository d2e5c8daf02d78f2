import Text

/// The bottom line: the latest message on the left in its grade's role, and a summary on
/// the right (position, counts, the terminal size). Messages go into a `StatusLog` too.
///
/// An info message is cleared by the next key (`clearTransient`); warnings and errors stay
/// until another message replaces them, so they are not missed.
public final class StatusBar {
    public let log: StatusLog
    public private(set) var current: StatusMessage?
    /// Shown on the right, such as `row 12 of 1,000`.
    public var summary = ""
    /// Shown on the left when there is no message, such as `? help  q quit`.
    public var hint = ""

    public init(log: StatusLog = StatusLog()) {
        self.log = log
    }

    public func post(_ message: StatusMessage) {
        current = message
        log.append(message)
    }

    public func post(_ grade: StatusMessage.Grade, _ text: String) {
        post(StatusMessage(grade, text))
    }

    /// Clears an info message; returns whether the bar changed.
    @discardableResult
    public func clearTransient() -> Bool {
        guard current?.grade == .info else { return false }
        current = nil
        return true
    }

    /// Draws on the first row of the canvas. The summary keeps its place and the message
    /// is cut to what is left.
    public func draw(_ canvas: Canvas) {
        guard canvas.rows > 0 else { return }
        canvas.fill(row: 0, role: .statusBar)
        let summaryWidth = min(DisplayWidth.columns(of: summary), canvas.columns / 2)
        if summaryWidth > 0 {
            canvas.text(summary, row: 0, column: canvas.columns - summaryWidth, role: .statusBar, width: summaryWidth, alignment: .right)
        }
        let messageWidth = canvas.columns - summaryWidth - (summaryWidth > 0 ? 1 : 0)
        guard messageWidth > 0 else { return }
        if let current {
            let prefix = current.grade == .info ? "" : "\(current.grade.rawValue): "
            canvas.text(prefix + current.text, row: 0, role: current.grade.role, width: messageWidth)
        } else {
            canvas.text(hint, row: 0, role: .statusBar, width: messageWidth)
        }
    }
}
