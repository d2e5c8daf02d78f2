import Foundation

/// One line of progress on stderr that each update rewrites, drawn only when stderr is a
/// terminal so that logs and pipes never fill with carriage returns.
final class StatusLine {
    let isTerminal = isatty(2) != 0
    private var isShowing = false

    /// Replaces the line with `text` on a terminal, and does nothing elsewhere.
    func show(_ text: String) {
        guard isTerminal else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
        isShowing = true
    }

    /// Erases the line if one is shown, so the next message starts on a clean line.
    func clear() {
        guard isShowing else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        isShowing = false
    }
}
