import Foundation

/// Runs the real `dotwork` binary as a user would and captures what it prints.
struct DotworkProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The binary under test: `DOTWORK_BIN`, else the debug build of this package.
    static let binaryPath: String = {
        if let path = ProcessInfo.processInfo.environment["DOTWORK_BIN"], !path.isEmpty {
            return path
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.appendingPathComponent(".build/debug/dotwork").path
    }()

    /// Runs dotwork with `arguments` and an environment holding only `environment` plus the
    /// basics, so the developer's own DOTWORK_DB or HOME never leaks into a test.
    static func run(_ arguments: [String], environment: [String: String] = [:], input: String? = nil, timeout: Duration? = nil)
        throws -> Result
    {
        precondition(
            FileManager.default.isExecutableFile(atPath: binaryPath),
            "no dotwork binary at \(binaryPath); run 'swift build' first or set DOTWORK_BIN")
        var fullEnvironment = ["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "DOTWORK_CONFIG": "/nonexistent/dotwork.conf"]
        fullEnvironment.merge(environment) { _, new in new }
        return try runProgram(binaryPath, arguments, environment: fullEnvironment, input: input, timeout: timeout)
    }

    /// Runs the program at `path` with exactly `environment` and captures what it prints:
    /// dotwork, or a system program such as `sqlite3` or `runuser`. With `timeout`, a process
    /// still running then gets SIGKILL, and its stderr starts with a line saying so.
    static func runProgram(
        _ path: String, _ arguments: [String], environment: [String: String], input: String? = nil, timeout: Duration? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment

        let outputPipe = Pipe()
        let errorPipe = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = inputPipe
        try process.run()
        if let input {
            inputPipe.fileHandleForWriting.write(Data(input.utf8))
        }
        try inputPipe.fileHandleForWriting.close()
        let watchdog = timeout.map { Watchdog(processID: process.processIdentifier, timeout: $0) }

        // Read both pipes while the process runs so a full pipe never blocks it.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = readAll(errorPipe.fileHandleForReading)
            group.leave()
        }
        let outputData = readAll(outputPipe.fileHandleForReading)
        group.wait()
        process.waitUntilExit()
        var stderr = String(decoding: errorData, as: UTF8.self)
        if let watchdog, watchdog.finish() {
            stderr = "timed out after \(watchdog.timeout), so the test sent SIGKILL\n" + stderr
        }
        return Result(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self), stderr: stderr)
    }
}

/// Sends SIGKILL to a process that is still running after `timeout`, unless `finish` was
/// called first, so a hung command fails its test instead of stalling the run.
final class Watchdog: @unchecked Sendable {
    let timeout: Duration
    private let lock = NSLock()
    private var isFinished = false
    private var didKill = false

    init(processID: pid_t, timeout: Duration) {
        self.timeout = timeout
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            lock.lock()
            defer { lock.unlock() }
            // NOTE: the process is reaped a moment before `finish` runs, so a timeout that
            // fires in that moment could signal a new process that reused the id.
            if !isFinished {
                didKill = true
                kill(processID, SIGKILL)
            }
        }
    }

    /// Marks the process reaped and returns whether the watchdog killed it.
    func finish() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        isFinished = true
        return didKill
    }
}

/// Reads SQLite files with the `sqlite3` program, to check them independently of dotwork.
enum SQLiteCLI {
    /// Returns what `sqlite3 DATABASE SQL` prints. With `user`, it runs as that Unix user
    /// through `runuser`, so the files SQLite creates beside the database belong to them.
    static func query(_ database: String, _ sql: String, user: String? = nil) throws -> String {
        let command = ["/usr/bin/sqlite3", database, sql]
        let result =
            if let user {
                try DotworkProcess.runProgram("/usr/sbin/runuser", ["-u", user, "--"] + command, environment: ["PATH": "/usr/bin:/bin"])
            } else {
                try DotworkProcess.runProgram(command[0], Array(command.dropFirst()), environment: ["PATH": "/usr/bin:/bin"])
            }
        guard result.status == 0 else {
            throw SQLiteCLIError(database: database, sql: sql, status: result.status, stderr: result.stderr)
        }
        return result.stdout
    }

    /// Returns what a query of one value prints, without the newline.
    static func value(_ database: String, _ sql: String, user: String? = nil) throws -> String {
        try query(database, sql, user: user).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Returns the output of `PRAGMA integrity_check` without its newline: `ok` for a sound file.
    static func integrityCheck(_ database: String, user: String? = nil) throws -> String {
        try value(database, "PRAGMA integrity_check", user: user)
    }
}

extension SQLiteCLI {
    /// Starts `sqlite3` on `database` and returns once it holds the write lock, in an open
    /// `BEGIN IMMEDIATE` transaction, as another writer would.
    static func holdWriteLock(_ database: String) throws -> SQLiteWriteLock {
        try SQLiteWriteLock(database: database)
    }
}

/// A `sqlite3` process holding a database's write lock until `release`.
final class SQLiteWriteLock {
    private let process = Process()
    private let input = Pipe()
    private var isReleased = false

    fileprivate init(database: String) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database]
        process.environment = ["PATH": "/usr/bin:/bin"]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let marker = "write lock held"
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nSELECT '\(marker)';\n".utf8))

        // sqlite3 prints the marker only after BEGIN IMMEDIATE succeeded; an error or an
        // early exit ends the wait too.
        var printed = ""
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !printed.contains(marker) && !printed.contains("Error") {
            let count = read(output.fileHandleForReading.fileDescriptor, &buffer, buffer.count)
            if count > 0 {
                printed += String(decoding: buffer[0..<count], as: UTF8.self)
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        guard printed.contains(marker) else {
            try release()
            throw SQLiteCLIError(database: database, sql: "BEGIN IMMEDIATE", status: process.terminationStatus, stderr: printed)
        }
    }

    deinit {
        try? release()
    }

    /// Commits the empty transaction, which frees the lock, and waits for `sqlite3` to exit.
    func release() throws {
        guard !isReleased else { return }
        isReleased = true
        input.fileHandleForWriting.write(Data("COMMIT;\n.quit\n".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

struct SQLiteCLIError: Error, CustomStringConvertible {
    let database: String
    let sql: String
    let status: Int32
    let stderr: String

    var description: String { "sqlite3 \(database) '\(sql)' failed with status \(status): \(stderr)" }
}

/// A fresh folder for one test's files, removed afterwards.
final class ScratchFolder {
    let path: String

    init() {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("dotwork-e2e-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }
}

/// Reads a pipe to its end, retrying reads that a signal interrupted.
///
/// Foundation's `readDataToEndOfFile` stops the test process when a read fails with EINTR,
/// which happens while child processes exit.
func readAll(_ handle: FileHandle) -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
        if count > 0 {
            data.append(contentsOf: buffer[0..<count])
        } else if count == 0 || errno != EINTR {
            return data
        }
    }
}
