import Analysis
import Expressions
import Terminal
import Text

/// A pivot: rows × columns of one measure with totals, over the customers a filter keeps.
///
/// Rows, columns and measure are chosen from lists that offer only what the grain allows
/// (`PivotChoices`); the filter is typed in the expression language (`FilterPrompt`). As on
/// the cohorts screen, the plan requested can run ahead of the pivot shown while a query
/// runs, and the heading, export and drill-down follow what is shown. The last few pivots
/// are kept, so going back to one is immediate.
final class PivotScreen: WorkbenchScreen {
    /// A pivot on screen and the filter it was computed with.
    struct Displayed {
        let result: PivotResult
        let filterText: String
        let filter: Condition?
    }

    /// The key of a computed pivot among the kept ones.
    private struct ViewKey: Hashable {
        let rows: PivotDimension
        let columns: PivotDimension
        let measure: String
        let filterText: String
    }

    let title = "Pivot"
    let pane: ResultPane
    unowned let host: ScreenHost
    private(set) var plan: PivotPlan
    private(set) var filterText = ""
    private(set) var filter: Condition?
    private(set) var displayed: Displayed?
    private var kept: [ViewKey: PivotResult] = [:]
    private var keptOrder: [ViewKey] = []
    /// The filters typed before, which Up recalls in the filter prompt.
    let filterHistory = InputHistory()

    /// How many computed pivots are kept for going back.
    static let keptLimit = 16

    /// The pivot shown first: community activity by tier and month.
    static let initialPlan = try! PivotPlan(rows: .tier, columns: .eventMonth, measure: .events)

    init(host: ScreenHost, plan: PivotPlan = PivotScreen.initialPlan) {
        self.host = host
        self.plan = plan
        pane = ResultPane(host: host)
    }

    func activate(priority: QueryRunner.Priority) {
        load(priority: priority)
    }

    func switchData(to setting: WarehouseSetting) {
        kept = [:]
        keptOrder = []
        pane.keepPlaceOnce()
        load()
    }

    var heading: String {
        guard let displayed else { return "Pivot" }
        let plan = displayed.result.plan
        var text = "\(plan.rows.rawValue) × \(plan.columns.rawValue), \(plan.measure.name)"
        if !displayed.filterText.isEmpty {
            text += ", where \(displayed.filterText)"
        }
        return text
    }

    var exportRecords: ExportRecords? {
        guard let result = displayed?.result else { return nil }
        return { result.csvRecords() }
    }

    var exportName: String {
        guard let plan = displayed?.result.plan else { return "pivot" }
        let measure = plan.measure.name.replacingOccurrences(of: ":", with: "-")
        return "pivot-\(plan.rows.rawValue)-by-\(plan.columns.rawValue)-\(measure)" + (displayed?.filter == nil ? "" : "-filtered")
    }

    // MARK: Loading

    /// Shows the pivot requested, from the kept ones when it was computed before.
    func load(priority: QueryRunner.Priority = .interactive) {
        let key = viewKey(plan: plan, filterText: filterText)
        if let result = kept[key] {
            pane.cancel()
            show(result, filterText: filterText, filter: filter)
        } else {
            pane.start(.pivot(plan, filter: filter), priority: priority)
        }
    }

    func apply(_ result: QueryResult) {
        guard case .pivot(let pivot) = result else {
            preconditionFailure("the pivot screen received \(result), which it never requests")
        }
        keep(pivot, as: viewKey(plan: pivot.plan, filterText: filterText))
        show(pivot, filterText: filterText, filter: filter)
    }

    private func show(_ result: PivotResult, filterText: String, filter: Condition?) {
        let keepsPlace = displayed?.result.plan == result.plan
        displayed = Displayed(result: result, filterText: filterText, filter: filter)
        pane.show(.pivot(result), keepingPlace: keepsPlace)
    }

    private func viewKey(plan: PivotPlan, filterText: String) -> ViewKey {
        ViewKey(rows: plan.rows, columns: plan.columns, measure: plan.measure.name, filterText: filterText)
    }

    private func keep(_ result: PivotResult, as key: ViewKey) {
        if kept.updateValue(result, forKey: key) == nil {
            keptOrder.append(key)
        }
        if keptOrder.count > PivotScreen.keptLimit {
            kept[keptOrder.removeFirst()] = nil
        }
    }

    // MARK: Changing the pivot

    /// Changes the plan and computes the new pivot.
    func change(to newPlan: PivotPlan) -> Outcome {
        plan = newPlan
        load()
        return .redraw
    }

    /// Sets the filter from its text; an empty text removes it. Returns false, leaving the
    /// filter as it was, when the text has an error.
    func setFilter(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            filterText = ""
            filter = nil
            load()
            return true
        }
        let output = Checker.check(trimmed, catalog: host.catalog)
        guard let condition = output.condition else {
            if let error = output.errors.first {
                host.post(.error, FilterPrompt.describe(error))
            }
            return false
        }
        filterText = trimmed
        filter = condition
        host.post(.info, "the filter keeps customers only, so guest orders and unlinked members are left out")
        load()
        return true
    }

    var commandDescriptions: [any CommandDescription] {
        PivotScreen.commands
    }

    func perform(_ command: String) -> Outcome {
        PivotScreen.commands.named(command)?.action(self) ?? .ignored
    }
}
