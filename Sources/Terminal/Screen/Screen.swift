/// A surface that widgets draw on: the terminal through ncurses (`CursesScreen`) or an
/// in-memory `CellGrid` for tests.
///
/// Widgets never call a screen directly. They draw through a `Canvas`, which clips to the
/// widget's region and cuts text to the columns it may use, so a screen only ever receives
/// drawable text (see `DisplayWidth.drawable`) that fits in the row from its start position.
public protocol Screen: AnyObject {
    var size: Size { get }

    /// Draws drawable text from `position` in the given role. The text fits in the row.
    func put(_ text: String, at position: Position, role: Role)

    /// Places the visible cursor, or hides it when `position` is nil.
    func moveCursor(to position: Position?)
}
