import Foundation

extension Importer {
    /// Writes the staged rows and everything derived from them in one write transaction,
    /// and returns the report with the batch id.
    func apply(_ staged: StagedImport, startedAt: String) throws -> Report {
        var report = staged.report
        report.batchID = try database.writeTransaction {
            if options.mode == .replace {
                try database.execute("DELETE FROM \(kind.table)")
            }
            let attributeTypes = try recordAttributeTypes(staged)
            report.attributeTypes = zip(staged.plan.attributeNames, attributeTypes).map { ($0, $1) }

            let statement = try database.prepare(insertSQL(staged.plan))
            for (offset, row) in staged.rows.enumerated() {
                if offset % 4_096 == 0 {
                    try checkInterruption()
                    if offset % 65_536 == 0 {
                        progress?(.applying(rows: offset, total: staged.rows.count))
                    }
                }
                try statement.bind(insertArguments(row, plan: staged.plan, attributeTypes: attributeTypes))
                try statement.run()
                statement.clearBindings()
                if row.exists {
                    report.updated += 1
                } else {
                    report.added += 1
                }
            }
            progress?(.applying(rows: staged.rows.count, total: staged.rows.count))
            try checkInterruption()

            try deriveAfterRows(staged, report: &report)
            try checkInterruption()
            return try recordBatch(staged, report: report, startedAt: startedAt)
        }
        return report
    }

    /// Field indexes that the insert writes: the file's columns and the derived ones.
    func writtenFields(_ plan: ColumnPlan) -> [Int] {
        kind.fields.indices.filter { index in
            if plan.present[index] { return true }
            switch (kind, kind.fields[index].column) {
            case (.members, "source"), (.events, "source"): return options.source != nil
            case (.orderLines, "line_no"), (.orderLines, "line_total_cents"), (.orders, "status"), (.events, "event_id"):
                return true
            default: return false
            }
        }
    }

    /// `INSERT … ON CONFLICT DO UPDATE` with numbered parameters; the text depends only on
    /// the kind and the file's columns, never on values.
    func insertSQL(_ plan: ColumnPlan) -> String {
        let fields = kind.fields
        let written = writtenFields(plan)
        var columns = written.map { fields[$0].column }
        var values = written.indices.map { "?\($0 + 1)" }
        var updates = written.filter { !kind.keyColumns.contains(fields[$0].column) }
            .map { "\(fields[$0].column) = excluded.\(fields[$0].column)" }
        let extra = written.count + 1

        switch kind {
        case .customers:
            columns += ["email_key", "attributes"]
            values += ["?\(extra)", "json_patch('{}', ?\(extra + 1))"]
            if plan.present[fields.firstIndex { $0.column == "email" }!] {
                updates.append("email_key = excluded.email_key")
            }
            if !plan.attributeNames.isEmpty {
                updates.append("attributes = json_patch(customers.attributes, ?\(extra + 1))")
            }
        case .identities, .members:
            columns.append("match_key")
            values.append("?\(extra)")
            updates.append("match_key = excluded.match_key")
        case .products, .orders, .orderLines, .events:
            break
        }

        let keys = kind.keyColumns.joined(separator: ", ")
        let conflict = updates.isEmpty ? "DO NOTHING" : "DO UPDATE SET " + updates.joined(separator: ", ")
        return "INSERT INTO \(kind.table) (\(columns.joined(separator: ", "))) VALUES (\(values.joined(separator: ", "))) "
            + "ON CONFLICT (\(keys)) \(conflict)"
    }

    func insertArguments(_ row: StagedRow, plan: ColumnPlan, attributeTypes: [AttributeType]) -> [SQLBindable] {
        var arguments: [SQLBindable] = writtenFields(plan).map { row.values[$0] }
        switch kind {
        case .customers:
            let email = row.values[2].textValue
            arguments.append(email.map { IdentityLinks.matchKey(provider: "email", externalID: $0) })
            arguments.append(attributesJSON(row, plan: plan, types: attributeTypes))
        case .identities:
            arguments.append(
                IdentityLinks.matchKey(provider: row.values[1].textValue, externalID: row.values[2].textValue ?? ""))
        case .members:
            arguments.append(
                row.values[5].textValue.map { IdentityLinks.matchKey(provider: row.values[4].textValue, externalID: $0) })
        case .products, .orders, .orderLines, .events:
            break
        }
        return arguments
    }

    /// A JSON object of the row's attributes; an empty cell is `null`, which removes the key.
    func attributesJSON(_ row: StagedRow, plan: ColumnPlan, types: [AttributeType]) -> String {
        let values = plan.attributeNames.indices.map { index -> AttributeValue? in
            guard let text = row.attributes[index] else { return nil }
            if types[index] == .number, let number = AttributeTypeTracker.plainNumber(text, decimalComma: options.decimalComma) {
                return .number(number)
            }
            if types[index] == .date, let date = try? options.timestampParser.date(text).get() {
                return .date(date)
            }
            return .text(text)
        }
        return AttributeValue.jsonObject(names: plan.attributeNames, values: values)
    }

    /// Records the file's attribute types, widened against those already recorded.
    func recordAttributeTypes(_ staged: StagedImport) throws -> [AttributeType] {
        try AttributeTypes.record(
            database, names: staged.plan.attributeNames, inferred: staged.attributeTypes, replacing: options.mode == .replace)
    }

    /// Placeholder products and members, order status, removed orphans and identity links.
    func deriveAfterRows(_ staged: StagedImport, report: inout Report) throws {
        for sku in staged.skus.sorted() {
            try database.execute("INSERT OR IGNORE INTO products (sku) VALUES (?)", [sku])
            report.placeholderProducts += database.changes
        }
        if report.placeholderProducts > 0 {
            report.warnings.append(
                "\(report.placeholderProducts) unknown SKU\(report.placeholderProducts == 1 ? "" : "s") got a placeholder product; import products to name them")
        }

        switch kind {
        case .events:
            for member in staged.eventMembers.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                try database.execute("INSERT OR IGNORE INTO members (source, member_id) VALUES (?, ?)", member)
                report.createdMembers += database.changes
            }
        case .members where options.mode == .replace:
            try database.execute(
                """
                INSERT OR IGNORE INTO members (source, member_id)
                SELECT DISTINCT source, member_id FROM events e
                 WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.source = e.source AND m.member_id = e.member_id)
                """)
            report.createdMembers += database.changes
        case .orders where options.mode == .replace:
            try database.execute("DELETE FROM order_lines WHERE order_id NOT IN (SELECT order_id FROM orders)")
            report.removedRows = database.changes
            if report.removedRows > 0 {
                report.warnings.append("removed \(report.removedRows) order lines of orders no longer in the warehouse")
            }
        default:
            break
        }
        if report.createdMembers > 0 {
            report.warnings.append(
                report.createdMembers == 1
                    ? "1 member not seen before was created from its events"
                    : "\(report.createdMembers) members not seen before were created from their events")
        }

        if kind == .orders || kind == .orderLines {
            try deriveOrderStatus(staged)
        }
        if [.customers, .identities, .members, .events].contains(kind) {
            try IdentityLinks.rebuild(database)
        }
    }

    /// Derives the status of the file's orders, or of every order after a replace.
    func deriveOrderStatus(_ staged: StagedImport) throws {
        let orderIDs = options.mode == .replace ? nil : staged.rows.compactMap { $0.values[0].textValue }
        try OrderStatus.derive(database, orders: orderIDs)
    }

    /// Records the batch, bumps the generation and returns the batch id.
    func recordBatch(_ staged: StagedImport, report: Report, startedAt: String) throws -> Int64 {
        let batch = BatchRecord(
            kind: kind.rawValue, file: absolutePath(path), fileSize: staged.fileSize, sha256: staged.sha256,
            startedAt: startedAt, mode: options.mode, added: report.added, updated: report.updated,
            rejected: report.rejected, rounded: report.rounded)
        return try batch.commit(to: database)
    }
}

/// The Unix user running dotwork, from `getuid`.
public enum UnixUser {
    /// The user's login name, or the numeric id when the password database has no entry.
    ///
    /// Uses `getpwuid_r`, because `getpwuid` returns shared static storage that concurrent
    /// callers overwrite.
    public static func current() -> String {
        let uid = getuid()
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4_096)
        let status = getpwuid_r(uid, &entry, &buffer, buffer.count, &result)
        guard status == 0, result != nil, let name = entry.pw_name else {
            return String(uid)
        }
        return String(cString: name)
    }
}

/// The path made absolute against the current directory, for batch records.
func absolutePath(_ path: String) -> String {
    let joined = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    return (joined as NSString).standardizingPath
}
