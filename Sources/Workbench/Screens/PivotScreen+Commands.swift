import Analysis
import Terminal

extension PivotScreen {
    static let commands: [Command<PivotScreen>] = [
        Command("choose-rows", "Choose the rows' dimension from those the grain allows") { $0.chooseRows() },
        Command("choose-columns", "Choose the columns' dimension from those the grain allows") { $0.chooseColumns() },
        Command("choose-measure", "Choose the measure from those the grain allows") { $0.chooseMeasure() },
        Command("filter", "Type a filter on customers in the expression language; empty removes it") { $0.editFilter() },
        Command("swap-axes", "Swap the rows and the columns") { screen in
            screen.change(to: try! PivotPlan(rows: screen.plan.columns, columns: screen.plan.rows, measure: screen.plan.measure))
        },
        Command("open", "List the customers behind the cell under the cursor") { $0.drillDown() },
    ]

    func chooseRows() -> Outcome {
        let options = PivotChoices.rows(for: plan)
        let title = "Rows with columns \(plan.columns.rawValue) and \(plan.measure.name)"
        return choose(title: title, options: options.map(\.rawValue), current: plan.rows.rawValue) { screen, index in
            screen.change(to: try! PivotPlan(rows: options[index], columns: screen.plan.columns, measure: screen.plan.measure))
        }
    }

    func chooseColumns() -> Outcome {
        let options = PivotChoices.columns(for: plan)
        let title = "Columns with rows \(plan.rows.rawValue) and \(plan.measure.name)"
        return choose(title: title, options: options.map(\.rawValue), current: plan.columns.rawValue) { screen, index in
            screen.change(to: try! PivotPlan(rows: screen.plan.rows, columns: options[index], measure: screen.plan.measure))
        }
    }

    func chooseMeasure() -> Outcome {
        let options = PivotChoices.measures(for: plan)
        let title = "Measure of \(plan.rows.rawValue) × \(plan.columns.rawValue)"
        return choose(title: title, options: options.map(\.name), current: plan.measure.name) { screen, index in
            screen.change(to: try! PivotPlan(rows: screen.plan.rows, columns: screen.plan.columns, measure: options[index]))
        }
    }

    /// Opens a list of options with the current one selected; choosing one runs `apply`.
    /// Every option comes from `PivotChoices`, so the plans built from them are valid.
    private func choose(title: String, options: [String], current: String, apply: @escaping (PivotScreen, Int) -> Outcome) -> Outcome {
        let picker = ListPicker(title: title, items: options, selected: options.firstIndex(of: current) ?? 0)
        host.present(.list(picker) { [unowned self] index in apply(self, index) })
        return .redraw
    }

    func editFilter() -> Outcome {
        let prompt = FilterPrompt(text: filterText, catalog: host.catalog, history: filterHistory)
        host.present(.filter(prompt) { [unowned self] prompt in self.setFilter(prompt.text) })
        return .redraw
    }

    /// Opens the customers behind the cell under the cursor. The key column stands for the
    /// whole row and the total row and column for every key, as `total` does on the command line.
    func drillDown() -> Outcome {
        guard let displayed, let (rowSelection, columnSelection) = selectedKeys() else { return .ignored }
        let plan = displayed.result.plan
        let rowText = PivotScreen.describe(rowSelection)
        let columnText = PivotScreen.describe(columnSelection)
        var selection = "\(rowText) × \(columnText) of \(plan.rows.rawValue) × \(plan.columns.rawValue), \(plan.measure.name)"
        if !displayed.filterText.isEmpty {
            selection += ", where \(displayed.filterText)"
        }
        let screen = DrillDownScreen(
            host: host,
            query: .cellCustomers(plan, row: rowSelection, column: columnSelection, filter: displayed.filter),
            selection: selection,
            exportName: "customers-\(plan.rows.rawValue)-\(rowText)-\(plan.columns.rawValue)-\(columnText)")
        host.push(screen)
        return .redraw
    }

    /// Returns the row and column keys of the cell under the cursor, or nil without a table.
    /// The key column stands for the whole row and the total row and column for every key.
    func selectedKeys() -> (row: KeySelection, column: KeySelection)? {
        guard let displayed, let table = pane.table, let source = pane.source, table.rowCount > 0 else { return nil }
        let result = displayed.result
        let row = source.naturalRow(table.selectedRow)
        let column = table.selectedColumn
        let rowSelection: KeySelection = row < result.rowKeys.count ? .key(result.rowKeys[row]) : .all
        let columnSelection: KeySelection =
            column >= 1 && column <= result.columnKeys.count ? .key(result.columnKeys[column - 1]) : .all
        return (rowSelection, columnSelection)
    }

    /// Returns a key as the command line's `--cell` writes it: the key, or `total` for every key.
    static func describe(_ selection: KeySelection) -> String {
        switch selection {
        case .key(let key): return key.displayText
        case .all: return "total"
        }
    }
}
