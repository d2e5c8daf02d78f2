import Analysis
import Foundation
import Terminal
import Text

/// The Customers screen: a search field above the customers whose id, email, name or a word
/// of the name starts with the text, as `dotwork customers --search TEXT` lists them.
///
/// The field has an edit mode, in which every printable key is text; the screen opens in it.
/// Each change of the text starts a query on a worker thread through the pane, which cancels
/// the previous one, so results arrive while the analyst types and an older result never
/// replaces a newer one. Enter or Esc returns to browse mode, where the result list is the
/// shared table view and Enter opens the customer under the cursor.
///
/// A search first requests a page of `firstPageLimit` customers, which is quick however many
/// match. When more match, the page is shown while a second query reads them all; the full
/// list then replaces it, keeping the cursor and the sort, and only the full list exports.
final class CustomersScreen: WorkbenchScreen {
    static let fieldLabel = "search: "

    let title = "Customers"
    let pane: ResultPane
    unowned let host: ScreenHost
    let field: LineInput
    private(set) var isEditing = true
    /// The search text of the running query, or of the results shown when none runs.
    private(set) var requestedText = ""
    /// The search text of the results shown.
    private(set) var shownText: String?
    private(set) var page: CustomerSearchPage?
    /// The customers a first query reads, before a second reads every match.
    let firstPageLimit: Int

    init(host: ScreenHost, firstPageLimit: Int = 1000) {
        precondition(firstPageLimit >= 1, "the first page needs at least one customer, not \(firstPageLimit)")
        self.host = host
        self.firstPageLimit = firstPageLimit
        pane = ResultPane(host: host)
        field = LineInput(label: CustomersScreen.fieldLabel, history: InputHistory())
    }

    /// There is nothing to compute before the analyst types.
    func activate(priority: QueryRunner.Priority) {}

    var heading: String {
        guard let shownText, let page else {
            return "Customers by id, name or email: type the start of one"
        }
        func grouped(_ count: Int) -> String {
            PlainNumber.grouped(String(count))
        }
        var found = grouped(page.total) + (page.total == 1 ? " customer" : " customers")
        if !page.isComplete {
            let rest = pane.isRunning ? "reading the rest" : "reading the rest was cancelled"
            found = "the first \(grouped(page.customers.count)) of \(found), \(rest)"
        }
        return "Customers whose id, name or email starts with '\(shownText)': \(found)"
    }

    var exportRecords: ExportRecords? {
        guard let page, page.isComplete else { return nil }
        let result = DrillDownResult(customers: page.customers)
        return { result.csvRecords() }
    }

    /// The view in the export's file name, with the search text in NFC, so an accent typed
    /// as a combining mark gives the same name as the precomposed letter.
    var exportName: String {
        guard let shownText else { return "customers-search" }
        return "customers-search-\(shownText.precomposedStringWithCanonicalMapping)"
    }

    // MARK: Searching

    /// Starts the search for `text`, unless it finds the same customers as the one running
    /// or shown. A text that is empty once normalised clears the results.
    func search(_ text: String) {
        guard SearchKey.normalize(text) != SearchKey.normalize(requestedText) else {
            requestedText = text
            return
        }
        requestedText = text
        if SearchKey.normalize(text).isEmpty {
            pane.clear()
            shownText = nil
            page = nil
            return
        }
        pane.start(.searchCustomers(text, limit: firstPageLimit))
    }

    func apply(_ result: QueryResult) {
        guard case .customerSearch(let newPage) = result else {
            preconditionFailure("the customers screen received \(result), which it never requests")
        }
        // The full list of the search whose first page is shown keeps the analyst's place.
        let isSameSearch = shownText.map { SearchKey.normalize($0) == SearchKey.normalize(requestedText) } ?? false
        var sortOrder = isSameSearch ? pane.table?.sortOrder : nil
        if isSameSearch, case .sort(let requested)? = pane.table?.runningJob?.kind {
            sortOrder = requested
        }
        page = newPage
        shownText = requestedText
        pane.show(.customers(DrillDownResult(customers: newPage.customers)), keepingPlace: isSameSearch)
        if let sortOrder {
            pane.table?.sort(by: sortOrder)
        }
        if !newPage.isComplete {
            pane.start(.searchCustomers(requestedText, limit: .max))
        }
    }

    func handleEditing(_ key: Key, keyMap: KeyMap) -> Outcome {
        let before = field.text
        let outcome = field.handle(key, keyMap: keyMap)
        switch outcome {
        case .submit, .cancel:
            isEditing = false
            return .redraw
        default:
            if field.text != before {
                search(field.text)
            }
            return outcome
        }
    }

    // MARK: Drawing

    func draw(body canvas: Canvas, now: ContinuousClock.Instant) {
        guard canvas.rows > 0 else { return }
        drawField(canvas.region(Rect(row: 0, column: 0, rows: 1, columns: canvas.columns)))
        let below = canvas.region(Rect(row: 1, column: 0, rows: canvas.rows - 1, columns: canvas.columns))
        if pane.table == nil && !pane.isRunning && pane.failure == nil {
            below.text("Type the start of an id, a name, a word of a name or an email; case is ignored, accents are not.", row: 0, role: .dim)
            return
        }
        pane.draw(below, now: now)
    }

    /// Draws the field. In edit mode it is an input with the cursor and, when there is room,
    /// the keys that leave it. In browse mode it is dimmed, with the key that edits it.
    private func drawField(_ canvas: Canvas) {
        let hint = isEditing ? "Enter or Esc: to the list" : keyName(for: "edit-search") + ": edit"
        let hintWidth = DisplayWidth.columns(of: hint) + 2
        let roomForHint = canvas.columns >= 3 * hintWidth
        let fieldWidth = roomForHint ? canvas.columns - hintWidth : canvas.columns
        if isEditing {
            field.draw(canvas.region(Rect(row: 0, column: 0, rows: 1, columns: fieldWidth)))
        } else {
            canvas.fill(row: 0, role: .normal)
            let labelWidth = canvas.text(CustomersScreen.fieldLabel, row: 0, role: .dim, width: min(fieldWidth, DisplayWidth.columns(of: CustomersScreen.fieldLabel)))
            canvas.text(field.text, row: 0, column: labelWidth, role: .normal, width: max(fieldWidth - labelWidth, 0))
        }
        if roomForHint {
            canvas.text("  " + hint, row: 0, column: fieldWidth, role: .dim)
        }
    }

    // MARK: Commands

    var commandDescriptions: [any CommandDescription] {
        CustomersScreen.commands
    }

    func perform(_ command: String) -> Outcome {
        CustomersScreen.commands.named(command)?.action(self) ?? .ignored
    }

    static let commands: [Command<CustomersScreen>] = [
        Command("edit-search", "Type in the search field; every key is text until Enter or Esc") { screen in
            screen.isEditing = true
            return .redraw
        },
        Command("open", "Show the customer under the cursor: profile and timeline") { screen in
            CustomerScreen.open(from: screen.pane, customers: screen.page?.customers ?? [], host: screen.host)
        },
    ]

    private func keyName(for command: String) -> String {
        host.keyMap.keys(for: command, in: .browse).first.map(\.description) ?? ":" + command
    }
}
