import Expressions
import Foundation

@testable import Rules

/// `id@line:column` of each diagnostic, the way the tables write them.
func positioned(_ diagnostics: [RuleDiagnostic]) -> [String] {
    diagnostics.map { "\($0.id)@\($0.range.start.line):\($0.range.start.column)" }
}

/// A valid rule file, line by line, for cases that change one line of it.
enum SampleRule {
    static let lines = [
        #"rule "r1""#,
        "when tier >= joiner",
        #"then offer "gift" value 10.00 cost 4.00"#,
        "valid 30 days",
        "holdout 10%",
    ]

    static var text: String { lines.joined(separator: "\n") + "\n" }

    /// Returns the file with line `number` (from 1) replaced by `replacement`, which may span
    /// lines or be empty to leave the line blank.
    static func replacing(_ number: Int, with replacement: String) -> String {
        var changed = lines
        changed[number - 1] = replacement
        return changed.joined(separator: "\n") + "\n"
    }
}

/// The catalog of the golden warehouse, for checks that need no database.
let goldenCatalog = InMemoryCatalog(
    attributeTypes: ["birthday": .date, "loyalty_points": .number, "segment": .text],
    skus: ["CASE", "KIN-ONE", "KIN-TWO", "MUG", "POSTAGE", "TEE"],
    categories: ["Accessories", "Fees", "Merch", "Phones"])

/// A fresh folder under the system's temporary directory, removed when the value is released.
final class TemporaryFolder {
    let path: String

    init() {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("dotwork-rules-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }
}
