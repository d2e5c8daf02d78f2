import Text

/// A list to choose one entry from, narrowed by typing: printable keys add to a filter
/// that keeps entries containing it (ignoring case), Backspace removes from it.
///
/// Up and Down (`previous`, `next`) and the page keys move the selection; Enter returns
/// `.submit` with `selectedIndex` set, Esc returns `.cancel`.
public final class ListPicker {
    public var title: String
    public let items: [String]
    public private(set) var filter = ""
    /// Indices into `items` of the entries that match the filter, in order.
    public private(set) var matches: [Int]
    /// The position of the selection in `matches`.
    public private(set) var selection = 0
    private var topRow = 0
    private var pageRows = 10

    public init(title: String, items: [String], selected: Int = 0) {
        self.title = title
        self.items = items
        matches = Array(items.indices)
        selection = min(max(selected, 0), max(items.count - 1, 0))
    }

    /// The index into `items` of the selected entry, or nil when nothing matches.
    public var selectedIndex: Int? {
        matches.isEmpty ? nil : matches[selection]
    }

    public var selectedItem: String? {
        selectedIndex.map { items[$0] }
    }

    public func handle(_ key: Key, keyMap: KeyMap) -> Outcome {
        if let scalar = key.text {
            setFilter(filter + String(scalar))
            return .redraw
        }
        return ListPicker.commands.perform(key, in: .prompt, keyMap: keyMap, on: self)
    }

    /// Keeps the entries containing `text`, ignoring case; the selection stays on the same
    /// entry when it still matches.
    public func setFilter(_ text: String) {
        let previous = selectedIndex
        filter = text
        let needle = text.lowercased()
        matches = items.indices.filter { needle.isEmpty || items[$0].lowercased().contains(needle) }
        selection = previous.flatMap { matches.firstIndex(of: $0) } ?? 0
    }

    func moveSelection(by delta: Int) -> Outcome {
        guard !matches.isEmpty else { return .handled }
        let target = min(max(selection + delta, 0), matches.count - 1)
        guard target != selection else { return .handled }
        selection = target
        return .redraw
    }

    public static let commands: [Command<ListPicker>] = [
        Command("submit", "Choose the selected entry") { $0.selectedIndex == nil ? .handled : .submit },
        Command("cancel", "Close the list without choosing") { _ in .cancel },
        Command("previous", "Select the previous entry") { $0.moveSelection(by: -1) },
        Command("next", "Select the next entry") { $0.moveSelection(by: 1) },
        Command("page-up", "Select one page up") { $0.moveSelection(by: -$0.pageRows) },
        Command("page-down", "Select one page down") { $0.moveSelection(by: $0.pageRows) },
        Command("delete-backward", "Remove the last character of the filter") { picker in
            guard !picker.filter.isEmpty else { return .handled }
            picker.setFilter(String(picker.filter.dropLast()))
            return .redraw
        },
    ]

    /// Draws the title with the filter and the match count, then the entries that fit.
    public func draw(_ canvas: Canvas) {
        guard canvas.rows > 0 else { return }
        canvas.fill(row: 0, role: .title)
        let count = "\(matches.count)/\(items.count)"
        let countWidth = DisplayWidth.columns(of: count)
        let heading = filter.isEmpty ? title : "\(title): \(filter)"
        canvas.text(heading, row: 0, role: .title, width: max(canvas.columns - countWidth - 1, 0))
        canvas.text(count, row: 0, column: max(canvas.columns - countWidth, 0), role: .title)
        if filter.isEmpty {
            canvas.moveCursor(row: 0, column: min(DisplayWidth.columns(of: heading), canvas.columns - 1))
        } else {
            canvas.moveCursor(row: 0, column: min(DisplayWidth.columns(of: heading), canvas.columns - countWidth - 2))
        }

        pageRows = max(canvas.rows - 1, 1)
        if selection < topRow {
            topRow = selection
        } else if selection >= topRow + pageRows {
            topRow = selection - pageRows + 1
        }
        topRow = max(0, min(topRow, max(matches.count - pageRows, 0)))
        if matches.isEmpty {
            canvas.text("(nothing matches '\(filter)')", row: 1, role: .dim)
            return
        }
        for row in 0..<pageRows {
            let position = topRow + row
            guard position < matches.count else { break }
            let isSelected = position == selection
            if isSelected {
                canvas.fill(row: row + 1, role: .selectedRow)
            }
            canvas.text(items[matches[position]], row: row + 1, column: 1, role: isSelected ? .selectedRow : .normal)
        }
    }
}
