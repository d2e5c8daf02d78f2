import Foundation

/// A `dotwork` process started in the background, whose output a test can watch while it runs.
///
/// Tests of the shared box start several of these at once: an import, readers in a loop,
/// racing publishers. Output is read on background threads as it comes, so a test can wait
/// for a message (a writer waiting for the lock) before it lets the holder go on.
final class RunningDotwork: @unchecked Sendable {
    let arguments: [String]
    private let process = Process()
    private let lock = NSLock()
    private var output = Data()
    private var errors = Data()
    private let readers = DispatchGroup()

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        self.arguments = arguments
        process.executableURL = URL(fileURLWithPath: DotworkProcess.binaryPath)
        process.arguments = arguments
        var fullEnvironment = ["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "DOTWORK_CONFIG": "/nonexistent/dotwork.conf"]
        fullEnvironment.merge(environment) { _, new in new }
        process.environment = fullEnvironment
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        collect(outputPipe.fileHandleForReading) { $0.output.append($1) }
        collect(errorPipe.fileHandleForReading) { $0.errors.append($1) }
    }

    private func collect(_ handle: FileHandle, into append: @escaping @Sendable (RunningDotwork, Data) -> Void) {
        readers.enter()
        DispatchQueue.global().async { [self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    lock.lock()
                    append(self, Data(buffer[0..<count]))
                    lock.unlock()
                } else if count == 0 || errno != EINTR {
                    break
                }
            }
            readers.leave()
        }
    }

    var processID: Int32 { process.processIdentifier }

    /// What the process wrote to stderr so far.
    var stderrSoFar: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: errors, as: UTF8.self)
    }

    /// Polls stderr until it contains `text` or the deadline passes, and returns whether it appeared.
    func waitForStderr(containing text: String, within deadline: Duration = .seconds(120)) -> Bool {
        let end = ContinuousClock.now + deadline
        while ContinuousClock.now < end {
            if stderrSoFar.contains(text) { return true }
            if !process.isRunning {
                readers.wait()
                return stderrSoFar.contains(text)
            }
            usleep(20_000)
        }
        return false
    }

    /// Waits for the process to end and returns what it printed.
    func finish() -> DotworkProcess.Result {
        process.waitUntilExit()
        readers.wait()
        lock.lock()
        defer { lock.unlock() }
        return DotworkProcess.Result(
            status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
            stderr: String(decoding: errors, as: UTF8.self))
    }

    var isRunning: Bool { process.isRunning }
}

/// Polls `condition` every 20 ms until it is true or `deadline` passes, and returns its last value.
func eventually(within deadline: Duration = .seconds(120), _ condition: () throws -> Bool) rethrows -> Bool {
    let end = ContinuousClock.now + deadline
    while ContinuousClock.now < end {
        if try condition() { return true }
        usleep(20_000)
    }
    return try condition()
}
