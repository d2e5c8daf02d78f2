import Terminal

extension DemoApp {
    /// The demo's own commands; the widgets declare theirs.
    static let commands: [Command<DemoApp>] = [
        Command("help", "Show the keys and commands") { app in
            app.overlay = HelpOverlay.make(keyMap: app.keyMap, sections: app.helpSections)
            return .redraw
        },
        Command("messages", "Show the message history") { app in
            app.overlay = app.status.log.makeOverlay()
            return .redraw
        },
        Command("quit", "Quit the demo, after asking") { app in
            app.prompt = .confirm(ConfirmationPrompt("Quit the demo?")) { .quit }
            return .redraw
        },
        Command("suspend", "Suspend to the shell; fg comes back") { _ in .suspend },
        Command("redraw", "Draw the whole screen again") { _ in .redraw },
        Command("command-line", "Run a command by its name") { app in
            app.prompt = .command(LineInput(label: ":", history: app.commandHistory))
            return .redraw
        },
        Command("search", "Find a row containing some text") { app in
            guard app.pane == .table else { return .ignored }
            app.prompt = .search(LineInput(label: "/", history: app.searchHistory))
            return .redraw
        },
        Command("export", "Write the rows on screen to a file") { app in
            guard app.pane == .table else { return .ignored }
            app.prompt = .export(FilePathPrompt(label: "Export to: ", history: app.pathHistory))
            return .redraw
        },
        Command("show-table", "Show the table pane") { $0.show(.table) },
        Command("show-list", "Show the list pane") { $0.show(.list) },
        Command("show-editor", "Show the editor pane") { $0.show(.editor) },
        Command("open", "Start editing in the editor pane") { app in
            guard app.pane == .editor else { return .ignored }
            app.editor.isEditing = true
            return .redraw
        },
    ]

    func show(_ pane: Pane) -> Outcome {
        self.pane = pane
        return .redraw
    }

    var helpSections: [HelpOverlay.Section] {
        let editing = TextBuffer.editingCommands.map { $0 as any CommandDescription }
        return [
            HelpOverlay.Section("Browsing", context: .browse, commands: DemoApp.commands + TableView.commands),
            HelpOverlay.Section("Editing", context: .edit, commands: TextEditor.commands + editing),
            HelpOverlay.Section("Prompts and lists", context: .prompt, commands: LineInput.commands + ListPicker.commands + ConfirmationPrompt.commands + editing),
        ]
    }
}
