import Foundation
import Testing

/// Bad input through the real binary: exit status 1, the message with `file:line:column` and
/// the value, and a warehouse whose every table is as it was.
@Suite("Import errors through the binary")
struct ImportErrorCommandTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let kind: String
        let csv: String
        var options: [String] = []
        /// `line:column: message` of the first reported row, or a message for a whole file.
        let expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "empty id", kind: "customers", csv: "customer_id,name\n,Ann\n", expected: ":2:1: customer_id is empty, but every row needs one"),
        Case(name: "impossible date", kind: "customers", csv: "customer_id,signup_date\nc1,2011-02-29\n", expected: ":2:4: signup_date is not a calendar date (2011-02-29)"),
        Case(name: "slash date", kind: "orders", csv: "order_id,ordered_at\nO9,12/01/2010 08:26\n", expected: ":2:4: ordered_at is a slash date"),
        Case(name: "comma amount", kind: "products", csv: "sku,retail_price\nA,\"12,5\"\n", expected: ":2:3: retail_price has a thousands separator in the wrong place (12,5)"),
        Case(name: "bad kind", kind: "events", csv: "source,event_id,member_id,occurred_at,kind\nf,1,m,2011-01-01,reveiw\n", expected: ":2:18: unknown event kind (reveiw)"),
        Case(name: "unknown order", kind: "order-lines", csv: "order_id,sku,quantity,unit_price\nNOPE,A,1,2\n", expected: ":2:1: order_id is not an order in the warehouse (NOPE)"),
        Case(name: "duplicate key", kind: "customers", csv: "customer_id\nc1\nc1\n", expected: ":3:1: the key c1 already appeared on line 2"),
        Case(name: "existing key", kind: "customers", csv: "customer_id\nC1\n", expected: ":2:1: the key C1 is already in customers"),
        Case(name: "short row", kind: "customers", csv: "customer_id,name,email\nc1,Ann\n", expected: ":2:4: the row has 2 fields where the header has 3"),
        Case(name: "invalid UTF-8", kind: "customers", csv: "customer_id,name\nc1,Ren\u{FFFD}\n", expected: ":2:7: invalid UTF-8: byte 0xE9"),
        Case(name: "missing column", kind: "orders", csv: "order id,customer_id\nO1,c1\n", expected: ":1: missing columns order_id (is 'order id' that column?), ordered_at"),
        Case(name: "unterminated quote", kind: "customers", csv: "customer_id,name\nc1,\"Ann\n", expected: ":2:4: quoted field is not closed before the end of the file"),
        Case(name: "wrong date format", kind: "customers", csv: "customer_id,signup_date\nc1,2011/01/02\n", options: ["--date-format", "%d/%m/%Y"], expected: ":2:4: signup_date does not match the date format '%d/%m/%Y' (2011/01/02)"),
    ]

    @Test("bad input exits 1, names the place and value, and changes nothing", arguments: cases)
    func badInput(_ testCase: Case) throws {
        let folder = ScratchFolder()
        let database = folder.file("warehouse.db")
        let environment = ["DOTWORK_DB": database, "HOME": folder.path]
        _ = try DotworkProcess.run(["init"], environment: environment)
        let seed = folder.file("seed.csv")
        try "customer_id,name\nC1,Existing\n".write(toFile: seed, atomically: true, encoding: .utf8)
        _ = try DotworkProcess.run(["import", "customers", seed], environment: environment)
        let before = try tableDump(database)

        let path = folder.file("bad.csv")
        var bytes = Array(testCase.csv.utf8)
        // The invalid UTF-8 case stands for a Latin-1 é written as one byte.
        if let marker = testCase.csv.range(of: "\u{FFFD}") {
            let offset = testCase.csv.utf8.distance(from: testCase.csv.utf8.startIndex, to: marker.lowerBound.samePosition(in: testCase.csv.utf8)!)
            bytes.replaceSubrange(offset..<offset + 3, with: [0xE9])
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let result = try DotworkProcess.run(["import", testCase.kind, path] + testCase.options, environment: environment)
        #expect(result.status == 1)
        #expect(result.stderr.contains(path + testCase.expected), "stderr was: \(result.stderr)")
        #expect(result.stderr.contains("nothing was imported") || result.stderr.contains("missing column"), "stderr was: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try tableDump(database) == before)
    }

    /// Every row of every table, through the sqlite3 program, to compare before and after.
    func tableDump(_ database: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, ".dump"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = readAll(pipe.fileHandleForReading)
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
