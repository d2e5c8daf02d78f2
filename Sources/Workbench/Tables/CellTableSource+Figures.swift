import Analysis
import Terminal

extension CellTableSource {
    /// Returns the cohort table as the command-line table shows it, with the ladder bar after the
    /// key. The total row is pinned last, and buyer share and revenue per customer are
    /// shaded over the range of the cohorts.
    static func cohorts(_ table: CohortTable) -> CellTableSource {
        let rows = table.rows + [table.total]
        let values = rows.map(CohortTable.values(of:))
        let shaded: Set<String> = ["buyers_share", "revenue_per_customer"]

        var columns = [TableColumn(table.dimension.rawValue, maxWidth: 24), TableColumn("ladder", maxWidth: LadderBar.width)]
        for (index, name) in CohortTable.columnNames.enumerated() {
            let range = shaded.contains(name) ? heatRange(of: values.dropLast().compactMap { $0[index].number }) : nil
            columns.append(TableColumn(name, kind: .number, heatRange: range, maxWidth: 20))
        }
        let totalIndex = rows.count - 1
        return CellTableSource(columns: columns, rowCount: rows.count, pinnedRows: 1) { index in
            let row = rows[index]
            let key: TableCell = index == totalIndex ? .text("total") : row.key.tableCell
            return [key, .text(LadderBar.text(tierCounts: row.tiers))] + values[index].map(\.tableCell)
        }
    }

    /// Returns one part of the retention triangle: a row per signup-month cohort with its size, a
    /// sparkline, and the share active in each month since signup, shaded over the part.
    static func retention(_ table: RetentionTable, part: RetentionPart) -> CellTableSource {
        let shares: [[PivotValue?]] = table.rows.map { row in
            switch part {
            case .community:
                return row.community.map { count in count.map { .share(numerator: $0, denominator: row.linked) } }
            case .orders:
                return row.orders.map { count in count.map { .share(numerator: $0, denominator: row.customers) } }
            }
        }
        let numbers = shares.map { $0.map { $0?.number } }
        let all = numbers.flatMap { $0.compactMap { $0 } }
        let range = all.isEmpty ? nil : heatRange(of: all + [0])
        let peak = all.max() ?? 0

        var columns = [
            TableColumn("signup_month"), TableColumn("customers", kind: .number), TableColumn("linked", kind: .number),
            TableColumn(part.rawValue, maxWidth: Sparkline.maximumWidth),
        ]
        columns += (0..<table.monthCount).map { TableColumn("m\($0)", kind: .number, heatRange: range) }
        return CellTableSource(columns: columns, rowCount: table.rows.count) { index in
            let row = table.rows[index]
            let line = Sparkline.text(Array(numbers[index].prefix(Sparkline.maximumWidth)).map { $0 ?? nil }, maximum: peak)
            var cells: [TableCell] = [
                .text(row.cohort), PivotValue.count(row.customers).tableCell, PivotValue.count(row.linked).tableCell,
                .text(line.trimmingTrailingSpaces()),
            ]
            cells += shares[index].map { $0?.tableCell ?? .empty }
            return cells
        }
    }

    /// Returns a pivot with its totals: a row per row key and a pinned total row, a column per column
    /// key and a total column. Cells are shaded over the range of all cells, totals not.
    static func pivot(_ result: PivotResult) -> CellTableSource {
        let range = heatRange(of: result.cells.flatMap { $0.compactMap(\.number) })
        var columns = [TableColumn(result.plan.rows.rawValue, maxWidth: 30)]
        columns += result.columnKeys.map { TableColumn($0.displayText, kind: .number, heatRange: range, maxWidth: 20) }
        columns.append(TableColumn("total", kind: .number, maxWidth: 20))
        let rowCount = result.rowKeys.count + 1
        return CellTableSource(columns: columns, rowCount: rowCount, pinnedRows: 1) { index in
            if index == result.rowKeys.count {
                return [.text("total")] + result.columnTotals.map(\.tableCell) + [result.grandTotal.tableCell]
            }
            return [result.rowKeys[index].tableCell] + result.cells[index].map(\.tableCell) + [result.rowTotals[index].tableCell]
        }
    }

    /// Returns the customers of a drill-down, with the columns of `dotwork customers`.
    static func customers(_ result: DrillDownResult) -> CellTableSource {
        let columns = CustomerRecord.columnNames.map { TableColumn($0, maxWidth: $0 == "email" || $0 == "name" ? 32 : 20) }
        let customers = result.customers
        return CellTableSource(columns: columns, rowCount: customers.count) { index in
            let customer = customers[index]
            let fields = [customer.name, customer.email, customer.region, customer.country, customer.channel, customer.signupDate]
            return [.text(customer.id)] + fields.map { $0.map(TableCell.text) ?? .empty } + [.text(customer.tier.description)]
        }
    }
}

/// The activity the retention triangle shows.
enum RetentionPart: String, Sendable {
    /// Linked customers whose members had an event other than `view` in the month.
    case community
    /// Customers with a counted order in the month.
    case orders

    var other: RetentionPart {
        self == .community ? .orders : .community
    }
}

extension Sparkline {
    /// The maximum number of months a retention sparkline shows, from the signup month on.
    static let maximumWidth = 36
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " {
            text.removeLast()
        }
        return text
    }
}
