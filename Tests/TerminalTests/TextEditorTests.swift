import Testing

@testable import Terminal

@Suite("TextEditor")
struct TextEditorTests {
    struct Script: Sendable, CustomTestStringConvertible {
        let name: String
        let start: String
        let keys: String
        let text: String
        let line: Int
        let column: Int
        var testDescription: String { name }
    }

    static let scripts = [
        Script(name: "typing", start: "", keys: "\"hello\"", text: "hello", line: 0, column: 5),
        Script(name: "new line", start: "", keys: "\"ab\" Left Enter", text: "a\nb", line: 1, column: 0),
        Script(name: "backspace joins lines", start: "ab\ncd", keys: "Down Backspace", text: "abcd", line: 0, column: 2),
        Script(name: "delete joins lines", start: "ab\ncd", keys: "End Del", text: "abcd", line: 0, column: 2),
        Script(name: "home and end", start: "hello world", keys: "End \"!\" Home \"> \"", text: "> hello world!", line: 0, column: 2),
        Script(name: "ctrl-a and ctrl-e", start: "abc", keys: "C-e \"d\" C-a \"_\"", text: "_abcd", line: 0, column: 1),
        Script(name: "word right", start: "when bought(sku)", keys: "M-f M-f \"X\"", text: "when boughtX(sku)", line: 0, column: 12),
        Script(name: "word left", start: "tier >= joiner", keys: "C-e C-Left C-Left \"X\"", text: "Xtier >= joiner", line: 0, column: 1),
        Script(name: "word moves cross lines", start: "one\ntwo", keys: "C-e M-f", text: "one\ntwo", line: 1, column: 3),
        Script(name: "delete word", start: "rule kin-upgrade", keys: "C-e C-w C-w", text: "rule ", line: 0, column: 5),
        Script(name: "kill to line end", start: "abc def", keys: "M-f C-k", text: "abc", line: 0, column: 3),
        Script(name: "kill to line start", start: "abc def", keys: "C-e M-b C-u", text: "def", line: 0, column: 0),
        Script(name: "undo a word", start: "", keys: "\"one two\" C-_", text: "one ", line: 0, column: 4),
        Script(name: "undo twice", start: "", keys: "\"one two\" C-_ C-_", text: "one", line: 0, column: 3),
        Script(name: "undo then redo", start: "", keys: "\"one two\" C-_ C-_ C-r", text: "one ", line: 0, column: 4),
        Script(name: "undo a deletion", start: "abc", keys: "C-e Backspace Backspace C-_", text: "ab", line: 0, column: 2),
        Script(name: "redo cleared by typing", start: "", keys: "\"ab\" C-_ \"x\" C-r", text: "x", line: 0, column: 1),
        Script(name: "up keeps the column", start: "abcdef\nab\nabcdef", keys: "C-End Up Up", text: "abcdef\nab\nabcdef", line: 0, column: 6),
        Script(name: "down over wide characters", start: "東京x\nabcde", keys: "Right Right Down", text: "東京x\nabcde", line: 1, column: 4),
        Script(name: "accent joins its letter", start: "", keys: "\"e\u{301}x\" Left Backspace", text: "x", line: 0, column: 0),
        Script(name: "indent to four columns", start: "ab", keys: "C-e Tab \"c\"", text: "ab  c", line: 0, column: 5),
        Script(name: "document end and start", start: "a\nb\nc", keys: "C-End \"!\" C-Home \"^\"", text: "^a\nb\nc!", line: 0, column: 1),
    ]

    @Test("key scripts give text and cursor", arguments: scripts)
    func script(_ script: Script) {
        let editor = TextEditor(text: script.start)
        for key in keys(script.keys) {
            _ = editor.handle(key, keyMap: KeyMap.standard)
        }
        #expect(editor.text == script.text)
        #expect(editor.cursor == TextBuffer.Cursor(line: script.line, column: script.column))
    }

    @Test("Esc leaves edit mode")
    func leaveEdit() {
        let editor = TextEditor(text: "x")
        #expect(editor.handle(.escape, keyMap: KeyMap.standard) == .redraw)
        #expect(!editor.isEditing)
    }

    @Test("drawing shows line numbers and the cursor")
    func drawing() {
        let editor = TextEditor(text: "rule \"東京\"\nwhen tier >= joiner")
        editor.showsLineNumbers = true
        _ = editor.handle(.right, keyMap: KeyMap.standard)
        let grid = render(columns: 20, rows: 3) { editor.draw($0) }
        #expect(grid.text == "1 rule \"東京\"\n2 when tier >= joine\n")
        #expect(grid.cursor == Position(row: 0, column: 3))
    }

    @Test("long lines scroll sideways with the cursor")
    func horizontalScroll() {
        let editor = TextEditor(text: "abcdefghij東京klmnop")
        _ = editor.handle(.end, keyMap: KeyMap.standard)
        let grid = render(columns: 10, rows: 1) { editor.draw($0) }
        #expect(grid.line(0) == " klmnop")
        #expect(grid.cursor == Position(row: 0, column: 7))
    }

    @Test("highlight spans colour the text")
    func highlighting() {
        struct Keywords: SyntaxHighlighter {
            func spans(in line: String, lineNumber: Int) -> [HighlightSpan] {
                line.hasPrefix("rule") ? [HighlightSpan(0..<4, .syntaxKeyword)] : []
            }
        }
        let editor = TextEditor(text: "rule x")
        editor.highlighter = Keywords()
        let grid = render(columns: 8, rows: 1) { editor.draw($0) }
        #expect(grid.roleMap([.syntaxKeyword: "k"]) == "kkkk....")
    }

    @Test("the view follows the cursor down")
    func verticalScroll() {
        let editor = TextEditor(text: (1...10).map { "line \($0)" }.joined(separator: "\n"))
        _ = render(columns: 10, rows: 3) { editor.draw($0) }
        for key in keys("PgDn PgDn") {
            _ = editor.handle(key, keyMap: KeyMap.standard)
        }
        let grid = render(columns: 10, rows: 3) { editor.draw($0) }
        #expect(grid.text == "line 5\nline 6\nline 7")
    }
}
