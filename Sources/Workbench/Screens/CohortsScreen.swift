import Analysis
import Terminal
import Text

/// The home screen: cohorts of customers by signup month, channel, region or tier, with the
/// ladder bar of each cohort, or the retention triangle of signup-month cohorts.
///
/// The view requested (`dimension`, `mode`) can run ahead of the view shown (`displayed`)
/// while a query runs. The heading, the export and drill-downs always follow the view shown.
/// Results are kept per view, and once the first view is shown the others are computed in
/// the background, so switching dimensions shows kept figures at once.
final class CohortsScreen: WorkbenchScreen {
    /// The two views of the screen.
    enum Mode: Equatable {
        case table
        case retention(RetentionPart)
    }

    /// The figures on screen now.
    enum Displayed {
        case cohorts(CohortTable)
        case retention(RetentionTable, RetentionPart)
    }

    /// A view computed in the background before it is requested.
    enum Prefetch: Equatable {
        case cohorts(PivotDimension)
        case retention

        var query: Query {
            switch self {
            case .cohorts(let dimension): return .cohorts(dimension)
            case .retention: return .retention
            }
        }
    }

    let title = "Cohorts"
    let pane: ResultPane
    unowned let host: ScreenHost
    private(set) var dimension = PivotDimension.signupMonth
    private(set) var mode = Mode.table
    private(set) var displayed: Displayed?
    private var cohortTables: [PivotDimension: CohortTable] = [:]
    private var retentionTable: RetentionTable?
    /// Background queries still running, by ticket.
    private var prefetches: [QueryTicket: Prefetch] = [:]
    private var hasPrefetched = false

    init(host: ScreenHost) {
        self.host = host
        pane = ResultPane(host: host)
    }

    func activate(priority: QueryRunner.Priority) {
        load(priority: priority)
    }

    func switchData(to setting: WarehouseSetting) {
        for ticket in prefetches.keys {
            host.cancel(ticket)
        }
        prefetches = [:]
        hasPrefetched = false
        cohortTables = [:]
        retentionTable = nil
        pane.keepPlaceOnce()
        load()
    }

    var heading: String {
        switch displayed {
        case .cohorts(let table)?:
            return "Cohorts by \(table.dimension.rawValue)   ladder: \(LadderBar.legend)"
        case .retention(let table, let part)?:
            let partial = table.isLastMonthPartial ? "; the last month of each row is partial" : ""
            switch part {
            case .community:
                return "Retention by signup month: share of linked customers active in the community, month by month\(partial)"
            case .orders:
                return "Retention by signup month: share of customers with an order, month by month\(partial)"
            }
        case nil:
            return "Cohorts"
        }
    }

    var exportRecords: ExportRecords? {
        switch displayed {
        case .cohorts(let table)?: return { table.csvRecords() }
        case .retention(let table, _)?: return { table.csvRecords() }
        case nil: return nil
        }
    }

    var exportName: String {
        switch displayed {
        case .cohorts(let table)?: return "cohorts-by-\(table.dimension.rawValue)"
        case .retention?: return "retention"
        case nil: return "cohorts"
        }
    }

    // MARK: Loading

    /// Shows the requested view: from the kept results when it was computed before, else
    /// by waiting for its background query, else by starting one.
    func load(priority: QueryRunner.Priority = .interactive) {
        let view: Prefetch
        switch mode {
        case .table:
            if let table = cohortTables[dimension] {
                pane.cancel()
                show(.cohorts(table))
                return
            }
            view = .cohorts(dimension)
        case .retention(let part):
            if let table = retentionTable {
                pane.cancel()
                show(.retention(table, part))
                return
            }
            view = .retention
        }
        if let ticket = prefetches.first(where: { $0.value == view })?.key {
            prefetches[ticket] = nil
            pane.follow(ticket, computing: view.query)
        } else {
            pane.start(view.query, priority: priority)
        }
    }

    /// Computes every other view in the background, once.
    private func prefetch() {
        guard !hasPrefetched else { return }
        hasPrefetched = true
        let views = CohortTable.dimensions.filter { cohortTables[$0] == nil }.map(Prefetch.cohorts) + [.retention]
        let requested: Prefetch = mode == .table ? .cohorts(dimension) : .retention
        for view in views where !(view == requested && pane.isRunning) {
            prefetches[host.submit(view.query, priority: .background)] = view
        }
    }

    func receive(_ completion: QueryCompletion) -> Bool {
        guard prefetches.removeValue(forKey: completion.ticket) != nil else {
            return receiveInPane(completion)
        }
        // A failed background query is not reported: the view's own query reports it when
        // the analyst requests the view.
        if case .success(let result)? = completion.outcome {
            keep(result)
        }
        return true
    }

    private func keep(_ result: QueryResult) {
        switch result {
        case .cohorts(let table):
            cohortTables[table.dimension] = table
        case .retention(let table):
            retentionTable = table
        case .pivot, .customers, .customerSearch, .customer, .catalog:
            preconditionFailure("the cohorts screen received \(result), which it never requests")
        }
    }

    func apply(_ result: QueryResult) {
        keep(result)
        switch (result, mode) {
        case (.cohorts(let table), _):
            show(.cohorts(table))
        case (.retention(let table), .retention(let part)):
            show(.retention(table, part))
        default:
            break
        }
        prefetch()
    }

    private func show(_ figures: Displayed) {
        let keepsPlace: Bool
        switch (displayed, figures) {
        case (.retention?, .retention):
            keepsPlace = true
        case (_, .retention(let table, _)):
            keepsPlace = false
            if table.customersWithoutSignup > 0 {
                host.post(.info, "\(counted(Int(table.customersWithoutSignup), "customer")) without a signup date left out of the triangle")
            }
        default:
            keepsPlace = false
        }
        displayed = figures
        switch figures {
        case .cohorts(let table):
            pane.show(.cohorts(table), keepingPlace: keepsPlace)
        case .retention(let table, let part):
            pane.show(.retention(table, part: part), keepingPlace: keepsPlace)
        }
    }

    // MARK: Commands

    var commandDescriptions: [any CommandDescription] {
        CohortsScreen.commands
    }

    func perform(_ command: String) -> Outcome {
        CohortsScreen.commands.named(command)?.action(self) ?? .ignored
    }

    static let commands: [Command<CohortsScreen>] = [
        Command("next-dimension", "Form cohorts by the next dimension: signup-month, channel, region, tier") { $0.stepDimension(by: 1) },
        Command("previous-dimension", "Form cohorts by the previous dimension") { $0.stepDimension(by: -1) },
        Command("retention", "Switch between the cohort table and the retention triangle") { $0.toggleRetention() },
        Command("retention-part", "Switch the retention triangle between community and order activity") { $0.toggleRetentionPart() },
        Command("open", "List the customers of the cohort under the cursor") { $0.drillDown() },
    ]

    func stepDimension(by step: Int) -> Outcome {
        let dimensions = CohortTable.dimensions
        let index = dimensions.firstIndex(of: dimension) ?? 0
        dimension = dimensions[(index + step + dimensions.count) % dimensions.count]
        mode = .table
        load()
        return .redraw
    }

    func toggleRetention() -> Outcome {
        mode = mode == .table ? .retention(.community) : .table
        load()
        return .redraw
    }

    func toggleRetentionPart() -> Outcome {
        guard case .retention(let part) = mode else {
            host.post(.info, "the retention triangle is not shown; press \(keyName(for: "retention")) to show it")
            return .redraw
        }
        mode = .retention(part.other)
        load()
        return .redraw
    }

    /// Opens the customers of the cohort under the cursor.
    func drillDown() -> Outcome {
        guard let selected = selectedCohort() else { return .ignored }
        guard let (key, by) = selected else {
            host.post(.info, "the total row holds every cohort; choose one cohort to list its customers")
            return .redraw
        }
        let screen = DrillDownScreen(
            host: host, query: .cohortCustomers(key, by: by),
            selection: "cohort \(key.displayText) by \(by.rawValue)",
            exportName: "customers-\(by.rawValue)-\(key.displayText)")
        host.push(screen)
        return .redraw
    }

    /// Returns the cohort under the cursor: nil without a table, `.some(nil)` on the total row.
    func selectedCohort() -> (key: PivotKey, by: PivotDimension)?? {
        guard let table = pane.table, let source = pane.source, table.rowCount > 0 else { return nil }
        let row = source.naturalRow(table.selectedRow)
        switch displayed {
        case .cohorts(let cohorts)?:
            guard row < cohorts.rows.count else { return .some(nil) }
            return (cohorts.rows[row].key, cohorts.dimension)
        case .retention(let retention, _)?:
            return (.value(retention.rows[row].cohort), .signupMonth)
        case nil:
            return nil
        }
    }

    private func keyName(for command: String) -> String {
        host.keyMap.keys(for: command, in: .browse).first.map(\.description) ?? ":" + command
    }
}
