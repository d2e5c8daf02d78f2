extension TableView {
    /// The table's commands. `search` itself needs a prompt, so the application declares
    /// it and calls `search(for:direction:)` with the text.
    public static let commands: [Command<TableView>] = [
        Command("move-down", "Move the cursor to the next row") { $0.moveRows(by: 1) },
        Command("move-up", "Move the cursor to the previous row") { $0.moveRows(by: -1) },
        Command("page-down", "Move the cursor one page down") { $0.moveRows(by: $0.pageRows) },
        Command("page-up", "Move the cursor one page up") { $0.moveRows(by: -$0.pageRows) },
        Command("move-first", "Move the cursor to the first row") { $0.moveRows(by: -$0.rowCount) },
        Command("move-last", "Move the cursor to the last row") { $0.moveRows(by: $0.rowCount) },
        Command("move-right", "Move the cursor to the next column") { $0.moveColumns(by: 1) },
        Command("move-left", "Move the cursor to the previous column") { $0.moveColumns(by: -1) },
        Command("move-first-column", "Move the cursor to the key column") { $0.moveColumns(by: -$0.columnCount) },
        Command("move-last-column", "Move the cursor to the last column") { $0.moveColumns(by: $0.columnCount) },
        Command("sort-ascending", "Sort the rows by the cursor's column, smallest first") { table in
            table.sort(by: TableSortOrder(column: table.selectedColumn, ascending: true))
            return .redraw
        },
        Command("sort-descending", "Sort the rows by the cursor's column, largest first") { table in
            table.sort(by: TableSortOrder(column: table.selectedColumn, ascending: false))
            return .redraw
        },
        Command("sort-clear", "Put the rows back in their original order") { table in
            table.sort(by: nil)
            return .redraw
        },
        Command("search-next", "Find the next row containing the last search") { $0.repeatSearch(.forward) },
        Command("search-previous", "Find the previous row containing the last search") { $0.repeatSearch(.backward) },
        Command("cancel", "Stop the running sort or search") { $0.cancelJob() ? .redraw : .ignored },
    ]

    /// Runs the table command bound to a key in the browse context.
    public func handle(_ key: Key, keyMap: KeyMap) -> Outcome {
        TableView.commands.perform(key, in: .browse, keyMap: keyMap, on: self)
    }

    func moveRows(by delta: Int) -> Outcome {
        let target = min(max(selectedRow + delta, 0), max(rowCount - 1, 0))
        guard target != selectedRow else { return .handled }
        select(row: target)
        return .redraw
    }

    func moveColumns(by delta: Int) -> Outcome {
        let target = min(max(selectedColumn + delta, 0), max(columnCount - 1, 0))
        guard target != selectedColumn else { return .handled }
        select(column: target)
        return .redraw
    }

    private func repeatSearch(_ direction: SearchDirection) -> Outcome {
        guard let searchText else { return .ignored }
        search(for: searchText, direction: direction)
        return .redraw
    }
}
