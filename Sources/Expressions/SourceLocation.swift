/// A place in analyst text: a UTF-8 byte offset plus the line and column a person reads.
///
/// Lines and columns count from 1. A column counts Unicode scalars from the start of its line,
/// so `é` written as one scalar is one column. Positions are relative to the whole text that
/// was lexed, so an expression inside a rule file reports the file's own lines.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Bytes from the start of the text.
    public var offset: Int
    public var line: Int
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The first character of a text.
    public static let start = SourceLocation(offset: 0, line: 1, column: 1)

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        lhs.offset < rhs.offset
    }

    /// `line:column`, as diagnostics print it.
    public var description: String { "\(line):\(column)" }
}

/// A half-open stretch of text: `start` is the first character, `end` the one after the last.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// Creates an empty range at `location`, for something missing there.
    public init(at location: SourceLocation) {
        self.init(start: location, end: location)
    }

    /// Returns the smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }

    public var description: String { "\(start)-\(end)" }
}
