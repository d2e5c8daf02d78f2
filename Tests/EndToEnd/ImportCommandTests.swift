import Foundation
import Testing

@Suite("Import command")
struct ImportCommandTests {
    let folder = ScratchFolder()

    var database: String { folder.file("warehouse.db") }

    func dotwork(_ arguments: [String]) throws -> DotworkProcess.Result {
        try DotworkProcess.run(arguments, environment: ["DOTWORK_DB": database, "HOME": folder.path])
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = folder.file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The rows of a table as the sqlite3 program prints them, to check the file independently.
    func sqlite(_ query: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, query]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = readAll(pipe.fileHandleForReading)
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("the golden fixture imports table by table and stats reports it")
    func golden() throws {
        _ = try dotwork(["init"])
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Golden").path
        for (kind, file) in [
            ("customers", "customers"), ("identities", "customer_identities"), ("products", "products"),
            ("orders", "orders"), ("order-lines", "order_lines"), ("members", "members"), ("events", "events"),
        ] {
            let result = try dotwork(["import", kind, "\(golden)/\(file).csv"])
            #expect(result.status == 0, "\(kind): \(result.stderr)")
            #expect(result.stdout.hasPrefix("imported \(golden)/\(file).csv"))
        }
        let stats = try dotwork(["stats"])
        #expect(stats.status == 0)
        #expect(stats.stdout.contains("as-of date  2012-04-20 (orders end 2012-04-20, events end 2012-04-24)"))
        #expect(stats.stdout.contains("joiner     4  ██████████████████████████████"))
        let emailLine = stats.stdout.split(separator: "\n").first { $0.hasPrefix("email ") }
        #expect(emailLine?.split(separator: " ") == ["email", "5", "4", "80.0%"])
        let past = try dotwork(["stats", "--as-of", "2012-01-31"])
        #expect(past.stdout.contains("as-of date  2012-01-31 (from --as-of)"))
    }

    @Test("a bad row fails with exit 1, its position and value, and nothing imported")
    func badRow() throws {
        _ = try dotwork(["init"])
        let path = try write("customers.csv", "customer_id,signup_date\nc1,2010-01-01\nc2,01/02/2010\n")
        let result = try dotwork(["import", "customers", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: 1 bad row in \(path); nothing was imported"))
        #expect(result.stderr.contains("\(path):3:4: signup_date is a slash date, which could be month-first or day-first (01/02/2010)"))
        #expect(result.stderr.contains("--date-format"))
        #expect(try sqlite("SELECT count(*) FROM customers") == "0\n")

        let fixed = try dotwork(["import", "customers", path, "--date-format", "%d/%m/%Y"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(try sqlite("SELECT signup_date FROM customers ORDER BY 1") == "2010-01-01\n2010-02-01\n")
    }

    @Test("usage mistakes exit 2", arguments: [
        (["import", "custmers", "x.csv"], "did you mean 'customers'?"),
        (["import", "customers"], "'dotwork import' needs FILE"),
        (["import", "customers", "x.csv", "--mode", "merge"], "expected append, upsert or replace"),
        (["import", "customers", "x.csv", "--tz", "Mars/Base"], "not an IANA time zone"),
        (["import", "customers", "x.csv", "--encoding", "ebcdic"], "expected utf8, latin1 or cp1252"),
        (["import", "customers", "x.csv", "--date-format", "%Q"], "unknown token %Q"),
        (["import", "customers", "x.csv", "--map", "nothing"], "expected CSVCOL=COLUMN"),
    ])
    func usage(_ arguments: [String], _ message: String) throws {
        let result = try dotwork(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "stderr was: \(result.stderr)")
    }

    @Test("a missing file fails with exit 1")
    func missingFile() throws {
        _ = try dotwork(["init"])
        let result = try dotwork(["import", "customers", folder.file("absent.csv")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no file at"))
    }

    @Test("SIGTERM during an import leaves the warehouse as it was and says so")
    func signal() throws {
        _ = try dotwork(["init"])
        var text = "source,event_id,member_id,occurred_at,kind\n"
        for index in 0..<600_000 {
            text += "forum,\(index),m\(index % 9_000),2011-01-01T00:00:00Z,view\n"
        }
        let path = try write("events.csv", text)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: DotworkProcess.binaryPath)
        process.arguments = ["import", "events", path]
        process.environment = ["DOTWORK_DB": database, "LANG": "C.UTF-8", "DOTWORK_CONFIG": "/nonexistent"]
        let errorPipe = Pipe()
        process.standardError = errorPipe
        process.standardOutput = Pipe()
        try process.run()
        Thread.sleep(forTimeInterval: 0.5)
        kill(process.processIdentifier, SIGTERM)
        let stderr = String(decoding: readAll(errorPipe.fileHandleForReading), as: UTF8.self)
        process.waitUntilExit()

        #expect(process.terminationStatus == 1)
        #expect(stderr.contains("import interrupted by SIGTERM; the warehouse is unchanged"), "stderr was: \(stderr)")
        #expect(try sqlite("SELECT count(*) FROM events") == "0\n")
        #expect(try sqlite("SELECT count(*) FROM batches") == "0\n")
    }
}
