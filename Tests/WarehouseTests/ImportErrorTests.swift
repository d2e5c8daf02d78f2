import Foundation
import Testing
import Text

@testable import Warehouse

@Suite("Import errors")
struct ImportErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let kind: ImportKind
        let csv: String
        var decimalComma = false
        /// `line:column: message` of the first reported issue.
        let expected: String
        var help: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "empty id", kind: .customers, csv: "customer_id,name\n,Ann\n", expected: "2:1: customer_id is empty, but every row needs one"),
        Case(name: "bad date", kind: .customers, csv: "customer_id,signup_date\nc1,2011-02-29\n", expected: "2:4: signup_date is not a calendar date (2011-02-29)"),
        Case(
            name: "slash date", kind: .customers, csv: "customer_id,signup_date\nc1,12/01/2010\n",
            expected: "2:4: signup_date is a slash date, which could be month-first or day-first (12/01/2010)",
            help: "--date-format"),
        Case(name: "bad boolean", kind: .customers, csv: "customer_id,opt_out\nc1,maybe\n", expected: "2:4: opt_out is not a yes/no value (maybe)"),
        Case(
            name: "comma amount", kind: .products, csv: "sku,retail_price\nA,\"12,5\"\n",
            expected: "2:3: retail_price has a thousands separator in the wrong place (12,5)", help: "--decimal-comma"),
        Case(name: "text amount", kind: .products, csv: "sku,unit_cost\nA,free\n", expected: "2:3: unit_cost is not an amount (free)"),
        Case(name: "cents with decimals", kind: .products, csv: "sku,unit_cost_cents\nA,12.5\n", expected: "2:3: unit_cost_cents is not a whole number of minor units (12.5)"),
        Case(name: "bad timestamp", kind: .orders, csv: "order_id,ordered_at\nO1,soon\n", expected: "2:4: ordered_at is not a date and time (soon)"),
        Case(name: "bad status", kind: .orders, csv: "order_id,ordered_at,status\nO1,2011-01-01,voided\n", expected: "2:15: unknown order status (voided)", help: "did you mean 'void'?"),
        Case(name: "unknown kind", kind: .events, csv: "source,event_id,member_id,occurred_at,kind\nf,1,m,2011-01-01,reveiw\n", expected: "2:18: unknown event kind (reveiw)", help: "did you mean 'review'?"),
        Case(name: "fractional quantity", kind: .orderLines, csv: "order_id,sku,quantity,unit_price\nO1,A,1.5,2\n", expected: "2:6: quantity is not a whole number (1.5)"),
        Case(name: "unknown order", kind: .orderLines, csv: "order_id,sku,quantity,unit_price\nNOPE,A,1,2\n", expected: "2:1: order_id is not an order in the warehouse (NOPE)"),
        Case(name: "zero line number", kind: .orderLines, csv: "order_id,line_no,sku,quantity,unit_price\nO1,0,A,1,2\n", expected: "2:4: line_no is not a positive whole number (0)"),
        Case(name: "short row", kind: .customers, csv: "customer_id,name,email\nc1,Ann\n", expected: "2:4: the row has 2 fields where the header has 3"),
        Case(name: "long row", kind: .customers, csv: "customer_id,name\nc1,Ann,extra\n", expected: "2:8: the row has 3 fields where the header has 2"),
        Case(name: "duplicate in file", kind: .customers, csv: "customer_id\nc1\nc2\nc1\n", expected: "4:1: the key c1 already appeared on line 2"),
        Case(name: "key in warehouse", kind: .customers, csv: "customer_id\nexisting\n", expected: "2:1: the key existing is already in customers", help: "--mode upsert"),
        Case(name: "multi-line record", kind: .customers, csv: "customer_id,name,signup_date\nc1,\"Ann\nSmith\",bad\n", expected: "2:1: signup_date is not a date and time (bad); the value starts on line 3, column 8"),
    ]

    @Test("a bad row names line, column and value, and changes nothing", arguments: cases)
    func badRow(_ testCase: Case) throws {
        let fixture = try ImportFixture()
        try fixture.loadBasics()
        try fixture.load(.customers, "customer_id\nexisting\n", name: "existing.csv")
        let before = try fixture.snapshot()

        var options = ImportOptions()
        options.decimalComma = testCase.decimalComma
        let path = try fixture.write("bad.csv", testCase.csv)
        let failure = #expect(throws: ImportFailure.self) {
            try Importer(warehouse: fixture.warehouse, kind: testCase.kind, path: path, options: options).run()
        }
        guard case .badRows(_, let issues, let total)? = failure else {
            Issue.record("expected bad rows, got \(String(describing: failure))")
            return
        }
        #expect(total == 1)
        #expect(issues.first?.description == "\(path):\(testCase.expected)")
        if let help = testCase.help {
            #expect(issues.first?.help?.contains(help) == true, "help was: \(issues.first?.help ?? "none")")
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test("up to 20 bad rows are listed with the total")
    func manyBadRows() throws {
        let fixture = try ImportFixture()
        let rows = (1...45).map { "c\($0),not-a-date" }.joined(separator: "\n")
        let path = try fixture.write("many.csv", "customer_id,signup_date\nok,2011-01-01\n" + rows + "\n")
        let failure = #expect(throws: ImportFailure.self) {
            try Importer(warehouse: fixture.warehouse, kind: .customers, path: path, options: ImportOptions()).run()
        }
        guard case .badRows(_, let issues, let total)? = failure else {
            Issue.record("expected bad rows")
            return
        }
        #expect(total == 45)
        #expect(issues.count == 20)
        #expect(issues.last?.location.line == 22)
        #expect(failure?.message.contains("… and 25 more") == true)
        #expect(try fixture.count("customers") == 0)
    }

    @Test("invalid UTF-8 names line, column and byte")
    func invalidUTF8() throws {
        let fixture = try ImportFixture()
        let path = try fixture.writeBytes("latin.csv", Array("customer_id,name\nc1,Ren".utf8) + [0xE9, 0x0A])
        let failure = #expect(throws: ImportFailure.self) {
            try Importer(warehouse: fixture.warehouse, kind: .customers, path: path, options: ImportOptions()).run()
        }
        guard case .badRows(_, let issues, _)? = failure else {
            Issue.record("expected bad rows")
            return
        }
        #expect(issues.first?.description == "\(path):2:7: invalid UTF-8: byte 0xE9")
        #expect(issues.first?.help?.contains("--encoding") == true)
    }

    struct FileCase: Sendable, CustomTestStringConvertible {
        let name: String
        let kind: ImportKind
        let csv: String
        var map: [String: String] = [:]
        let message: String
        var testDescription: String { name }
    }

    static let fileCases: [FileCase] = [
        FileCase(name: "missing column", kind: .orders, csv: "order id,customer_id\nO1,c1\n", message: "missing columns order_id (is 'order id' that column?), ordered_at"),
        FileCase(name: "empty file", kind: .customers, csv: "", message: "is empty: it has no header row"),
        FileCase(name: "map of an absent header", kind: .customers, csv: "id\nc1\n", map: ["ident": "customer_id"], message: "--map names the column 'ident'"),
        FileCase(name: "map to an unknown column", kind: .orders, csv: "order_id,when\nO1,2011-01-01\n", map: ["when": "orderd_at"], message: "--map targets 'orderd_at', which is not a column of orders"),
        FileCase(name: "unterminated quote", kind: .customers, csv: "customer_id,name\nc1,\"Ann\n", message: ":2:4: quoted field is not closed before the end of the file"),
        FileCase(name: "two columns for one field", kind: .customers, csv: "customer_id,Customer_ID\nc1,c2\n", message: "two columns fill customer_id"),
        FileCase(name: "events without a source", kind: .events, csv: "event_id,member_id,occurred_at,kind\n1,m,2011-01-01,view\n", message: "has no source column"),
    ]

    @Test("a file that cannot be read changes nothing", arguments: fileCases)
    func unreadable(_ testCase: FileCase) throws {
        let fixture = try ImportFixture()
        try fixture.loadBasics()
        let before = try fixture.snapshot()
        var options = ImportOptions()
        options.columnMap = testCase.map
        let path = try fixture.write("bad.csv", testCase.csv)
        let failure = #expect(throws: ImportFailure.self) {
            try Importer(warehouse: fixture.warehouse, kind: testCase.kind, path: path, options: options).run()
        }
        #expect(failure?.message.contains(testCase.message) == true, "message was: \(failure?.message ?? "none")")
        #expect(failure?.help != nil || testCase.name == "unterminated quote")
        #expect(try fixture.snapshot() == before)
    }
}

@Suite("Import atomicity")
struct ImportAtomicityTests {
    static func largeEvents(_ fixture: ImportFixture, rows: Int) throws -> String {
        var text = "source,event_id,member_id,occurred_at,kind\n"
        text.reserveCapacity(rows * 40)
        for index in 0..<rows {
            text += "forum,\(index),m\(index % 5_000),2011-01-01T00:00:00Z,view\n"
        }
        return try fixture.write("events.csv", text)
    }

    @Test("a signal in the middle of writing rolls everything back")
    func interruptedWhileWriting() throws {
        let fixture = try ImportFixture()
        try fixture.loadBasics()
        let before = try fixture.snapshot()
        let path = try ImportAtomicityTests.largeEvents(fixture, rows: 150_000)

        let importer = Importer(warehouse: fixture.warehouse, kind: .events, path: path, options: ImportOptions())
        let signalled = SignalFlag()
        importer.progress = { progress in
            if case .applying(let rows, _) = progress, rows > 0 {
                signalled.raise()
            }
        }
        importer.interruption = { signalled.isRaised ? "SIGTERM" : nil }
        #expect(throws: ImportFailure.interrupted(signal: "SIGTERM")) {
            try importer.run()
        }
        #expect(fixture.database.isAutocommit)
        #expect(try fixture.snapshot() == before)
    }

    @Test("a signal while reading stops before the write lock")
    func interruptedWhileReading() throws {
        let fixture = try ImportFixture()
        let path = try ImportAtomicityTests.largeEvents(fixture, rows: 20_000)
        let importer = Importer(warehouse: fixture.warehouse, kind: .events, path: path, options: ImportOptions())
        importer.interruption = { "Ctrl-C (SIGINT)" }
        #expect(throws: ImportFailure.interrupted(signal: "Ctrl-C (SIGINT)")) {
            try importer.run()
        }
        #expect(try fixture.count("events") == 0)
        #expect(try fixture.count("batches") == 0)
    }

    @Test("readers keep reading the last commit while an import writes")
    func readersDoNotWait() throws {
        let fixture = try ImportFixture()
        try fixture.loadBasics()
        let path = try ImportAtomicityTests.largeEvents(fixture, rows: 150_000)

        var configuration = Database.Configuration()
        configuration.busyTimeoutMilliseconds = 0
        let reader = try Warehouse.open(at: fixture.warehouse.path, readOnly: true, configuration: configuration)
        var readsDuringWrite: [Int64?] = []
        let importer = Importer(warehouse: fixture.warehouse, kind: .events, path: path, options: ImportOptions())
        importer.progress = { progress in
            // The importer holds the write lock here; a reader with no busy timeout must not fail.
            if case .applying(let rows, _) = progress, rows > 0 {
                readsDuringWrite.append(try? reader.database.scalarInteger("SELECT count(*) FROM orders"))
                readsDuringWrite.append(try? reader.database.scalarInteger("SELECT count(*) FROM events"))
            }
        }
        try importer.run()
        #expect(readsDuringWrite.count >= 2)
        #expect(readsDuringWrite.prefix(2) == [2, 0])
        #expect(try reader.database.scalarInteger("SELECT count(*) FROM events") == 150_000)
    }
}

/// A flag set from one closure and read from another.
final class SignalFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    func raise() {
        lock.withLock { raised = true }
    }

    var isRaised: Bool {
        lock.withLock { raised }
    }
}

@Suite("Identity links")
struct IdentityLinkTests {
    @Test("match keys trim, lower-case emails and drop .0 of numeric ids", arguments: [
        ("email", " Ann@Example.COM ", "ann@example.com"),
        ("facebook", "17850.0", "17850"),
        ("facebook", "17850.00", "17850"),
        ("facebook", "17850.5", "17850.5"),
        ("facebook", ".0", ".0"),
        ("twitter", " @Quiet5", "@Quiet5"),
        ("customer", " C10", "C10"),
    ])
    func matchKeys(_ provider: String, _ raw: String, _ key: String) {
        #expect(IdentityLinks.matchKey(provider: provider, externalID: raw) == key)
    }

    @Test("a household email links one member to two customers, each counted once")
    func household() throws {
        let fixture = try ImportFixture()
        try fixture.load(.customers, "customer_id,email\nc1,home@x.org\nc2, HOME@x.org\nc3,solo@x.org\n")
        try fixture.load(.identities, "customer_id,provider,external_id\nc3,facebook,17850.0\nc3,email,Home@X.org\n")
        try fixture.load(
            .members,
            "source,member_id,provider,external_id\nf,m1,email,home@x.org\nf,m2,facebook,17850\nf,m3,FACEBOOK,17850\nf,m4,customer,c1\nf,m5,twitter,nobody\n")
        let links = try fixture.database.query("SELECT member_id || '>' || customer_id FROM member_links ORDER BY 1") { $0.text(0) }
        #expect(links == ["m1>c1", "m1>c2", "m1>c3", "m2>c3", "m3>c3", "m4>c1"])
        let stats = try WarehouseStats.gather(fixture.warehouse)
        #expect(stats.linkedCustomers == 3)
        #expect(stats.unlinkedMembers == 1)
    }

    @Test("links follow later imports of customers and identities")
    func rebuiltAfterImports() throws {
        let fixture = try ImportFixture()
        try fixture.load(.members, "source,member_id,provider,external_id\nf,m1,email,late@x.org\n")
        #expect(try fixture.count("member_links") == 0)
        try fixture.load(.customers, "customer_id,email\nc1,late@x.org\n")
        #expect(try fixture.count("member_links") == 1)
    }
}
