import Foundation
import Testing

/// The golden fixture's expected files, produced by the real binary from a warehouse built
/// with `dotwork import`.
@Suite("Golden commands")
struct GoldenCommandTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden").path

    /// One warehouse for the whole suite, built once through the binary.
    static let warehouse: String = {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("dotwork-golden-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/warehouse.db"
        _ = try! DotworkProcess.run(["init", "--db", path])
        for (kind, file) in [
            ("customers", "customers"), ("identities", "customer_identities"), ("products", "products"),
            ("orders", "orders"), ("order-lines", "order_lines"), ("members", "members"), ("events", "events"),
        ] {
            let result = try! DotworkProcess.run(["import", kind, "\(golden)/\(file).csv", "--db", path])
            precondition(result.status == 0, "import of \(file) failed: \(result.stderr)")
        }
        return path
    }()

    static func dotwork(_ arguments: [String]) throws -> DotworkProcess.Result {
        try DotworkProcess.run(arguments + ["--db", warehouse])
    }

    /// Expected file names with the command line they stand for, from the README's table.
    static func commands() throws -> [(String, [String])] {
        let readme = try String(contentsOfFile: golden + "/README.md", encoding: .utf8)
        return readme.split(separator: "\n").compactMap { line -> (String, [String])? in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 2, cells[0].hasPrefix("`"), cells[0].hasSuffix(".csv`"), cells[1].hasPrefix("`dotwork ") else {
                return nil
            }
            let file = String(cells[0].dropFirst().dropLast())
            let command = String(cells[1].dropFirst("`dotwork ".count).dropLast())
            return (file, GoldenCommandTests.words(command))
        }
    }

    /// The words of a command line, with single-quoted words kept whole.
    static func words(_ command: String) -> [String] {
        var words: [String] = []
        var current = ""
        var isQuoted = false
        for character in command {
            if character == "'" {
                isQuoted.toggle()
            } else if character == " " && !isQuoted {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    @Test("each expected file is the binary's stdout", arguments: try commands().map(\.0))
    func expectedFile(_ file: String) throws {
        let arguments = try GoldenCommandTests.commands().first { $0.0 == file }!.1
        let result = try GoldenCommandTests.dotwork(arguments)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let expected = try String(contentsOfFile: GoldenCommandTests.golden + "/expected/" + file, encoding: .utf8)
        #expect(result.stdout.replacingOccurrences(of: "\r\n", with: "\n") == expected)
        #expect(result.stdout.hasSuffix("\r\n"))
    }

    @Test("refused commands exit 2 and print nothing on stdout")
    func refused() throws {
        let lines = try String(contentsOfFile: GoldenCommandTests.golden + "/expected/refused.tsv", encoding: .utf8)
            .split(separator: "\n").dropFirst()
        #expect(lines.count >= 7)
        for line in lines {
            let command = line.split(separator: "\t")[0]
            let arguments = command.split(separator: " ").dropFirst().map(String.init)
            let result = try GoldenCommandTests.dotwork(arguments)
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(command)")
            #expect(result.stderr.hasPrefix("error: "), "\(command)")
        }
    }

    @Test("drill-down lists the customers of a cell and names what is not a customer")
    func drillDown() throws {
        let result = try GoldenCommandTests.dotwork([
            "customers", "--cell", "critic,2012-02", "--rows", "tier", "--cols", "event-month", "--measure", "events",
            "--format", "csv",
        ])
        #expect(result.status == 0)
        let ids = result.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[0] }
        #expect(ids == ["C02", "C08"])

        let guests = try GoldenCommandTests.dotwork([
            "customers", "--cell", "(guest),total", "--rows", "tier", "--cols", "order-channel", "--measure", "orders",
        ])
        #expect(guests.status == 0)
        #expect(guests.stderr.contains("2 guest orders, which belong to no customer"))

        let cohort = try GoldenCommandTests.dotwork(["customers", "--cohort", "(none)", "--by", "region", "--format", "csv"])
        #expect(cohort.stdout == "customer_id,name,email,region,country,channel,signup_date,tier\r\nC08,Rita Rater,Rita.Rater@Example.com,,GB,web,2012-01-20,critic\r\n")
    }

    @Test("a past as-of date changes the figures")
    func pastAsOf() throws {
        let result = try GoldenCommandTests.dotwork(["cohorts", "--by", "tier", "--format", "csv", "--as-of", "2012-01-31"])
        #expect(result.status == 0)
        let total = result.stdout.split(separator: "\r\n").last.map(String.init)
        // Four customers signed up in January, and C09 has no signup date.
        #expect(total?.hasPrefix("total,5,") == true, "total row: \(total ?? "")")
    }

    @Test("search and one customer's timeline through the binary")
    func customerLookup() throws {
        let search = try GoldenCommandTests.dotwork(["customers", "--search", "ORTIZ", "--format", "csv"])
        #expect(search.status == 0)
        let ids = search.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[0] }
        #expect(ids == ["C02", "C03"])

        let limited = try GoldenCommandTests.dotwork(["customers", "--search", "ORTIZ", "--format", "csv", "--limit", "1"])
        #expect(limited.status == 0)
        #expect(limited.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[0] } == ["C02"])
        #expect(limited.stderr.contains("note: listing the first 1 customer of 2"))
        let cohort = try GoldenCommandTests.dotwork(["customers", "--cohort", "North", "--by", "region", "--limit", "0"])
        #expect(cohort.status == 0)
        #expect(cohort.stderr.contains("note: listing the first 0 customers of "))
        let badLimit = try GoldenCommandTests.dotwork(["customers", "--search", "ORTIZ", "--limit", "many"])
        #expect(badLimit.status == 2)
        #expect(badLimit.stderr.hasPrefix("error: invalid value 'many' for --limit"))

        let profile = try GoldenCommandTests.dotwork(["customer", "C03"])
        #expect(profile.status == 0)
        #expect(profile.stdout.contains("tier      creator at 2012-04-20"))
        #expect(profile.stdout.contains("timeline (10 entries, newest first)"))

        let timeline = try GoldenCommandTests.dotwork(["customer", "C03", "--format", "csv"])
        #expect(timeline.stdout.hasPrefix("customer_id,at,type,what,detail,amount,member\r\n"))
        #expect(timeline.stdout.contains("C03,2012-04-03T16:45:00Z,order,return,O05 · 2 lines · web,-193.95,\r\n"))

        let missing = try GoldenCommandTests.dotwork(["customer", "C99"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no customer with id 'C99'"))
    }
}
