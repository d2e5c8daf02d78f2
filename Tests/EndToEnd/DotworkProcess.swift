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
    static func run(_ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> Result {
        precondition(
            FileManager.default.isExecutableFile(atPath: binaryPath),
            "no dotwork binary at \(binaryPath); run 'swift build' first or set DOTWORK_BIN")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binaryPath)
        process.arguments = arguments
        var fullEnvironment = ["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "DOTWORK_CONFIG": "/nonexistent/dotwork.conf"]
        fullEnvironment.merge(environment) { _, new in new }
        process.environment = fullEnvironment

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
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorData, as: UTF8.self))
    }
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

/// Runs one statement with the sqlite3 program and returns what it prints, trimmed: an
/// independent reading of a file that dotwork wrote.
func sqlite3(_ database: String, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [database, sql]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = readAll(pipe.fileHandleForReading)
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
