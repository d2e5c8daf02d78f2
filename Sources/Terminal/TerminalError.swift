import Text

/// Why the terminal layer could not start or could not load what it was given.
public enum TerminalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Standard input or output is not a terminal (`stream` is `input` or `output`).
    case notATerminal(stream: String)
    /// `TERM` is unset or names a terminal the terminfo database does not describe.
    case unknownTerminal(term: String)
    /// The terminal cannot move the cursor (no `cup` capability), such as `TERM=dumb`.
    case noCursorAddressing(term: String)
    /// ncurses could not start on the terminal.
    case cursesFailed(term: String)
    /// The locale's character set is not UTF-8 and C.UTF-8 is not installed either.
    case noUTF8Locale(codeset: String)
    case themeNotFound(name: String, searched: [String], available: [String])
    case themeUnreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .notATerminal(let stream):
            return "error: standard \(stream) is not a terminal\nhelp: run the workbench in a terminal, or use a headless command such as 'dotwork cohorts'"
        case .unknownTerminal(let term):
            let shown = term.isEmpty ? "TERM is not set" : "unknown terminal type '\(term)'"
            return "error: \(shown)\nhelp: set TERM to your terminal's type, such as xterm-256color, or screen-256color inside tmux or screen"
        case .noCursorAddressing(let term):
            return "error: terminal type '\(term)' cannot move the cursor, so the workbench cannot draw on it\nhelp: set TERM to your terminal's type, such as xterm-256color, or use a headless command such as 'dotwork cohorts'"
        case .cursesFailed(let term):
            return "error: ncurses could not start on terminal type '\(term)'\nhelp: check TERM and that the terminfo database is installed (package ncurses-base)"
        case .noUTF8Locale(let codeset):
            return "error: the locale's character set is \(codeset), not UTF-8, and the C.UTF-8 locale is not installed\nhelp: set LANG to a UTF-8 locale, such as C.UTF-8 or en_US.UTF-8"
        case .themeNotFound(let name, let searched, let available):
            var message = "error: theme '\(name)' not found in " + searched.joined(separator: ", ")
            if let nearest = Suggestion.nearest(to: name, among: available) {
                message += "\nhelp: did you mean '\(nearest)'? themes: " + available.joined(separator: ", ")
            } else if !available.isEmpty {
                message += "\nhelp: themes: " + available.joined(separator: ", ")
            }
            return message
        case .themeUnreadable(let path, let reason):
            return "error: cannot read theme file \(path): \(reason)"
        }
    }
}
