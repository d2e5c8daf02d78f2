import Analysis
import Expressions
import Foundation
import Rules
import Terminal
import Testing
import Warehouse

@testable import Workbench

/// A workbench on the golden warehouse with the Rules screen shown and a rules store of its
/// own in a temporary folder.
final class RuleBench {
    let folder: String
    let bench: Bench
    let rules: RulesScreen

    init(columns: Int = 120, rows: Int = 30) throws {
        folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("dotwork-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let setting = RuleSetting(
            storePath: folder + "/rules.db", outboxRoot: folder + "/outbox", user: "alice",
            environment: ["DOTWORK_NOW": "2026-01-10T09:00:00Z"])
        bench = try Bench(columns: columns, rows: rows, ruleSetting: setting)
        bench.press("3")
        rules = try #require(bench.app.currentScreen as? RulesScreen)
        settle()
    }

    /// Waits for the rule worker and the draft writer, then delivers what they posted.
    func settle() {
        rules.worker.waitUntilIdle()
        rules.drafts.waitUntilWritten()
        bench.settle()
    }

    /// Opens a new editor on `text` and returns it with the instant its first preview is
    /// due, its clock stopped there.
    func open(_ text: String) throws -> (RuleEditorScreen, ContinuousClock.Instant) {
        rules.open(text: text)
        let editor = try #require(bench.app.currentScreen as? RuleEditorScreen)
        let start = try #require(editor.previewDeadline)
        editor.clock = { start }
        return (editor, start)
    }

    func store() throws -> RuleStore {
        try RuleStore.open(at: folder + "/rules.db", outboxRoot: nil)
    }
}

/// Returns the number of hits of a rule text, computed with the library as `dotwork rule preview` does.
func expectedHits(_ text: String) throws -> Int {
    let warehouse = try Warehouse.open(at: GoldenFixture.warehousePath, readOnly: true)
    let rule = try #require(RuleChecker(catalog: try WarehouseCatalog(warehouse: warehouse)).check(text).rule)
    let setting = try GoldenFixture.setting()
    return try RulePreview(rule: rule, engine: try AnalysisEngine(warehouse: warehouse), asOf: setting.asOf).hits.count
}

let bigSpenders = """
    rule "big-spenders"
    when spend() > 100 or tier = creator
    then offer "vip-gift" value 30.00 cost 12.00
    valid 30 days
    holdout 66.67%
    """

@Suite("Rule editor")
struct RuleEditorTests {
    /// Types text at the editor's clock, one key every `gap`, and returns the time after the last key.
    func type(_ text: String, into editor: RuleEditorScreen, keyMap: KeyMap, from start: ContinuousClock.Instant, gap: Duration)
        -> ContinuousClock.Instant
    {
        var now = start
        for scalar in text.unicodeScalars {
            now += gap
            let instant = now
            editor.clock = { instant }
            _ = editor.handleEditing(.character(scalar), keyMap: keyMap)
            _ = editor.fire(now: instant)
        }
        return now
    }

    @Test("a burst of keys runs one preview")
    func burstRunsOnePreview() throws {
        let bench = try RuleBench()
        let (editor, start) = try bench.open(bigSpenders)
        _ = editor.fire(now: start)
        #expect(bench.rules.worker.previewsRequested == 1)
        bench.settle()

        _ = editor.editor.move { $0.moveCursor(to: .init(line: 1, column: 18)) }
        let last = type("0", into: editor, keyMap: bench.bench.app.keyMap, from: start, gap: .milliseconds(20))
        let end = type(" ", into: editor, keyMap: bench.bench.app.keyMap, from: last, gap: .milliseconds(140))
        #expect(editor.editor.text.contains("spend() > 1000 "))
        #expect(bench.rules.worker.previewsRequested == 1)
        _ = editor.fire(now: end + .milliseconds(149))
        #expect(bench.rules.worker.previewsRequested == 1)
        _ = editor.fire(now: end + .milliseconds(150))
        #expect(bench.rules.worker.previewsRequested == 2)
        bench.settle()
        #expect(editor.isCurrent)
        #expect(editor.figures?.hits == (try expectedHits(editor.editor.text)))
        #expect(editor.comparison != nil)
    }

    @Test("stale results are dropped")
    func staleResultsDropped() throws {
        let bench = try RuleBench()
        let (editor, start) = try bench.open(bigSpenders)
        _ = editor.fire(now: start)
        let first = try #require(editor.acceptedGeneration)
        _ = editor.editor.move { $0.moveToDocumentEnd() }
        let end = type("\n", into: editor, keyMap: bench.bench.app.keyMap, from: start, gap: .milliseconds(10))
        _ = editor.fire(now: end + RuleEditorScreen.quietPeriod)
        let second = try #require(editor.acceptedGeneration)
        #expect(second > first)

        let stale = RulePreviewFigures(
            ruleName: "big-spenders", hits: 999, targets: 999, holdout: 0, optOutsRemoved: 0, fields: [], maxCost: nil,
            elapsed: .zero)
        #expect(editor.receive(.counted(generation: first, stale)) == false)
        #expect(editor.figures?.hits != 999)
        bench.settle()
        #expect(editor.isCurrent)
        #expect(editor.figures?.hits == 2)
        #expect(editor.receive(.counted(generation: first, stale)) == false)
        #expect(editor.figures?.hits == 2)
    }

    @Test("an error is underlined and its message shown in the status bar")
    func errorMarked() throws {
        let bench = try RuleBench()
        let (editor, start) = try bench.open(bigSpenders)
        _ = editor.editor.move { $0.moveCursor(to: .init(line: 1, column: 36)) }
        _ = type(" and count(reveiw) > 0", into: editor, keyMap: bench.bench.app.keyMap, from: start, gap: .milliseconds(5))
        #expect(editor.check.rule == nil)
        #expect(editor.previewDeadline == nil)
        let roles = editor.highlighter.roles[1]
        let line = Array(editor.editor.buffer.lines[1])
        let typo = try #require(String(line).range(of: "reveiw"))
        let typoStart = String(line).distance(from: String(line).startIndex, to: typo.lowerBound)
        #expect(roles[typoStart] == .syntaxError)
        #expect(roles[typoStart + 5] == .syntaxError)
        #expect(roles[0] == .syntaxKeyword)
        let screen = bench.bench.screen
        #expect(screen.contains("error: 2:48: unknown event kind 'reveiw' in count"))
        #expect(screen.contains("preview: fix the errors to see the figures"))
    }

    @Test("a draft is written after the first change")
    func draftWritten() throws {
        let bench = try RuleBench()
        let (editor, start) = try bench.open(bigSpenders)
        _ = editor.editor.move { $0.moveToDocumentEnd() }
        let end = type("\n# note", into: editor, keyMap: bench.bench.app.keyMap, from: start, gap: .milliseconds(10))
        #expect(editor.draftDeadline == start + .milliseconds(10) + RuleEditorScreen.draftDelay)
        _ = editor.fire(now: end + RuleEditorScreen.draftDelay)
        bench.settle()
        let draft = try #require(try bench.store().draft(of: "big-spenders", by: "alice"))
        #expect(draft.text == editor.editor.text)
        #expect(editor.savedTextSHA256 == draft.textSHA256)
    }

    @Test("publishing asks first, then writes the outbox")
    func publish() throws {
        let bench = try RuleBench(columns: 240)
        let (editor, start) = try bench.open(bigSpenders)
        _ = editor.fire(now: start)
        bench.settle()
        _ = bench.bench.app.handle(.key(.escape))
        bench.bench.press("P")
        let question = bench.bench.render().line(29)
        #expect(!FileManager.default.fileExists(atPath: bench.folder + "/outbox"))
        #expect(question.contains("Publish big-spenders v1: 2 hits, 1 target, 1 holdout, max cost 12.00 USD, no overlaps?"))
        bench.bench.press("y")
        bench.settle()
        let folder = bench.folder + "/outbox/big-spenders/v1"
        #expect(FileManager.default.fileExists(atPath: folder + "/rule.json"))
        #expect(bench.bench.screen.contains("published v1; outbox: \(folder)"))
        #expect(try bench.store().latestVersion(of: "big-spenders")?.publishedBy == "alice")
    }

    @Test("M measures the latest published version in the results panel")
    func measure() throws {
        let bench = try RuleBench(columns: 240, rows: 50)
        let (editor, start) = try bench.open(bigSpenders)
        _ = editor.fire(now: start)
        bench.settle()
        _ = bench.bench.app.handle(.key(.escape))

        bench.bench.press("M")
        bench.settle()
        #expect(editor.measurement == nil)
        #expect(editor.measureFailure?.contains("big-spenders") == true)
        #expect(bench.bench.screen.contains("not measured: "))

        bench.bench.press("P y")
        bench.settle()
        bench.bench.press("M")
        bench.settle()
        let measured = try #require(editor.measurement)
        #expect(measured.version.version == 1)
        let store = try bench.store()
        let version = try #require(try store.latestVersion(of: "big-spenders"))
        let warehouse = try Warehouse.open(at: GoldenFixture.warehousePath, readOnly: true)
        let expected = try RuleMeasurement.measure(
            version, hits: try store.hits(of: "big-spenders", version: 1), warehouse: warehouse.database,
            asOf: try GoldenFixture.setting().asOf)
        #expect(measured.statement == expected.statement)
        #expect(measured.target.customers == expected.target.customers)
        #expect(measured.holdout.customers == expected.holdout.customers)
        let screen = bench.bench.screen
        #expect(screen.contains("results of v1, target against holdout (M measures again):"))
        // The statement wraps at the panel's width, so its words are compared without line breaks.
        let words = screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "│" }).joined(separator: " ")
        #expect(words.contains(expected.statement.split(separator: " ").joined(separator: " ")))
    }

    @Test("a conflicting publish is shown and changes nothing")
    func publishConflict() throws {
        let bench = try RuleBench(columns: 240)
        let (editor, start) = try bench.open(bigSpenders)
        _ = editor.fire(now: start)
        bench.settle()
        // Bob publishes the same rule first, from his own draft.
        let store = try bench.store()
        let now = try #require(UTCTimestamp(stored: "2026-01-10T08:00:00Z"))
        try store.saveDraft(text: bigSpenders, ruleName: "big-spenders", user: "alice", at: now)
        try store.saveDraft(text: bigSpenders, ruleName: "big-spenders", user: "bob", at: now)
        let warehouse = try Warehouse.open(at: GoldenFixture.warehousePath, readOnly: true)
        let engine = try AnalysisEngine(warehouse: warehouse)
        let rule = try #require(RuleChecker(catalog: try WarehouseCatalog(warehouse: warehouse)).check(bigSpenders).rule)
        let asOf = try GoldenFixture.setting().asOf
        let preview = try RulePreview(rule: rule, engine: engine, asOf: asOf)
        try store.record(
            RecordedPreview(
                user: "bob", ruleName: "big-spenders", textSHA256: ruleTextChecksum(bigSpenders), asOf: asOf,
                hitCount: preview.hits.count, targetCount: preview.targetCount, holdoutCount: preview.holdoutCount,
                previewedAt: now.stored))
        _ = try Publisher(store: store, engine: engine).publish(
            PublishRequest(
                ruleName: "big-spenders", user: "bob", asOf: asOf, defaultAsOf: asOf, allowsPastAsOf: false,
                outbox: Outbox(root: bench.folder + "/outbox"), now: now))

        _ = bench.bench.app.handle(.key(.escape))
        bench.bench.press("P y")
        bench.settle()
        #expect(bench.bench.screen.contains("not published: your draft of rule big-spenders is based on no published version, but bob published v1"))
        #expect(try store.latestVersionNumber(of: "big-spenders") == 1)
        #expect(!FileManager.default.fileExists(atPath: bench.folder + "/outbox/big-spenders/v2"))
    }

    @Test("the list shows each rule's state and opens its draft")
    func list() throws {
        let bench = try RuleBench()
        let store = try bench.store()
        let now = try #require(UTCTimestamp(stored: "2026-01-10T08:00:00Z"))
        try store.saveDraft(text: bigSpenders + "\n# mine", ruleName: "big-spenders", user: "alice", at: now)
        bench.rules.reload()
        bench.settle()
        #expect(bench.rules.entries?.map(\.state) == ["draft"])
        bench.bench.press("Enter")
        let editor = try #require(bench.bench.app.currentScreen as? RuleEditorScreen)
        #expect(editor.editor.text == bigSpenders + "\n# mine")
    }

    @Test("wide terminals show editor and preview side by side, narrow ones stacked")
    func layout() throws {
        let wide = try RuleBench(columns: 100, rows: 24)
        let (editor, start) = try wide.open(bigSpenders)
        _ = editor.fire(now: start)
        wide.settle()
        let wideLine = wide.bench.render().line(2)
        #expect(wideLine.hasPrefix("1 rule \"big-spenders\""))
        #expect(wideLine.contains("│hits 2 · target 1 · holdout 1"))

        let narrow = try RuleBench(columns: 99, rows: 24)
        let (stacked, stackedStart) = try narrow.open(bigSpenders)
        _ = stacked.fire(now: stackedStart)
        narrow.settle()
        let screen = narrow.bench.render()
        #expect(screen.line(2) == "1 rule \"big-spenders\"")
        #expect((0..<24).contains { screen.line($0).hasPrefix("hits 2 · target 1 · holdout 1") })
    }
}

@Suite("Rule completion")
struct RuleCompletionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let id: String
        let before: String
        let insertion: String
        let candidates: Int
        var testDescription: String { id }
    }

    static let cases: [Case] = [
        Case(id: "function", before: "when days_s", insertion: "ince", candidates: 1),
        Case(id: "shared prefix", before: "when coun", insertion: "t", candidates: 2),
        Case(id: "event kind", before: "when count(revi", insertion: "ew", candidates: 1),
        Case(id: "sku", before: "when bought(sku \"KIN-O", insertion: "NE", candidates: 1),
        Case(id: "category", before: "when bought(category \"Ph", insertion: "ones", candidates: 1),
        Case(id: "nothing matches", before: "when zzz", insertion: "", candidates: 0),
    ]

    @Test("completes the word before the cursor", arguments: cases)
    func complete(_ testCase: Case) throws {
        let completion = try #require(
            RuleCompletion.complete(before: testCase.before, skus: ["KIN-ONE", "KIN-TWO", "CASE-1"], categories: ["Phones", "Merch"]))
        #expect(completion.insertion == testCase.insertion)
        #expect(completion.candidates.count == testCase.candidates)
    }

    @Test("no word means no completion, so Tab indents")
    func noWord() {
        #expect(RuleCompletion.complete(before: "when ", skus: [], categories: []) == nil)
        #expect(RuleCompletion.complete(before: "when \"x", skus: [], categories: []) == nil)
    }
}
