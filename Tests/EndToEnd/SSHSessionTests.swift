import Foundation
import Glibc
import Testing

/// The workbench as an analyst uses it on a shared box: `ssh -tt` into tmux, dotwork inside.
///
/// Each test starts OpenSSH's own server on 127.0.0.1 with throwaway keys and a throwaway
/// user. It types a draft through a local tmux pane running the ssh client, loses the
/// connection or the remote tmux session, and finds the draft on reconnecting. It needs root
/// (for `useradd` and `sshd`), so it runs only when `DOTWORK_SSH_TEST=1`, as `.ci/run` sets.
@Suite("Workbench over ssh", .serialized)
struct SSHSessionTests {
    static let isRequested = ProcessInfo.processInfo.environment["DOTWORK_SSH_TEST"] == "1"

    /// The rule the tests type, line by line, in the remote workbench.
    static let typedRule = [
        "# typed over ssh",
        "rule \"ssh-draft\"",
        "when tier >= joiner and orders(180 days) > 1",
        "then offer \"ssh-offer\" value 20.00 cost 6.50",
        "valid 21 days",
        "holdout 10%",
        "# the last line, typed just before the connection drops",
    ]

    static var typedText: String { typedRule.joined(separator: "\n") + "\n" }

    @Test(
        "a dropped connection keeps the draft",
        .enabled(if: isRequested, "not run: set DOTWORK_SSH_TEST=1 and run as root to test the workbench through a loopback sshd"))
    func droppedConnection() throws {
        let remote = LoopbackSSH()
        defer { remote.tearDown() }
        try remote.start()

        let first = try remote.connect()
        defer { first.kill() }
        try browseEveryScreen(first)
        try first.send("3")
        first.waitFor("No rule has a draft or a version yet")
        try first.typeNewRule(SSHSessionTests.typedRule)

        // SIGKILL gives the ssh client no chance to close the connection itself, as when a
        // laptop lid closes or a network drops. The kernel closes its socket, and sshd hangs
        // up the remote tmux client, which leaves the session and its workbench running.
        let client = try #require(try first.demoPID())
        #expect(kill(client, SIGKILL) == 0)
        first.waitFor("[exit 137]")
        remote.waitUntil("the remote tmux session to be detached") {
            try remote.run(["tmux", "list-sessions", "-F", "#{session_name} #{session_attached}"])
        } until: {
            $0 == "dw 0\n"
        }
        let shown = try remote.dotwork(["rule", "show", "ssh-draft"])
        #expect(shown.status == 0, "stderr: \(shown.stderr)")
        #expect(shown.stdout == SSHSessionTests.typedText)

        // Reconnecting attaches to the same session: the editor is still open on the draft.
        let second = try remote.connect()
        defer { second.kill() }
        second.waitFor("Rule ssh-draft: editing")
        for line in SSHSessionTests.typedRule {
            second.waitFor(line)
        }
        try second.send("Enter")
        try second.type("# typed after reconnecting")
        remote.waitUntil("the draft to get the line typed after reconnecting") {
            try remote.dotwork(["rule", "show", "ssh-draft"])
        } until: {
            $0 == SSHSessionTests.typedText + "# typed after reconnecting\n"
        }
        let list = try remote.dotwork(["rule", "list"])
        #expect(list.status == 0, "stderr: \(list.stderr)")
        #expect(list.stdout.contains("ssh-draft  draft"), "rule list printed:\n\(list.stdout)")
        try remote.expectSoundFiles()
    }

    @Test(
        "a killed remote tmux session keeps the draft",
        .enabled(if: isRequested, "not run: set DOTWORK_SSH_TEST=1 and run as root to test the workbench through a loopback sshd"))
    func killedRemoteSession() throws {
        let remote = LoopbackSSH()
        defer { remote.tearDown() }
        try remote.start()

        let first = try remote.connect()
        defer { first.kill() }
        first.waitFor("Cohorts by signup-month")
        try first.send("3")
        first.waitFor("No rule has a draft or a version yet")
        try first.typeNewRule(SSHSessionTests.typedRule)

        // A second connection kills the session, as an analyst cleaning up from another
        // terminal would. tmux then sends the workbench SIGHUP.
        let workbench = try #require(try remote.workbenchPID(), "no dotwork process in the remote tmux session")
        let killed = try remote.run(["tmux", "kill-session", "-t", "dw"])
        #expect(killed.status == 0, "stderr: \(killed.stderr)")
        #expect(waitForProcessExit(workbench), "the remote workbench (pid \(workbench)) still runs after its session was killed")
        first.waitFor("[exit ")

        // The process has ended, so its draft must be complete now.
        let shown = try remote.dotwork(["rule", "show", "ssh-draft"])
        #expect(shown.status == 0, "stderr: \(shown.stderr)")
        #expect(shown.stdout == SSHSessionTests.typedText)
        try remote.expectSoundFiles()

        // Reconnecting starts a new session with a new workbench, which lists the draft.
        let second = try remote.connect()
        defer { second.kill() }
        second.waitFor("Cohorts by signup-month")
        try second.send("3")
        second.waitFor("Rules: 1 rule")
        try second.send("Enter")
        second.waitFor("opened ssh-draft from your draft")
        second.waitFor("Rule ssh-draft: editing")
        for line in SSHSessionTests.typedRule {
            second.waitFor(line)
        }
    }

    /// Switches to each screen with its digit and back home, checking each screen's title.
    func browseEveryScreen(_ session: TmuxSession) throws {
        session.waitFor("Cohorts by signup-month")
        session.waitFor("1 Cohorts  2 Pivot  3 Rules  4 Customers")
        try session.send("2")
        session.waitFor("tier × event-month, events")
        try session.send("3")
        session.waitFor("Rules: 0 rules")
        try session.send("4")
        session.waitFor("Customers by id, name or email")
        // The search starts in edit mode, where digits are text, so C-g leaves it first.
        session.waitFor("Enter or Esc: to the list")
        try session.send("C-g")
        session.waitFor("s: edit")
        try session.send("1")
        session.waitFor("Cohorts by signup-month")
    }
}

/// Why the ssh test could not set up its server, user or warehouse on this machine.
struct SSHTestSetupError: Error, CustomStringConvertible {
    let description: String
}

/// OpenSSH's server on a free port of 127.0.0.1, started by the test as root, with a host
/// key, a client key and a user that exist only for the test. `tearDown` removes them all.
///
/// The user gets its own warehouse (a `dotwork sample --customers 2000`) and a copy of the
/// binary under test in a folder it can read.
final class LoopbackSSH {
    /// Everything the test makes lives here, and `tearDown` removes it: the keys, the server's
    /// configuration and log, the binary and the user's home.
    let folder: String
    let user: String
    private(set) var port: UInt16 = 0
    private var sshdPID: pid_t?
    private var userCreated = false
    private var createdPrivilegeSeparationFolder = false
    private var localSessions: [TmuxSession] = []

    static let sshd = "/usr/sbin/sshd"
    static let privilegeSeparationFolder = "/run/sshd"

    var home: String { folder + "/home" }
    var binary: String { folder + "/bin/dotwork" }
    var warehouse: String { home + "/warehouse/warehouse.db" }
    var clientKey: String { folder + "/client_key" }
    var log: String { folder + "/sshd.log" }

    init() {
        let suffix = UUID().uuidString.lowercased().prefix(8)
        folder = "/tmp/dotwork-ssh-\(suffix)"
        user = "dwssh\(suffix)"
    }

    /// Checks that the test can run, then makes the keys, the user, its warehouse and the
    /// server. Throws `SSHTestSetupError` naming what is missing.
    func start() throws {
        guard getuid() == 0 else {
            throw SSHTestSetupError(description: "DOTWORK_SSH_TEST=1 but the tests do not run as root, which useradd and sshd need")
        }
        for program in [LoopbackSSH.sshd, "/usr/bin/ssh", "/usr/bin/ssh-keygen", "/usr/sbin/useradd", "/usr/sbin/userdel", "/usr/bin/tmux"]
        where !FileManager.default.isExecutableFile(atPath: program) {
            throw SSHTestSetupError(description: "DOTWORK_SSH_TEST=1 but \(program) is missing; run 'make deps' as root")
        }
        try makeFolder(folder, mode: 0o755)
        try makeFolder(folder + "/client", mode: 0o700)
        try runChecked("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "dotwork-test-host", "-f", folder + "/host_key"])
        try runChecked("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "dotwork-test-client", "-f", clientKey])

        try createUser()
        try installBinary()
        try buildWarehouse()
        try startServer()
    }

    // MARK: Set-up

    private func makeFolder(_ path: String, mode: mode_t, owner: (uid_t, gid_t)? = nil) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        guard chmod(path, mode) == 0 else { throw SSHTestSetupError(description: "chmod \(path) failed: errno \(errno)") }
        if let (uid, gid) = owner, chown(path, uid, gid) != 0 {
            throw SSHTestSetupError(description: "chown \(path) failed: errno \(errno)")
        }
    }

    /// Creates the user with `useradd`, a home inside the test folder and the client key
    /// in its `authorized_keys`, with the modes sshd's StrictModes accepts.
    private func createUser() throws {
        // `*` is no password: the account cannot log in with one, yet is not locked, which
        // sshd without PAM would reject. A failure that names a lock, such as another useradd
        // running at the same time, gets a few more tries.
        var attempts = 0
        while true {
            let created = try DotworkProcess.runProgram(
                "/usr/sbin/useradd", ["-M", "-d", home, "-s", "/bin/sh", "-p", "*", user], environment: ["PATH": "/usr/sbin:/usr/bin:/bin"])
            if created.status == 0 {
                break
            }
            attempts += 1
            guard attempts < 10, created.stderr.contains("lock") else {
                throw SSHTestSetupError(description: "useradd \(user) failed with status \(created.status): \(created.stderr)")
            }
            usleep(200_000)
        }
        userCreated = true
        guard let account = getpwnam(user) else { throw SSHTestSetupError(description: "getpwnam(\(user)) found no user after useradd") }
        let owner = (account.pointee.pw_uid, account.pointee.pw_gid)

        try makeFolder(home, mode: 0o755, owner: owner)
        try makeFolder(home + "/.ssh", mode: 0o700, owner: owner)
        try makeFolder(home + "/warehouse", mode: 0o700, owner: owner)
        try makeFolder(home + "/tmux", mode: 0o700, owner: owner)
        let keys = home + "/.ssh/authorized_keys"
        try FileManager.default.copyItem(atPath: clientKey + ".pub", toPath: keys)
        guard chmod(keys, 0o600) == 0, chown(keys, owner.0, owner.1) == 0 else {
            throw SSHTestSetupError(description: "cannot give \(keys) to \(user): errno \(errno)")
        }
    }

    /// Copies the binary under test where the user can run it: the build folder may sit
    /// below folders that only root can enter. The Swift runtime it loads from /opt/swift
    /// is world-readable.
    private func installBinary() throws {
        try makeFolder(folder + "/bin", mode: 0o755)
        try FileManager.default.copyItem(atPath: DotworkProcess.binaryPath, toPath: binary)
        guard chmod(binary, 0o755) == 0 else { throw SSHTestSetupError(description: "chmod \(binary) failed: errno \(errno)") }
    }

    /// Builds the user's warehouse as the user, so every file beside it is theirs.
    private func buildWarehouse() throws {
        let built = try asUser([binary, "--db", warehouse, "sample", "--customers", "2000"])
        guard built.status == 0 else {
            throw SSHTestSetupError(description: "dotwork sample as \(user) failed with status \(built.status): \(built.stderr)")
        }
    }

    /// Starts `sshd -D -e` on a free port of 127.0.0.1 and waits until it listens. A port
    /// taken between choosing it and binding it gets another try.
    private func startServer() throws {
        // sshd's privilege separation needs this empty folder, which Debian's service files
        // make only when they start the system's own sshd.
        if !FileManager.default.fileExists(atPath: LoopbackSSH.privilegeSeparationFolder) {
            try makeFolder(LoopbackSSH.privilegeSeparationFolder, mode: 0o755)
            createdPrivilegeSeparationFolder = true
        }
        for _ in 0..<3 {
            port = try LoopbackSSH.freeLoopbackPort()
            let configuration = folder + "/sshd_config"
            try serverConfiguration().write(toFile: configuration, atomically: true, encoding: .utf8)
            try runChecked(LoopbackSSH.sshd, ["-t", "-f", configuration])

            let pid = try spawnWithDefaultSignals([LoopbackSSH.sshd, "-D", "-e", "-f", configuration], output: log)
            sshdPID = pid
            let listening = "Server listening on 127.0.0.1 port \(port)."
            let end = ContinuousClock.now + TmuxSession.deadline
            while ContinuousClock.now < end {
                let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                if text.contains(listening) {
                    return
                }
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid {
                    sshdPID = nil
                    guard text.contains("Address already in use") else {
                        throw SSHTestSetupError(description: "sshd exited with status \(status) before listening; its log:\n\(text)")
                    }
                    break
                }
                usleep(20_000)
            }
            if sshdPID != nil {
                throw SSHTestSetupError(description: "sshd did not listen on port \(port) within \(TmuxSession.deadline); its log:\n\(contents(of: log))")
            }
        }
        throw SSHTestSetupError(description: "sshd found every chosen port taken; its log:\n\(contents(of: log))")
    }

    private func serverConfiguration() -> String {
        """
        # A throwaway server for one test: loopback only, keys only, one user.
        ListenAddress 127.0.0.1
        Port \(port)
        HostKey \(folder)/host_key
        PidFile \(folder)/sshd.pid
        UsePAM no
        PubkeyAuthentication yes
        AuthorizedKeysFile .ssh/authorized_keys
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        PermitRootLogin no
        AllowUsers \(user)
        StrictModes yes
        X11Forwarding no
        AllowTcpForwarding no
        AllowAgentForwarding no
        PrintMotd no
        PrintLastLog no
        LogLevel VERBOSE

        """
    }

    /// Returns a port of 127.0.0.1 that no socket was bound to a moment ago.
    static func freeLoopbackPort() throws -> UInt16 {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw SSHTestSetupError(description: "socket failed: errno \(errno)") }
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(socketDescriptor, socketAddress, length) == 0 && getsockname(socketDescriptor, socketAddress, &length) == 0
            }
        }
        guard bound else { throw SSHTestSetupError(description: "cannot bind a socket to 127.0.0.1: errno \(errno)") }
        return UInt16(bigEndian: address.sin_port)
    }

    // MARK: Using the server

    /// The ssh client's arguments up to the remote command: this server, the test's key, no
    /// host key checks against the developer's files and no prompts.
    var sshArguments: [String] {
        [
            "-F", "/dev/null", "-p", String(port), "-i", clientKey,
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes",
            "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10",
        ]
    }

    /// The environment of remote commands: a UTF-8 locale, the user's tmux sockets inside
    /// the test folder, and no `/etc/dotwork.conf`.
    var remoteEnvironment: [String] {
        ["env", "LANG=C.UTF-8", "TMUX_TMPDIR=\(home)/tmux", "DOTWORK_CONFIG=/nonexistent/dotwork.conf"]
    }

    /// Connects with `ssh -tt` from a new local tmux pane and attaches to the remote tmux
    /// session `dw`, which starts the workbench when it does not exist yet.
    ///
    /// The pane runs the client under `sh`, which prints `[exit STATUS]` when it ends.
    func connect() throws -> TmuxSession {
        let workbench = LoopbackSSH.shellWords([binary, "--db", warehouse])
        let attach = remoteEnvironment + ["tmux", "-u", "-f", "/dev/null", "new-session", "-A", "-s", "dw", workbench]
        let wrapper = "\"$@\"; echo \"[exit $?]\"; exec sleep 600"
        let session = try TmuxSession(
            width: 160, height: 40, environment: ["TERM": "xterm-256color", "HOME": folder + "/client"],
            command: ["sh", "-c", wrapper, "sh", "/usr/bin/ssh", "-tt"] + sshArguments + ["\(user)@127.0.0.1", LoopbackSSH.shellWords(attach)])
        localSessions.append(session)
        return session
    }

    /// Runs a command on the server over a second, non-interactive ssh connection.
    func run(_ command: [String]) throws -> DotworkProcess.Result {
        try DotworkProcess.runProgram(
            "/usr/bin/ssh", sshArguments + ["\(user)@127.0.0.1", LoopbackSSH.shellWords(remoteEnvironment + command)],
            environment: ["PATH": "/usr/bin:/bin", "HOME": folder + "/client"])
    }

    /// Runs dotwork on the user's warehouse over ssh.
    func dotwork(_ arguments: [String]) throws -> DotworkProcess.Result {
        try run([binary] + arguments + ["--db", warehouse])
    }

    /// Runs a remote command again and again until it succeeds with output that satisfies
    /// `condition`. Records a failure with the last output at the deadline.
    func waitUntil(
        _ description: String, sourceLocation: SourceLocation = #_sourceLocation, _ command: () throws -> DotworkProcess.Result,
        until condition: (String) -> Bool
    ) {
        let end = ContinuousClock.now + TmuxSession.deadline
        var last = ""
        while ContinuousClock.now < end {
            do {
                let result = try command()
                if result.status == 0 && condition(result.stdout) {
                    return
                }
                last = "status \(result.status), stdout:\n\(result.stdout)stderr:\n\(result.stderr)"
            } catch {
                last = "\(error)"
            }
            usleep(100_000)
        }
        Issue.record("timed out waiting for \(description); the command's last run gave \(last)", sourceLocation: sourceLocation)
    }

    /// Returns the process id of the workbench in the remote session's pane: the pane's own
    /// process, or its child when a shell runs it.
    func workbenchPID() throws -> pid_t? {
        let listed = try run(["tmux", "list-panes", "-t", "dw", "-F", "#{pane_pid}"])
        guard listed.status == 0, let pane = Int32(listed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        if contents(of: "/proc/\(pane)/comm") == "dotwork\n" {
            return pane
        }
        let children = contents(of: "/proc/\(pane)/task/\(pane)/children")
        return children.split(separator: " ").compactMap { Int32($0) }.first { contents(of: "/proc/\($0)/comm") == "dotwork\n" }
    }

    /// Checks `PRAGMA integrity_check` of the user's warehouse and rules.db, as the user.
    func expectSoundFiles(sourceLocation: SourceLocation = #_sourceLocation) throws {
        for file in [warehouse, home + "/warehouse/rules.db"] {
            let checked = try run(["sqlite3", file, "PRAGMA integrity_check"])
            #expect(checked.stdout == "ok\n", "integrity_check of \(file): \(checked.stdout)\(checked.stderr)", sourceLocation: sourceLocation)
        }
    }

    // MARK: Tear-down

    /// Stops everything `start` started and removes everything it made, whatever state a
    /// failure left: the local panes, the remote tmux server, sshd, the user's processes, the
    /// user and the folder.
    func tearDown() {
        for session in localSessions {
            session.kill()
        }
        if userCreated {
            _ = try? asUser(remoteEnvironment + ["tmux", "kill-server"])
        }
        if let pid = sshdPID {
            stop(pid)
            sshdPID = nil
        }
        if userCreated, let account = getpwnam(user) {
            for pid in LoopbackSSH.processes(ofUser: account.pointee.pw_uid) {
                stop(pid)
            }
            for _ in 0..<10 {
                let removed = try? DotworkProcess.runProgram("/usr/sbin/userdel", [user], environment: ["PATH": "/usr/sbin:/usr/bin:/bin"])
                if removed?.status == 0 {
                    break
                }
                usleep(200_000)
            }
            userCreated = false
        }
        try? FileManager.default.removeItem(atPath: folder)
        if createdPrivilegeSeparationFolder {
            rmdir(LoopbackSSH.privilegeSeparationFolder)
            createdPrivilegeSeparationFolder = false
        }
    }

    /// Sends SIGTERM, then SIGKILL if the process has not ended after 5 seconds, and reaps
    /// it when it is this process's child (sshd).
    private func stop(_ pid: pid_t) {
        kill(pid, SIGTERM)
        if !waitForProcessExit(pid, timeout: .seconds(5)) {
            kill(pid, SIGKILL)
            _ = waitForProcessExit(pid, timeout: .seconds(5))
        }
        var status: Int32 = 0
        _ = waitpid(pid, &status, WNOHANG)
    }

    /// Returns the ids of the running processes whose real user id is `uid`.
    static func processes(ofUser uid: uid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { pid in
            let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
            let uidLine = status.split(separator: "\n").first { $0.hasPrefix("Uid:") }
            return uidLine?.split(separator: "\t").dropFirst().first == Substring(String(uid))
        }
    }

    // MARK: Helpers

    /// Runs a command as the user through `runuser`, with a clean environment.
    private func asUser(_ command: [String]) throws -> DotworkProcess.Result {
        try DotworkProcess.runProgram(
            "/usr/sbin/runuser",
            ["-u", user, "--", "env", "-i", "PATH=/usr/bin:/bin", "LANG=C.UTF-8", "HOME=\(home)", "DOTWORK_CONFIG=/nonexistent/dotwork.conf"]
                + command,
            environment: ["PATH": "/usr/sbin:/usr/bin:/bin"])
    }

    private func runChecked(_ path: String, _ arguments: [String]) throws {
        let result = try DotworkProcess.runProgram(path, arguments, environment: ["PATH": "/usr/sbin:/usr/bin:/bin"])
        guard result.status == 0 else {
            throw SSHTestSetupError(description: "\(path) \(arguments.joined(separator: " ")) failed with status \(result.status): \(result.stderr)")
        }
    }

    private func contents(of path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Quotes each word for a POSIX shell and joins them: the remote command that ssh hands
    /// to the user's shell.
    static func shellWords(_ words: [String]) -> String {
        words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
    }
}

/// Starts a program with an empty signal mask and default signal handlers, its output and
/// errors appended to the file at `output`, and returns its process id.
///
/// A process inherits its signal mask, and Foundation's Process passes on the mask of the
/// test runner's thread, which blocks every signal. sshd, and the shells and tmux servers of
/// its sessions, would then start with SIGHUP and SIGCHLD blocked (see `TmuxSession.run`).
func spawnWithDefaultSignals(_ arguments: [String], output: String) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output, O_WRONLY | O_CREAT | O_APPEND, 0o600)
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO)

    var attributes = spawnAttributesWithDefaultSignals()
    defer { posix_spawnattr_destroy(&attributes) }

    var argv = arguments.map { strdup($0) } + [nil]
    var environment = [strdup("PATH=/usr/sbin:/usr/bin:/bin"), nil]
    defer {
        argv.forEach { free($0) }
        environment.forEach { free($0) }
    }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, &argv, &environment)
    guard spawned == 0 else {
        throw SSHTestSetupError(description: "cannot start \(arguments[0]): error \(spawned)")
    }
    return pid
}
