import Expressions

/// Completes the word before the cursor in the rule editor: field, function, tier, event
/// kind and rule words anywhere, and inside the string after `sku` or `category`, the SKUs
/// or categories of the warehouse.
struct RuleCompletion: Equatable {
    /// The part of the word already typed.
    let prefix: String
    /// Every candidate that starts with the prefix, in order.
    let candidates: [String]

    /// The text to insert: the rest of the only candidate, or of the longest prefix that all
    /// candidates share. It is empty when there is nothing to add.
    var insertion: String {
        guard let first = candidates.first else { return "" }
        var common = first
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(common) {
                common.removeLast()
            }
        }
        return String(common.dropFirst(prefix.count))
    }

    static let words: [String] =
        ["rule", "when", "then", "offer", "flag", "value", "cost", "valid", "holdout", "days", "weeks"]
        + Keyword.allCases.map(\.rawValue)
        + CustomerField.allCases.map(\.rawValue)
        + ["count", "spend", "orders", "bought", "days_since", "any", "order", "signup"]
        + ["none", "spectator", "joiner", "critic", "creator"]
        + EventKind.allCases.map(\.rawValue)

    /// Returns the completion of the word that ends the line's text before the cursor, or
    /// nil when there is no word to complete.
    static func complete(before lineText: String, skus: [String], categories: [String]) -> RuleCompletion? {
        let quotes = lineText.filter { $0 == "\"" }.count
        if quotes % 2 == 1, let quote = lineText.lastIndex(of: "\"") {
            let typed = String(lineText[lineText.index(after: quote)...])
            let before = lineText[..<quote].trimmingTrailingSpaces()
            let list: [String]
            if before.hasSuffix("sku") {
                list = skus
            } else if before.hasSuffix("category") {
                list = categories
            } else {
                return nil
            }
            return RuleCompletion(prefix: typed, candidates: list.filter { $0.hasPrefix(typed) })
        }
        let word = String(lineText.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
        guard !word.isEmpty else { return nil }
        var seen = Set<String>()
        let candidates = words.filter { $0.hasPrefix(word) && $0 != word && seen.insert($0).inserted }
        return RuleCompletion(prefix: word, candidates: candidates)
    }
}

extension Substring {
    fileprivate func trimmingTrailingSpaces() -> Substring {
        var text = self
        while text.last == " " {
            text.removeLast()
        }
        return text
    }
}
