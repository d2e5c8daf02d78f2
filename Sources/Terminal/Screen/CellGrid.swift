import Text

/// An in-memory screen: a grid of cells that widgets draw into exactly as they draw on the
/// terminal, so tests compare what a widget drew with a text snapshot.
///
/// Each cell holds what one terminal cell shows: a character of width 1, the left half of a
/// width-2 character (its right half is a continuation cell), or a space. Zero-width code
/// points (combining marks) join the cell before them, as ncurses does.
public final class CellGrid: Screen {
    /// What one cell of the grid shows.
    public struct Cell: Sendable, Hashable {
        public var text: String
        public var role: Role
        /// The right half of a width-2 character drawn in the cell to the left.
        public var isContinuation: Bool

        public static let blank = Cell(text: " ", role: .normal, isContinuation: false)
    }

    public private(set) var size: Size
    public private(set) var cursor: Position?
    private var cells: [[Cell]]

    public init(size: Size) {
        self.size = size
        cells = Array(repeating: Array(repeating: .blank, count: size.columns), count: size.rows)
    }

    public convenience init(rows: Int, columns: Int) {
        self.init(size: Size(rows: rows, columns: columns))
    }

    /// Clears every cell, as the terminal is cleared before each frame.
    public func clear() {
        cells = Array(repeating: Array(repeating: .blank, count: size.columns), count: size.rows)
        cursor = nil
    }

    /// Changes the size and clears the grid, as a terminal resize does.
    public func resize(to newSize: Size) {
        size = newSize
        clear()
    }

    public func put(_ text: String, at position: Position, role: Role) {
        guard position.row >= 0, position.row < size.rows else { return }
        var column = position.column
        var lastDrawn: Int?
        for scalar in text.unicodeScalars {
            let width = DisplayWidth.width(of: scalar)
            if width == 0 {
                if let lastDrawn {
                    cells[position.row][lastDrawn].text.unicodeScalars.append(scalar)
                }
                continue
            }
            let columns = max(width, 1)
            guard column >= 0, column + columns <= size.columns else { break }
            clearOverlap(row: position.row, column: column, columns: columns)
            cells[position.row][column] = Cell(text: String(scalar), role: role, isContinuation: false)
            if columns == 2 {
                cells[position.row][column + 1] = Cell(text: "", role: role, isContinuation: true)
            }
            lastDrawn = column
            column += columns
        }
    }

    public func moveCursor(to position: Position?) {
        cursor = position
    }

    /// Returns the cell at a position.
    public func cell(row: Int, column: Int) -> Cell {
        cells[row][column]
    }

    /// Returns the role of the cell at a position.
    public func role(row: Int, column: Int) -> Role {
        cells[row][column].role
    }

    /// Returns one row as text, without trailing spaces.
    public func line(_ row: Int) -> String {
        var text = ""
        for cell in cells[row] where !cell.isContinuation {
            text += cell.text
        }
        while text.last == " " {
            text.removeLast()
        }
        return text
    }

    /// The whole grid as text, one line per row, trailing spaces removed.
    public var text: String {
        (0..<size.rows).map(line).joined(separator: "\n")
    }

    /// The roles of every cell as one letter each, `.` for `normal`, for tests of shading.
    /// Roles not in `letters` show as `?`.
    public func roleMap(_ letters: [Role: Character]) -> String {
        cells.map { row in
            String(row.map { cell in cell.role == .normal ? "." : (letters[cell.role] ?? "?") })
        }.joined(separator: "\n")
    }

    /// Blanks the halves of wide characters that a new character partly covers.
    private func clearOverlap(row: Int, column: Int, columns: Int) {
        if cells[row][column].isContinuation, column > 0 {
            cells[row][column - 1] = .blank
        }
        let after = column + columns
        if after < size.columns, cells[row][after].isContinuation {
            cells[row][after] = .blank
        }
    }
}
