import Foundation
import Text

/// Everything the read step produced, ready to apply.
struct StagedImport {
    var rows: [StagedRow] = []
    var plan: ColumnPlan
    var report: Importer.Report
    var attributeTypes: [AttributeType] = []
    /// SKUs that lines or events refer to, for placeholder products.
    var skus: Set<String> = []
    /// Members that events refer to, for members the warehouse has not seen.
    var eventMembers: Set<[String]> = []
    var fileSize: Int64 = 0
    var sha256 = ""
}

extension Importer {
    /// Reads and checks the whole file; throws `ImportFailure.badRows` unless rejects are wanted.
    func read() throws -> StagedImport {
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, delimiter: options.delimiter, encoding: options.encoding)
        } catch {
            throw ImportFailure.unreadable(error)
        }
        guard let headerRecord = try nextRecord(reader) else {
            throw ImportFailure.emptyFile(path: path)
        }
        let header: [String]
        do {
            header = try headerRecord.strings().map { String($0.trimmingWhitespace()) }
        } catch {
            throw ImportFailure.unreadable(error)
        }
        let plan = try planColumns(header)
        let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0

        var staged = StagedImport(plan: plan, report: Report(kind: kind, file: path))
        staged.report.ignoredColumns = plan.ignoredHeaders
        staged.fileSize = fileSize
        var rowReader = RowReader(importer: self, plan: plan, header: header)
        var issues: [ImportIssue] = []
        var badRowCount = 0
        var unmappedNames: [String: Int] = [:]
        var rejects = try options.rejectsPath.map { try RejectsFile(path: $0, header: header) }

        while let record = try nextRecord(reader) {
            if rowReader.rowsRead % 4_096 == 0 {
                try checkInterruption()
                if rowReader.rowsRead % 65_536 == 0 {
                    progress?(.reading(rows: rowReader.rowsRead, bytes: 0, totalBytes: fileSize))
                }
            }
            switch rowReader.stage(record) {
            case .row(let row):
                staged.rows.append(row)
            case .skipped(let value):
                staged.report.skippedKinds[value, default: 0] += 1
            case .issue(let issue):
                badRowCount += 1
                if case .unmappedEventKind(let value) = issue.problem {
                    unmappedNames[value, default: 0] += 1
                }
                if issues.count < ImportFailure.reportedIssueLimit {
                    issues.append(issue)
                }
                try rejects?.write(record, reason: issue.description)
            }
        }
        progress?(.reading(rows: rowReader.rowsRead, bytes: fileSize, totalBytes: fileSize))

        if badRowCount > 0 {
            guard var finished = rejects else {
                if unmappedNames.values.reduce(0, +) == badRowCount {
                    throw ImportFailure.unmappedEventNames(file: path, counts: unmappedNames)
                }
                throw ImportFailure.badRows(file: path, issues: issues, total: badRowCount)
            }
            try finished.close()
            staged.report.rejected = badRowCount
            staged.report.warnings.append(
                "\(badRowCount) bad row\(badRowCount == 1 ? "" : "s") written to \(finished.path); "
                    + "the first: \(issues[0].description)")
        } else {
            try rejects?.close()
        }

        staged.attributeTypes = rowReader.attributeTrackers.map(\.type)
        staged.skus = rowReader.skus
        staged.eventMembers = rowReader.eventMembers
        staged.report.rounded = rowReader.roundedAmounts
        staged.sha256 = try SHA256.hex(ofFileAt: path)
        return staged
    }

    private func nextRecord(_ reader: CSVReader) throws -> CSVRecord? {
        do {
            return try reader.next()
        } catch {
            throw ImportFailure.unreadable(error)
        }
    }

    /// Matches the header to the kind's fields, applying `--map`.
    func planColumns(_ header: [String]) throws -> ColumnPlan {
        let fields = kind.fields
        let lowered = header.map { $0.lowercased() }

        // --map renames CSV columns before matching; its keys must name real header cells.
        var renamed = header
        for (csvColumn, target) in options.columnMap {
            guard let index = lowered.firstIndex(of: csvColumn.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw ImportFailure.unknownMappedHeader(
                    file: path, header: csvColumn, suggestion: Suggestion.nearest(to: csvColumn, among: header))
            }
            let knownNames = fields.flatMap(\.headerNames)
            if !kind.keepsExtraColumns && !knownNames.contains(target.lowercased()) {
                throw ImportFailure.unknownTargetColumn(
                    column: target, kind: kind, suggestion: Suggestion.nearest(to: target, among: knownNames))
            }
            renamed[index] = target
        }

        var targets: [ColumnPlan.Target] = []
        var present = [Bool](repeating: false, count: fields.count)
        var attributeNames: [String] = []
        var ignored: [String] = []
        for name in renamed {
            let key = name.lowercased()
            if let fieldIndex = fields.firstIndex(where: { $0.headerNames.contains(key) }) {
                guard !present[fieldIndex] else {
                    throw ImportFailure.duplicateColumn(file: path, column: fields[fieldIndex].column)
                }
                present[fieldIndex] = true
                let field = fields[fieldIndex]
                targets.append(.field(index: fieldIndex, majorUnits: field.type == .money && key == field.headerNames[0]))
            } else if key == rejectReasonColumn {
                targets.append(.ignored)
            } else if kind.keepsExtraColumns {
                guard !name.isEmpty, !name.contains("\""), !name.contains("\\") else {
                    throw ImportFailure.invalidAttributeName(file: path, name: name)
                }
                guard !attributeNames.contains(name) else {
                    throw ImportFailure.duplicateColumn(file: path, column: name)
                }
                targets.append(.attribute(index: attributeNames.count))
                attributeNames.append(name)
            } else {
                targets.append(.ignored)
                ignored.append(name)
            }
        }

        var missing: [String] = []
        var suggestions: [String: String] = [:]
        for (index, field) in fields.enumerated() where field.isRequired && !present[index] {
            if field.column == "source" && options.source != nil {
                continue
            }
            // An events file without ids gets one per line.
            if kind == .events && field.column == "event_id" {
                continue
            }
            if field.column == "source" {
                throw ImportFailure.missingSource(file: path)
            }
            missing.append(field.column)
            let unused = zip(renamed, targets).filter { $0.1 == .ignored || { if case .attribute = $0.1 { true } else { false } }($0) }.map(\.0)
            if let suggestion = Suggestion.nearest(to: field.column, among: unused)
                ?? unused.first(where: { $0.lowercased().replacingOccurrences(of: " ", with: "_") == field.column })
            {
                suggestions[field.column] = suggestion
            }
        }
        if !missing.isEmpty {
            throw ImportFailure.missingColumns(file: path, missing: missing, header: header, suggestions: suggestions)
        }
        return ColumnPlan(targets: targets, present: present, attributeNames: attributeNames, ignoredHeaders: ignored)
    }
}

/// The bad rows of an import written for a person to fix: the original columns plus `reject_reason`.
struct RejectsFile {
    let path: String
    private var writer: CSVWriter<CSVFileOutput>

    init(path: String, header: [String]) throws {
        self.path = path
        do {
            writer = CSVWriter(to: try CSVFileOutput(creatingFileAt: path), textGuard: .none)
            try writer.writeHeader(header + [rejectReasonColumn])
        } catch {
            throw ImportFailure.rejectsNotWritable(error)
        }
    }

    mutating func write(_ record: CSVRecord, reason: String) throws {
        // Undecodable bytes are replaced here; the reason names the byte and its position.
        let cells = record.map { CSVCell.text(String(decoding: $0.bytes, as: UTF8.self)) }
        do {
            try writer.writeRecord(cells + [.text(reason)])
        } catch {
            throw ImportFailure.rejectsNotWritable(error)
        }
    }

    mutating func close() throws {
        do {
            try writer.flush()
            try writer.output.close()
        } catch {
            throw ImportFailure.rejectsNotWritable(error)
        }
    }
}
