/// A yes-or-no question on one line, such as "Overwrite report.csv?".
///
/// `answer-yes` returns `.submit`; `answer-no` and `cancel` return `.cancel`; Enter
/// (`submit`) takes the default answer.
public final class ConfirmationPrompt {
    public let question: String
    public let defaultAnswer: Bool

    public init(_ question: String, defaultAnswer: Bool = false) {
        self.question = question
        self.defaultAnswer = defaultAnswer
    }

    public func handle(_ key: Key, keyMap: KeyMap) -> Outcome {
        ConfirmationPrompt.commands.perform(key, in: .prompt, keyMap: keyMap, on: self)
    }

    public static let commands: [Command<ConfirmationPrompt>] = [
        Command("answer-yes", "Answer yes") { _ in .submit },
        Command("answer-no", "Answer no") { _ in .cancel },
        Command("submit", "Take the default answer") { $0.defaultAnswer ? .submit : .cancel },
        Command("cancel", "Answer no") { _ in .cancel },
    ]

    public func draw(_ canvas: Canvas) {
        guard canvas.rows > 0 else { return }
        canvas.fill(row: 0, role: .prompt)
        let choices = defaultAnswer ? "[Y/n]" : "[y/N]"
        let width = canvas.text("\(question) \(choices) ", row: 0, role: .prompt)
        canvas.moveCursor(row: 0, column: width)
    }
}
