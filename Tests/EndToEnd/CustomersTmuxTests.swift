import Foundation
import Testing

/// The Customers screen through the real binary in tmux on the golden fixture: a search typed
/// key by key, a customer opened from the results, and exports compared byte for byte with
/// the headless commands.
@Suite("Customers in tmux")
struct CustomersTmuxTests {
    let folder = ScratchFolder()

    func dotwork(_ arguments: [String]) throws -> String {
        let result = try DotworkProcess.run(arguments + ["--db", GoldenCommandTests.warehouse])
        #expect(result.status == 0, "dotwork \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        return result.stdout
    }

    /// Waits until the screen row of `key` shows the words of the printed table's row.
    func expectSameRow(
        _ key: String, in session: TmuxSession, printed: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let expected = TableText.printedRow(printed, key: key)
        #expect(expected != nil, "the printed table has no row '\(key)'", sourceLocation: sourceLocation)
        session.waitUntil("row '\(key)' as printed: \(expected ?? [])", sourceLocation: sourceLocation) { screen in
            TableText.screenRow(screen, key: key) == expected
        }
    }

    @Test("search, open, export and resize")
    func searchAndOpen() throws {
        let session = try TmuxSession(workbench: GoldenCommandTests.warehouse, in: folder.path, width: 160, height: 24)
        defer { session.kill() }
        session.waitFor("Cohorts by signup-month")
        try session.send("4")
        session.waitFor("search: ")
        try session.type("ortiz")
        session.waitFor("Customers whose id, name or email starts with 'ortiz': 2 customers")
        let printedList = try dotwork(["customers", "--search", "ortiz"])
        expectSameRow("C02", in: session, printed: printedList)
        expectSameRow("C03", in: session, printed: printedList)

        try session.send("Enter")
        session.waitFor("s: edit")
        try session.send("e")
        session.waitFor("Export to: ./dotwork-customers-search-ortiz-2012-04-20.csv")
        try session.send("Enter")
        session.waitFor("exported 2 rows to ./dotwork-customers-search-ortiz-2012-04-20.csv")
        let list = try Data(contentsOf: URL(fileURLWithPath: folder.file("dotwork-customers-search-ortiz-2012-04-20.csv")))
        #expect(list == Data(try dotwork(["customers", "--search", "ortiz", "--format", "csv"]).utf8))

        try session.send("j")
        session.waitFor("row 2 of 2")
        try session.send("Enter")
        session.waitFor("Customer C03, Carla Ortiz: 10 timeline entries, newest first")
        #expect(try session.capture().contains("4 Customers  › Customer C03"))
        let printedProfile = try dotwork(["customer", "C03"])
        for key in ["2012-04-10T18:20:00Z", "2012-04-03T16:45:00Z", "2012-03-05T10:30:00Z"] {
            expectSameRow(key, in: session, printed: printedProfile)
        }
        session.waitFor("rules: none of the published rules hit or held out this customer")

        try session.send("e")
        session.waitFor("Export to: ./dotwork-customer-C03-2012-04-20.csv")
        try session.send("Enter")
        session.waitFor("exported 10 rows to ./dotwork-customer-C03-2012-04-20.csv")
        let timeline = try Data(contentsOf: URL(fileURLWithPath: folder.file("dotwork-customer-C03-2012-04-20.csv")))
        #expect(timeline == Data(try dotwork(["customer", "C03", "--format", "csv"]).utf8))

        try session.send("C-l")
        let before = session.settledCapture()
        try session.resize(width: 40, height: 10)
        session.waitFor("… 5 more lines: p shows the whole profi…")
        session.waitFor("2012-04-10T18:20:00Z│event")
        try session.resize(width: 160, height: 24)
        session.waitUntil("the same screen as before the resize") { $0 == before }

        try session.send("q")
        session.waitFor("Customers whose id, name or email starts with 'ortiz': 2 customers")
        session.waitFor("row 2 of 2")
    }

    @Test("accents in either form on the sample data", .enabled(if: WorkbenchWarehouses.hasSampleData))
    func sampleAccents() throws {
        let warehouse = WorkbenchWarehouses.sample
        let session = try TmuxSession(workbench: warehouse, in: folder.path, width: 160, height: 30)
        defer { session.kill() }
        session.waitFor("Cohorts by signup-month")
        try session.send("4")
        session.waitFor("search: ")
        // The accent arrives as its own code point after the e, as some keyboards send it.
        try session.type("rene\u{301}e")
        let printed = try DotworkProcess.run(["customers", "--search", "Renée", "--format", "csv", "--db", warehouse])
        let count = printed.stdout.split(separator: "\r\n").count - 1
        #expect(count > 0)
        session.waitFor("starts with 'renée': \(count) customers")
        try session.send("Enter")
        session.waitFor("s: edit")
        try session.send("e")
        session.waitFor("Export to: ./dotwork-customers-search-renée-")
        try session.send("Enter")
        let exported = session.waitFor("exported \(count) rows") ?? ""
        let name = try #require(exported.range(of: "./dotwork-customers-search-").map { exported[$0.lowerBound...].prefix { !$0.isWhitespace } })
        let csv = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + name.dropFirst(2)))
        #expect(csv == Data(printed.stdout.utf8))
        #expect(!printed.stdout.contains("Renee"))
    }

    @Test("typing a search while results arrive")
    func typingFast() throws {
        let session = try TmuxSession(workbench: GoldenCommandTests.warehouse, in: folder.path, width: 120, height: 24)
        defer { session.kill() }
        session.waitFor("Cohorts by signup-month")
        try session.send("4")
        session.waitFor("search: ")
        for character in "c1" {
            try session.type(String(character))
        }
        session.waitFor("starts with 'c1': 3 customers")
        try session.send("BSpace")
        session.waitFor("starts with 'c': 12 customers")
        try session.type("0")
        session.waitFor("starts with 'c0': 9 customers")
    }
}
