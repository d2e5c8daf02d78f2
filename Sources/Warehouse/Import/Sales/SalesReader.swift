import Foundation
import Text

/// What reading a sales file produced: its lines, gathered by order, customer and product.
struct SalesRead {
    var lines: [SalesLine] = []
    var attributeNames: [String] = []
    var attributeTypes: [AttributeType] = []
    var report: SalesImporter.Report
    var fileSize: Int64 = 0
    var sha256 = ""
}

/// Reads and checks a flat sales file row by row.
struct SalesReader {
    let importer: SalesImporter
    /// The CSV field index of each sales column the file has, by `SalesColumn.index`.
    private var columns = [Int?](repeating: nil, count: SalesColumn.allCases.count)
    private var attributeColumns: [(name: String, index: Int)] = []

    init(importer: SalesImporter) {
        self.importer = importer
    }

    mutating func read() throws -> SalesRead {
        let path = importer.path
        let options = importer.options
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, delimiter: options.delimiter, encoding: options.encoding)
        } catch {
            throw ImportFailure.unreadable(error)
        }
        func next() throws -> CSVRecord? {
            do {
                return try reader.next()
            } catch {
                throw ImportFailure.unreadable(error)
            }
        }
        guard let headerRecord = try next() else { throw ImportFailure.emptyFile(path: path) }
        let header: [String]
        do {
            header = try headerRecord.strings().map { String($0.trimmingWhitespace()) }
        } catch {
            throw ImportFailure.unreadable(error)
        }
        var read = SalesRead(report: SalesImporter.Report(file: path))
        read.report.ignoredColumns = try plan(header)
        read.attributeNames = attributeColumns.map(\.name)
        var trackers = Array(repeating: AttributeTypeTracker(), count: attributeColumns.count)

        var issues: [ImportIssue] = []
        var badRows = 0
        var rejects = try options.rejectsPath.map { try RejectsFile(path: $0, header: header) }
        var previous = [String?](repeating: nil, count: SalesColumn.allCases.count)
        var seenRows = Set<RowFingerprint>()
        var orderFirst: [String: (line: Int, customer: String?, day: CivilDate)] = [:]
        let existing = try existingOrders()
        var rowCount = 0

        while let record = try next() {
            rowCount += 1
            if rowCount % 4_096 == 0 {
                if let signal = importer.interruption() { throw ImportFailure.interrupted(signal: signal) }
                if rowCount % 65_536 == 0 { importer.progress?(.reading(rows: rowCount, bytes: 0, totalBytes: 0)) }
            }
            switch convert(record, header: header, previous: &previous, trackers: &trackers) {
            case .failure(let issue):
                badRows += 1
                if issues.count < ImportFailure.reportedIssueLimit { issues.append(issue) }
                try rejects?.write(record, reason: issue.description)
            case .success(let line):
                let location = CSVLocation(file: record.file, line: record.line, column: 1)
                if let first = orderFirst[line.orderID] {
                    let problem: ImportIssue.Problem?
                    if first.customer != line.customerID {
                        problem = .orderMismatch(orderID: line.orderID, column: "customer", firstLine: first.line)
                    } else if first.day != line.orderedAt.date {
                        problem = .orderMismatch(orderID: line.orderID, column: "date", firstLine: first.line)
                    } else {
                        problem = nil
                    }
                    if let problem {
                        badRows += 1
                        let issue = ImportIssue(location: location, problem: problem)
                        if issues.count < ImportFailure.reportedIssueLimit { issues.append(issue) }
                        try rejects?.write(record, reason: issue.description)
                        continue
                    }
                } else {
                    if importer.options.mode == .append && existing.contains(line.orderID) {
                        badRows += 1
                        let issue = ImportIssue(location: location, problem: .keyExists(key: line.orderID, table: "orders"))
                        if issues.count < ImportFailure.reportedIssueLimit { issues.append(issue) }
                        try rejects?.write(record, reason: issue.description)
                        continue
                    }
                    orderFirst[line.orderID] = (record.line, line.customerID, line.orderedAt.date)
                }
                if !seenRows.insert(RowFingerprint(record)).inserted {
                    read.report.duplicateLines += 1
                }
                if !line.unitPrice.isExactInMinorUnits {
                    read.report.rounded += 1
                }
                if line.wasFlipped {
                    read.report.flippedSigns += 1
                }
                read.lines.append(line)
            }
        }
        if badRows > 0 {
            guard var finished = rejects else {
                throw ImportFailure.badRows(file: path, issues: issues, total: badRows)
            }
            try finished.close()
            read.report.rejected = badRows
            read.report.warnings.append("\(counted(badRows, "bad row")) written to \(finished.path); the first: \(issues[0])")
        } else {
            try rejects?.close()
        }
        read.attributeTypes = trackers.map(\.type)
        read.fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
        read.sha256 = try SHA256.hex(ofFileAt: path)
        importer.progress?(.reading(rows: rowCount, bytes: read.fileSize, totalBytes: read.fileSize))
        return read
    }

    /// Matches the header to sales columns through `--map`, the preset and the column names.
    /// Returns the headers that fill nothing.
    private mutating func plan(_ header: [String]) throws -> [String] {
        let preset = importer.preset
        var ignored: [String] = []
        var userMap: [String: String] = [:]
        for (source, target) in importer.options.columnMap {
            guard header.contains(where: { $0.lowercased() == source.lowercased() }) else {
                throw ImportFailure.unknownMappedHeader(
                    file: importer.path, header: source, suggestion: Suggestion.nearest(to: source, among: header))
            }
            userMap[source.lowercased()] = target
        }
        let presetMap = Dictionary(uniqueKeysWithValues: (preset?.columnMap ?? [:]).map { ($0.key.lowercased(), $0.value) })
        let presetAttributes = Dictionary(uniqueKeysWithValues: (preset?.attributes ?? [:]).map { ($0.key.lowercased(), $0.value) })
        for (index, name) in header.enumerated() {
            let key = name.lowercased()
            let target = userMap[key] ?? presetMap[key] ?? key
            if let column = SalesColumn(rawValue: target) {
                guard columns[column.index] == nil else {
                    throw ImportFailure.duplicateColumn(file: importer.path, column: column.rawValue)
                }
                columns[column.index] = index
            } else if let attribute = presetAttributes[key] ?? (target.hasPrefix("attr:") ? String(target.dropFirst(5)) : nil) {
                attributeColumns.append((attribute, index))
            } else {
                ignored.append(name)
            }
        }
        var required = SalesColumn.required
        if preset?.orderPerRow == true {
            required.removeAll { $0 == .orderID }
        }
        let missing = required.filter { columns[$0.index] == nil }.map(\.rawValue)
        if !missing.isEmpty {
            var suggestions: [String: String] = [:]
            for column in missing {
                suggestions[column] = Suggestion.nearest(to: column, among: ignored)
            }
            throw ImportFailure.missingColumns(file: importer.path, missing: missing, header: header, suggestions: suggestions.compactMapValues { $0 })
        }
        return ignored
    }

    private func existingOrders() throws -> Set<String> {
        Set(try importer.database.query("SELECT order_id FROM orders") { $0.text(0) })
    }

    /// Converts one record, carrying an order's fields forward from its earlier rows.
    private func convert(
        _ record: CSVRecord, header: [String], previous: inout [String?], trackers: inout [AttributeTypeTracker]
    ) -> Result<SalesLine, ImportIssue> {
        let preset = importer.preset
        let rowLocation = CSVLocation(file: record.file, line: record.line, column: 1)
        guard record.count == header.count else {
            return .failure(ImportIssue(location: rowLocation, problem: .fieldCount(found: record.count, expected: header.count)))
        }
        var texts = [String?](repeating: nil, count: columns.count)
        for (column, field) in columns.enumerated() {
            guard let field else { continue }
            do {
                texts[column] = String(try record.string(at: field).trimmingWhitespace())
            } catch {
                return .failure(
                    ImportIssue(
                        location: RowReader.location(of: record[field], in: record), problem: .undecodable(error),
                        valueLocation: error.location))
            }
        }
        if preset?.orderPerRow == true {
            texts[SalesColumn.orderID.index] = "L\(record.line)"
        }
        // An order's later rows may leave its fields empty.
        let orderID = texts[SalesColumn.orderID.index] ?? ""
        if previous[SalesColumn.orderID.index] == orderID, let carried = preset?.carriedForward {
            for name in carried {
                if let column = SalesColumn(rawValue: name), texts[column.index]?.isEmpty ?? true,
                    let value = previous[column.index]
                {
                    texts[column.index] = value
                }
            }
        }
        previous = texts

        func location(_ column: SalesColumn) -> CSVLocation {
            columns[column.index].map { RowReader.location(of: record[$0], in: record) } ?? rowLocation
        }
        func value(_ column: SalesColumn) -> String? {
            guard let text = texts[column.index], !text.isEmpty else { return nil }
            return text
        }
        func failure(_ column: SalesColumn, _ problem: ImportIssue.Problem) -> Result<SalesLine, ImportIssue> {
            .failure(ImportIssue(location: location(column), problem: problem))
        }

        guard let order = value(.orderID) else { return failure(.orderID, .missingValue(column: "order_id")) }
        var description = value(.description)
        if let text = description, preset?.missingDescriptions.contains(text.lowercased()) == true {
            description = nil
        }
        guard let sku = value(.sku) ?? description else { return failure(.sku, .missingValue(column: "sku")) }
        guard let orderedText = value(.orderedAt) else { return failure(.orderedAt, .missingValue(column: "ordered_at")) }
        let orderedAt: UTCTimestamp
        switch importer.timestampParser.timestamp(orderedText) {
        case .success(let timestamp): orderedAt = timestamp
        case .failure(let reason): return failure(.orderedAt, .invalidTimestamp(column: "ordered_at", value: orderedText, failure: reason))
        }
        guard let quantityText = value(.quantity) else { return failure(.quantity, .missingValue(column: "quantity")) }
        guard var quantity = RowReader.wholeNumber(quantityText) else {
            return failure(.quantity, .invalidInteger(column: "quantity", value: quantityText))
        }
        var flipped = false
        if let prefix = preset?.cancellationPrefix, order.hasPrefix(prefix), quantity > 0 {
            quantity = -quantity
            flipped = true
        }
        guard let priceText = value(.unitPrice) else { return failure(.unitPrice, .missingValue(column: "unit_price")) }
        let price: DecimalAmount
        switch DecimalAmount.parse(priceText, decimalComma: importer.options.decimalComma) {
        case .success(let amount): price = amount
        case .failure(let reason):
            return failure(.unitPrice, .invalidAmount(column: "unit_price", value: priceText, failure: reason, decimalComma: importer.options.decimalComma))
        }
        var lineTotal: Int64
        if let totalText = value(.lineTotal) {
            switch DecimalAmount.parse(totalText, decimalComma: importer.options.decimalComma) {
            case .success(let amount): lineTotal = amount.minorUnits
            case .failure(let reason):
                return failure(.lineTotal, .invalidAmount(column: "line_total", value: totalText, failure: reason, decimalComma: importer.options.decimalComma))
            }
            if flipped { lineTotal = -abs(lineTotal) }
        } else {
            guard let total = price.lineTotal(quantity: quantity) else {
                return failure(.unitPrice, .amountOverflow(column: "unit_price"))
            }
            lineTotal = total
        }

        var status = "ok"
        if let written = value(.status) {
            let lowered = written.lowercased()
            if let mapped = preset?.statusMap[lowered] ?? (["ok", "void", "return"].contains(lowered) ? lowered : nil) {
                status = mapped
            } else {
                let known = Array((preset?.statusMap.keys).map(Array.init) ?? []) + ["ok", "void", "return"]
                return failure(.status, .unknownStatus(value: written, suggestion: Suggestion.nearest(to: lowered, among: known)))
            }
        }
        if value(.cancelledAt) != nil {
            status = "void"
        }
        if let currency = value(.currency), currency.uppercased() != (try? importer.warehouse.currency().code) ?? currency.uppercased() {
            return failure(.currency, .otherCurrency(value: currency, warehouse: (try? importer.warehouse.currency().code) ?? ""))
        }

        var optOut: Bool?
        if let text = value(.optOut) ?? value(.acceptsMarketing) {
            let yes = ["1", "true", "yes", "y", "t"].contains(text.lowercased())
            let no = ["0", "false", "no", "n", "f"].contains(text.lowercased())
            guard yes || no else {
                let column: SalesColumn = value(.optOut) != nil ? .optOut : .acceptsMarketing
                return failure(column, .invalidBoolean(column: column.rawValue, value: text))
            }
            optOut = value(.optOut) != nil ? yes : !yes
        }
        var refund: DecimalAmount?
        if let text = value(.refund) {
            switch DecimalAmount.parse(text, decimalComma: importer.options.decimalComma) {
            case .success(let amount): refund = amount.units == 0 ? nil : amount
            case .failure(let reason):
                return failure(.refund, .invalidAmount(column: "refund", value: text, failure: reason, decimalComma: importer.options.decimalComma))
            }
        }
        var rating: Int64?
        if let text = value(.rating) {
            guard let number = RowReader.wholeNumber(text) else { return failure(.rating, .invalidInteger(column: "rating", value: text)) }
            rating = number
        }

        var attributes: [String?] = []
        for (index, column) in attributeColumns.enumerated() {
            let text = (try? record.string(at: column.index)).map { String($0.trimmingWhitespace()) } ?? ""
            if text.isEmpty {
                attributes.append(nil)
            } else {
                trackers[index].observe(text, isDate: (try? importer.timestampParser.date(text).get()) != nil)
                attributes.append(text)
            }
        }

        let email = value(.email)
        var customer = value(.customerID)
        if customer == nil, let email {
            customer = IdentityLinks.matchKey(provider: "email", externalID: email)
        }
        var line = SalesLine(
            line: record.line, orderID: order, orderedAt: orderedAt, sku: sku, quantity: quantity, unitPrice: price,
            lineTotal: lineTotal, customerID: customer, email: email, name: value(.name), description: description,
            category: value(.category), country: value(.country), channel: value(.channel), status: status,
            customerRegion: value(.customerRegion), customerChannel: value(.customerChannel), optOut: optOut,
            refund: refund, rating: rating, attributes: attributes)
        line.wasFlipped = flipped
        return .success(line)
    }
}

/// A 128-bit fingerprint of a record's bytes, to count exact duplicate rows without keeping
/// their text: two FNV-1a 64 hashes with different offset bases.
struct RowFingerprint: Hashable {
    let first: UInt64
    let second: UInt64

    init(_ record: CSVRecord) {
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x8422_2325_cbf2_9ce4
        for field in record {
            for byte in field.bytes {
                first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
                second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
            // A separator byte that no field contains unquoted keeps "a,bc" and "ab,c" apart.
            first = (first ^ 0x1F) &* 0x0000_0100_0000_01B3
            second = (second ^ 0x1E) &* 0x0000_0100_0000_01B3
        }
        self.first = first
        self.second = second
    }
}
