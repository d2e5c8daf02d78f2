import Foundation
import Testing

/// `dotwork rule check` and `dotwork rule preview` through the binary, on the golden warehouse
/// and on small warehouses made for one case.
@Suite("Rule commands")
struct RuleCommandTests {
    let folder = ScratchFolder()

    static let rules = GoldenCommandTests.golden + "/expected/rules"

    static let goldenRules: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: rules)) ?? []
        return names.filter { $0.hasSuffix(".rule") }.map { String($0.dropLast(".rule".count)) }.sorted()
    }()

    func write(_ name: String, _ text: String) throws -> String {
        let path = folder.file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Returns the value after a label in the preview's summary block.
    static func summaryValue(_ label: String, in table: String) -> String? {
        table.split(separator: "\n").first { $0.hasPrefix(label + "  ") }.map {
            String($0.dropFirst(label.count)).trimmingCharacters(in: .whitespaces)
        }
    }

    // MARK: preview

    @Test("CSV preview lists the golden hits", arguments: goldenRules)
    func csvHits(_ name: String) throws {
        let result = try GoldenCommandTests.dotwork(["rule", "preview", "\(Self.rules)/\(name).rule", "--format", "csv"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.hasPrefix("customer_id,group,name,region,tier,spend,last_activity\r\n"))
        #expect(result.stdout.hasSuffix("\r\n"))
        let firstTwo = result.stdout.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(2).joined(separator: ",") }
        let expected = try String(contentsOfFile: "\(Self.rules)/\(name).hits.csv", encoding: .utf8)
        #expect(firstTwo.joined(separator: "\n") + "\n" == expected)
        #expect(result.stderr.contains("note: \(name) as of 2012-04-20: "))
    }

    @Test("table preview shows the golden figures", arguments: goldenRules)
    func tableFigures(_ name: String) throws {
        let result = try GoldenCommandTests.dotwork(["rule", "preview", "\(Self.rules)/\(name).rule"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let expected = try String(contentsOfFile: "\(Self.rules)/\(name).preview.txt", encoding: .utf8)
        var figures: [String: String] = [:]
        for line in expected.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            figures[String(parts[0])] = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        }
        let table = result.stdout
        #expect(Self.summaryValue("rule", in: table) == name)
        #expect(Self.summaryValue("as of", in: table) == "2012-04-20")
        #expect(Self.summaryValue("hits", in: table) == figures["hits"])
        #expect(Self.summaryValue("target", in: table) == figures["target"])
        #expect(Self.summaryValue("holdout", in: table)?.hasPrefix(figures["holdout"]! + " (") == true)
        #expect(Self.summaryValue("opt-outs removed", in: table) == figures["opt_outs_removed"])
        let maxValue = figures["max_value"]!.isEmpty ? "none: a flag has no value or cost" : figures["max_value"]! + " USD"
        #expect(Self.summaryValue("max value", in: table) == maxValue)
        #expect(table.contains("customer_id  group"))
    }

    @Test("preview with a limit and a past as-of date")
    func limitAndAsOf() throws {
        let csv = try GoldenCommandTests.dotwork([
            "rule", "preview", "\(Self.rules)/merch-regulars.rule", "--format", "csv", "--limit", "2",
        ])
        #expect(csv.status == 0)
        #expect(csv.stdout.split(separator: "\r\n").count == 3)
        let table = try GoldenCommandTests.dotwork(["rule", "preview", "\(Self.rules)/merch-regulars.rule", "--limit", "1"])
        #expect(table.stdout.contains("first 1 of 4 hits, by customer id:"))
        #expect(table.stdout.contains("C01          target  Ada Finch  North   creator  241.44  2012-04-20"))
        let past = try GoldenCommandTests.dotwork(["rule", "preview", "\(Self.rules)/kin-upgrade.rule", "--as-of", "2012-02-15"])
        #expect(Self.summaryValue("as of", in: past.stdout) == "2012-02-15")
        // C03 signed up on 2012-02-03 but bought its Kin One in March, so only C01 is left.
        #expect(Self.summaryValue("hits", in: past.stdout) == "1")
    }

    @Test("DOTWORK_TIMINGS reports each step on stderr")
    func timings() throws {
        let arguments = ["rule", "preview", "\(Self.rules)/kin-upgrade.rule", "--db", GoldenCommandTests.warehouse]
        let plain = try DotworkProcess.run(arguments)
        #expect(!plain.stderr.contains("timings:"))
        let timed = try DotworkProcess.run(arguments, environment: ["DOTWORK_TIMINGS": "1"])
        #expect(timed.status == 0)
        #expect(timed.stdout == plain.stdout)
        let line = timed.stderr.split(separator: "\n").first { $0.hasPrefix("timings: ") }.map(String.init) ?? ""
        let steps = line.dropFirst("timings: ".count).split(separator: ";").map {
            $0.trimmingCharacters(in: .whitespaces).split(separator: " ").dropLast(2).joined(separator: " ")
        }
        #expect(
            steps == [
                "total", "open", "check", "count, split and cost", "count, split and cost, warm",
                "overlaps and differences", "sample",
            ])
        let sql = try DotworkProcess.run(arguments + ["--format", "csv"], environment: ["DOTWORK_TIMINGS": "sql"])
        #expect(sql.stderr.contains("; sql reference "))
        #expect(sql.stderr.contains("note: the SQL reference selects 2 customers before opt-outs are removed"))
    }

    @Test("a bad limit is a usage error")
    func badLimit() throws {
        for value in ["-1", "ten", "1.5"] {
            let result = try GoldenCommandTests.dotwork(["rule", "preview", "\(Self.rules)/kin-upgrade.rule", "--limit", value])
            #expect(result.status == 2, "\(value)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("error: invalid value '\(value)' for --limit"))
        }
    }

    @Test("opt-outs are named in the summary")
    func optOuts() throws {
        let result = try GoldenCommandTests.dotwork(["rule", "preview", "\(Self.rules)/big-spenders.rule"])
        #expect(Self.summaryValue("opt-outs removed", in: result.stdout) == "1")
        #expect(!result.stdout.contains("C07"))
    }

    @Test("CSV guards text for spreadsheets unless --raw-text")
    func spreadsheetGuard() throws {
        let database = folder.file("guard.db")
        _ = try DotworkProcess.run(["init", "--db", database])
        let customers = try write("customers.csv", "customer_id,name,region\nX1,=HYPERLINK(\"x\"),-North\nX2,Plain,North\n")
        let imported = try DotworkProcess.run(["import", "customers", customers, "--db", database])
        #expect(imported.status == 0, "\(imported.stderr)")
        let rule = try write("guard.rule", "rule \"g\"\nwhen customer_id = \"X1\"\nthen flag \"f\"\nvalid 1 day\n")
        let guarded = try DotworkProcess.run(["rule", "preview", rule, "--format", "csv", "--db", database])
        #expect(guarded.status == 0, "\(guarded.stderr)")
        #expect(guarded.stdout.contains("X1,target,\"'=HYPERLINK(\"\"x\"\")\",'-North,none,0.00,\r\n"))
        let raw = try DotworkProcess.run(["rule", "preview", rule, "--format", "csv", "--raw-text", "--db", database])
        #expect(raw.stdout.contains("X1,target,\"=HYPERLINK(\"\"x\"\")\",-North,none,0.00,\r\n"))
    }

    // MARK: check

    @Test("check accepts the golden rules")
    func checkGolden() throws {
        for name in Self.goldenRules {
            let result = try GoldenCommandTests.dotwork(["rule", "check", "\(Self.rules)/\(name).rule"])
            #expect(result.status == 0, "\(name): \(result.stderr)")
            #expect(result.stdout.hasPrefix("rule \(name) is valid\n"))
            #expect(result.stderr.isEmpty, "\(name)")
        }
    }

    @Test("check reports every error with place, caret and help")
    func checkErrors() throws {
        let path = try write(
            "bad.rule",
            """
            # A broken rule
            rule "Kin Upgrade"
            when count(reveiw) > 0 and tier >= joinr
            then offer "gift" value 10.001 cost 4
            valid 30 days
            hodout 10%

            """)
        let result = try GoldenCommandTests.dotwork(["rule", "check", path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let stderr = result.stderr
        for (header, place) in [
            ("error[invalid-name]", ":2:6"), ("error[unknown-kind]", ":3:12"), ("error[unknown-name]", ":3:36"),
            ("error[amount-decimals]", ":4:25"), ("error[unknown-clause]", ":6:1"),
        ] {
            #expect(stderr.contains(header), "\(header)")
            #expect(stderr.contains(" --> \(path)\(place)\n"), "\(place)")
        }
        #expect(stderr.contains("3 | when count(reveiw) > 0 and tier >= joinr\n  |            ^^^^^^\n"))
        #expect(stderr.contains("help: did you mean 'review'?"))
        #expect(stderr.contains("help: did you mean \"kin-upgrade\"?"))
        #expect(stderr.contains("help: did you mean 'holdout'?"))
        #expect(stderr.hasSuffix("error: \(path) has 5 errors; the rule cannot run until they are fixed\n"))
    }

    @Test("check passes with warnings and prints them")
    func checkWarnings() throws {
        let path = try write(
            "warn.rule", "rule \"kin-three\"\nwhen bought(sku \"KIN-THREE\")\nthen flag \"early\"\nvalid 10 days\n")
        let result = try GoldenCommandTests.dotwork(["rule", "check", path])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("rule kin-three is valid (1 warning)\n"))
        #expect(result.stderr.hasPrefix("warning[unknown-sku]: no product with SKU \"KIN-THREE\" in the warehouse yet\n"))
    }

    @Test("preview of a rule with errors fails")
    func previewErrors() throws {
        let path = try write("bad.rule", "rule \"r\"\nwhen count(reveiw) > 0\nthen flag \"f\"\nvalid 1 day\n")
        let result = try GoldenCommandTests.dotwork(["rule", "preview", path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("error[unknown-kind]"))
    }

    @Test("unreadable rule files fail with exit 1")
    func unreadable() throws {
        let missing = try GoldenCommandTests.dotwork(["rule", "check", folder.file("none.rule")])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("error: rule file '\(folder.file("none.rule"))' not found\n"))
        let latin1 = folder.file("latin1.rule")
        try Data("rule \"r\"\nwhen region = \"Île\"".utf8.map { $0 }.prefix(24) + [0xCE, 0x6C]).write(to: URL(fileURLWithPath: latin1))
        let invalid = try GoldenCommandTests.dotwork(["rule", "check", latin1])
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("is not valid UTF-8 at 2:16"))
    }

    @Test("rule --help lists its commands")
    func help() throws {
        let result = try DotworkProcess.run(["rule", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("  rule check "))
        #expect(result.stdout.contains("  rule preview "))
        let preview = try DotworkProcess.run(["rule", "preview", "--help"])
        #expect(preview.stdout.hasPrefix("usage: dotwork rule preview FILE [options]"))
        #expect(preview.stdout.contains("--limit N"))
        let bare = try DotworkProcess.run(["rule"])
        #expect(bare.status == 2)
        #expect(bare.stderr.hasPrefix("error: 'dotwork rule' needs one of: check, preview"))
    }
}
