/// A bar of fixed width showing how a cohort's customers spread over the engagement ladder,
/// one shade per tier, so the mix of cohorts can be compared at a glance down the table.
///
/// Each character stands for an equal share of the cohort. The shares are rounded by the
/// largest remainder, so the bar always has exactly `width` characters. A tier whose share
/// is below one character may get none.
enum LadderBar {
    /// The shade of each tier, from `none` to `creator`.
    static let shades: [Character] = ["·", "░", "▒", "▓", "█"]
    static let tierNames = ["none", "spectator", "joiner", "critic", "creator"]
    static let width = 10

    /// The legend, as the heading shows it: `·none ░spectator ▒joiner ▓critic █creator`.
    static var legend: String {
        zip(shades, tierNames).map { "\($0)\($1)" }.joined(separator: " ")
    }

    /// Returns the bar for customer counts per tier in ladder order, or an empty text when
    /// there are no customers.
    static func text(tierCounts counts: [Int64], width: Int = LadderBar.width) -> String {
        precondition(counts.count == shades.count, "a ladder bar needs \(shades.count) tier counts, not \(counts.count)")
        let total = counts.reduce(0, +)
        guard total > 0, width > 0 else { return "" }

        var characters = counts.map { Int($0 * Int64(width) / total) }
        let remainders = counts.map { $0 * Int64(width) % total }
        let missing = width - characters.reduce(0, +)
        let byRemainder = remainders.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 > $1 }
        for index in byRemainder.prefix(missing) {
            characters[index] += 1
        }
        return zip(shades, characters).map { String(repeating: $0, count: $1) }.joined()
    }
}
