import Foundation
import Testing

/// The workbench notices an import that another process landed and offers to show it,
/// keeping the analyst's place.
@Suite("Landed data in the workbench")
struct LandedDataTmuxTests {
    @Test("an import lands while the pivot is open; U shows it in place")
    func switchesToLandedImport() throws {
        let folder = ScratchFolder()
        let warehouse = folder.file("warehouse.db")
        try FileManager.default.copyItem(atPath: SharedBoxTests.template, toPath: warehouse)
        try FileManager.default.copyItem(atPath: SharedBoxTests.template + ".derived", toPath: warehouse + ".derived")
        let pivot = ["--db", warehouse, "pivot", "--rows", "event-month", "--cols", "tier", "--measure", "events"]
        let before = try DotworkProcess.run(pivot).stdout

        let session = try TmuxSession(
            workbench: warehouse, in: folder.path, width: 160, height: 40, environment: ["DOTWORK_TEST_WATCH_MS": "200"])
        defer { session.kill() }
        session.waitFor("Cohorts by signup-month")
        try session.send("2")
        session.waitFor("tier × event-month, events")
        try session.send("x")
        session.waitFor("event-month × tier, events")
        TableText.expectSameRow("2011-12", in: session, printed: before)
        try session.send("Down", "Down", "Right")
        session.waitFor("row 3 of")

        let rows = (1...40).map { "forum,landed\($0),100000,2011-12-0\($0 % 9 + 1)T10:00:00Z,view,,," }
        let file = folder.file("late-events.csv")
        try (["source,event_id,member_id,occurred_at,kind,topic,sku,rating"] + rows).joined(separator: "\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try DotworkProcess.run(["--db", warehouse, "import", "events", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        let after = try DotworkProcess.run(pivot).stdout
        #expect(after != before)

        session.waitFor("'s import of late-events.csv at")
        session.waitFor("press U to show it, keeping your place")
        // Until the analyst switches, the figures stay those of the data they came from.
        TableText.expectSameRow("2011-12", in: session, printed: before)
        try session.send("U")
        session.waitFor("switched to the new data")
        TableText.expectSameRow("2011-12", in: session, printed: after)
        let screen = session.settledCapture()
        #expect(screen.contains("event-month × tier, events"))
        #expect(screen.contains("row 3 of"), "the cursor kept its row: \(screen)")
        #expect(!screen.contains("new data: U switches"))
    }
}
