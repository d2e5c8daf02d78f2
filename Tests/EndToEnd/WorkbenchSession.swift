import Foundation
import Testing

extension TmuxSession {
    /// Starts the real `dotwork` workbench on a warehouse in a `width`×`height` pane, in
    /// `folder` so default export paths land there.
    ///
    /// Like the demo, it runs under `sh`, which prints `[exit STATUS]` when it ends, so
    /// `waitForExit` works for it too.
    convenience init(
        workbench warehouse: String, in folder: String, width: Int, height: Int, term: String = "xterm-256color",
        arguments: [String] = [], environment extra: [String: String] = [:]
    ) throws {
        precondition(
            FileManager.default.isExecutableFile(atPath: DotworkProcess.binaryPath),
            "no dotwork binary at \(DotworkProcess.binaryPath); run 'swift build' first or set DOTWORK_BIN")
        let wrapper = "cd \"$0\" && binary=\"$1\" && warehouse=\"$2\" && shift 2 && \"$binary\" --db \"$warehouse\" \"$@\"; echo \"[exit $?]\"; exec sleep 600"
        var environment = ["TERM": term, "HOME": folder, "DOTWORK_CONFIG": "/nonexistent/dotwork.conf"]
        environment.merge(extra) { _, new in new }
        try self.init(
            width: width, height: height, environment: environment,
            command: ["sh", "-c", wrapper, folder, DotworkProcess.binaryPath, warehouse] + arguments)
    }
}

extension TmuxSession {
    /// Returns the pane's text once two captures in a row agree, so a frame still being
    /// drawn is not taken for the finished screen. Records a failure after the deadline.
    func settledCapture(sourceLocation: SourceLocation = #_sourceLocation) -> String {
        var previous: String?
        return waitUntil("the screen to stop changing", sourceLocation: sourceLocation) { screen in
            defer { previous = screen }
            return screen == previous
        } ?? ""
    }
}

/// Warehouses the workbench tests open, each built once through the binary.
enum WorkbenchWarehouses {
    static let sampleData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData").path

    /// Whether the committed sample files are in this checkout.
    static var hasSampleData: Bool {
        FileManager.default.fileExists(atPath: sampleData + "/customers.csv")
    }

    /// A warehouse loaded from `SampleData/` with `dotwork init` and `dotwork import`, as its
    /// README shows.
    static let sample: String = {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("dotwork-sample-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/warehouse.db"
        _ = try! DotworkProcess.run(["init", "--db", path])
        for (kind, file) in [
            ("customers", "customers"), ("identities", "customer_identities"), ("products", "products"),
            ("orders", "orders"), ("order-lines", "order_lines"), ("members", "members"), ("events", "events"),
        ] {
            let result = try! DotworkProcess.run(["import", kind, "\(sampleData)/\(file).csv", "--db", path])
            precondition(result.status == 0, "import of \(file) failed: \(result.stderr)")
        }
        return path
    }()
}

/// Reads rows of tables: the workbench's on screen and the command line's printed tables.
enum TableText {
    /// Waits until the screen row of `key` shows the same figures as the printed table,
    /// leaving out the ladder bar that only the screen has. Polling, rather than checking one
    /// capture, also covers a capture taken while the terminal was still drawing.
    static func expectSameRow(
        _ key: String, in session: TmuxSession, printed: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let expected = printedRow(printed, key: key)
        #expect(expected != nil, "the printed table has no row '\(key)'", sourceLocation: sourceLocation)
        session.waitUntil("row '\(key)' as printed: \(expected ?? [])", sourceLocation: sourceLocation) { screen in
            screenRow(screen, key: key)?.filter { !isLadderBar($0) } == expected
        }
    }

    /// Returns the words right of the key column's `│` on the screen line whose key is `key`.
    static func screenRow(_ screen: String, key: String) -> [String]? {
        for line in screen.split(separator: "\n") {
            guard let bar = line.firstIndex(of: "│") else { continue }
            if line[..<bar].trimmingCharacters(in: .whitespaces) == key {
                return line[line.index(after: bar)...].split(separator: " ").map(String.init)
            }
        }
        return nil
    }

    /// Returns the words after the key of the line of `dotwork … --format table` output whose
    /// first word is `key`.
    static func printedRow(_ output: String, key: String) -> [String]? {
        for line in output.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            if words.first == key {
                return Array(words.dropFirst())
            }
        }
        return nil
    }

    /// Returns whether a word is a ladder bar, which only the screen shows.
    static func isLadderBar(_ word: String) -> Bool {
        !word.isEmpty && word.allSatisfy { "·░▒▓█".contains($0) }
    }
}
