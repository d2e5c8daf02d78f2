import Foundation
import Testing

/// The Rules screen through the real binary in tmux, each test on its own copy of the golden
/// warehouse, as user alice at a fixed clock. The tests type a rule, compare its live preview
/// with `dotwork rule preview`, publish into the outbox, and find drafts after `kill -9`,
/// SIGHUP and a closed tmux pane or session.
@Suite("Rules screen in tmux")
struct RulesScreenTmuxTests {
    let folder = ScratchFolder()
    let warehouse: String
    static let environment = ["DOTWORK_TEST_USER": "alice", "DOTWORK_NOW": "2026-01-10T09:00:00Z"]

    init() throws {
        warehouse = folder.file("warehouse.db")
        try FileManager.default.copyItem(atPath: PublishCommandTests.template, toPath: warehouse)
        let derived = PublishCommandTests.template + ".derived"
        if FileManager.default.fileExists(atPath: derived) {
            try FileManager.default.copyItem(atPath: derived, toPath: warehouse + ".derived")
        }
    }

    /// Starts the workbench on the copy, as alice, under `sh` as the other workbench tests do.
    func session(width: Int = 200, height: Int = 32) throws -> TmuxSession {
        let wrapper = "cd \"$0\" && \"$1\" --db \"$2\"; echo \"[exit $?]\"; exec sleep 600"
        var environment = RulesScreenTmuxTests.environment
        environment["TERM"] = "xterm-256color"
        environment["HOME"] = folder.path
        environment["DOTWORK_CONFIG"] = "/nonexistent/dotwork.conf"
        return try TmuxSession(
            width: width, height: height, environment: environment,
            command: ["sh", "-c", wrapper, folder.path, DotworkProcess.binaryPath, warehouse])
    }

    func dotwork(_ arguments: [String]) throws -> DotworkProcess.Result {
        try DotworkProcess.run(arguments + ["--db", warehouse], environment: RulesScreenTmuxTests.environment)
    }

    /// Opens a new rule from the template, in edit mode, and replaces its `when` line.
    func startRule(_ session: TmuxSession, when condition: String) throws {
        session.waitFor("Cohorts by signup-month")
        try session.send("3")
        session.waitFor("No rule has a draft or a version yet")
        try session.send("a")
        session.waitFor("Rule new-rule: editing")
        // The template's third line is its `when` clause.
        try session.send("Down", "Down", "C-a", "C-k")
        try session.type("when " + condition)
    }

    @Test("a typed rule previews like the CLI and publishes into the outbox")
    func typePreviewPublish() throws {
        let session = try session()
        defer { session.kill() }
        try startRule(session, when: "spend() > 100 or tier = creatr")
        session.waitFor("error: 3:30: ")
        session.waitFor("preview: fix the errors to see the figures")
        // The typo is drawn underlined (SGR 4) by the default theme's syntax-error role.
        let coloured = try session.capture(escapes: true)
        let typoLine = try #require(coloured.split(separator: "\n").first { $0.contains("creatr") })
        #expect(typoLine.contains("4m") || typoLine.contains(";4;") || typoLine.contains("[4;"), "no underline in: \(typoLine)")

        try session.send("BSpace", "BSpace")
        try session.type("tor")
        let screen = session.waitUntil("the count of the fixed rule") { $0.contains("hits 2 · target 2 · holdout 0") } ?? ""
        #expect(!screen.contains("error:"))

        // The draft contains exactly the text on screen; the CLI previews that text.
        let draft = try waitForDraft(containing: "tier = creator")
        let file = folder.file("new-rule.rule")
        try draft.write(toFile: file, atomically: true, encoding: .utf8)
        let preview = try dotwork(["rule", "preview", file, "--limit", "0"])
        #expect(preview.status == 0, "stderr: \(preview.stderr)")
        #expect(preview.stdout.contains("hits              2\n"))
        #expect(preview.stdout.contains("target            2\n"))

        try session.send("Escape")
        session.waitFor("Rule new-rule: browsing")
        try session.send("P")
        session.waitFor("Publish new-rule v1: 2 hits, 2 target, 0 holdout, max cost 8.00 USD, no overlaps? [y/N]")
        try session.send("y")
        let outbox = folder.file("outbox/new-rule/v1")
        session.waitFor("published v1; outbox:")
        #expect(FileManager.default.fileExists(atPath: outbox + "/rule.json"))
        #expect(FileManager.default.fileExists(atPath: outbox + "/targets.csv"))
        let list = try dotwork(["rule", "list"])
        #expect(list.stdout.contains("new-rule  published v1"))

        // The results panel says what `dotwork rule measure` says of the new version.
        try session.send("M")
        session.waitFor("results of v1, target against holdout (M measures again):")
        let measured = try dotwork(["rule", "measure", "new-rule", "--format", "csv"])
        #expect(measured.status == 0, "stderr: \(measured.stderr)")
        let statement = try #require(measured.stderr.split(separator: "\n").last { $0.hasPrefix("note: ") }).dropFirst("note: ".count)
        session.waitFor(String(statement.prefix(60)))
    }

    /// Returns alice's draft of new-rule once it contains `text`, as `dotwork rule show` prints it.
    func waitForDraft(containing text: String) throws -> String {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            let shown = try dotwork(["rule", "show", "new-rule"])
            if shown.status == 0 && shown.stdout.contains(text) {
                return shown.stdout
            }
            usleep(50_000)
        }
        Issue.record("the draft of new-rule never contained '\(text)'")
        return ""
    }

    @Test("kill -9 one second after the last key keeps the draft")
    func draftSurvivesKill() throws {
        let session = try session()
        try startRule(session, when: "tier >= critic")
        try session.send("Down", "Down", "Down", "C-e", "Enter")
        try session.type("# typed just before the kill")
        session.waitFor("line 7, column 29")
        sleep(1)
        let pid = try #require(try session.demoPID())
        #expect(Glibc.kill(pid, SIGKILL) == 0)
        session.waitFor("[exit 137]")
        session.kill()

        let restarted = try self.session()
        defer { restarted.kill() }
        restarted.waitFor("Cohorts by signup-month")
        try restarted.send("3")
        restarted.waitFor("Rules: 1 rule")
        try restarted.send("Enter")
        restarted.waitFor("# typed just before the kill")
        restarted.waitFor("when tier >= critic")
    }

    /// The rule the hang-up tests type in full.
    static let typedRule = [
        "# typed in full, then the terminal hangs up",
        "rule \"hangup-draft\"",
        "when tier >= critic and spend(90 days) > 20",
        "then offer \"hangup-offer\" value 12.50 cost 3.00",
        "valid 14 days",
        "holdout 5%",
        "# the last line, typed just before the hang-up",
    ]

    /// Polls `dotwork rule show` until alice's draft of hangup-draft is `lines`, and returns
    /// what it printed last. Records a failure when the draft still differs at the deadline.
    @discardableResult
    func waitForTypedDraft(_ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let expected = lines.joined(separator: "\n") + "\n"
        let deadline = ContinuousClock.now + TmuxSession.deadline
        var shown = try dotwork(["rule", "show", "hangup-draft"])
        while shown.stdout != expected && ContinuousClock.now < deadline {
            usleep(50_000)
            shown = try dotwork(["rule", "show", "hangup-draft"])
        }
        #expect(shown.stdout == expected, "stderr: \(shown.stderr)", sourceLocation: sourceLocation)
        return shown.stdout
    }

    /// A hang-up while the last line is unsaved: SIGHUP sent with kill, or the tmux pane or
    /// session closed as when a terminal window is closed.
    ///
    /// Another writer holds `rules.db`'s write lock while the last line is typed and the
    /// hang-up arrives, as a publish from another session might, so the draft writer cannot
    /// commit that line on its own timer. The line reaches the file only when the workbench
    /// waits for its queued draft on the way out, which is the work the hang-up must do. The
    /// lock is held for less than the store's busy timeout of 5 seconds.
    @Test("a hang-up saves the draft exactly as typed", arguments: ["SIGHUP", "kill-pane", "kill-session"])
    func draftSurvivesHangUp(hangUp: String) throws {
        let session = try session()
        defer { session.kill() }
        session.waitFor("Cohorts by signup-month")
        try session.send("3")
        session.waitFor("No rule has a draft or a version yet")
        let lines = RulesScreenTmuxTests.typedRule
        try session.typeNewRule(Array(lines.dropLast()))
        try waitForTypedDraft(Array(lines.dropLast()))

        let lock = try SQLiteCLI.holdWriteLock(folder.file("rules.db"))
        try session.send("Enter")
        try session.type(lines[lines.count - 1])
        session.waitFor("line \(lines.count), column \(lines[lines.count - 1].count + 1)")
        let pid = try #require(try session.demoPID())
        if hangUp == "SIGHUP" {
            #expect(Glibc.kill(pid, SIGHUP) == 0)
        } else {
            try session.closePane(with: hangUp)
        }
        // While the lock is held the last line cannot be written, so the workbench must
        // still be waiting for its draft writer a second later rather than ending without it.
        let endedWhileLocked = waitForProcessExit(pid, timeout: .seconds(1))
        #expect(!endedWhileLocked, "the workbench ended while its last line could not be written yet")
        try lock.release()

        if hangUp == "SIGHUP" {
            // 128 + SIGHUP. The terminal is still there, so the workbench restores it and
            // prints why it stopped.
            #expect(session.waitForExit() == 129)
            let screen = try session.capture()
            #expect(screen.contains("dotwork: the workbench stopped on SIGHUP"))
            #expect(!screen.contains("Rule hangup-draft: editing"))
        } else {
            // The pane and its shell are gone, so no exit status can be read: the workbench
            // must end by itself.
            #expect(waitForProcessExit(pid), "the workbench (pid \(pid)) still runs after \(hangUp)")
        }
        // The process has ended, so the draft must already be complete: no waiting here.
        let shown = try dotwork(["rule", "show", "hangup-draft"])
        #expect(shown.status == 0, "stderr: \(shown.stderr)")
        #expect(shown.stdout == lines.joined(separator: "\n") + "\n")
        #expect(try SQLiteCLI.integrityCheck(warehouse) == "ok")
        #expect(try SQLiteCLI.integrityCheck(folder.file("rules.db")) == "ok")
        let list = try dotwork(["rule", "list"])
        #expect(list.status == 0, "stderr: \(list.stderr)")
        #expect(list.stdout.contains("hangup-draft  draft"), "rule list printed:\n\(list.stdout)")
    }
}
