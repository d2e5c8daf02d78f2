import Dispatch
import Terminal
import Text

extension WorkbenchApp {
    /// The workbench's bindings, read after the terminal layer's defaults so they win; a
    /// binding per top-level screen's digit follows.
    static let keyTable = """
        # context  key  command
        browse     q    back
        browse     Q    quit
        browse     e    export
        browse     d    next-dimension
        browse     D    previous-dimension
        browse     t    retention
        browse     o    retention-part
        browse     r    choose-rows
        browse     c    choose-columns
        browse     m    choose-measure
        browse     f    filter
        browse     x    swap-axes
        browse     s    edit-search
        browse     p    profile
        browse     a    new-rule
        browse     i    edit-rule
        browse     P    publish
        browse     M    measure
        browse     R    rule-from-cell
        browse     U    switch-data
        """

    /// Returns the default key map with the workbench's table, and digits 1 to 9 for the screens.
    static func keyMap(for screenKinds: [ScreenKind]) -> KeyMap {
        let (table, problems) = KeyMap.parse(keyTable, source: "workbench key table")
        precondition(problems.isEmpty, "the workbench key table has errors: \(problems)")
        let digits = screenKinds.prefix(9).enumerated().map { index, kind in
            KeyMap.Binding(context: .browse, key: .character(Unicode.Scalar(UInt8(ascii: "1") + UInt8(index))), command: kind.commandName)
        }
        return KeyMap.standard.merging(table).merging(KeyMap(bindings: digits))
    }

    static func commands(for screenKinds: [ScreenKind]) -> [Command<WorkbenchApp>] {
        let showing = screenKinds.enumerated().map { index, kind in
            Command<WorkbenchApp>(kind.commandName, "Show the \(kind.title) screen") { $0.show(index) }
        }
        return fixedCommands + showing
    }

    static let fixedCommands: [Command<WorkbenchApp>] = [
        Command("help", "Show the keys and commands") { app in
            app.overlay = HelpOverlay.make(keyMap: app.keyMap, sections: app.helpSections)
            return .redraw
        },
        Command("messages", "Show the message history") { app in
            app.overlay = app.status.log.makeOverlay()
            return .redraw
        },
        Command("back", "Close this screen; from a top screen go home, and from home quit") { $0.back() },
        Command("quit", "Quit the workbench from any screen") { _ in .quit },
        Command("suspend", "Suspend to the shell; fg comes back") { _ in .suspend },
        Command("redraw", "Draw the whole screen again") { _ in .redraw },
        Command("command-line", "Run a command by its name") { app in
            app.prompt = .command(LineInput(label: ":", history: app.commandHistory))
            return .redraw
        },
        Command("search", "Find a row containing some text") { app in
            guard app.currentScreen.pane.table != nil else { return .ignored }
            app.prompt = .search(LineInput(label: "/", history: app.searchHistory))
            return .redraw
        },
        Command("export", "Write the view to a CSV file, as its headless command prints it") { $0.startExport() },
        Command("switch-data", "Show the new data that landed, keeping your place") { $0.switchToLandedData() },
        Command("rule-from-cell", "Start a rule that selects the customers of the cohort or cell under the cursor") {
            $0.startRuleFromCell()
        },
        Command("cancel", "Stop the query computing this screen's figures") { app in
            guard app.currentScreen.pane.cancel() else { return .ignored }
            app.status.post(.info, "query cancelled; the figures shown are the previous ones")
            return .redraw
        },
    ]

    /// Shows a top-level screen, where its stack was left. A query it started in the
    /// background now runs ahead of other background work.
    func show(_ index: Int) -> Outcome {
        currentIndex = index
        activate(index, priority: .interactive)
        currentScreen.pane.promote()
        return .redraw
    }

    func back() -> Outcome {
        if stacks[currentIndex].count > 1 {
            let closed = stacks[currentIndex].removeLast()
            closed.pane.cancel()
            (closed as? any EditingScreen)?.willClose()
            return .redraw
        }
        if currentIndex != 0 {
            return show(0)
        }
        return .quit
    }

    var helpSections: [HelpOverlay.Section] {
        let editing = TextBuffer.editingCommands.map { $0 as any CommandDescription }
        let prompts: [any CommandDescription] = LineInput.commands + ListPicker.commands + ConfirmationPrompt.commands
        return [
            HelpOverlay.Section("Workbench", context: .browse, commands: commands),
            HelpOverlay.Section("\(currentScreen.title) screen", context: .browse, commands: currentScreen.commandDescriptions),
            HelpOverlay.Section("Tables", context: .browse, commands: TableView.commands),
            HelpOverlay.Section("Prompts, lists and search fields", context: .prompt, commands: prompts + editing),
        ]
    }

    /// The status bar's text when it has no message: the keys of the main commands.
    var hint: String {
        var parts: [String] = []
        if landedData != nil, let key = keyMap.keys(for: "switch-data", in: .browse).first {
            parts.append("new data: \(key) switches")
        }
        for (command, label) in [("help", "help"), ("command-line", "command")] {
            if let key = keyMap.keys(for: command, in: .browse).first {
                parts.append("\(key) \(label)")
            }
        }
        if screenKinds.count > 1 {
            parts.append("1-\(min(screenKinds.count, 9)) screens")
        }
        for (command, label) in [("export", "export"), ("back", "back")] {
            if let key = keyMap.keys(for: command, in: .browse).first {
                parts.append("\(key) \(label)")
            }
        }
        return parts.joined(separator: "  ")
    }

    // MARK: Export

    /// Opens the export prompt with a default path for the view on screen.
    func startExport() -> Outcome {
        guard let records = currentScreen.exportRecords else {
            if currentScreen.pane.isRunning {
                status.post(.warning, "nothing to export yet: the figures are still being computed")
            } else {
                status.post(.warning, "nothing to export: the \(currentScreen.title) screen shows no figures yet")
            }
            return .redraw
        }
        let path = "./dotwork-\(WorkbenchApp.fileNamePart(currentScreen.exportName))-\(setting.asOf.iso).csv"
        prompt = .export(FilePathPrompt(label: "Export to: ", text: path, history: pathHistory), records: records)
        return .redraw
    }

    /// Makes and writes the records on a worker thread; the outcome comes back as a message.
    func export(_ makeRecords: @escaping ExportRecords, to path: String) {
        let post = self.post
        status.post(.info, "exporting to \(path)…")
        DispatchQueue.global(qos: .userInitiated).async {
            let records = makeRecords()
            do throws(CSVError) {
                try CSVReport.write(records, toFileAt: path)
                post(.exported(ExportOutcome(path: path, rows: records.count - 1, failure: nil)))
            } catch {
                post(.exported(ExportOutcome(path: path, rows: 0, failure: "export to \(path) failed: \(error.message)")))
            }
        }
    }

    /// Returns a view's name fit for a file name: each run of white space, control
    /// characters and characters that shells or other systems treat specially (slashes,
    /// quotes, brackets) becomes one `-`. Letters with accents stay.
    static func fileNamePart(_ name: String) -> String {
        let awkward = Set("/\\\"'()[]{}<>|*?:;,&$!#`~=")
        var part = ""
        for character in name {
            let isAwkward = awkward.contains(character) || character.isWhitespace
                || character.unicodeScalars.contains { $0.properties.generalCategory == .control }
            if !isAwkward {
                part.append(character)
            } else if !part.isEmpty && !part.hasSuffix("-") {
                part.append("-")
            }
        }
        while part.hasSuffix("-") {
            part.removeLast()
        }
        return part.isEmpty ? "view" : part
    }
}
