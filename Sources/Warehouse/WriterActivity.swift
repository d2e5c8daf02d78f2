import Foundation
import Glibc

/// The work of one process that writes the warehouse, so that a writer waiting for the
/// lock and a workbench waiting for new data can name it and its progress.
///
/// Each writing process keeps one small file, `<warehouse>.activity/<pid>`, of `key=value`
/// lines, replaced whole (written beside it, then renamed) whenever its progress moves. The
/// file is removed when the work ends; a file whose process is gone (killed) is ignored and
/// removed by the next reader that may.
public struct WriterActivity: Equatable, Sendable {
    public var processID: Int32
    public var user: String
    /// The work, such as `import of orders.csv` or `sample of 1,000,000 customers`.
    public var task: String
    /// The current step, such as `reading`, `writing` or `building derived data`.
    public var phase: String
    /// Units done and in all (rows, usually); `total` is 0 when it is not known.
    public var done: Int
    public var total: Int
    /// When the work started, in the warehouse's timestamp form.
    public var startedAt: String

    public init(processID: Int32, user: String, task: String, phase: String, done: Int = 0, total: Int = 0, startedAt: String) {
        self.processID = processID
        self.user = user
        self.task = task
        self.phase = phase
        self.done = done
        self.total = total
        self.startedAt = startedAt
    }

    /// One line for a person: `alice's import of orders.csv (pid 812), writing: 45% (2,100 of 4,600 rows), started 03:12:05Z`.
    public var summary: String {
        var text = "\(user)'s \(task) (pid \(processID)), \(phase)"
        if total > 0 {
            let percent = min(100, done * 100 / total)
            text += ": \(percent)% (\(done.formatted()) of \(total.formatted()) rows)"
        } else if done > 0 {
            text += ": \(done.formatted()) rows"
        }
        if let time = startedAt.split(separator: "T").last {
            text += ", started \(time)"
        }
        return text
    }

    var fileText: String {
        [
            "pid=\(processID)", "user=\(user)", "task=\(task)", "phase=\(phase)", "done=\(done)", "total=\(total)",
            "started=\(startedAt)",
        ].map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n") + "\n"
    }

    init?(fileText: String) {
        var values: [String: String] = [:]
        for line in fileText.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        guard let pid = values["pid"].flatMap({ Int32($0) }), let task = values["task"], let phase = values["phase"] else {
            return nil
        }
        self.init(
            processID: pid, user: values["user"] ?? "unknown", task: task, phase: phase,
            done: values["done"].flatMap { Int($0) } ?? 0, total: values["total"].flatMap { Int($0) } ?? 0,
            startedAt: values["started"] ?? "")
    }
}

/// The folder of `WriterActivity` files beside one warehouse.
public struct ActivityBoard: Sendable {
    public let folder: String

    public init(warehouse path: String) {
        folder = path + ".activity"
    }

    /// Returns the activities of live processes other than this one, oldest first.
    public func others() -> [WriterActivity] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder) else { return [] }
        var found: [WriterActivity] = []
        for name in names where !name.hasPrefix(".") {
            let path = folder + "/" + name
            guard let data = manager.contents(atPath: path),
                let activity = WriterActivity(fileText: String(decoding: data, as: UTF8.self))
            else { continue }
            if activity.processID == getpid() { continue }
            guard ActivityBoard.isAlive(activity.processID) else {
                // A killed writer leaves its file; SQLite already released its lock.
                try? manager.removeItem(atPath: path)
                continue
            }
            found.append(activity)
        }
        return found.sorted { ($0.startedAt, $0.processID) < ($1.startedAt, $1.processID) }
    }

    /// Returns whether a process exists. A process of another user, which this one may not
    /// signal, exists too.
    static func isAlive(_ processID: Int32) -> Bool {
        kill(processID, 0) == 0 || errno == EPERM
    }
}

/// This process's entry on the board: posted as work goes on, removed when it ends.
///
/// Updates are written at most a few times a second, because progress callbacks come far
/// more often. Failing to write the file never stops the work: it only informs others.
public final class ActivityPost: @unchecked Sendable {
    private let board: ActivityBoard
    private let path: String
    private let lock = NSLock()
    private var activity: WriterActivity
    private var lastWrite: ContinuousClock.Instant?
    private var isEnded = false

    static let minimumInterval: Duration = .milliseconds(250)

    public init(warehouse: String, task: String, phase: String) {
        board = ActivityBoard(warehouse: warehouse)
        path = board.folder + "/\(getpid())"
        activity = WriterActivity(
            processID: getpid(), user: UnixUser.current(), task: task, phase: phase, startedAt: Timestamp.now())
        try? FileManager.default.createDirectory(atPath: board.folder, withIntermediateDirectories: true)
        write(force: true)
    }

    deinit {
        end()
    }

    /// The current step.
    public var phase: String {
        lock.lock()
        defer { lock.unlock() }
        return activity.phase
    }

    /// Records a new step or progress; `force` writes at once, else at most every 250 ms.
    public func update(phase: String? = nil, done: Int? = nil, total: Int? = nil, force: Bool = false) {
        lock.lock()
        let changedPhase = phase != nil && phase != activity.phase
        if let phase { activity.phase = phase }
        if let done { activity.done = done }
        if let total { activity.total = total }
        lock.unlock()
        write(force: force || changedPhase)
    }

    /// Removes the entry; later updates are ignored.
    public func end() {
        lock.lock()
        defer { lock.unlock() }
        guard !isEnded else { return }
        isEnded = true
        try? FileManager.default.removeItem(atPath: path)
    }

    private func write(force: Bool) {
        lock.lock()
        defer { lock.unlock() }
        guard !isEnded else { return }
        let now = ContinuousClock.now
        if !force, let lastWrite, now - lastWrite < ActivityPost.minimumInterval {
            return
        }
        lastWrite = now
        let temporary = board.folder + "/.\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(activity.fileText.utf8)) else { return }
        _ = rename(temporary, path)
    }
}
