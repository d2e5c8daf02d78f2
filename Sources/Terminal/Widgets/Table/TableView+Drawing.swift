import Text

extension TableView {
    /// The separator drawn after the key column.
    static let keySeparator = "│"

    /// Draws the header and the rows that fit, fetching only those rows.
    public func draw(_ canvas: Canvas) {
        guard canvas.rows > 0, canvas.columns > 0 else { return }
        let columns = dataSource.columns
        pageRows = max(canvas.rows - 1, 1)
        select(row: selectedRow)

        let count = rowCount
        let visible = topRow..<min(topRow + pageRows, count)
        let rows = visible.isEmpty ? [] : dataSource.rows(visible)
        widen(for: rows, canvasColumns: canvas.columns)
        let layout = layOut(canvasColumns: canvas.columns)

        canvas.fill(row: 0, role: .header)
        for placed in layout {
            canvas.text(headerTitle(placed.column), row: 0, column: placed.start, role: .header, width: placed.width, alignment: alignment(of: columns[placed.column]))
        }
        if columns.count > 1, let key = layout.first, key.column == 0 {
            canvas.text(TableView.keySeparator, row: 0, column: key.start + key.width, role: .header)
        }

        if count == 0 {
            canvas.text("(no rows)", row: 1, role: .dim)
            return
        }
        for (offset, cells) in rows.enumerated() {
            let row = topRow + offset
            let isSelected = row == selectedRow
            if isSelected {
                canvas.fill(row: offset + 1, role: .selectedRow)
            }
            for placed in layout {
                let cell = placed.column < cells.count ? cells[placed.column] : .empty
                let role = self.role(of: cell, column: placed.column, isSelectedRow: isSelected)
                canvas.text(cell.text, row: offset + 1, column: placed.start, role: role, width: placed.width, alignment: alignment(of: columns[placed.column]))
            }
            if columns.count > 1, let key = layout.first, key.column == 0 {
                canvas.text(TableView.keySeparator, row: offset + 1, column: key.start + key.width, role: isSelected ? .selectedRow : .border)
            }
        }
    }

    /// A column placed on screen: where it starts and how wide it is drawn.
    struct PlacedColumn {
        var column: Int
        var start: Int
        var width: Int
    }

    /// Places the key column, then the scrolling columns from `firstScrolledColumn`,
    /// scrolling further right first if the cursor's column would not fit. The last column
    /// is cut to the space left.
    func layOut(canvasColumns: Int) -> [PlacedColumn] {
        let count = columnCount
        guard count > 0 else { return [] }
        let keyWidth = min(columnWidths[0], canvasColumns)
        var placed = [PlacedColumn(column: 0, start: 0, width: keyWidth)]
        let scrollStart = keyWidth + 1
        guard count > 1, scrollStart < canvasColumns else { return placed }

        firstScrolledColumn = min(max(firstScrolledColumn, 1), count - 1)
        if selectedColumn >= 1 {
            if selectedColumn < firstScrolledColumn {
                firstScrolledColumn = selectedColumn
            }
            while firstScrolledColumn < selectedColumn
                && scrollStart + span(from: firstScrolledColumn, through: selectedColumn) > canvasColumns
            {
                firstScrolledColumn += 1
            }
        }

        var start = scrollStart
        for column in firstScrolledColumn..<count where start < canvasColumns {
            let width = min(columnWidths[column], canvasColumns - start)
            placed.append(PlacedColumn(column: column, start: start, width: width))
            start += width + 1
        }
        return placed
    }

    /// Returns the terminal columns that the table columns `first` through `last` take,
    /// gaps included.
    private func span(from first: Int, through last: Int) -> Int {
        (first...last).reduce(0) { $0 + columnWidths[$1] + 1 } - 1
    }

    /// Widens columns for the rows about to be drawn; the key column takes at most half the
    /// screen so other columns stay in view.
    private func widen(for rows: [[TableCell]], canvasColumns: Int) {
        let columns = dataSource.columns
        for index in columns.indices {
            let width = min(DisplayWidth.columns(of: headerTitle(index)), columns[index].maxWidth)
            columnWidths[index] = max(columnWidths[index], width)
        }
        for row in rows {
            for (index, cell) in row.enumerated() where index < columns.count {
                let width = min(DisplayWidth.columns(of: cell.text), columns[index].maxWidth)
                if width > columnWidths[index] {
                    columnWidths[index] = width
                }
            }
        }
        if !columnWidths.isEmpty {
            columnWidths[0] = min(columnWidths[0], max(canvasColumns / 2, 1))
        }
    }

    private func headerTitle(_ column: Int) -> String {
        let title = dataSource.columns[column].title
        guard let sortOrder, sortOrder.column == column else { return title }
        return title + (sortOrder.ascending ? "▲" : "▼")
    }

    private func alignment(of column: TableColumn) -> DisplayWidth.Alignment {
        column.kind == .number ? .right : .left
    }

    private func role(of cell: TableCell, column: Int, isSelectedRow: Bool) -> Role {
        if isSelectedRow {
            return column == selectedColumn ? .selectedCell : .selectedRow
        }
        switch cell {
        case .error:
            return .cellError
        case .number(_, let value):
            if let level = dataSource.columns[column].heatLevel(of: value) {
                return .heat(level)
            }
        case .text, .empty:
            break
        }
        return column == 0 ? .keyColumn : .normal
    }
}
