import CNcursesw
import Foundation
import Glibc

/// The terminal through ncurses: the only type that calls ncurses, used from the main
/// thread only.
///
/// `start` checks that standard input and output are a terminal that can address the
/// cursor, then starts wide-character ncurses in raw mode (so Ctrl-C and Ctrl-Z arrive as
/// keys and go through the key table), with keypad decoding and a 25 ms escape delay, and
/// sets up one colour pair per theme role. Each frame is drawn into ncurses' buffer and
/// sent with one `doupdate`, so the terminal receives only the cells that changed.
public final class CursesTerminal: TerminalDevice, Screen {
    public let colorMode: ColorMode
    public private(set) var size: Size
    private let palette: CursesPalette
    let extendedKeys: [Int32: Key]
    private var cursor: Position?
    private var isStopped = false

    /// ncurses waits this long after a lone Escape for the rest of an escape sequence.
    public static let escapeDelayMilliseconds: Int32 = 25

    private init(colorMode: ColorMode, palette: CursesPalette, extendedKeys: [Int32: Key]) {
        self.colorMode = colorMode
        self.palette = palette
        self.extendedKeys = extendedKeys
        size = Size(rows: Int(dotwork_lines()), columns: Int(dotwork_cols()))
    }

    /// Starts ncurses on the process's terminal. Call `TerminalLocale.prepare()` first.
    public static func start(theme: Theme, environment: [String: String]) throws(TerminalError) -> CursesTerminal {
        precondition(Thread.isMainThread, "ncurses must be started on the main thread")
        guard isatty(STDIN_FILENO) == 1 else { throw .notATerminal(stream: "input") }
        guard isatty(STDOUT_FILENO) == 1 else { throw .notATerminal(stream: "output") }
        let term = environment["TERM"] ?? ""
        try checkCursorAddressing(term: term)

        SignalRelay.install()
        guard newterm(nil, dotwork_stdout(), dotwork_stdin()) != nil else {
            throw .cursesFailed(term: term)
        }
        let window = dotwork_stdscr()
        raw()
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true)
        set_escdelay(escapeDelayMilliseconds)
        leaveok(window, false)

        var colors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(dotwork_colors())
        }
        let mode = ColorMode.choose(colors: colors, environment: environment)
        let palette = CursesPalette(theme: theme, mode: mode, pairLimit: Int(dotwork_color_pairs()))
        return CursesTerminal(colorMode: mode, palette: palette, extendedKeys: extendedKeyCodes())
    }

    /// Throws unless terminfo describes `term` with the `cup` (cursor address) capability.
    /// `TERM=dumb` lacks it, and ncurses would otherwise start and draw one run-on line.
    static func checkCursorAddressing(term: String) throws(TerminalError) {
        guard !term.isEmpty else { throw .unknownTerminal(term: term) }
        var status: Int32 = 0
        guard setupterm(term, STDOUT_FILENO, &status) == OK else {
            throw .unknownTerminal(term: term)
        }
        let notAString = UnsafeMutablePointer<CChar>(bitPattern: -1)
        let cup = tigetstr("cup")
        guard let cup, cup != notAString else {
            throw .noCursorAddressing(term: term)
        }
    }

    public var inputDescriptor: Int32 { STDIN_FILENO }

    public func render(_ draw: (Canvas) -> Void) {
        precondition(Thread.isMainThread, "ncurses must be called from the main thread only")
        let window = dotwork_stdscr()
        wattr_set(window, 0, 0, nil)
        werase(window)
        cursor = nil
        draw(Canvas(screen: self))
        if let cursor {
            curs_set(1)
            wmove(window, Int32(cursor.row), Int32(cursor.column))
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
    }

    public func put(_ text: String, at position: Position, role: Role) {
        let window = dotwork_stdscr()
        let style = palette.attributes(for: role)
        wattr_set(window, style.attributes, style.pair, nil)
        var characters = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        characters.append(0)
        mvwaddnwstr(window, Int32(position.row), Int32(position.column), characters, Int32(characters.count - 1))
    }

    public func moveCursor(to position: Position?) {
        cursor = position
    }

    /// Updates the size after ncurses reported `KEY_RESIZE`, and returns it.
    @discardableResult
    public func refreshSize() -> Size {
        size = Size(rows: Int(dotwork_lines()), columns: Int(dotwork_cols()))
        return size
    }

    /// Stops the process group as the terminal's Ctrl-Z would, then takes the screen back.
    /// Does nothing when SIGTSTP is ignored, as a shell without job control leaves it,
    /// because nothing could continue the stopped process.
    public func suspend() {
        var previous = sigaction()
        sigaction(SIGTSTP, nil, &previous)
        let ignored = unsafeBitCast(SIG_IGN, to: Int.self)
        if let handler = previous.__sigaction_handler.sa_handler, unsafeBitCast(handler, to: Int.self) == ignored {
            return
        }

        endwin()
        var defaultAction = sigaction()
        defaultAction.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&defaultAction.sa_mask)
        sigaction(SIGTSTP, &defaultAction, &previous)
        kill(0, SIGTSTP)
        sigaction(SIGTSTP, &previous, nil)

        // The window may have changed size while the process was stopped.
        var rows: Int32 = 0
        var columns: Int32 = 0
        if dotwork_window_size(STDOUT_FILENO, &rows, &columns) == 0, rows > 0, columns > 0 {
            resize_term(rows, columns)
        }
        clearok(dotwork_stdscr(), true)
        refreshSize()
    }

    public var isAttached: Bool {
        guard isatty(STDOUT_FILENO) == 1 else { return false }
        var descriptor = pollfd(fd: STDOUT_FILENO, events: Int16(POLLOUT), revents: 0)
        guard poll(&descriptor, 1, 0) == 1 else { return false }
        let failed = Int16(POLLHUP) | Int16(POLLERR) | Int16(POLLNVAL)
        return descriptor.revents & failed == 0 && descriptor.revents & Int16(POLLOUT) != 0
    }

    public func stop(restoringTerminal: Bool) {
        guard !isStopped else { return }
        isStopped = true
        guard restoringTerminal else { return }
        // Output that cannot be written at once is dropped rather than waited for, so a
        // stalled connection cannot hold the process; the flag is put back for the shell.
        let flags = fcntl(STDOUT_FILENO, F_GETFL)
        _ = fcntl(STDOUT_FILENO, F_SETFL, flags | O_NONBLOCK)
        endwin()
        _ = fcntl(STDOUT_FILENO, F_SETFL, flags)
    }
}
