import Testing

@testable import Terminal

@Suite("StatusBar")
struct StatusBarTests {
    @Test("grades draw in their roles with a prefix", arguments: [
        (StatusMessage.Grade.info, "saved", Role.statusInfo), (.warning, "warning: saved", .statusWarning), (.error, "error: saved", .statusError),
    ])
    func grades(grade: StatusMessage.Grade, text: String, role: Role) {
        let bar = StatusBar()
        bar.post(grade, "saved")
        let grid = render(columns: 30, rows: 1) { bar.draw($0) }
        #expect(grid.line(0) == text)
        #expect(grid.role(row: 0, column: 0) == role)
    }

    @Test("the summary stays and the message is cut")
    func summary() {
        let bar = StatusBar()
        bar.summary = "row 1 of 9"
        bar.post(.info, "a very long message that will not fit")
        let grid = render(columns: 30, rows: 1) { bar.draw($0) }
        #expect(grid.line(0) == "a very long messag… row 1 of 9")
    }

    @Test("info clears on the next key, warnings stay")
    func transient() {
        let bar = StatusBar()
        bar.post(.info, "sorted")
        #expect(bar.clearTransient())
        bar.post(.warning, "theme warning")
        #expect(!bar.clearTransient())
        #expect(bar.current == StatusMessage(.warning, "theme warning"))
        #expect(bar.log.messages.count == 2)
    }

    @Test("the message history lists newest first")
    func history() {
        let bar = StatusBar()
        bar.post(.info, "one")
        bar.post(.error, "two")
        let overlay = bar.log.makeOverlay()
        #expect(overlay.lines.map(\.text) == ["two", "one"])
        #expect(overlay.lines.map(\.role) == [.statusError, .statusInfo])
    }
}

@Suite("HelpOverlay")
struct HelpOverlayTests {
    @Test("lines come from the key map and the commands")
    func lines() {
        let lines = HelpOverlay.lines(keyMap: .standard, sections: [
            HelpOverlay.Section("Table", context: .browse, commands: Array(TableView.commands.prefix(2)) + [TableView.commands[0]]),
            HelpOverlay.Section("Editor", context: .edit, commands: [TextEditor.commands.named("undo")!]),
        ])
        #expect(lines.map(\.key) == ["", "Down j", "Up k", "", "", "C-_"])
        #expect(lines[1].text == "move-down  Move the cursor to the next row")
        #expect(lines[0].role == .title)
    }

    @Test("an unbound command shows its command-line name")
    func unbound() {
        struct Named: CommandDescription {
            let name = "export-all"
            let help = "Export every row"
        }
        let lines = HelpOverlay.lines(keyMap: .standard, sections: [HelpOverlay.Section("More", context: .browse, commands: [Named()])])
        #expect(lines[1].key == ":export-all")
    }

    @Test("the overlay is framed and scrolls")
    func drawing() {
        let overlay = Overlay(title: "Keys", lines: (1...20).map { Overlay.Line(key: "k\($0)", text: "line \($0)") })
        var grid = render(columns: 24, rows: 6) { overlay.draw($0) }
        #expect(grid.text == """
                ┌─ Keys ───────┐
                │ k1   line 1  │
                │ k2   line 2  │
                │ k3   line 3  │
                │ k4   line 4  │
                └───────1-4/20─┘
            """)
        #expect(overlay.handle(.pageDown, keyMap: .standard) == .redraw)
        grid = render(columns: 24, rows: 6) { overlay.draw($0) }
        #expect(grid.line(1) == "    │ k5   line 5  │")
        #expect(overlay.handle(.character("x"), keyMap: .standard) == .cancel)
    }
}

@Suite("Prompts")
struct PromptTests {
    @Test("confirmation answers", arguments: [("y", Outcome.submit), ("n", .cancel), ("Esc", .cancel), ("Enter", .cancel)])
    func confirmation(key: String, outcome: Outcome) {
        let prompt = ConfirmationPrompt("Quit?")
        #expect(prompt.handle(Key(name: key)!, keyMap: .standard) == outcome)
    }

    @Test("Enter takes the default answer")
    func confirmationDefault() {
        #expect(ConfirmationPrompt("Save?", defaultAnswer: true).handle(.enter, keyMap: .standard) == .submit)
        let grid = render(columns: 20, rows: 1) { ConfirmationPrompt("Save?", defaultAnswer: true).draw($0) }
        #expect(grid.line(0) == "Save? [Y/n]")
    }

    @Test("Tab completes paths as far as the matches agree")
    func pathCompletion() {
        let folder = TemporaryFolder()
        folder.write("reports/cohorts-2024.csv", "")
        folder.write("reports/cohorts-2025.csv", "")
        folder.write("reports/pivot.csv", "")
        let prompt = FilePathPrompt(label: "Export to: ", text: "~/rep", home: folder.path)
        _ = prompt.handle(.tab, keyMap: .standard)
        #expect(prompt.input.text == "~/reports/")
        _ = prompt.handle(.character("c"), keyMap: .standard)
        _ = prompt.handle(.tab, keyMap: .standard)
        #expect(prompt.input.text == "~/reports/cohorts-202")
        #expect(prompt.candidates == ["cohorts-2024.csv", "cohorts-2025.csv"])
        #expect(prompt.path == folder.path + "/reports/cohorts-202")
    }

    @Test("paths that cannot be written are named")
    func pathCheck() {
        let folder = TemporaryFolder()
        folder.write("a.csv", "x")
        let missing = FilePathPrompt(label: "", text: folder.path + "/nowhere/a.csv")
        #expect(missing.check() == .missingFolder(folder.path + "/nowhere"))
        #expect(FilePathPrompt(label: "", text: folder.path).check() == .isFolder(folder.path))
        #expect(FilePathPrompt(label: "", text: "").check() == .empty)
        let existing = FilePathPrompt(label: "", text: folder.path + "/a.csv")
        #expect(existing.check() == nil)
        #expect(existing.existingFile)
    }
}
