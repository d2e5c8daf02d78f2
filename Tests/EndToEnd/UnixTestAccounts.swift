import Foundation

/// Throwaway Unix users and groups for tests that need another user than root, because root
/// ignores file modes. Creating them needs root. Every one is removed when the value is
/// released, also after a failed expectation.
final class UnixTestAccounts {
    /// Whether this process may create users, so the multi-user tests can run.
    static var canCreateUsers: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/useradd")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
    }

    /// A prefix for this run, so names never collide with real accounts or other runs.
    let prefix = "dw" + String(UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(6))
    private(set) var users: [String] = []
    private(set) var groups: [String] = []

    /// Creates a group named `prefix` + `name` and returns its full name.
    func group(_ name: String) throws -> String {
        let full = prefix + name
        try UnixTestAccounts.administer("/usr/sbin/groupadd", [full])
        groups.append(full)
        return full
    }

    /// Creates a user with its own primary group and membership of `groups`, without a home
    /// folder or a login shell, and returns its full name.
    func user(_ name: String, groups extra: [String]) throws -> String {
        let full = prefix + name
        var arguments = ["--no-create-home", "--shell", "/usr/sbin/nologin", "--user-group"]
        if !extra.isEmpty {
            arguments += ["--groups", extra.joined(separator: ",")]
        }
        try UnixTestAccounts.administer("/usr/sbin/useradd", arguments + [full])
        users.append(full)
        groups.append(full)
        return full
    }

    deinit {
        // --force removes a user whose last process, such as a workbench in a killed tmux
        // pane, has not exited yet.
        for user in users.reversed() {
            UnixTestAccounts.remove("/usr/sbin/userdel", ["--force", user])
        }
        for group in groups.reversed() where getgrnam(group) != nil {
            UnixTestAccounts.remove("/usr/sbin/groupdel", [group])
        }
    }

    /// Runs an account tool, retrying for up to ten seconds, because another process may hold
    /// the lock on /etc/passwd or /etc/group while parallel test suites create their users.
    private static func administer(_ tool: String, _ arguments: [String]) throws {
        var last = ProcessOutput(status: 0, stdout: "", stderr: "")
        for _ in 0..<100 {
            last = try ProcessOutput.run(tool, arguments)
            if last.status == 0 { return }
            usleep(100_000)
        }
        throw AccountError(command: ([tool] + arguments).joined(separator: " "), output: last)
    }

    /// Removes an account, and reports on stderr when it cannot, so a leftover is noticed.
    private static func remove(_ tool: String, _ arguments: [String]) {
        do {
            try administer(tool, arguments)
        } catch {
            FileHandle.standardError.write(Data("warning: a throwaway test account was left behind: \(error)\n".utf8))
        }
    }

    struct AccountError: Error, CustomStringConvertible {
        let command: String
        let output: ProcessOutput
        var description: String { "'\(command)' failed with status \(output.status): \(output.stderr)" }
    }

    /// Returns a copy of the dotwork binary that every user can run: the binary itself when
    /// every folder above it is searchable by others, else a copy in a 0755 temporary folder.
    static func binaryForAllUsers(scratch: ScratchFolder) throws -> String {
        let binary = DotworkProcess.binaryPath
        var folder = (binary as NSString).deletingLastPathComponent
        var isReachable = access(binary, X_OK) == 0 && mode(binary) & 0o001 != 0
        while isReachable && folder != "/" && !folder.isEmpty {
            isReachable = mode(folder) & 0o001 != 0
            folder = (folder as NSString).deletingLastPathComponent
        }
        if isReachable {
            return binary
        }
        let copy = scratch.file("bin/dotwork")
        try FileManager.default.createDirectory(atPath: scratch.file("bin"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: binary, toPath: copy)
        chmod(scratch.file("bin"), 0o755)
        chmod(copy, 0o755)
        return copy
    }

    private static func mode(_ path: String) -> mode_t {
        var status = stat()
        return stat(path, &status) == 0 ? status.st_mode : 0
    }
}

/// The status and output of a finished process.
typealias ProcessOutput = DotworkProcess.Result

extension DotworkProcess.Result {
    /// Runs `executable` with `arguments` and waits for it. Without `environment` it gets
    /// this process's environment.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Self {
        try DotworkProcess.runProgram(
            executable, arguments, environment: environment ?? ProcessInfo.processInfo.environment)
    }
}

/// Runs dotwork as a given user with a given umask, as an analyst's login shell would.
struct UserCommand {
    let binary: String
    /// The user to run as through `setpriv`, or nil for this process's user.
    let user: String?
    /// The umask the login set, before dotwork changes it in a team folder.
    var umask = "022"
    var environment: [String: String] = [:]

    /// Runs `dotwork ARGUMENTS` through `/bin/sh`, which sets the umask first.
    func run(_ arguments: [String]) throws -> ProcessOutput {
        let script = "umask \(umask) && exec \"$0\" \"$@\""
        var command = ["/bin/sh", "-c", script, binary] + arguments
        if let user {
            // setpriv keeps the environment as it is, unlike runuser, which resets part of it.
            command = ["/usr/bin/setpriv", "--reuid=\(user)", "--regid=\(user)", "--init-groups", "--"] + command
        }
        var fullEnvironment = ["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "DOTWORK_CONFIG": "/nonexistent/dotwork.conf"]
        fullEnvironment.merge(environment) { _, new in new }
        return try ProcessOutput.run(command[0], Array(command.dropFirst()), environment: fullEnvironment)
    }
}
