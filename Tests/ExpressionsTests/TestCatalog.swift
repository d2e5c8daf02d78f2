@testable import Expressions

/// The catalog the tests check against: it matches the fixture warehouse.
let testCatalog = InMemoryCatalog(
    attributeTypes: ["loyalty_points": .number, "birthday": .date, "segment": .text],
    skus: ["CASE", "KIN-ONE", "POSTAGE", "WP-7"],
    categories: ["Accessories", "Fees", "Phones", "Windows Phone"])

/// `line:column` of each diagnostic with its id, the way the tables write them.
func positionedIDs(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { "\($0.id)@\($0.range.start.line):\($0.range.start.column)" }
}
