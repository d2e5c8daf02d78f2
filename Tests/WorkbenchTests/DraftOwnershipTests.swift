import Foundation
import Rules
import Testing
import Warehouse

@testable import Workbench

/// The Rules screen writes only the user's own drafts: opening another user's draft and
/// editing it saves a copy under the user's name.
@Suite("Draft ownership in the workbench")
struct DraftOwnershipTests {
    @Test("editing another user's draft saves a copy")
    func otherUsersDraftCopied() throws {
        let bench = try RuleBench()
        let store = try bench.store()
        let then = try #require(UTCTimestamp(stored: "2026-01-09T08:00:00Z"))
        let bobs = try store.saveDraft(text: bigSpenders + "\n# bob's", ruleName: "big-spenders", user: "bob", at: then)
        bench.rules.reload()
        bench.settle()
        #expect(bench.rules.entries?.map(\.origin) == ["bob's draft"])

        bench.bench.press("Enter")
        let editor = try #require(bench.bench.app.currentScreen as? RuleEditorScreen)
        #expect(editor.editor.text == bigSpenders + "\n# bob's")
        _ = editor.editor.move { $0.moveToDocumentEnd() }
        _ = editor.handleEditing(.character("!"), keyMap: bench.bench.app.keyMap)
        editor.flushDraft()
        bench.settle()

        let alices = try #require(try store.draft(of: "big-spenders", by: "alice"))
        #expect(alices.text == bigSpenders + "\n# bob's!")
        #expect(try store.draft(of: "big-spenders", by: "bob") == bobs)
        #expect(try store.drafts(of: "big-spenders").map(\.user) == ["alice", "bob"])
    }
}
