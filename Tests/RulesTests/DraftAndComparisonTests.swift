import Analysis
import Expressions
import Foundation
import Testing
import Warehouse

@testable import Rules

@Suite("Drafts and preview comparison")
struct DraftAndComparisonTests {
    @Test("another user's draft is readable, not writable")
    func otherUsersDraft() throws {
        let fixture = try PublishFixture()
        let text = PublishFixture.ruleText("north", when: #"region = "North""#)
        try fixture.store.saveDraft(text: text, ruleName: "north", user: "alice", at: fixture.now)
        let read = try #require(try fixture.store.draft(of: "north", by: "alice"))
        #expect(read.text == text)
        // Bob copies alice's draft and edits his copy: only his own row changes.
        try fixture.store.saveDraft(text: read.text + "# bob's edit\n", ruleName: "north", user: "bob", at: fixture.now)
        #expect(try fixture.store.draft(of: "north", by: "alice")?.text == text)
        #expect(try fixture.store.drafts(of: "north").map(\.user) == ["alice", "bob"])
        #expect(try fixture.store.draft(of: "north", by: "bob")?.text.hasSuffix("# bob's edit\n") == true)
    }

    @Test("saving again keeps the base version")
    func baseKept() throws {
        let fixture = try PublishFixture()
        let text = PublishFixture.ruleText("north", when: #"region = "North""#)
        try fixture.saveAndPreview(text, user: "alice")
        try fixture.store.saveDraft(text: text, ruleName: "north", user: "bob", at: fixture.now)
        try fixture.publish("north", user: "alice")
        #expect(try fixture.store.draft(of: "north", by: "alice")?.baseVersion == 1)
        try fixture.store.saveDraft(text: text + "\n", ruleName: "north", user: "bob", at: fixture.now)
        #expect(try fixture.store.draft(of: "north", by: "bob")?.baseVersion == nil)
        try fixture.store.saveDraft(text: text + "\n", ruleName: "north", user: "carol", at: fixture.now)
        #expect(try fixture.store.draft(of: "north", by: "carol")?.baseVersion == 1)
    }

    /// On the golden warehouse at 2012-04-20, customers in scope of region North are C01, C02,
    /// C06, C09 and C12 (C13 signs up later), and those of channel web are C01, C03, C05, C06,
    /// C08, C10 and C12. As of 2012-03-15, C12 (signed up 2012-03-31) is not in scope yet.
    @Test("overlap and differences on a constructed case")
    func overlapAndDifferences() throws {
        let fixture = try PublishFixture()
        try fixture.saveAndPreview(PublishFixture.ruleText("web", when: #"channel = "web""#), user: "alice")
        try fixture.publish("web", user: "alice")
        let past = CivilDate(iso: "2012-03-15")!
        try fixture.saveAndPreview(PublishFixture.ruleText("north", when: #"region = "North""#), user: "alice", asOf: past)
        try fixture.publisher().publish(fixture.request("north", user: "alice", asOf: past, allowsPastAsOf: true))
        #expect(try fixture.store.hits(of: "north", version: 1).map(\.customerID) == ["C01", "C02", "C06", "C09"])

        let edited = PublishFixture.ruleText("north", when: #"region = "North" and channel = "web""#)
        let preview = try fixture.saveAndPreview(edited, user: "alice")
        #expect(preview.hits.map(\.customerID) == ["C01", "C06", "C12"])
        let comparison = try PreviewComparison(
            preview: preview, store: fixture.store, engine: fixture.engine, now: fixture.now)
        #expect(comparison.overlaps == [.init(ruleName: "web", version: 1, sharedTargets: 3, versionTargets: 7)])
        #expect(comparison.publishedVersion?.version == 1)
        // The published text run now hits C01, C02, C06, C09 and C12: the edit drops C02 and C09.
        #expect(comparison.againstPublishedText == .init(added: 0, removed: 2))
        // The frozen list lacks C12, who signed up after 2012-03-15.
        #expect(comparison.againstFrozenList == .init(added: 1, removed: 2))

        let later = UTCTimestamp(secondsSinceEpoch: fixture.now.secondsSinceEpoch + 31 * 86_400)
        let afterExpiry = try PreviewComparison(preview: preview, store: fixture.store, engine: fixture.engine, now: later)
        #expect(afterExpiry.overlaps.isEmpty)
    }

    @Test("text diff marks removed then added lines")
    func textDiff() {
        let lines = TextDiff.lines(from: "a\nb\nc\n", to: "a\nB\nc\nd\n").map(\.marked)
        #expect(lines == [" a", "-b", "+B", " c", "+d"])
        #expect(TextDiff.lines(from: "", to: "x\n").map(\.marked) == ["+x"])
        #expect(TextDiff.lines(from: "x\r\ny\r\n", to: "x\ny\n").map(\.marked) == [" x", " y"])
    }

    @Test("many small draft saves stay cheap")
    func draftSaveCost() throws {
        let fixture = try PublishFixture()
        var text = PublishFixture.ruleText("north", when: #"region = "North""#)
        let clock = ContinuousClock()
        let saves = 500
        let elapsed = try clock.measure {
            for index in 0..<saves {
                text += index % 10 == 0 ? "\n" : " "
                try fixture.store.saveDraft(text: text, ruleName: "north", user: "alice", at: fixture.now)
            }
        }
        #expect(try fixture.store.draft(of: "north", by: "alice")?.text == text)
        // A generous ceiling: a save is a fraction of a millisecond on the development machine,
        // far below the workbench's 300 ms draft interval.
        #expect(elapsed < .seconds(10), "\(saves) saves took \(elapsed)")
        print("measured: \(saves) draft saves in \(elapsed)")
    }
}
