/// A line diff of two texts, from their longest common subsequence of lines.
///
/// Rule files are short (at most 1 MiB, usually a dozen lines), so the quadratic table of the
/// textbook algorithm is affordable. Past `maxCells` table cells the diff removes every old
/// line and adds every new one, which is correct but coarse.
public enum TextDiff {
    public enum Line: Sendable, Hashable {
        case same(String)
        case removed(String)
        case added(String)

        /// The line with its `' '`, `-` or `+` marker, as unified diffs write it.
        public var marked: String {
            switch self {
            case .same(let text): return " " + text
            case .removed(let text): return "-" + text
            case .added(let text): return "+" + text
            }
        }
    }

    static let maxCells = 4_000_000

    /// Returns the lines of `old` and `new` in order, each marked same, removed or added.
    public static func lines(from old: String, to new: String) -> [Line] {
        let before = split(old)
        let after = split(new)
        guard (before.count + 1) * (after.count + 1) <= maxCells else {
            return before.map(Line.removed) + after.map(Line.added)
        }
        // common[i][j] is the length of the longest common subsequence of before[i...] and after[j...].
        var common = Array(repeating: Array(repeating: 0, count: after.count + 1), count: before.count + 1)
        for i in stride(from: before.count - 1, through: 0, by: -1) {
            for j in stride(from: after.count - 1, through: 0, by: -1) {
                common[i][j] = before[i] == after[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var result: [Line] = []
        var i = 0
        var j = 0
        while i < before.count || j < after.count {
            if i < before.count && j < after.count && before[i] == after[j] {
                result.append(.same(before[i]))
                i += 1
                j += 1
            } else if i < before.count && (j == after.count || common[i + 1][j] >= common[i][j + 1]) {
                result.append(.removed(before[i]))
                i += 1
            } else {
                result.append(.added(after[j]))
                j += 1
            }
        }
        return result
    }

    /// Splits at LF and CRLF, which Swift reads as one character, and drops the empty piece
    /// after a final line break.
    private static func split(_ text: String) -> [String] {
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map(String.init)
        if lines.last == "" {
            lines.removeLast()
        }
        return lines
    }
}
