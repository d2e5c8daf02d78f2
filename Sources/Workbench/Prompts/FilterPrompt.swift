import Expressions
import Terminal
import Text

/// The line where a pivot's filter is typed in the expression language, checked after every
/// change.
///
/// Editing and history are a `LineInput`'s. Drawing takes two rows: the input, coloured by
/// token kind with the text of errors in the error role, and below it a caret under the
/// first problem (errors before warnings) followed by its message and help.
final class FilterPrompt {
    static let label = "where "

    let input: LineInput
    private let catalog: any Catalog
    private(set) var check: Checker.Output
    /// The first display column of the text shown, when it is wider than the field.
    private var leftColumn = 0

    init(text: String, catalog: any Catalog, history: InputHistory?) {
        input = LineInput(label: FilterPrompt.label, text: text, history: history)
        self.catalog = catalog
        check = Checker.check(text, catalog: catalog)
    }

    var text: String { input.text }

    /// The problem the caret line shows: the first error, else the first warning. An empty
    /// text has none, because submitting it removes the filter.
    var problem: Diagnostic? {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return check.errors.first ?? check.warnings.first
    }

    func handle(_ key: Key, keyMap: KeyMap) -> Outcome {
        let before = input.text
        let outcome = input.handle(key, keyMap: keyMap)
        if input.text != before {
            check = Checker.check(input.text, catalog: catalog)
        }
        return outcome
    }

    /// Returns a diagnostic in one line for the status bar:
    /// `error at column 1: unknown name 'regoin'; did you mean …`.
    static func describe(_ diagnostic: Diagnostic) -> String {
        var text = "\(diagnostic.severity.rawValue) at column \(diagnostic.range.start.column): \(diagnostic.message)"
        if let help = diagnostic.help {
            text += "; \(help)"
        }
        return text
    }

    // MARK: Drawing

    /// One character of the text as drawn: its UTF-8 offset in the text, for matching token
    /// and diagnostic ranges, and its display columns.
    private struct Glyph {
        let character: Character
        let offset: Int
        let width: Int
    }

    /// Draws the input on the first row and the problem line on the second.
    func draw(_ canvas: Canvas) {
        guard canvas.rows > 0 else { return }
        canvas.fill(row: 0, role: .input)
        let labelWidth = canvas.text(FilterPrompt.label, row: 0, role: .prompt)
        let fieldWidth = canvas.columns - labelWidth
        guard fieldWidth > 1 else { return }

        var glyphs: [Glyph] = []
        var offset = 0
        for character in text {
            glyphs.append(Glyph(character: character, offset: offset, width: DisplayWidth.columns(of: String(character))))
            offset += character.utf8.count
        }
        let cursorColumn = glyphs.prefix(input.buffer.cursor.column).reduce(0) { $0 + $1.width }
        if cursorColumn < leftColumn {
            leftColumn = max(cursorColumn - fieldWidth / 2, 0)
        } else if cursorColumn >= leftColumn + fieldWidth {
            leftColumn = cursorColumn - fieldWidth + 1
        }

        let errorRanges = check.errors.map { $0.range.start.offset..<max($0.range.end.offset, $0.range.start.offset + 1) }
        var column = 0
        for glyph in glyphs {
            defer { column += glyph.width }
            let x = column - leftColumn
            guard x >= 0, x + glyph.width <= fieldWidth else { continue }
            let isError = errorRanges.contains { $0.contains(glyph.offset) }
            let role = isError ? Role.syntaxError : role(at: glyph.offset)
            canvas.text(String(glyph.character), row: 0, column: labelWidth + x, role: role, overflow: .clip)
        }
        canvas.moveCursor(row: 0, column: labelWidth + cursorColumn - leftColumn)

        guard canvas.rows > 1 else { return }
        drawProblemLine(canvas, glyphs: glyphs, labelWidth: labelWidth, textEnd: offset)
    }

    private func drawProblemLine(_ canvas: Canvas, glyphs: [Glyph], labelWidth: Int, textEnd: Int) {
        canvas.fill(row: 1, role: .statusBar)
        guard let problem else {
            let hint = "Enter applies the filter; an empty filter keeps every customer; Esc cancels"
            canvas.text(hint, row: 1, role: .statusBar)
            return
        }
        // The caret covers the columns of the problem's text, or one column for something
        // missing. A problem past the end of the text points just after it.
        func column(ofOffset target: Int) -> Int {
            glyphs.prefix { $0.offset < target }.reduce(0) { $0 + $1.width }
        }
        let start = column(ofOffset: problem.range.start.offset)
        let end = column(ofOffset: min(problem.range.end.offset, textEnd))
        let caretStart = labelWidth + max(start - leftColumn, 0)
        let caret = String(repeating: "^", count: max(end - start, 1))
        let role: Role = problem.isError ? .statusError : .statusWarning
        let width = canvas.text(caret, row: 1, column: min(caretStart, canvas.columns - 1), role: role)
        var message = " \(problem.severity.rawValue): \(problem.message)"
        if let help = problem.help {
            message += "; \(help)"
        }
        canvas.text(message, row: 1, column: min(caretStart, canvas.columns - 1) + width, role: role)
    }

    /// Returns the role of the token covering a UTF-8 offset. White space between tokens is
    /// plain input.
    private func role(at offset: Int) -> Role {
        guard let token = check.tokens.first(where: { $0.range.start.offset <= offset && offset < $0.range.end.offset }) else {
            return .input
        }
        switch token.kind {
        case .keyword: return .syntaxKeyword
        case .string: return .syntaxString
        case .number, .date: return .syntaxNumber
        case .identifier: return .syntaxName
        case .comment: return .syntaxComment
        case .invalid: return .syntaxError
        case .leftParenthesis, .rightParenthesis, .comma, .minus, .percent, .comparison, .endOfInput: return .input
        }
    }
}
