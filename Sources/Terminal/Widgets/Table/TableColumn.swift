/// A column of a table: its title, how its cells align, and its heat shading.
public struct TableColumn: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Left-aligned text.
        case text
        /// Right-aligned numbers.
        case number
    }

    public var title: String
    public var kind: Kind
    /// The value range that heat shading spreads over `heat-1`…`heat-5`, or nil for no
    /// shading. The data source supplies it, because the table never reads every row.
    public var heatRange: ClosedRange<Double>?
    /// The widest the column grows, in terminal columns.
    public var maxWidth: Int

    public init(_ title: String, kind: Kind = .text, heatRange: ClosedRange<Double>? = nil, maxWidth: Int = 40) {
        precondition(maxWidth >= 1, "column '\(title)' needs a maximum width of at least 1, not \(maxWidth)")
        self.title = title
        self.kind = kind
        self.heatRange = heatRange
        self.maxWidth = maxWidth
    }

    /// Returns the heat level, 1 to 5, of a value in this column, or nil without shading.
    public func heatLevel(of value: Double) -> Int? {
        guard let heatRange, value.isFinite else { return nil }
        let span = heatRange.upperBound - heatRange.lowerBound
        guard span > 0 else { return Role.heatLevels.upperBound }
        let fraction = (value - heatRange.lowerBound) / span
        let level = Int((fraction * Double(Role.heatLevels.count)).rounded(.down)) + 1
        return min(max(level, Role.heatLevels.lowerBound), Role.heatLevels.upperBound)
    }
}
