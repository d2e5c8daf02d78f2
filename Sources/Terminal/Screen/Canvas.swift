import Text

/// A region of a screen that one widget draws into, with coordinates relative to its
/// top-left corner. Everything drawn is clipped to the region and cut to whole characters,
/// so a widget cannot spill into its neighbours.
public struct Canvas {
    /// How text wider than the columns it is given is cut.
    public enum Overflow: Sendable {
        /// Cut and mark the cut with `…` (table cells, labels).
        case ellipsis
        /// Cut without a mark (an editor line scrolled sideways).
        case clip
    }

    public let screen: Screen
    /// The region in screen coordinates.
    public let frame: Rect

    public init(screen: Screen) {
        self.screen = screen
        frame = Rect(size: screen.size)
    }

    private init(screen: Screen, frame: Rect) {
        self.screen = screen
        self.frame = frame
    }

    public var size: Size { frame.size }
    public var rows: Int { frame.rows }
    public var columns: Int { frame.columns }

    /// Returns the canvas for a part of this one, given in this canvas's coordinates.
    public func region(_ rect: Rect) -> Canvas {
        let absolute = Rect(row: frame.row + rect.row, column: frame.column + rect.column, rows: rect.rows, columns: rect.columns)
        return Canvas(screen: screen, frame: absolute.intersection(frame))
    }

    /// Draws text on one row and returns the number of columns it took.
    ///
    /// With `width`, the text fills exactly that many columns, cut or padded with spaces
    /// according to `alignment`; without it, the text runs to the right edge at most.
    @discardableResult
    public func text(
        _ text: String, row: Int, column: Int = 0, role: Role = .normal, width: Int? = nil,
        alignment: DisplayWidth.Alignment = .left, overflow: Overflow = .ellipsis
    ) -> Int {
        guard row >= 0, row < rows, column >= 0, column < columns else { return 0 }
        let available = min(width ?? (columns - column), columns - column)
        guard available > 0 else { return 0 }
        let drawn: String
        switch (overflow, width) {
        case (.ellipsis, nil):
            drawn = DisplayWidth.truncate(text, toColumns: available)
        case (.ellipsis, _):
            drawn = DisplayWidth.fit(text, toColumns: available, alignment: alignment)
        case (.clip, nil):
            drawn = Canvas.clip(text, toColumns: available)
        case (.clip, _):
            drawn = DisplayWidth.fit(Canvas.clip(text, toColumns: available), toColumns: available, alignment: alignment)
        }
        screen.put(drawn, at: Position(row: frame.row + row, column: frame.column + column), role: role)
        return DisplayWidth.columns(of: drawn)
    }

    /// Fills one row with spaces in a role.
    public func fill(row: Int, role: Role) {
        text("", row: row, role: role, width: columns)
    }

    /// Fills the whole region with spaces in a role.
    public func fill(role: Role) {
        for row in 0..<rows {
            fill(row: row, role: role)
        }
    }

    /// Places the visible cursor at a position of this canvas, if it lies inside it.
    public func moveCursor(row: Int, column: Int) {
        guard row >= 0, row < rows, column >= 0, column <= columns else { return }
        screen.moveCursor(to: Position(row: frame.row + row, column: frame.column + min(column, columns - 1)))
    }

    /// Returns the drawable form of the text cut to at most `columns` columns without a
    /// mark; a wide character that would straddle the edge is left out.
    public static func clip(_ text: String, toColumns columns: Int) -> String {
        let drawable = DisplayWidth.drawable(text)
        var kept = ""
        var used = 0
        for scalar in drawable.unicodeScalars {
            let width = max(0, DisplayWidth.width(of: scalar))
            if used + width > columns {
                break
            }
            kept.unicodeScalars.append(scalar)
            used += width
        }
        return kept
    }
}
