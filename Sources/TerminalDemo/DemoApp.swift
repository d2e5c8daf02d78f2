import Dispatch
import Foundation
import Terminal
import Text

/// The widget demonstration: three panes (a table over generated rows, a list picker and
/// an editor), a status bar, prompts and the help overlay. It is wired the way the
/// workbench's screens are: keys go through one key map, slow work runs on worker
/// threads, and only `draw` draws.
final class DemoApp: Application {
    enum Message: Sendable {
        case table(TableJob.Result)
    }

    enum Pane: Int, CaseIterable {
        case table = 1, list, editor

        var title: String {
            switch self {
            case .table: return "Table"
            case .list: return "List"
            case .editor: return "Editor"
            }
        }
    }

    /// A prompt on the bottom line, with what to do when it is answered.
    enum Prompt {
        case search(LineInput)
        case command(LineInput)
        case export(FilePathPrompt)
        case confirm(ConfirmationPrompt, onYes: () -> Outcome)
    }

    let keyMap: KeyMap
    let table: TableView
    let picker: ListPicker
    let editor = TextEditor(text: DemoApp.sampleRule)
    let status = StatusBar()
    var pane = Pane.table
    var prompt: Prompt?
    var overlay: Overlay?
    var size: Size
    let flushFile: String?
    let searchHistory = InputHistory()
    let commandHistory = InputHistory()
    let pathHistory = InputHistory()

    init(rowCount: Int, size: Size, poster: MessagePoster<Message>, flushFile: String?) {
        keyMap = KeyMap.standard.merging(KeyMap.parse(DemoApp.keyTable, source: "demo key table").keyMap)
        table = TableView(dataSource: GeneratedTable(rowCount: rowCount))
        picker = ListPicker(title: "City", items: GeneratedTable.cities + ["Aberdeen", "Bogotá", "Chiang Mai", "Đà Nẵng", "北京", "大阪"])
        self.size = size
        self.flushFile = flushFile
        status.hint = "? help  : command  1-3 panes  q quit"
        table.jobRunner = { job in
            DispatchQueue.global().async {
                poster.post(.table(job.run()))
            }
        }
        editor.isEditing = false
        editor.showsLineNumbers = true
    }

    static let keyTable = """
        browse  1      show-table
        browse  2      show-list
        browse  3      show-editor
        browse  i      open
        browse  w      export
        """

    static let sampleRule = """
        # Kin owners: a free phone if they see their contract through
        rule "kin-upgrade"
        when bought(sku "KIN-ONE") and tier >= joiner
         and region in ("東京", "Zürich")
        then offer "free-phone" value 199.00 cost 45.00
        valid 10 days
        holdout 10%
        """

    var context: KeyContext {
        if prompt != nil || pane == .list {
            return .prompt
        }
        return pane == .editor && editor.isEditing ? .edit : .browse
    }

    // MARK: Events

    func handle(_ event: Event<Message>) -> Outcome {
        switch event {
        case .resize(let newSize):
            size = newSize
            return .redraw
        case .message(.table(let result)):
            if let message = table.finish(result) {
                status.post(message)
            }
            return .redraw
        case .timer:
            return .handled
        case .key(let key):
            let hadMessage = status.clearTransient()
            let outcome = handle(key)
            return hadMessage && outcome == .ignored ? .redraw : outcome
        }
    }

    private func handle(_ key: Key) -> Outcome {
        if let overlay {
            if let name = keyMap.command(for: key, in: .browse), name == "suspend" {
                return .suspend
            }
            let outcome = overlay.handle(key, keyMap: keyMap)
            if outcome == .cancel {
                self.overlay = nil
                return .redraw
            }
            return outcome
        }
        if prompt != nil {
            if keyMap.command(for: key, in: .prompt) == "suspend" {
                return .suspend
            }
            return handlePrompt(key)
        }
        if let name = keyMap.command(for: key, in: context), let command = DemoApp.commands.named(name) {
            let outcome = command.action(self)
            if outcome != .ignored {
                return outcome
            }
        }
        switch pane {
        case .table:
            return table.handle(key, keyMap: keyMap)
        case .list:
            let outcome = picker.handle(key, keyMap: keyMap)
            if outcome == .submit, let item = picker.selectedItem {
                status.post(.info, "picked \(item)")
                return .redraw
            }
            if outcome == .cancel {
                pane = .table
                return .redraw
            }
            return outcome
        case .editor:
            if editor.isEditing {
                return editor.handle(key, keyMap: keyMap)
            }
            return DemoApp.browseEditor(key, keyMap: keyMap, editor: editor)
        }
    }

    /// Moves the editor's cursor with the browse keys while it is not editing.
    static func browseEditor(_ key: Key, keyMap: KeyMap, editor: TextEditor) -> Outcome {
        let translations = ["move-down": "cursor-down", "move-up": "cursor-up", "move-first": "document-start", "move-last": "document-end", "page-down": "page-down", "page-up": "page-up"]
        guard let name = keyMap.command(for: key, in: .browse), let editorName = translations[name],
            let command = TextEditor.commands.named(editorName)
        else { return .ignored }
        return command.action(editor)
    }

    private func handlePrompt(_ key: Key) -> Outcome {
        guard let prompt else { return .ignored }
        switch prompt {
        case .search(let input):
            let outcome = input.handle(key, keyMap: keyMap)
            if outcome == .submit {
                self.prompt = nil
                if !input.text.isEmpty {
                    status.post(.info, "searching for '\(input.text)'…")
                    table.search(for: input.text)
                }
                return .redraw
            }
            return closeOnCancel(outcome)
        case .command(let input):
            let outcome = input.handle(key, keyMap: keyMap)
            if outcome == .submit {
                self.prompt = nil
                return runCommand(named: input.text.trimmingCharacters(in: .whitespaces))
            }
            return closeOnCancel(outcome)
        case .export(let pathPrompt):
            let outcome = pathPrompt.handle(key, keyMap: keyMap)
            if outcome == .submit {
                if let problem = pathPrompt.check() {
                    status.post(.error, problem.description)
                    return .redraw
                }
                let path = pathPrompt.path
                if pathPrompt.existingFile {
                    self.prompt = .confirm(ConfirmationPrompt("Overwrite \(path)?")) { [unowned self] in self.export(to: path) }
                    return .redraw
                }
                return export(to: path)
            }
            return closeOnCancel(outcome)
        case .confirm(let confirmation, let onYes):
            let outcome = confirmation.handle(key, keyMap: keyMap)
            if outcome == .submit {
                self.prompt = nil
                return onYes()
            }
            return closeOnCancel(outcome)
        }
    }

    private func closeOnCancel(_ outcome: Outcome) -> Outcome {
        if outcome == .cancel {
            prompt = nil
            return .redraw
        }
        return outcome
    }

    /// Runs a command typed at the `:` prompt: a demo command or a table command.
    private func runCommand(named name: String) -> Outcome {
        if name.isEmpty {
            return .redraw
        }
        if let command = DemoApp.commands.named(name) {
            return command.action(self)
        }
        if let command = TableView.commands.named(name) {
            return command.action(table)
        }
        let known = DemoApp.commands.map(\.name) + TableView.commands.map(\.name)
        let hint = Suggestion.nearest(to: name, among: known).map { ": did you mean '\($0)'?" } ?? ": see ? for the commands"
        status.post(.error, "unknown command '\(name)'" + hint)
        return .redraw
    }

    private func export(to path: String) -> Outcome {
        prompt = nil
        let visible = table.topRow..<min(table.topRow + table.pageRows, table.rowCount)
        let lines = [table.dataSource.columns.map(\.title)] + table.dataSource.rows(visible).map { $0.map(\.text) }
        let text = lines.map { $0.joined(separator: "\t") }.joined(separator: "\n") + "\n"
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            status.post(.info, "wrote \(visible.count) rows to \(path)")
        } catch {
            status.post(.error, "cannot write \(path): \(error.localizedDescription)")
        }
        return .redraw
    }

    // MARK: Flush hook

    func flush(before reason: StopReason) {
        guard let flushFile else { return }
        let line = "flushed before \(DemoApp.describe(reason)); editor text \(editor.text.count) characters\n"
        // The terminal may be gone, so a failure cannot be shown; the test that reads the
        // file reports a missing one.
        _ = FileManager.default.createFile(atPath: flushFile, contents: Data(line.utf8))
    }

    static func describe(_ reason: StopReason) -> String {
        switch reason {
        case .quit: return "quit"
        case .hangup: return "SIGHUP"
        case .terminated(let signal): return SignalRelay.name(of: signal)
        }
    }
}
