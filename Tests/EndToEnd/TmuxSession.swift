import Foundation
import Glibc
import Testing

/// A program running in a private tmux server, driven as a user at a terminal would and
/// read back with `capture-pane`.
///
/// Each session has its own server (`tmux -L`), so tests run in parallel without seeing
/// each other, and the server is killed when the session is released. Panes stay after
/// their program exits (`remain-on-exit`), so a test can read what it printed last. Tests
/// wait for text to appear by polling the pane until a deadline, never by sleeping a fixed
/// time.
final class TmuxSession {
    let server: String
    private var isKilled = false

    /// The demo of the Terminal widgets: `DOTWORK_DEMO_BIN`, else this package's debug build.
    static let demoPath: String = {
        if let path = ProcessInfo.processInfo.environment["DOTWORK_DEMO_BIN"], !path.isEmpty {
            return path
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.appendingPathComponent(".build/debug/TerminalDemo").path
    }()

    /// How long a test waits for text before it fails: generous, because parallel tests
    /// share two cores with the build.
    static let deadline: Duration = .seconds(30)

    /// Starts `command` in a `width`×`height` pane with a clean environment holding only
    /// `environment`, `PATH` and `LANG=C.UTF-8` (unless `environment` sets `LANG`).
    init(width: Int, height: Int, environment: [String: String], command: [String]) throws {
        precondition(FileManager.default.isExecutableFile(atPath: TmuxSession.demoPath),
            "no TerminalDemo binary at \(TmuxSession.demoPath); run 'swift build' first or set DOTWORK_DEMO_BIN")
        server = "dotwork-test-" + UUID().uuidString.prefix(12)
        var variables = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        variables.merge(environment) { _, new in new }
        let assignments = variables.sorted { $0.key < $1.key }.map { TmuxSession.quote("\($0.key)=\($0.value)") }
        let shellCommand = (["env", "-i"] + assignments + command.map(TmuxSession.quote)).joined(separator: " ")
        try run([
            "start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
            "new-session", "-d", "-x", String(width), "-y", String(height), shellCommand,
        ], readingOutput: false)
    }

    /// Starts the demo with `arguments` under a terminal type.
    ///
    /// The demo runs under `sh`, which prints `[exit STATUS]` when it ends and then waits:
    /// tmux 3.3a may drop the last output of a pane's own program when that program exits,
    /// and the tests read what the demo printed last.
    convenience init(width: Int, height: Int, term: String, environment: [String: String] = [:], arguments: [String] = []) throws {
        var variables = environment
        variables["TERM"] = term
        let wrapper = "\"$0\" \"$@\"; echo \"[exit $?]\"; exec sleep 600"
        try self.init(width: width, height: height, environment: variables, command: ["sh", "-c", wrapper, TmuxSession.demoPath] + arguments)
    }

    deinit {
        kill()
    }

    /// Kills the server and everything in it; tmux sends the pane's processes SIGHUP.
    func kill() {
        guard !isKilled else { return }
        isKilled = true
        _ = try? run(["kill-server"])
    }

    /// Returns the pane's text now; with `escapes`, with the SGR sequences of colours and
    /// attributes.
    func capture(escapes: Bool = false) throws -> String {
        try run(["capture-pane", "-p"] + (escapes ? ["-e"] : []))
    }

    /// Polls the pane until `condition` holds for its text; returns that text, or records a
    /// failure with the last text seen and returns nil.
    @discardableResult
    func waitUntil(
        _ description: String, escapes: Bool = false, sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: (String) -> Bool
    ) -> String? {
        let end = ContinuousClock.now + TmuxSession.deadline
        var screen = ""
        while ContinuousClock.now < end {
            screen = (try? capture(escapes: escapes)) ?? ""
            if condition(screen) {
                return screen
            }
            usleep(20_000)
        }
        Issue.record("timed out waiting for \(description); the pane showed:\n\(screen)", sourceLocation: sourceLocation)
        return nil
    }

    /// Polls the pane until it shows `text`.
    @discardableResult
    func waitFor(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        waitUntil("'\(text)'", sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Sends keys by tmux name (`j`, `Enter`, `C-z`, `Escape`).
    func send(_ keys: String...) throws {
        try run(["send-keys"] + keys)
    }

    /// Types text literally.
    func type(_ text: String) throws {
        try run(["send-keys", "-l", text])
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-x", String(width), "-y", String(height)])
    }

    /// Returns a pane format value, such as `pane_pid`.
    func value(_ name: String) throws -> String {
        try run(["display-message", "-p", "#{\(name)}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Closes the pane with `kill-pane`, or its session with `kill-session`, as closing a
    /// terminal window would: tmux hangs up the pane's terminal and sends its processes SIGHUP.
    func closePane(with command: String) throws {
        precondition(command == "kill-pane" || command == "kill-session", "not a tmux command that closes a pane: \(command)")
        try run([command])
    }

    /// Polls until the demo has exited; returns its exit status.
    func waitForExit(sourceLocation: SourceLocation = #_sourceLocation) -> Int32? {
        let screen = waitUntil("the demo to exit", sourceLocation: sourceLocation) { $0.contains("[exit ") } ?? ""
        guard let start = screen.range(of: "[exit ") else { return nil }
        return Int32(screen[start.upperBound...].prefix { $0.isNumber })
    }

    /// Returns the process id of the demo: the child of the pane's shell.
    func demoPID() throws -> Int32? {
        let shell = try value("pane_pid")
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        return children.split(separator: " ").first.flatMap { Int32($0) }
    }

    /// Runs the tmux client with this session's server.
    ///
    /// The client is started with posix_spawn and an empty signal mask, not with
    /// Foundation's Process, because a child inherits the mask of the thread that starts
    /// it and test runner threads block every signal. A tmux server and panes started with
    /// SIGHUP, SIGTERM and SIGCHLD blocked neither stop nor reap their children.
    @discardableResult
    private func run(_ arguments: [String], readingOutput: Bool = true) throws -> String {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var ends: [Int32] = [-1, -1]
        if readingOutput {
            guard pipe(&ends) == 0 else { throw TmuxError.failed(arguments: arguments, status: -1) }
            posix_spawn_file_actions_adddup2(&actions, ends[1], STDOUT_FILENO)
            posix_spawn_file_actions_addclose(&actions, ends[0])
            posix_spawn_file_actions_addclose(&actions, ends[1])
        } else {
            // The server this starts inherits the client's output, so reading that output
            // to the end would wait for the server to exit.
            posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)

        var attributes = spawnAttributesWithDefaultSignals()
        defer { posix_spawnattr_destroy(&attributes) }

        // tmux draws wide characters only under a UTF-8 locale.
        let words = ["tmux", "-L", server, "-f", "/dev/null"] + arguments
        let environment = ["PATH=/usr/bin:/bin", "LANG=C.UTF-8"]
        var argv = words.map { strdup($0) } + [nil]
        var envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/tmux", &actions, &attributes, &argv, &envp)
        if readingOutput {
            close(ends[1])
        }
        guard spawned == 0 else {
            if readingOutput { close(ends[0]) }
            throw TmuxError.failed(arguments: arguments, status: -1)
        }

        var output = Data()
        if readingOutput {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(ends[0], &buffer, buffer.count)
                if count > 0 {
                    output.append(contentsOf: buffer[0..<count])
                } else if count == 0 || errno != EINTR {
                    break
                }
            }
            close(ends[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        guard exitStatus == 0 else {
            throw TmuxError.failed(arguments: arguments, status: exitStatus)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

enum TmuxError: Error, CustomStringConvertible {
    case failed(arguments: [String], status: Int32)

    var description: String {
        switch self {
        case .failed(let arguments, let status):
            return "tmux \(arguments.joined(separator: " ")) failed with status \(status)"
        }
    }
}

/// Waits for a file to appear with `text` in it; returns its contents, or nil at the deadline.
func waitForFile(_ path: String, containing text: String) -> String? {
    let end = ContinuousClock.now + TmuxSession.deadline
    while ContinuousClock.now < end {
        if let contents = try? String(contentsOfFile: path, encoding: .utf8), contents.contains(text) {
            return contents
        }
        usleep(20_000)
    }
    return nil
}

/// Polls until process `pid` has exited (it is gone, or a zombie not yet reaped).
/// Returns false when it still runs after `timeout`.
func waitForProcessExit(_ pid: pid_t, timeout: Duration = TmuxSession.deadline) -> Bool {
    let end = ContinuousClock.now + timeout
    while ContinuousClock.now < end {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else {
            return true
        }
        // The state follows the command name, which is in parentheses and may hold spaces.
        if let close = stat.lastIndex(of: ")"), stat[close...].dropFirst(2).first == "Z" {
            return true
        }
        usleep(20_000)
    }
    return false
}

/// Returns spawn attributes that unblock every signal and reset every handler to its
/// default in the child. The caller destroys them with `posix_spawnattr_destroy`.
///
/// A process inherits its signal mask, and the test runner's threads block signals, so a
/// program started without these would not see SIGHUP or SIGCHLD.
func spawnAttributesWithDefaultSignals() -> posix_spawnattr_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    return attributes
}
