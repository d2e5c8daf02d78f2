import Foundation
import Testing

/// The Terminal layer through real ncurses: the widget demo in tmux, at the sizes and
/// terminal types analysts use, with colours off, resized, suspended and hung up on.
@Suite("Terminal demo in tmux")
struct TerminalDemoTests {
    let folder = ScratchFolder()

    struct TerminalCase: Sendable, CustomTestStringConvertible {
        let term: String
        let colors: String
        var testDescription: String { term }
    }

    static let terminals = [
        TerminalCase(term: "xterm-256color", colors: "256 colours"),
        TerminalCase(term: "screen-256color", colors: "256 colours"),
        TerminalCase(term: "xterm", colors: "8 colours"),
        TerminalCase(term: "vt100", colors: "monochrome"),
    ]

    @Test("draws the table at 120×40", arguments: terminals)
    func fullSize(_ terminal: TerminalCase) throws {
        let session = try TmuxSession(width: 120, height: 40, term: terminal.term)
        defer { session.kill() }
        let screen = session.waitFor("row 1 of 1,000,000  120×40") ?? ""
        #expect(screen.contains("id│name"))
        #expect(screen.contains(" 2│山田太郎      東京"))
        #expect(screen.contains("theme dark, \(terminal.colors)"))
        #expect(screen.split(separator: "\n", omittingEmptySubsequences: false).count >= 40)
    }

    @Test("works at the minimum size, 40×10", arguments: terminals)
    func minimumSize(_ terminal: TerminalCase) throws {
        let session = try TmuxSession(width: 40, height: 10, term: terminal.term)
        defer { session.kill() }
        let screen = session.waitFor("id│name") ?? ""
        #expect(!screen.contains("Too small"))
        try session.send("G")
        session.waitFor("1000000│")
    }

    @Test("shows a one-line notice below 40×10", arguments: terminals)
    func tooSmall(_ terminal: TerminalCase) throws {
        let session = try TmuxSession(width: 20, height: 6, term: terminal.term)
        defer { session.kill() }
        let screen = session.waitFor("Too small (<40×10)") ?? ""
        #expect(screen.hasPrefix("Too small (<40×10)\n"))
        #expect(!screen.contains("id│"))
    }

    @Test("rejects a terminal without cursor addressing")
    func dumbTerminal() throws {
        let session = try TmuxSession(width: 120, height: 10, term: "dumb")
        defer { session.kill() }
        #expect(session.waitForExit() == 1)
        let screen = try session.capture()
        #expect(screen.contains("error: terminal type 'dumb' cannot move the cursor, so the workbench cannot draw on it"))
    }

    @Test("NO_COLOR draws with attributes only")
    func noColor() throws {
        let session = try TmuxSession(width: 80, height: 24, term: "xterm-256color", environment: ["NO_COLOR": "1"])
        defer { session.kill() }
        let screen = session.waitUntil("the monochrome table", escapes: true) { $0.contains("monochrome") && $0.contains("row 1 of") } ?? ""
        #expect(TerminalDemoTests.colorParameters(in: screen).isEmpty)
        #expect(TerminalDemoTests.sgrParameters(in: screen).contains(7))
    }

    @Test("colour terminals get their palette", arguments: [("xterm-256color", true), ("xterm", false)])
    func colors(term: String, uses256: Bool) throws {
        let session = try TmuxSession(width: 80, height: 24, term: term)
        defer { session.kill() }
        let screen = session.waitUntil("the coloured table", escapes: true) { $0.contains("row 1 of") } ?? ""
        #expect(!TerminalDemoTests.colorParameters(in: screen).isEmpty)
        #expect(screen.contains("38;5;") == uses256)
    }

    @Test("survives a storm of resizes")
    func resizeStorm() throws {
        let session = try TmuxSession(width: 120, height: 40, term: "screen-256color")
        defer { session.kill() }
        session.waitFor("120×40")
        let sizes = [(20, 6), (200, 60), (40, 10), (41, 11), (30, 8), (132, 43), (40, 9), (100, 30), (1, 1), (80, 24)]
        for round in 0..<5 {
            for (width, height) in sizes.shuffled() where (width, height) != (80, 24) || round == 4 {
                try session.resize(width: width, height: height)
            }
        }
        try session.resize(width: 80, height: 24)
        session.waitFor("row 1 of 1,000,000  80×24")
        try session.send("j")
        session.waitFor("row 2 of 1,000,000  80×24")
        try session.resize(width: 39, height: 24)
        session.waitFor("Too small (39×24): needs 40×10")
        try session.resize(width: 40, height: 10)
        session.waitFor("id│name")
    }

    @Test("Ctrl-Z suspends and fg restores the screen")
    func suspendAndResume() throws {
        let shellEnvironment = ["TERM": "xterm-256color", "HOME": folder.path, "PS1": "shell$ "]
        let session = try TmuxSession(width: 80, height: 24, environment: shellEnvironment, command: ["bash", "--norc", "--noprofile", "-i"])
        defer { session.kill() }
        session.waitFor("shell$")
        try session.type(TmuxSession.demoPath)
        try session.send("Enter")
        session.waitFor("row 1 of 1,000,000")
        try session.send("j", "j")
        session.waitFor("row 3 of 1,000,000")

        try session.send("C-z")
        let stopped = session.waitFor("Stopped") ?? ""
        #expect(!stopped.contains("row 3 of"))
        try session.type("fg")
        try session.send("Enter")
        let resumed = session.waitFor("row 3 of 1,000,000  80×24") ?? ""
        #expect(resumed.contains("id│name"))
        try session.send("j")
        session.waitFor("row 4 of 1,000,000")
    }

    @Test("SIGHUP calls the flush hook")
    func hangUp() throws {
        let marker = folder.file("flushed")
        let session = try TmuxSession(width: 80, height: 24, term: "xterm-256color", environment: ["DOTWORK_DEMO_FLUSH_FILE": marker])
        session.waitFor("row 1 of")
        session.kill()
        let contents = waitForFile(marker, containing: "flushed before SIGHUP")
        #expect(contents != nil)
    }

    @Test("SIGTERM flushes, restores the terminal and says so")
    func terminate() throws {
        let marker = folder.file("flushed")
        let session = try TmuxSession(width: 80, height: 24, term: "xterm-256color", environment: ["DOTWORK_DEMO_FLUSH_FILE": marker])
        defer { session.kill() }
        session.waitFor("row 1 of")
        let pid = try #require(try session.demoPID())
        #expect(kill(pid, SIGTERM) == 0)
        #expect(session.waitForExit() == 143)
        #expect(waitForFile(marker, containing: "flushed before SIGTERM") != nil)
        let screen = try session.capture()
        #expect(screen.contains("TerminalDemo: stopped by SIGTERM"))
        #expect(!screen.contains("row 1 of"))
    }

    @Test("q asks, then quits through the flush hook")
    func quit() throws {
        let marker = folder.file("flushed")
        let session = try TmuxSession(width: 80, height: 24, term: "vt100", environment: ["DOTWORK_DEMO_FLUSH_FILE": marker])
        defer { session.kill() }
        session.waitFor("row 1 of")
        try session.send("q")
        session.waitFor("Quit the demo? [y/N]")
        try session.send("y")
        #expect(session.waitForExit() == 0)
        #expect(waitForFile(marker, containing: "flushed before quit") != nil)
    }

    @Test("a bad theme entry is a warning naming file, role and value")
    func themeWarning() throws {
        let theme = folder.file("mine.theme")
        try "header = blu default\n".write(toFile: theme, atomically: true, encoding: .utf8)
        let session = try TmuxSession(width: 120, height: 24, term: "xterm-256color", arguments: ["--theme", theme])
        defer { session.kill() }
        session.waitFor("warning: theme: mine.theme:1: role 'header': invalid colour 'blu'; did you mean 'blue'?")
    }

    @Test("an unknown theme stops with the themes there are")
    func unknownTheme() throws {
        let session = try TmuxSession(width: 300, height: 10, term: "xterm-256color", environment: ["HOME": folder.path], arguments: ["--theme", "ligt"])
        defer { session.kill() }
        #expect(session.waitForExit() == 1)
        let screen = try session.capture()
        #expect(screen.contains("error: theme 'ligt' not found in \(folder.path)/.config/dotwork/themes"))
        #expect(screen.contains("help: did you mean 'light'? themes: dark, high-contrast, light, monochrome"))
    }

    @Test("a non-UTF-8 locale switches to C.UTF-8 and says so")
    func locale() throws {
        let session = try TmuxSession(width: 120, height: 24, term: "xterm-256color", environment: ["LANG": "C"])
        defer { session.kill() }
        let screen = session.waitFor("not UTF-8: using C.UTF-8 for text") ?? ""
        #expect(screen.contains("山田太郎"))
    }

    @Test("search, help, list and editor through ncurses")
    func widgets() throws {
        let session = try TmuxSession(width: 100, height: 30, term: "xterm-256color")
        defer { session.kill() }
        session.waitFor("row 1 of")
        try session.type("/Lagos")
        try session.send("Enter")
        session.waitFor("found 'Lagos' in row 10 of 1,000,000")

        try session.send("?")
        session.waitFor("move-down  Move the cursor to the next row")
        try session.send("x")
        session.waitUntil("the help to close") { !$0.contains("┌─ Keys") }

        try session.send("2")
        session.waitFor("City")
        try session.type("nẵ")
        session.waitFor("Đà Nẵng")
        try session.send("Enter")
        session.waitFor("picked Đà Nẵng")

        try session.send("Escape")
        session.waitFor("row 10 of")
        try session.send("3", "i", "C-End", "Enter")
        try session.type("# 東京 👩‍💻 done")
        session.waitFor("8 # 東京 👩💻 done")
        try session.send("C-_")
        session.waitUntil("the undo") { !$0.contains("done") && $0.contains("8 # 東京") }
    }

    /// Returns the parameters of every SGR sequence (`ESC [ … m`) in captured text.
    static func sgrParameters(in text: String) -> [Int] {
        var parameters: [Int] = []
        var rest = Substring(text)
        while let start = rest.range(of: "\u{1B}[") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(where: { !($0.isNumber || $0 == ";") }) else { break }
            if rest[end] == "m" {
                parameters += rest[..<end].split(separator: ";").compactMap { Int($0) }
            }
            rest = rest[end...]
        }
        return parameters
    }

    /// Returns the SGR parameters that set a colour: 30–38, 40–48, 90–97 and 100–107.
    static func colorParameters(in text: String) -> [Int] {
        sgrParameters(in: text).filter { (30...38).contains($0) || (40...48).contains($0) || (90...97).contains($0) || (100...107).contains($0) }
    }
}
