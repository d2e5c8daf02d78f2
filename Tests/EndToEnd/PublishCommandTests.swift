import Foundation
import Testing

/// Drafts, publishing, withdrawal, the rule list and the audit through the binary, each test
/// on its own copy of the golden warehouse. Two users are simulated with `DOTWORK_TEST_USER`,
/// which only debug builds honour.
@Suite("Publish commands")
struct PublishCommandTests {
    let folder = ScratchFolder()
    let warehouse: String

    /// The golden warehouse with its derived data, built once through the binary.
    static let template: String = {
        let path = GoldenCommandTests.warehouse
        // Build the derived data now, while no test copies the files.
        _ = try! DotworkProcess.run(["stats", "--db", path])
        return path
    }()

    init() throws {
        warehouse = folder.file("warehouse.db")
        try FileManager.default.copyItem(atPath: PublishCommandTests.template, toPath: warehouse)
        let derived = PublishCommandTests.template + ".derived"
        if FileManager.default.fileExists(atPath: derived) {
            try FileManager.default.copyItem(atPath: derived, toPath: warehouse + ".derived")
        }
    }

    func dotwork(_ arguments: [String], user: String = "alice", now: String = "2026-01-10T09:00:00Z") throws
        -> DotworkProcess.Result
    {
        try DotworkProcess.run(
            arguments + ["--db", warehouse], environment: ["DOTWORK_TEST_USER": user, "DOTWORK_NOW": now])
    }

    func ruleFile(_ name: String) -> String {
        RuleCommandTests.rules + "/\(name).rule"
    }

    /// Saves and previews the golden rule `name` as `user`.
    func prepare(_ name: String, user: String = "alice", extra: [String] = []) throws {
        let save = try dotwork(["rule", "save", ruleFile(name)], user: user)
        #expect(save.status == 0, "stderr: \(save.stderr)")
        let preview = try dotwork(["rule", "preview", ruleFile(name), "--limit", "0"] + extra, user: user)
        #expect(preview.status == 0, "stderr: \(preview.stderr)")
    }

    var outbox: String { folder.file("outbox") }

    static func sha256(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = readAll(pipe.fileHandleForReading)
        process.waitUntilExit()
        return String(String(decoding: output, as: UTF8.self).prefix(64))
    }

    /// Returns the field names of the `rule.json` table in docs/outbox.md.
    static func documentedFields() throws -> [String] {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/outbox.md").path
        let text = try String(contentsOfFile: docs, encoding: .utf8)
        let section = text.components(separatedBy: "## rule.json")[1].components(separatedBy: "\n## ")[0]
        return section.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, cells[0].hasPrefix("`"), cells[0].hasSuffix("`") else { return nil }
            return String(cells[0].dropFirst().dropLast())
        }
    }

    @Test("customer views show the versions that hit them")
    func customerDecisions() throws {
        let before = try dotwork(["customer", "C03"])
        #expect(before.stdout.contains("published rules: none hit or held out this customer"))

        try prepare("big-spenders")
        #expect(try dotwork(["rule", "publish", "big-spenders", "--outbox", outbox]).status == 0)
        let target = try dotwork(["customer", "C03"], now: "2026-01-11T09:00:00Z")
        #expect(target.status == 0, "stderr: \(target.stderr)")
        #expect(target.stdout.contains("big-spenders  v1       target  2012-04-20  2026-01-10T09:00:00Z  valid"))
        let holdout = try dotwork(["customer", "C01"], now: "2027-01-11T09:00:00Z")
        #expect(holdout.stdout.contains("big-spenders  v1       holdout  2012-04-20  2026-01-10T09:00:00Z  expired"))
        let missed = try dotwork(["customer", "C02"])
        #expect(missed.stdout.contains("published rules: none hit or held out this customer"))

        // The workbench reads the same versions, at the real clock, long after they expired.
        let session = try TmuxSession(workbench: warehouse, in: folder.path, width: 200, height: 30)
        defer { session.kill() }
        session.waitFor("Cohorts by signup-month")
        try session.send("4")
        session.waitFor("search: ")
        try session.type("C03")
        session.waitFor("1 customer")
        try session.send("Enter", "Enter")
        session.waitFor("rules: big-spenders v1 hit (published 2026-01-10T09:00:00Z, expired)")
    }

    @Test("draft to published version with its outbox")
    func publishFlow() throws {
        try prepare("big-spenders")
        let result = try dotwork(["rule", "publish", "big-spenders", "--outbox", outbox])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.hasPrefix("published big-spenders v1 as of 2012-04-20: 1 target, 1 holdout\n"))
        let version = outbox + "/big-spenders/v1"
        #expect(try FileManager.default.contentsOfDirectory(atPath: outbox + "/big-spenders") == ["v1"])
        let targets = try String(contentsOfFile: version + "/targets.csv", encoding: .utf8)
        #expect(targets == "customer_id,email\r\nC03,Home@Ortiz.Example\r\n")
        let holdout = try String(contentsOfFile: version + "/holdout.csv", encoding: .utf8)
        #expect(holdout == "customer_id,email\r\nC01,ada@example.com\r\n")

        let data = try Data(contentsOf: URL(fileURLWithPath: version + "/rule.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let fields = try PublishCommandTests.documentedFields()
        #expect(fields.count >= 18)
        #expect(Set(manifest.keys) == Set(fields))
        #expect(manifest["schema_version"] as? Int == 1)
        #expect(manifest["name"] as? String == "big-spenders")
        #expect(manifest["version"] as? Int == 1)
        #expect(manifest["text"] as? String == (try String(contentsOfFile: ruleFile("big-spenders"), encoding: .utf8)))
        #expect(manifest["action"] as? String == "offer")
        #expect(manifest["action_name"] as? String == "vip-gift")
        #expect(manifest["value_minor_units"] as? Int == 3000)
        #expect(manifest["cost_minor_units"] as? Int == 1200)
        #expect(manifest["currency"] as? String == "USD")
        #expect(manifest["valid_from"] as? String == "2026-01-10T09:00:00Z")
        #expect(manifest["valid_until"] as? String == "2026-02-09T09:00:00Z")
        #expect(manifest["as_of"] as? String == "2012-04-20")
        #expect(manifest["published_by"] as? String == "alice")
        #expect(manifest["target_count"] as? Int == 1)
        #expect(manifest["holdout_count"] as? Int == 1)
        #expect(manifest["targets_sha256"] as? String == (try PublishCommandTests.sha256(version + "/targets.csv")))
        #expect(manifest["holdout_sha256"] as? String == (try PublishCommandTests.sha256(version + "/holdout.csv")))

        let list = try dotwork(["rule", "list", "--format", "csv"])
        #expect(list.stdout.contains("big-spenders,published v1,v1,2026-02-09T09:00:00Z,alice,alice\r\n"))
        let audit = try dotwork(["audit", "--format", "csv"])
        let lines = audit.stdout.split(separator: "\r\n")
        #expect(lines.first == "at,user,action,subject,counts")
        #expect(lines.contains("2026-01-10T09:00:00Z,alice,publish,big-spenders v1,\"1 target, 1 holdout\""))
        #expect(lines.filter { $0.contains(",import,") }.count == 7)
    }

    @Test("publish without a preview or a draft fails")
    func refusals() throws {
        let save = try dotwork(["rule", "save", ruleFile("big-spenders")])
        #expect(save.status == 0)
        let unpreviewed = try dotwork(["rule", "publish", "big-spenders"])
        #expect(unpreviewed.status == 1)
        #expect(unpreviewed.stderr.contains("error: user alice has not previewed the draft text of rule big-spenders"))
        let noDraft = try dotwork(["rule", "publish", "big-spenders"], user: "bob")
        #expect(noDraft.status == 1)
        #expect(noDraft.stderr.contains("dotwork rule show big-spenders --user alice"))
        let badName = try dotwork(["rule", "publish", "Big Spenders"])
        #expect(badName.status == 2)
    }

    @Test("stale base between two users")
    func staleBase() throws {
        try prepare("big-spenders", user: "alice")
        try prepare("big-spenders", user: "bob")
        #expect(try dotwork(["rule", "publish", "big-spenders"], user: "alice").status == 0)
        let late = try dotwork(["rule", "publish", "big-spenders"], user: "bob", now: "2026-01-10T10:00:00Z")
        #expect(late.status == 1)
        #expect(
            late.stderr.contains(
                "error: your draft of rule big-spenders is based on no published version, but alice published v1 at 2026-01-10T09:00:00Z"))
        #expect(late.stderr.contains("--rebase"))
        let diff = try dotwork(["rule", "diff", "big-spenders"], user: "bob")
        #expect(diff.stdout.hasPrefix("--- big-spenders v1, published by alice at 2026-01-10T09:00:00Z\n"))
        #expect(diff.stdout.hasSuffix("(no change)\n"))
        let rebased = try dotwork(["rule", "save", ruleFile("big-spenders"), "--rebase"], user: "bob")
        #expect(rebased.stdout == "saved the draft of big-spenders by bob, based on v1\n")
        #expect(try dotwork(["rule", "publish", "big-spenders"], user: "bob").status == 0)
    }

    @Test("another user's draft is readable, not writable")
    func otherUsersDraft() throws {
        #expect(try dotwork(["rule", "save", ruleFile("big-spenders")], user: "alice").status == 0)
        let shown = try dotwork(["rule", "show", "big-spenders", "--user", "alice"], user: "bob")
        #expect(shown.status == 0)
        #expect(shown.stdout == (try String(contentsOfFile: ruleFile("big-spenders"), encoding: .utf8)))
        let copy = folder.file("copy.rule")
        try (shown.stdout.replacingOccurrences(of: "spend() > 100", with: "spend() > 150")).write(
            toFile: copy, atomically: true, encoding: .utf8)
        #expect(try dotwork(["rule", "save", copy], user: "bob").status == 0)
        let alices = try dotwork(["rule", "show", "big-spenders", "--user", "alice"], user: "bob")
        #expect(alices.stdout.contains("spend() > 100"))
        let bobs = try dotwork(["rule", "show", "big-spenders"], user: "bob")
        #expect(bobs.stdout.contains("spend() > 150"))
        let diff = try dotwork(["rule", "diff", "big-spenders"], user: "bob")
        #expect(diff.stdout.hasPrefix("--- big-spenders, not published yet\n+++ big-spenders, draft of bob saved at "))
        #expect(diff.stdout.contains("\n+when spend() > 150 or tier = creator\n"))
    }

    @Test("past as-of needs --allow-past-as-of")
    func pastAsOf() throws {
        try prepare("big-spenders", extra: ["--as-of", "2012-03-31"])
        let refused = try dotwork(["rule", "publish", "big-spenders", "--as-of", "2012-03-31"])
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains(
                "publishing rule big-spenders as of 2012-03-31 instead of the default 2012-04-20 needs --allow-past-as-of"))
        let allowed = try dotwork(["rule", "publish", "big-spenders", "--as-of", "2012-03-31", "--allow-past-as-of"])
        #expect(allowed.status == 0, "stderr: \(allowed.stderr)")
        let manifest = try String(contentsOfFile: folder.file("outbox/big-spenders/v1/rule.json"), encoding: .utf8)
        #expect(manifest.contains("\"as_of\" : \"2012-03-31\""))
    }

    @Test("withdraw and expiry follow DOTWORK_NOW")
    func withdrawAndExpiry() throws {
        try prepare("big-spenders")
        try prepare("care-big-return")
        #expect(try dotwork(["rule", "publish", "big-spenders"]).status == 0)
        #expect(try dotwork(["rule", "publish", "care-big-return"]).status == 0)
        func states(_ now: String) throws -> [String] {
            try dotwork(["rule", "list", "--format", "csv"], now: now).stdout.split(separator: "\r\n").dropFirst().map {
                $0.split(separator: ",").prefix(2).joined(separator: ",")
            }
        }
        #expect(try states("2026-01-12T00:00:00Z") == ["big-spenders,published v1", "care-big-return,published v1"])
        let withdrawn = try dotwork(["rule", "withdraw", "big-spenders"], user: "bob", now: "2026-01-12T00:00:00Z")
        #expect(withdrawn.status == 0, "stderr: \(withdrawn.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.file("outbox/big-spenders/v1/withdrawn.json")))
        // care-big-return is valid for 7 days from 2026-01-10T09:00:00Z.
        #expect(try states("2026-01-17T08:59:59Z") == ["big-spenders,withdrawn", "care-big-return,published v1"])
        #expect(try states("2026-01-17T09:00:00Z") == ["big-spenders,withdrawn", "care-big-return,expired"])
        let late = try dotwork(["rule", "withdraw", "care-big-return"], now: "2026-01-18T00:00:00Z")
        #expect(late.status == 1)
        #expect(late.stderr.contains("already expired at 2026-01-17T09:00:00Z"))
        let history = try dotwork(["rule", "history", "big-spenders", "--format", "csv"], now: "2026-01-12T00:00:00Z")
        #expect(history.stdout.contains("v1,withdrawn,2012-04-20,alice,2026-01-10T09:00:00Z,2026-02-09T09:00:00Z,1,1,bob,2026-01-12T00:00:00Z\r\n"))
        let edited = folder.file("edited.rule")
        try (try String(contentsOfFile: ruleFile("big-spenders"), encoding: .utf8) + "# edited\n").write(
            toFile: edited, atomically: true, encoding: .utf8)
        #expect(try dotwork(["rule", "save", edited], user: "carol").status == 0)
        #expect(try states("2026-01-12T00:00:00Z").contains("big-spenders,withdrawn"))
    }

    /// The state a crash after each step leaves, and what the next start-up makes of it.
    static let crashCases: [(step: String, isKept: Bool)] = [
        ("hits-computed", false), ("temporary-folder-written", false), ("pending-committed", true),
        ("folder-renamed", true), ("marked-written", true),
    ]

    @Test("crash at each step is repaired at start-up", arguments: crashCases.map(\.step))
    func crashRepair(_ step: String) throws {
        let isKept = PublishCommandTests.crashCases.first { $0.step == step }!.isKept
        try prepare("big-spenders")
        let crashed = try DotworkProcess.run(
            ["rule", "publish", "big-spenders", "--db", warehouse],
            environment: ["DOTWORK_TEST_USER": "alice", "DOTWORK_NOW": "2026-01-10T09:00:00Z", "DOTWORK_TEST_CRASH_AFTER": step])
        #expect(crashed.status == 70)
        #expect(crashed.stdout.isEmpty)
        let list = try dotwork(["rule", "list", "--format", "csv"])
        #expect(list.status == 0)
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: outbox + "/big-spenders")) ?? []).sorted()
        // The audit log records a publish once its version is written, and never one that was removed.
        let audit = try dotwork(["audit", "--format", "csv"])
        #expect(audit.stdout.split(separator: "\r\n").filter { $0.contains(",publish,big-spenders v1,") }.count == (isKept ? 1 : 0))
        if isKept {
            #expect(entries == ["v1"])
            #expect(list.stdout.contains("big-spenders,published v1,"))
            if step == "pending-committed" || step == "folder-renamed" {
                #expect(list.stderr.contains("note: finished the interrupted publish of big-spenders v1"))
            }
            let manifest = try String(contentsOfFile: outbox + "/big-spenders/v1/rule.json", encoding: .utf8)
            #expect(manifest.contains(try PublishCommandTests.sha256(outbox + "/big-spenders/v1/targets.csv")))
        } else {
            #expect(entries.isEmpty)
            #expect(list.stdout.contains("big-spenders,draft,"))
            #expect(try dotwork(["rule", "publish", "big-spenders"]).status == 0)
        }
    }

    @Test("preview shows overlap and differences")
    func previewComparison() throws {
        try prepare("big-spenders")
        #expect(try dotwork(["rule", "publish", "big-spenders"]).status == 0)
        let preview = try dotwork(["rule", "preview", ruleFile("merch-regulars"), "--limit", "0"])
        #expect(preview.status == 0)
        // merch-regulars targets C01, C08 and C09; big-spenders v1 targets C03 only.
        #expect(RuleCommandTests.summaryValue("overlap big-spenders v1", in: preview.stdout) == "0 of these targets are among its 1")
        #expect(RuleCommandTests.summaryValue("published", in: preview.stdout) == "none yet")
        let again = try dotwork(["rule", "preview", ruleFile("big-spenders"), "--limit", "0", "--format", "csv"])
        #expect(again.stderr.contains("note: vs its frozen list: 0 hits added, 0 removed (what changed since publish)"))
    }

    @Test("help lists the publishing commands")
    func help() throws {
        let group = try DotworkProcess.run(["rule", "--help"])
        #expect(group.status == 0)
        for command in ["save", "show", "publish", "withdraw", "list", "history", "diff"] {
            #expect(group.stdout.contains("  rule \(command) "), "rule \(command) is missing from rule --help")
        }
        let publish = try DotworkProcess.run(["rule", "publish", "--help"])
        #expect(publish.stdout.hasPrefix("usage: dotwork rule publish NAME [options]"))
        #expect(publish.stdout.contains("--allow-past-as-of"))
        #expect(publish.stdout.contains("--outbox DIR"))
        let overview = try DotworkProcess.run(["--help"])
        #expect(overview.stdout.contains("  audit "))
    }
}
