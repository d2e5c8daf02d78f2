import Analysis
import Terminal
import Text

/// The customers behind a cohort or a pivot cell, in a table like every other: the same
/// columns and rows as `dotwork customers --cohort …` or `--cell …`, which its export equals.
final class DrillDownScreen: WorkbenchScreen {
    let title = "Customers"
    let pane: ResultPane
    /// The selection drilled into, for the heading: `critic × 2012-02 of tier × event-month, events`.
    let selection: String
    let exportName: String
    unowned let host: ScreenHost
    private let query: Query
    private(set) var result: DrillDownResult?

    init(host: ScreenHost, query: Query, selection: String, exportName: String) {
        self.host = host
        pane = ResultPane(host: host)
        self.query = query
        self.selection = selection
        self.exportName = exportName
    }

    func activate(priority: QueryRunner.Priority) {
        pane.start(query, priority: priority)
    }

    var heading: String {
        guard let result else { return "Customers of \(selection)" }
        var text = "Customers of \(selection): \(counted(result.customers.count, "customer"))"
        if result.guestOrders > 0 {
            text += "; the cell also holds \(counted(result.guestOrders, "guest order")), which belong to no customer"
        }
        if result.unlinkedMembers > 0 {
            text += "; the cell also holds \(counted(result.unlinkedMembers, "unlinked member")), who are not customers"
        }
        return text
    }

    var exportRecords: ExportRecords? {
        guard let result else { return nil }
        return { result.csvRecords() }
    }

    func apply(_ result: QueryResult) {
        guard case .customers(let customers) = result else {
            preconditionFailure("the customers screen received \(result), which it never requests")
        }
        self.result = customers
        pane.show(.customers(customers), keepingPlace: false)
    }

    var commandDescriptions: [any CommandDescription] {
        DrillDownScreen.commands
    }

    func perform(_ command: String) -> Outcome {
        DrillDownScreen.commands.named(command)?.action(self) ?? .ignored
    }

    static let commands: [Command<DrillDownScreen>] = [
        Command("open", "Show the customer under the cursor: profile and timeline") { screen in
            CustomerScreen.open(from: screen.pane, customers: screen.result?.customers ?? [], host: screen.host)
        }
    ]
}
