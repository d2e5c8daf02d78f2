import Foundation
import Terminal
import Text

extension WorkbenchApp {
    /// Hands a key to the open prompt and acts on its answer.
    func handlePrompt(_ key: Key) -> Outcome {
        guard let prompt else { return .ignored }
        switch prompt {
        case .search(let input):
            let outcome = input.handle(key, keyMap: keyMap)
            guard outcome == .submit else { return closingOnCancel(outcome) }
            self.prompt = nil
            if !input.text.isEmpty, let table = currentScreen.pane.table {
                status.post(.info, "searching for '\(input.text)'…")
                table.search(for: input.text)
            }
            return .redraw

        case .command(let input):
            let outcome = input.handle(key, keyMap: keyMap)
            guard outcome == .submit else { return closingOnCancel(outcome) }
            self.prompt = nil
            return runTyped(input.text.trimmingCharacters(in: .whitespaces))

        case .export(let pathPrompt, let records):
            let outcome = pathPrompt.handle(key, keyMap: keyMap)
            guard outcome == .submit else { return closingOnCancel(outcome) }
            if let problem = pathPrompt.check() {
                status.post(.error, problem.description)
                return .redraw
            }
            let path = pathPrompt.path
            if pathPrompt.existingFile {
                self.prompt = .confirm(ConfirmationPrompt("Overwrite \(path)?")) { [unowned self] in
                    self.export(records, to: path)
                    return .redraw
                }
                return .redraw
            }
            self.prompt = nil
            export(records, to: path)
            return .redraw

        case .confirm(let confirmation, let onYes):
            let outcome = confirmation.handle(key, keyMap: keyMap)
            guard outcome == .submit else { return closingOnCancel(outcome) }
            self.prompt = nil
            return onYes()

        case .list(let picker, let onChoose):
            let outcome = picker.handle(key, keyMap: keyMap)
            guard outcome == .submit, let index = picker.selectedIndex else { return closingOnCancel(outcome) }
            self.prompt = nil
            return onChoose(index)

        case .filter(let filterPrompt, let onSubmit):
            let outcome = filterPrompt.handle(key, keyMap: keyMap)
            guard outcome == .submit else { return closingOnCancel(outcome) }
            if onSubmit(filterPrompt) {
                self.prompt = nil
            }
            return .redraw
        }
    }

    private func closingOnCancel(_ outcome: Outcome) -> Outcome {
        guard outcome == .cancel else { return outcome }
        prompt = nil
        return .redraw
    }

    /// Runs a command typed at the `:` prompt, or posts an error naming the nearest command.
    private func runTyped(_ name: String) -> Outcome {
        guard !name.isEmpty else { return .redraw }
        let outcome = run(commandNamed: name)
        if outcome != .ignored {
            return outcome
        }
        let known = knownCommandNames
        if known.contains(name) {
            status.post(.warning, "'\(name)' does nothing on the \(currentScreen.title) screen now")
        } else {
            let hint = Suggestion.nearest(to: name, among: known).map { "; did you mean '\($0)'?" } ?? "; press ? for the commands"
            status.post(.error, "unknown command '\(name)'" + hint)
        }
        return .redraw
    }
}
