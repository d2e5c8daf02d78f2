/// A line of eighth-block characters, one per value, whose height follows the value: how a
/// cohort's retention runs month by month, in one table cell.
enum Sparkline {
    /// The eight heights, lowest first.
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Returns one character per value, scaled so `maximum` is the full block. A missing
    /// value is a space, and zero is the lowest block, which shows that the month exists.
    static func text(_ values: [Double?], maximum: Double) -> String {
        var line = ""
        for value in values {
            guard let value, value.isFinite else {
                line.append(" ")
                continue
            }
            let fraction = maximum > 0 ? min(max(value / maximum, 0), 1) : 0
            let level = Int((fraction * Double(levels.count - 1)).rounded())
            line.append(levels[level])
        }
        return line
    }
}
