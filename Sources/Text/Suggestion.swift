/// "Did you mean" suggestions for a misspelt name, by edit distance.
public enum Suggestion {
    /// The candidate closest to `name`, or nil when none is close enough to be a likely typo.
    ///
    /// Distance is the Levenshtein distance over Unicode scalars, case-insensitively; a
    /// candidate qualifies within a third of the longer name's length (at least 1, at most 3).
    /// Ties go to the earlier candidate, so callers list candidates in their preferred order.
    public static func nearest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let scalars = Array(candidate.lowercased().unicodeScalars)
            let limit = min(3, max(1, max(target.count, scalars.count) / 3))
            let distance = editDistance(target, scalars)
            if distance <= limit && distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// The Levenshtein distance: insertions, deletions and substitutions, each costing 1.
    public static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
