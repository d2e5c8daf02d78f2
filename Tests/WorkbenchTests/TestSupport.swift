import Analysis
import Foundation
import Synchronization
import Terminal
import Testing
import Text
import Warehouse

@testable import Workbench

/// The hand-checked warehouse of Tests/Golden, imported once into a temporary folder with
/// its derived data, shared by every test of this target.
enum GoldenFixture {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden").path

    static let warehousePath: String = {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("dotwork-workbench-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/warehouse.db"
        let warehouse = try! Warehouse.create(at: path, currency: .default).warehouse
        try! FolderImport.run(folder: folder, into: warehouse)
        try! AnalysisEngine.refresh(warehouse)
        return path
    }()

    static func setting(asOf: CivilDate? = nil) throws -> WarehouseSetting {
        try WarehouseSetting.open(path: warehousePath, asOf: asOf)
    }

    /// An expected file of the fixture, with CRLF line endings as the CSV writer makes them.
    static func expectedCSV(_ name: String) throws -> String {
        try String(contentsOfFile: folder + "/expected/" + name, encoding: .utf8).replacingOccurrences(of: "\n", with: "\r\n")
    }
}

/// Messages posted by worker threads, kept until a test hands them to the workbench.
final class Mailbox: Sendable {
    private let messages = Mutex<[WorkbenchMessage]>([])

    func post(_ message: WorkbenchMessage) {
        messages.withLock { $0.append(message) }
    }

    /// Removes and returns the oldest message, if any.
    func takeFirst() -> WorkbenchMessage? {
        messages.withLock { queue in
            queue.isEmpty ? nil : queue.removeFirst()
        }
    }

    func take() -> [WorkbenchMessage] {
        messages.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
    }
}

/// A workbench on the golden warehouse, driven by key scripts and drawn into a `CellGrid`,
/// with its worker threads' messages delivered as the event loop would deliver them.
final class Bench {
    let mailbox = Mailbox()
    let app: WorkbenchApp
    var size: Size

    init(
        columns: Int = 100, rows: Int = 16, screenKinds: [ScreenKind] = ScreenKind.all, asOf: CivilDate? = nil,
        warehousePath: String = GoldenFixture.warehousePath, ruleHistory: any CustomerRuleHistory = UnreadRuleHistory()
    ) throws {
        let mailbox = self.mailbox
        let setting = try WarehouseSetting.open(path: warehousePath, asOf: asOf)
        app = WorkbenchApp(setting: setting, screenKinds: screenKinds, ruleHistory: ruleHistory) { mailbox.post($0) }
        size = Size(rows: rows, columns: columns)
        settle()
    }

    /// Delivers messages until no query is wanted and nothing more arrives for a moment, or
    /// records a failure after a deadline.
    func settle(sourceLocation: SourceLocation = #_sourceLocation) {
        let deadline = ContinuousClock.now + .seconds(30)
        var quietSince = ContinuousClock.now
        while ContinuousClock.now < deadline {
            let messages = mailbox.take()
            for message in messages {
                _ = app.handle(.message(message))
            }
            if !messages.isEmpty || app.runner.hasLiveQueries {
                quietSince = ContinuousClock.now
            } else if quietSince.duration(to: .now) > .milliseconds(50) {
                return
            }
            usleep(2_000)
        }
        Issue.record("the workbench did not settle within 30 seconds", sourceLocation: sourceLocation)
    }

    /// Presses the keys of a script (`j j Enter "text"`) and settles after each.
    @discardableResult
    func press(_ script: String) -> [Outcome] {
        keys(script).map { key in
            let outcome = app.handle(.key(key))
            settle()
            return outcome
        }
    }

    func render() -> CellGrid {
        let grid = CellGrid(size: size)
        app.draw(Canvas(screen: grid))
        return grid
    }

    /// The screen's text, one line per row, trailing spaces removed.
    var screen: String { render().text }

    /// Returns the rows from `first` through `last` of the screen.
    func lines(_ rows: ClosedRange<Int>) -> String {
        let grid = render()
        return rows.map(grid.line).joined(separator: "\n")
    }
}

/// Parses key names separated by spaces (`j j C-g`); `"text"` stands for each character typed.
func keys(_ script: String) -> [Key] {
    var result: [Key] = []
    var remaining = Substring(script)
    while !remaining.isEmpty {
        remaining = remaining.drop { $0 == " " }
        if remaining.hasPrefix("\"") {
            let body = remaining.dropFirst().prefix { $0 != "\"" }
            result += body.unicodeScalars.map { Key.character($0) }
            remaining = remaining.dropFirst(body.count + 2)
            continue
        }
        let name = remaining.prefix { $0 != " " }
        guard !name.isEmpty else { break }
        guard let key = Key(name: String(name)) else { fatalError("no key named \(name)") }
        result.append(key)
        remaining = remaining.dropFirst(name.count)
    }
    return result
}

/// CSV records as the bytes an export or `--format csv` writes.
func csvText(_ records: [[CSVCell]]) throws -> String {
    String(decoding: try CSVReport.write(records, to: [UInt8]()), as: UTF8.self)
}
