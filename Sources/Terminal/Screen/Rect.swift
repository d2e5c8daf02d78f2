/// A rectangle of screen cells: the region a widget draws into.
public struct Rect: Sendable, Hashable {
    public var origin: Position
    public var size: Size

    public init(row: Int, column: Int, rows: Int, columns: Int) {
        origin = Position(row: row, column: column)
        size = Size(rows: max(0, rows), columns: max(0, columns))
    }

    public init(origin: Position = Position(row: 0, column: 0), size: Size) {
        self.init(row: origin.row, column: origin.column, rows: size.rows, columns: size.columns)
    }

    public var row: Int { origin.row }
    public var column: Int { origin.column }
    public var rows: Int { size.rows }
    public var columns: Int { size.columns }
    public var isEmpty: Bool { size.rows == 0 || size.columns == 0 }

    /// Returns the part of this rectangle that also lies inside `other`.
    public func intersection(_ other: Rect) -> Rect {
        let top = max(row, other.row)
        let left = max(column, other.column)
        let bottom = min(row + rows, other.row + other.rows)
        let right = min(column + columns, other.column + other.columns)
        return Rect(row: top, column: left, rows: bottom - top, columns: right - left)
    }

    /// Splits off the top `count` rows; returns them and the rest.
    public func splitTop(_ count: Int) -> (top: Rect, rest: Rect) {
        let taken = min(max(0, count), rows)
        return (
            Rect(row: row, column: column, rows: taken, columns: columns),
            Rect(row: row + taken, column: column, rows: rows - taken, columns: columns)
        )
    }

    /// Splits off the bottom `count` rows; returns the rest and them.
    public func splitBottom(_ count: Int) -> (rest: Rect, bottom: Rect) {
        let taken = min(max(0, count), rows)
        return (
            Rect(row: row, column: column, rows: rows - taken, columns: columns),
            Rect(row: row + rows - taken, column: column, rows: taken, columns: columns)
        )
    }

    /// Returns a rectangle of at most `size`, centred inside this one.
    public func centered(_ size: Size) -> Rect {
        let height = min(size.rows, rows)
        let width = min(size.columns, columns)
        return Rect(row: row + (rows - height) / 2, column: column + (columns - width) / 2, rows: height, columns: width)
    }
}
