import Foundation
import Warehouse

/// A written version's decision about one customer: hit as a target, or held out as a control.
public struct CustomerRuleDecision: Sendable, Hashable {
    public let version: RuleVersion
    public let isHeldOut: Bool
}

extension RuleStore {
    /// Reads the written versions that hit or held out the customer `id`, newest first.
    ///
    /// It opens `rules.db` read-only and neither migrates nor repairs it, so query workers
    /// can call it beside an analyst's publish. Returns an empty list when the file does not
    /// exist, because then nothing was ever published.
    public static func decisions(forCustomer id: String, rulesDatabase path: String) throws -> [CustomerRuleDecision] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let database = try Database(path: path, mode: .readOnly)
        let columns = versionColumns.split(separator: ",").map { "v." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        return try database.query(
            """
            SELECT \(columns.joined(separator: ", ")), h.is_held_out
              FROM version_hits h
              JOIN versions v ON v.rule_name = h.rule_name AND v.version = h.version
             WHERE h.customer_id = ? AND v.state = 'written'
             ORDER BY v.published_at DESC, v.rule_name, v.version DESC
            """, [id]
        ) { row in
            CustomerRuleDecision(version: version(row), isHeldOut: row.integer(22) == 1)
        }
    }
}
