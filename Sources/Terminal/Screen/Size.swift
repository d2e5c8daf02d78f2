/// The size of a screen or a region of it, in terminal rows and columns.
public struct Size: Sendable, Hashable, CustomStringConvertible {
    public var rows: Int
    public var columns: Int

    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }

    /// The smallest screen every view of the workbench is laid out for; below it the event
    /// loop draws a one-line notice instead.
    public static let minimum = Size(rows: 10, columns: 40)

    /// Returns whether a region of this size holds `other` in both directions.
    public func contains(_ other: Size) -> Bool {
        rows >= other.rows && columns >= other.columns
    }

    /// The size as terminals write it, columns first: `120×40`.
    public var description: String { "\(columns)×\(rows)" }
}
