import Foundation
import Testing

/// `DOTWORK_TIMINGS` on the figure commands, which `make bench` reads: the steps reported, and
/// the check that the figure from the derived data equals the SQL reference's.
@Suite("Figure timings")
struct FigureTimingTests {
    static let commands: [[String]] = [
        ["cohorts", "--by", "signup-month"], ["cohorts", "--by", "channel"], ["cohorts", "--by", "region"],
        ["cohorts", "--by", "tier"], ["cohorts", "--retention"],
        ["cohorts", "--by", "region", "--where", "tier >= joiner"], ["cohorts", "--retention", "--where", "orders() >= 1"],
        ["pivot", "--rows", "tier", "--cols", "event-month", "--measure", "events"],
        ["pivot", "--rows", "category", "--cols", "tier", "--measure", "revenue", "--where", "channel = \"web\""],
        ["pivot", "--rows", "region", "--cols", "signup-month", "--measure", "customers", "--where", "spend(90 days) > 0"],
        ["customers", "--search", "a"],
    ]

    /// Returns the step names of the `timings:` line on stderr, in order.
    static func steps(_ stderr: String) -> [String] {
        let line = stderr.split(separator: "\n").first { $0.hasPrefix("timings: ") }.map(String.init) ?? ""
        return line.dropFirst("timings: ".count).split(separator: ";").map {
            $0.trimmingCharacters(in: .whitespaces).split(separator: " ").dropLast(2).joined(separator: " ")
        }
    }

    @Test("steps are reported and output is unchanged", arguments: commands)
    func reportedSteps(_ arguments: [String]) throws {
        let plain = try GoldenCommandTests.dotwork(arguments)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(!plain.stderr.contains("timings:"))

        let timed = try DotworkProcess.run(arguments + ["--db", GoldenCommandTests.warehouse], environment: ["DOTWORK_TIMINGS": "1"])
        #expect(timed.status == 0, "\(timed.stderr)")
        #expect(timed.stdout == plain.stdout)
        let expected = arguments[0] == "customers" ? ["total", "open", "search"] : ["total", "open", "compute", "compute, warm"]
        #expect(Self.steps(timed.stderr) == expected)
    }

    @Test("the SQL reference agrees on the golden fixture", arguments: commands.filter { $0[0] != "customers" })
    func referenceAgrees(_ arguments: [String]) throws {
        let result = try DotworkProcess.run(arguments + ["--db", GoldenCommandTests.warehouse], environment: ["DOTWORK_TIMINGS": "sql"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.steps(result.stderr) == ["total", "open", "compute", "compute, warm", "sql reference"])
    }

    /// A row changed behind dotwork's back leaves the derived data of the same generation stale,
    /// which is how a fast-path bug would look to the check.
    @Test("a stale snapshot fails the agreement check")
    func staleSnapshotFails() throws {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("dotwork-stale-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let warehouse = folder + "/warehouse.db"
        for suffix in ["", "-wal", ".derived"] where FileManager.default.fileExists(atPath: GoldenCommandTests.warehouse + suffix) {
            try FileManager.default.copyItem(atPath: GoldenCommandTests.warehouse + suffix, toPath: warehouse + suffix)
        }
        let update = Process()
        update.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        update.arguments = [warehouse, "UPDATE customers SET region = 'Elsewhere' WHERE customer_id = 'C01'"]
        try update.run()
        update.waitUntilExit()
        #expect(update.terminationStatus == 0)

        let arguments = ["cohorts", "--by", "region", "--db", warehouse]
        let quiet = try DotworkProcess.run(arguments, environment: ["DOTWORK_TIMINGS": "1"])
        #expect(quiet.status == 0, "without the SQL reference nothing is compared: \(quiet.stderr)")
        let checked = try DotworkProcess.run(arguments, environment: ["DOTWORK_TIMINGS": "sql"])
        #expect(checked.status == 1)
        #expect(checked.stderr.contains("error: the cohorts by region from the derived data differs from the SQL reference"))
        #expect(checked.stdout.isEmpty)
    }
}
