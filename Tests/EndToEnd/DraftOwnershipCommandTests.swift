import Foundation
import Testing

/// No rule command run by one user changes another user's draft. Users are simulated with
/// `DOTWORK_TEST_USER`, which only debug builds read. The multi-user tests repeat the core of
/// this with real Unix users.
@Suite("Draft ownership through the commands")
struct DraftOwnershipCommandTests {
    /// The publish tests' copy of the golden warehouse and their way of running dotwork.
    let publish: PublishCommandTests

    init() throws {
        publish = try PublishCommandTests()
    }

    /// Alice's draft as `rule show` and the header of `rule diff` print it.
    func alicesDraft() throws -> (text: String, header: String) {
        let shown = try publish.dotwork(["rule", "show", "big-spenders", "--user", "alice"], user: "carol")
        #expect(shown.status == 0, "stderr: \(shown.stderr)")
        let diff = try publish.dotwork(["rule", "diff", "big-spenders", "--user", "alice"], user: "carol")
        let header = diff.stdout.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
        return (shown.stdout, header)
    }

    @Test("no command of bob's changes alice's draft")
    func everyCommandLeavesOthersDraft() throws {
        try publish.prepare("big-spenders", user: "alice")
        let before = try alicesDraft()
        #expect(before.header.hasPrefix("+++ big-spenders, draft of alice saved at 2026-01-10T09:00:00Z, based on no version"))

        // Bob has no draft, so publishing publishes nothing, not alice's draft.
        let noDraft = try publish.dotwork(["rule", "publish", "big-spenders"], user: "bob")
        #expect(noDraft.status == 1)
        #expect(noDraft.stderr.contains("user bob has no draft of rule big-spenders (drafts by alice exist)"))
        #expect(!FileManager.default.fileExists(atPath: publish.outbox + "/big-spenders"))

        let copy = publish.folder.file("copy.rule")
        try (before.text + "# bob's copy\n").write(toFile: copy, atomically: true, encoding: .utf8)
        let later = "2026-01-11T09:00:00Z"
        let commands: [[String]] = [
            ["rule", "save", copy], ["rule", "preview", copy, "--limit", "0"], ["rule", "save", copy, "--rebase"],
            ["rule", "publish", "big-spenders"], ["rule", "withdraw", "big-spenders"], ["rule", "list"],
            ["rule", "history", "big-spenders"], ["rule", "show", "big-spenders", "--user", "alice"],
            ["rule", "diff", "big-spenders", "--user", "alice"], ["audit"],
        ]
        for command in commands {
            let result = try publish.dotwork(command, user: "bob", now: later)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }

        let after = try alicesDraft()
        #expect(after.text == before.text)
        #expect(after.header == before.header)
        let bobs = try publish.dotwork(["rule", "show", "big-spenders"], user: "bob")
        #expect(bobs.stdout.hasSuffix("# bob's copy\n"))
    }
}
