import Text

/// A framed box drawn over the middle of the screen, holding lines that scroll: the help
/// overlay and the message history. Any key that is not a move closes it.
public final class Overlay {
    /// One line: an optional key column, drawn in `help-key`, then text in a role.
    public struct Line: Sendable, Hashable {
        public var key: String
        public var text: String
        public var role: Role

        public init(key: String = "", text: String, role: Role = .helpText) {
            self.key = key
            self.text = text
            self.role = role
        }
    }

    public let title: String
    public let lines: [Line]
    public private(set) var topRow = 0
    private var pageRows = 10

    public init(title: String, lines: [Line]) {
        self.title = title
        self.lines = lines
    }

    /// Scrolls with the browse keys; any other key returns `.cancel` to close the overlay.
    public func handle(_ key: Key, keyMap: KeyMap) -> Outcome {
        let outcome = Overlay.commands.perform(key, in: .browse, keyMap: keyMap, on: self)
        return outcome == .ignored ? .cancel : outcome
    }

    func scroll(by delta: Int) -> Outcome {
        let target = min(max(topRow + delta, 0), max(lines.count - pageRows, 0))
        guard target != topRow else { return .handled }
        topRow = target
        return .redraw
    }

    public static let commands: [Command<Overlay>] = [
        Command("move-down", "Scroll down one line") { $0.scroll(by: 1) },
        Command("move-up", "Scroll up one line") { $0.scroll(by: -1) },
        Command("page-down", "Scroll down one page") { $0.scroll(by: $0.pageRows) },
        Command("page-up", "Scroll up one page") { $0.scroll(by: -$0.pageRows) },
        Command("move-first", "Scroll to the top") { $0.scroll(by: -$0.lines.count) },
        Command("move-last", "Scroll to the bottom") { $0.scroll(by: $0.lines.count) },
    ]

    /// Draws the box centred on the canvas, as large as the lines need and the canvas allows.
    public func draw(_ canvas: Canvas) {
        let keyWidth = lines.map { DisplayWidth.columns(of: $0.key) }.max() ?? 0
        let keyColumns = keyWidth > 0 ? keyWidth + 2 : 0
        let textWidth = lines.map { keyColumns + DisplayWidth.columns(of: $0.text) }.max() ?? 0
        let wanted = Size(rows: lines.count + 2, columns: max(textWidth, DisplayWidth.columns(of: title) + 4) + 4)
        let box = canvas.region(Rect(size: canvas.size).centered(wanted))
        guard box.rows >= 3, box.columns >= 6 else { return }

        let inner = box.columns - 2
        box.text("┌" + String(repeating: "─", count: inner) + "┐", row: 0, role: .border)
        box.text(" \(title) ", row: 0, column: 2, role: .title, width: min(DisplayWidth.columns(of: title) + 2, inner - 2))
        box.text("└" + String(repeating: "─", count: inner) + "┘", row: box.rows - 1, role: .border)

        pageRows = box.rows - 2
        topRow = min(topRow, max(lines.count - pageRows, 0))
        for row in 0..<pageRows {
            box.text("│", row: row + 1, role: .border)
            box.text("│", row: row + 1, column: box.columns - 1, role: .border)
            box.region(Rect(row: row + 1, column: 1, rows: 1, columns: inner)).fill(row: 0, role: .helpText)
            let content = box.region(Rect(row: row + 1, column: 2, rows: 1, columns: inner - 2))
            let index = topRow + row
            guard index < lines.count else { continue }
            let line = lines[index]
            if line.key.isEmpty && line.role == .title {
                content.text(line.text, row: 0, role: .title)
                continue
            }
            if keyColumns > 0 {
                content.text(line.key, row: 0, role: .helpKey, width: keyWidth)
            }
            content.text(line.text, row: 0, column: keyColumns, role: line.role)
        }
        if lines.count > pageRows {
            let position = "\(topRow + 1)-\(min(topRow + pageRows, lines.count))/\(lines.count)"
            let width = DisplayWidth.columns(of: position)
            box.text(position, row: box.rows - 1, column: max(box.columns - width - 2, 1), role: .border)
        }
    }
}
