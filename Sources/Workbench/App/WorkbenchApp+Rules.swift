import Analysis
import Terminal

extension WorkbenchApp {
    /// Opens a new rule whose condition selects the customers of the cohort or pivot cell
    /// under the cursor, on the Rules screen. When a dimension of the cell has no form in
    /// the rule language, the status bar names it and nothing opens.
    func startRuleFromCell() -> Outcome {
        guard let rulesIndex = stacks.firstIndex(where: { $0.first is RulesScreen }),
            let rules = stacks[rulesIndex].first as? RulesScreen
        else { return .ignored }
        let outcome: CellRule.Outcome
        let name: String
        switch currentScreen {
        case let cohorts as CohortsScreen:
            guard let selected = cohorts.selectedCohort() else { return .ignored }
            guard let (key, by) = selected else {
                status.post(.info, "the total row holds every cohort; choose one cohort to start a rule from")
                return .redraw
            }
            outcome = CellRule.cohort(key, by: by)
            name = WorkbenchApp.ruleName(from: ["cohort", by.rawValue, key.displayText])
        case let pivot as PivotScreen:
            guard let displayed = pivot.displayed, let (row, column) = pivot.selectedKeys() else { return .ignored }
            let plan = displayed.result.plan
            outcome = CellRule.cell(plan, row: row, column: column, filter: displayed.filterText)
            name = WorkbenchApp.ruleName(from: [PivotScreen.describe(row), PivotScreen.describe(column)])
        default:
            status.post(.info, "a rule starts from a cell of the Cohorts or Pivot screen; press a on the Rules screen for a template")
            return .redraw
        }
        switch outcome {
        case .inexpressible(let dimension, let reason):
            status.post(.warning, "no rule can select this cell: \(dimension) cannot be expressed, because \(reason)")
            return .redraw
        case .condition(let condition):
            _ = show(rulesIndex)
            rules.open(text: RulesScreen.template(name: name, condition: condition))
            return .redraw
        }
    }

    /// Returns a valid rule name made of the words: lower-case ASCII letters and digits,
    /// other characters as `-`, at most 63 characters.
    static func ruleName(from words: [String]) -> String {
        var name = ""
        for scalar in words.joined(separator: "-").lowercased().unicodeScalars {
            let isAllowed = (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
            if isAllowed {
                name.unicodeScalars.append(scalar)
            } else if !name.isEmpty && !name.hasSuffix("-") {
                name.append("-")
            }
        }
        while name.hasSuffix("-") {
            name.removeLast()
        }
        name = String(name.prefix(63))
        while name.hasSuffix("-") {
            name.removeLast()
        }
        return name.isEmpty ? "new-rule" : name
    }
}
