import Foundation
import Text

/// Turns CSV records into staged rows for one import: converts every cell to its stored
/// form, checks keys against the file and the warehouse, and collects what the apply step
/// derives from (attribute types, SKUs, event members).
struct RowReader {
    let kind: ImportKind
    let fields: [ImportField]
    let plan: ColumnPlan
    let header: [String]
    let options: ImportOptions
    let parser: TimestampParser
    let database: Database
    let table: String

    private(set) var rowsRead = 0
    private(set) var roundedAmounts = 0
    private(set) var skus: Set<String> = []
    private(set) var eventMembers: Set<[String]> = []
    private(set) var attributeTrackers: [AttributeTypeTracker]
    private var keyLines: [String: Int] = [:]
    private var nextLineNumber: [String: Int64] = [:]
    private var knownOrders: [String: Bool] = [:]
    private let keyIndexes: [Int]
    private let existsStatement: Statement?

    init(importer: Importer, plan: ColumnPlan, header: [String]) {
        kind = importer.kind
        fields = importer.kind.fields
        self.plan = plan
        self.header = header
        options = importer.options
        parser = importer.options.timestampParser
        database = importer.database
        table = importer.kind.table
        attributeTrackers = Array(repeating: AttributeTypeTracker(), count: plan.attributeNames.count)
        keyIndexes = importer.kind.keyColumns.map { key in importer.kind.fields.firstIndex { $0.column == key }! }
        if importer.options.mode == .replace {
            existsStatement = nil
        } else {
            // Table and column names come from the fixed field lists, never from the file.
            let condition = importer.kind.keyColumns.map { "\($0) = ?" }.joined(separator: " AND ")
            existsStatement = try? importer.database.prepare("SELECT 1 FROM \(importer.kind.table) WHERE \(condition)")
        }
    }

    /// What reading one record gave.
    enum Outcome {
        case row(StagedRow)
        /// An event whose kind `--kind-map` maps to `skip`, with the value as written.
        case skipped(String)
        case issue(ImportIssue)
    }

    /// Reads one record into a row, or returns why it is skipped or the first thing wrong with it.
    mutating func stage(_ record: CSVRecord) -> Outcome {
        switch stageRow(record) {
        case .success(let row):
            if kind == .events, let skipped = row.skippedKind {
                return .skipped(skipped)
            }
            return .row(row)
        case .failure(let issue):
            return .issue(issue)
        }
    }

    private mutating func stageRow(_ record: CSVRecord) -> Result<StagedRow, ImportIssue> {
        rowsRead += 1
        if record.count != header.count {
            let field = record[min(record.count, header.count) - (record.count > header.count ? 0 : 1)]
            return .failure(
                ImportIssue(
                    location: RowReader.location(of: field, in: record),
                    problem: .fieldCount(found: record.count, expected: header.count)))
        }

        var values = [SQLValue](repeating: .null, count: fields.count)
        var amounts = [DecimalAmount?](repeating: nil, count: fields.count)
        var cellLocations = [CSVLocation?](repeating: nil, count: fields.count)
        var attributes = [String?](repeating: nil, count: plan.attributeNames.count)

        for (column, target) in plan.targets.enumerated() {
            if target == .ignored { continue }
            let field = record[column]
            let location = RowReader.location(of: field, in: record)
            let text: String
            do {
                text = try record.string(at: column)
            } catch {
                let byteLocation = error.location ?? location
                return .failure(
                    ImportIssue(
                        location: byteLocation.line == record.line ? byteLocation : location, problem: .undecodable(error),
                        valueLocation: byteLocation))
            }
            switch target {
            case .ignored:
                continue
            case .attribute(let index):
                let value = String(text.trimmingWhitespace())
                guard !value.isEmpty else { continue }
                let isDate = (try? parser.date(value).get()) != nil
                attributeTrackers[index].observe(value, isDate: isDate)
                attributes[index] = value
            case .field(let index, let majorUnits):
                cellLocations[index] = location
                switch convert(text, field: fields[index], majorUnits: majorUnits) {
                case .success(let converted):
                    values[index] = converted.value
                    amounts[index] = converted.amount
                case .failure(let problem):
                    return .failure(
                        ImportIssue(
                            location: location, problem: problem,
                            valueLocation: CSVLocation(file: record.file, line: field.line, column: field.column)))
                }
            }
        }

        let rowLocation = CSVLocation(file: record.file, line: record.line, column: 1)
        for (index, field) in fields.enumerated() where field.isRequired && values[index] == .null {
            if field.column == "source", let source = options.source {
                values[index] = .text(source)
                continue
            }
            if field.column == "event_id" && !plan.present[index] {
                // A clickstream without event ids: the line number names each event.
                values[index] = .text("L\(record.line)")
                continue
            }
            return .failure(
                ImportIssue(location: cellLocations[index] ?? rowLocation, problem: .missingValue(column: field.column)))
        }

        if let problem = completeRow(&values, amounts: amounts, locations: cellLocations, rowLocation: rowLocation) {
            return .failure(problem)
        }

        let keyValues = keyIndexes.map { values[$0] }
        let key = keyValues.map(\.keyText).joined(separator: ", ")
        if let firstLine = keyLines[key] {
            return .failure(ImportIssue(location: rowLocation, problem: .duplicateKey(key: key, firstLine: firstLine)))
        }
        keyLines[key] = record.line

        let exists = keyExists(keyValues)
        if exists && options.mode == .append {
            return .failure(ImportIssue(location: rowLocation, problem: .keyExists(key: key, table: table)))
        }
        return .success(StagedRow(line: record.line, values: values, attributes: attributes, exists: exists))
    }

    /// Fills what a kind derives within a row, such as line numbers and line totals.
    private mutating func completeRow(
        _ values: inout [SQLValue], amounts: [DecimalAmount?], locations: [CSVLocation?], rowLocation: CSVLocation
    ) -> ImportIssue? {
        switch kind {
        case .orderLines:
            let orderID = values[0].textValue ?? ""
            if !orderExists(orderID) {
                return ImportIssue(location: locations[0] ?? rowLocation, problem: .unknownOrder(orderID: orderID))
            }
            if case .integer(let lineNumber) = values[1] {
                nextLineNumber[orderID] = max(nextLineNumber[orderID] ?? 0, lineNumber)
            } else {
                let next = (nextLineNumber[orderID] ?? existingMaxLineNumber(orderID)) + 1
                nextLineNumber[orderID] = next
                values[1] = .integer(next)
            }
            if let sku = values[2].textValue {
                skus.insert(sku)
            }
            if values[5] == .null, case .integer(let quantity) = values[3], let price = amounts[4] {
                guard let total = price.lineTotal(quantity: quantity) else {
                    return ImportIssue(location: locations[4] ?? rowLocation, problem: .amountOverflow(column: "unit_price"))
                }
                values[5] = .integer(total)
            }
        case .events:
            if let sku = values[6].textValue {
                skus.insert(sku)
            }
            eventMembers.insert([values[0].textValue ?? "", values[2].textValue ?? ""])
        case .orders:
            if values[5] == .null {
                values[5] = .text("ok")
            }
        case .customers, .identities, .products, .members:
            break
        }
        return nil
    }

    private mutating func orderExists(_ orderID: String) -> Bool {
        if let known = knownOrders[orderID] {
            return known
        }
        let exists = ((try? database.scalarInteger("SELECT count(*) FROM orders WHERE order_id = ?", [orderID])) ?? 0) > 0
        knownOrders[orderID] = exists
        return exists
    }

    private func existingMaxLineNumber(_ orderID: String) -> Int64 {
        guard options.mode == .append else { return 0 }
        return (try? database.scalarInteger("SELECT max(line_no) FROM order_lines WHERE order_id = ?", [orderID])) ?? 0
            ?? 0
    }

    private func keyExists(_ keyValues: [SQLValue]) -> Bool {
        guard let existsStatement else { return false }
        defer { try? existsStatement.reset() }
        do {
            try existsStatement.bind(keyValues)
            return try existsStatement.step() != nil
        } catch {
            return false
        }
    }

    /// A converted cell: its stored value, and the exact amount for money.
    struct Converted {
        var value: SQLValue
        var amount: DecimalAmount?
    }

    /// Converts one cell to its stored form.
    private mutating func convert(_ raw: String, field: ImportField, majorUnits: Bool) -> Result<Converted, ImportIssue.Problem> {
        let text = String(raw.trimmingWhitespace())
        if text.isEmpty {
            switch field.type {
            case .orderStatus: return .success(Converted(value: .text("ok")))
            default: return .success(Converted(value: .null))
            }
        }
        let column = field.column
        switch field.type {
        case .identifier, .optionalIdentifier, .text:
            return .success(Converted(value: .text(text)))
        case .provider:
            return .success(Converted(value: .text(text.lowercased())))
        case .date:
            switch parser.date(text) {
            case .success(let date): return .success(Converted(value: .text(date.iso)))
            case .failure(let failure): return .failure(.invalidDate(column: column, value: text, failure: failure))
            }
        case .timestamp:
            switch parser.timestamp(text) {
            case .success(let timestamp): return .success(Converted(value: .text(timestamp.stored)))
            case .failure(let failure): return .failure(.invalidTimestamp(column: column, value: text, failure: failure))
            }
        case .money:
            if !majorUnits {
                guard let cents = Int64(text) else { return .failure(.invalidMinorUnits(column: column, value: text)) }
                return .success(Converted(value: .integer(cents), amount: DecimalAmount(units: cents, scale: 2)))
            }
            switch DecimalAmount.parse(text, decimalComma: options.decimalComma) {
            case .success(let amount):
                if !amount.isExactInMinorUnits {
                    roundedAmounts += 1
                }
                return .success(Converted(value: .integer(amount.minorUnits), amount: amount))
            case .failure(let failure):
                let name = column.hasSuffix("_cents") ? String(column.dropLast(6)) : column
                return .failure(.invalidAmount(column: name, value: text, failure: failure, decimalComma: options.decimalComma))
            }
        case .integer, .rating:
            guard let value = RowReader.wholeNumber(text) else { return .failure(.invalidInteger(column: column, value: text)) }
            return .success(Converted(value: .integer(value)))
        case .lineNumber:
            guard let value = RowReader.wholeNumber(text), value > 0 else { return .failure(.invalidLineNumber(value: text)) }
            return .success(Converted(value: .integer(value)))
        case .boolean:
            switch text.lowercased() {
            case "1", "true", "yes", "y", "t": return .success(Converted(value: .integer(1)))
            case "0", "false", "no", "n", "f": return .success(Converted(value: .integer(0)))
            default: return .failure(.invalidBoolean(column: column, value: text))
            }
        case .eventKind:
            var lowered = text.lowercased()
            if let mapped = options.kindMap[lowered] {
                if mapped == ImportOptions.skippedKind {
                    return .success(Converted(value: .text(StagedRow.skippedPrefix + text)))
                }
                lowered = mapped
            }
            guard eventKinds.contains(lowered) else {
                if !options.kindMap.isEmpty {
                    return .failure(.unmappedEventKind(value: text))
                }
                return .failure(.unknownEventKind(value: text, suggestion: Suggestion.nearest(to: lowered, among: eventKinds)))
            }
            return .success(Converted(value: .text(lowered)))
        case .orderStatus:
            let statuses = ["ok", "return", "void"]
            let lowered = text.lowercased()
            guard statuses.contains(lowered) else {
                return .failure(.unknownStatus(value: text, suggestion: Suggestion.nearest(to: lowered, among: statuses)))
            }
            return .success(Converted(value: .text(lowered)))
        }
    }

    /// Where an issue with `field` is reported: on the physical line where the record starts,
    /// so every issue of a record names the same line. A field that starts on a later line of
    /// a multi-line record is reported at column 1, and the issue names its own line.
    static func location(of field: CSVField, in record: CSVRecord) -> CSVLocation {
        CSVLocation(file: record.file, line: record.line, column: field.line == record.line ? field.column : 1)
    }

    /// A whole number written `12`, `-3` or `12.0`.
    static func wholeNumber(_ text: String) -> Int64? {
        if let value = Int64(text) {
            return value
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].allSatisfy({ $0 == "0" }), !parts[1].isEmpty else { return nil }
        return Int64(parts[0])
    }
}

extension SQLValue {
    /// The value as text for keys and messages.
    var keyText: String {
        switch self {
        case .null: return ""
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        case .text(let value): return value
        case .blob(let bytes): return bytes.map { String($0, radix: 16) }.joined()
        }
    }

    var textValue: String? {
        if case .text(let value) = self { return value }
        return nil
    }
}
