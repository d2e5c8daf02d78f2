import Foundation
import Testing

/// One warehouse shared by many processes, as on the team's analysis box: writers wait for
/// each other with a message naming who holds the lock, readers never wait, and two
/// analysts publishing the same rule at once cannot both win.
@Suite("Shared analysis box", .serialized)
struct SharedBoxTests {
    let folder = ScratchFolder()
    let warehouse: String

    /// A sample warehouse with its derived data, built once through the binary.
    static let template: String = {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("dotwork-shared-\(getpid())")
        try? FileManager.default.removeItem(atPath: folder)
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/warehouse.db"
        let sample = try! DotworkProcess.run(["--db", path, "sample", "--customers", "2000", "--seed", "1"])
        precondition(sample.status == 0, "the sample failed: \(sample.stderr)")
        return path
    }()

    /// A file of events of another sample, with event ids of their own so every row is new:
    /// big enough that the import takes a while, and changing no customer's spend.
    static let largeEvents: (path: String, rows: Int) = {
        let folder = (template as NSString).deletingLastPathComponent + "/other"
        let sample = try! DotworkProcess.run(["sample", "--customers", "4000", "--seed", "2", "--csv", folder])
        precondition(sample.status == 0, "the sample CSV failed: \(sample.stderr)")
        let text = try! String(contentsOfFile: folder + "/events.csv", encoding: .utf8)
        // The file ends its lines with CRLF, one Character in Swift.
        let rows = text.split(whereSeparator: \.isNewline)
        var lines = [String(rows[0])]
        for row in rows.dropFirst() {
            // source,event_id,…: prefix the id.
            let comma = row.firstIndex(of: ",")!
            lines.append(String(row[..<comma]) + ",n" + String(row[row.index(after: comma)...]))
        }
        let path = folder + "/new-events.csv"
        try! (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return (path, lines.count - 1)
    }()

    init() throws {
        warehouse = folder.file("warehouse.db")
        try FileManager.default.copyItem(atPath: SharedBoxTests.template, toPath: warehouse)
        try FileManager.default.copyItem(atPath: SharedBoxTests.template + ".derived", toPath: warehouse + ".derived")
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = folder.file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Writes a file of a few events with ids of their own and returns its path.
    func smallEvents(_ name: String, prefix: String) throws -> String {
        let rows = (1...40).map { "forum,\(prefix)\($0),100000,2011-06-0\($0 % 9 + 1)T10:00:00Z,view,,," }
        return try write(name, (["source,event_id,member_id,occurred_at,kind,topic,sku,rating"] + rows).joined(separator: "\n") + "\n")
    }

    func count(_ table: String) throws -> Int {
        Int(try SQLiteCLI.value(warehouse, "SELECT count(*) FROM \(table)")) ?? -1
    }

    /// Returns the phase the activity board shows for process `pid`, if it has posted one.
    func phase(of pid: Int32) -> String? {
        guard let data = FileManager.default.contents(atPath: warehouse + ".activity/\(pid)") else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n")
            .first { $0.hasPrefix("phase=") }.map { String($0.dropFirst("phase=".count)) }
    }

    @Test("writer waits, naming the lock holder")
    func writerWaitsForImport() throws {
        let hold = try write("hold", "")
        let before = try count("events")
        let first = try smallEvents("first.csv", prefix: "a")
        let second = try smallEvents("second.csv", prefix: "b")
        let holder = try RunningDotwork(
            ["--db", warehouse, "import", "events", first], environment: ["DOTWORK_TEST_HOLD_BEFORE_COMMIT": hold])
        #expect(eventually { phase(of: holder.processID) == "committing" })

        let waiter = try RunningDotwork(["--db", warehouse, "import", "events", second])
        #expect(waiter.waitForStderr(containing: "waiting for the warehouse's write lock"))
        let message = waiter.stderrSoFar
        #expect(message.contains("import of first.csv (events) (pid \(holder.processID)), committing"), "\(message)")
        #expect(message.contains("of at most 10 min"))
        // A reader does not wait while the lock is held.
        let reader = try DotworkProcess.run(["--db", warehouse, "pivot", "--rows", "tier", "--cols", "region", "--measure", "customers", "--format", "csv"])
        #expect(reader.status == 0, "\(reader.stderr)")
        let stats = try DotworkProcess.run(["--db", warehouse, "stats"])
        #expect(stats.stdout.contains("writers     "), "\(stats.stdout)")
        #expect(stats.stdout.contains("import of first.csv (events) (pid \(holder.processID)), committing"))

        try FileManager.default.removeItem(atPath: hold)
        let held = holder.finish()
        let waited = waiter.finish()
        #expect(held.status == 0, "\(held.stderr)")
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(waited.stderr.contains("got the warehouse's write lock after waiting"))
        #expect(try count("events") == before + 80)
        #expect(try SQLiteCLI.integrityCheck(warehouse) == "ok")
        // Both left the board when they ended.
        let left = (try? FileManager.default.contentsOfDirectory(atPath: warehouse + ".activity")) ?? []
        #expect(left.isEmpty, "\(left)")
    }

    @Test("writer gives up after its limit")
    func writerGivesUp() throws {
        let hold = try write("hold", "")
        let first = try smallEvents("first.csv", prefix: "a")
        let second = try smallEvents("second.csv", prefix: "b")
        let before = try count("events")
        let holder = try RunningDotwork(
            ["--db", warehouse, "import", "events", first], environment: ["DOTWORK_TEST_HOLD_BEFORE_COMMIT": hold])
        #expect(eventually { phase(of: holder.processID) == "committing" })

        let waiter = try DotworkProcess.run(
            ["--db", warehouse, "import", "events", second], environment: ["DOTWORK_TEST_LOCK_WAIT_SECONDS": "1"])
        #expect(waiter.status == 1)
        #expect(waiter.stderr.contains("help: nothing was changed; the warehouse stayed locked by "), "\(waiter.stderr)")
        #expect(waiter.stderr.contains("import of first.csv (events) (pid \(holder.processID))"))
        #expect(!waiter.stderr.contains("got the warehouse's write lock"))

        try FileManager.default.removeItem(atPath: hold)
        #expect(holder.finish().status == 0)
        #expect(try count("events") == before + 40)
        #expect(try SQLiteCLI.value(warehouse, "SELECT count(*) FROM events WHERE event_id LIKE 'b%'") == "0")
    }

    @Test("readers and racing publishers during an import")
    func concurrentImportReadersAndPublishers() throws {
        let large = SharedBoxTests.largeEvents
        let before = try count("events")
        let rule = try write(
            "race.rule",
            """
            rule "race-spenders"
            when spend() > 300
            then offer "thanks" value 5.00 cost 2.00
            valid 30 days
            holdout 10%

            """)
        let now = "2026-01-10T09:00:00Z"
        let warehouse = self.warehouse
        @Sendable func dotwork(_ arguments: [String], user: String) throws -> DotworkProcess.Result {
            try DotworkProcess.run(["--db", warehouse] + arguments, environment: ["DOTWORK_TEST_USER": user, "DOTWORK_NOW": now])
        }
        var previewedHits: [Int] = []
        for user in ["alice", "bob"] {
            #expect(try dotwork(["rule", "save", rule], user: user).status == 0)
            let preview = try dotwork(["rule", "preview", rule, "--limit", "0"], user: user)
            #expect(preview.status == 0)
            let line = preview.stdout.split(separator: "\n").first { $0.hasPrefix("hits ") } ?? ""
            previewedHits.append(Int(line.split(separator: " ").last ?? "") ?? -1)
        }
        let exportCommand = [
            "customers", "--cell", "total,total", "--rows", "tier", "--cols", "region", "--where", "spend() > 300",
            "--format", "csv",
        ]
        let matching = try dotwork(exportCommand, user: "carol").stdout.split(whereSeparator: \.isNewline).count - 1
        #expect(matching > 100)

        let importer = try RunningDotwork(["--db", warehouse, "import", "events", large.path])
        // Readers start with the import and loop until it has ended, at least three times each.
        let readerCommands: [[String]] = [
            ["rule", "preview", rule, "--limit", "0"],
            ["pivot", "--rows", "tier", "--cols", "event-month", "--measure", "events", "--format", "csv"],
            exportCommand,
        ]
        let failures = Failures()
        let group = DispatchGroup()
        for (index, command) in readerCommands.enumerated() {
            group.enter()
            DispatchQueue.global().async {
                var runs = 0
                while runs < 3 || (importer.isRunning && runs < 200) {
                    runs += 1
                    guard let result = try? dotwork(command, user: "reader\(index)") else { continue }
                    if result.status != 0 {
                        failures.add("\(command.joined(separator: " ")) exited \(result.status): \(result.stderr)")
                    }
                    if command[0] == "customers", result.status == 0 {
                        let rows = result.stdout.split(whereSeparator: \.isNewline).count - 1
                        if rows != matching { failures.add("the export listed \(rows) customers, not \(matching)") }
                    }
                }
                group.leave()
            }
        }

        // The two publishers race while the import is writing.
        // The import has left its reading steps, or has already ended.
        let isWriting = eventually {
            guard let phase = phase(of: importer.processID) else { return !importer.isRunning }
            return phase != "starting" && phase != "reading"
        }
        #expect(isWriting)
        let racers = try ["alice", "bob"].map { user in
            try RunningDotwork(
                ["--db", warehouse, "rule", "publish", "race-spenders"], environment: ["DOTWORK_TEST_USER": user, "DOTWORK_NOW": now])
        }
        let outcomes = racers.map { $0.finish() }
        let imported = importer.finish()
        group.wait()

        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(failures.all.isEmpty, "\(failures.all)")
        #expect(outcomes.filter { $0.status == 0 }.count == 1, "\(outcomes.map(\.stderr))")
        let loser = try #require(outcomes.first { $0.status != 0 })
        #expect(loser.status == 1)
        #expect(loser.stderr.contains("is based on no published version, but"), "\(loser.stderr)")
        #expect(loser.stderr.contains("published v1"))

        #expect(try count("events") == before + large.rows)
        #expect(try SQLiteCLI.integrityCheck(warehouse) == "ok")
        let rules = (warehouse as NSString).deletingLastPathComponent + "/rules.db"
        #expect(try SQLiteCLI.integrityCheck(rules) == "ok")
        #expect(try SQLiteCLI.value(rules, "SELECT count(*) FROM versions WHERE rule_name = 'race-spenders'") == "1")
        let hits = try SQLiteCLI.value(rules, "SELECT count(*) FROM version_hits WHERE rule_name = 'race-spenders'")
        #expect(previewedHits[0] > 0)
        #expect(previewedHits[0] == previewedHits[1])
        #expect(Int(hits) == previewedHits[0])
        // The figures after the import match SQL over the raw tables.
        let checked = try DotworkProcess.run(
            ["--db", warehouse, "pivot", "--rows", "tier", "--cols", "event-month", "--measure", "events", "--format", "csv"],
            environment: ["DOTWORK_TIMINGS": "sql"])
        #expect(checked.status == 0, "\(checked.stderr)")
    }
}

/// A full disk, made with a small tmpfs, which only root may mount.
@Suite("Full disk", .serialized)
struct FullDiskTests {
    @Test(
        "an import that fills the disk rolls back and names the space it needs",
        .enabled(if: geteuid() == 0, "not run: mounting a small tmpfs to fill needs root; .ci/run runs as root"))
    func importFillsDisk() throws {
        let folder = ScratchFolder()
        let mount = folder.file("disk")
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        #expect(try command("/bin/mount", ["-t", "tmpfs", "-o", "size=12m", "tmpfs", mount]) == 0)
        defer { _ = try? command("/bin/umount", [mount]) }
        let warehouse = mount + "/warehouse.db"
        try FileManager.default.copyItem(atPath: SharedBoxTests.template, toPath: warehouse)
        try FileManager.default.copyItem(atPath: SharedBoxTests.template + ".derived", toPath: warehouse + ".derived")
        let before = try SQLiteCLI.value(warehouse, "SELECT count(*) FROM events")
        let large = SharedBoxTests.largeEvents

        let full = try DotworkProcess.run(["--db", warehouse, "import", "events", large.path])
        #expect(full.status == 1)
        #expect(full.stderr.contains("error: the disk holding \(mount) filled up while importing \(large.path); the import rolled back, so nothing was imported"), "\(full.stderr)")
        #expect(full.stderr.contains("and this import needs about "))
        #expect(full.stderr.contains("MB more, then import again"))
        #expect(try SQLiteCLI.value(warehouse, "SELECT count(*) FROM events") == before)
        #expect(try SQLiteCLI.integrityCheck(warehouse) == "ok")
        // Readers still get fast figures from the snapshot of the data that stayed.
        let pivot = try DotworkProcess.run(["--db", warehouse, "pivot", "--rows", "tier", "--cols", "region", "--measure", "customers"])
        #expect(pivot.status == 0)
        #expect(!pivot.stderr.contains("figures come from SQL"), "\(pivot.stderr)")

        // With the space the message asked for, the same import lands.
        #expect(try command("/bin/mount", ["-o", "remount,size=300m", mount]) == 0)
        let retried = try DotworkProcess.run(["--db", warehouse, "import", "events", large.path])
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(Int(try SQLiteCLI.value(warehouse, "SELECT count(*) FROM events")) == Int(before)! + large.rows)
    }

    /// Runs a system command quietly and returns its exit status.
    func command(_ path: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// Failures collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []

    func add(_ failure: String) {
        lock.lock()
        items.append(failure)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}
