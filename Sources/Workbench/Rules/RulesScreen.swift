import Rules
import Terminal
import Text

/// The Rules screen: every rule with a draft or a version and its state, as `dotwork rule
/// list` shows them. Enter opens a rule in an editor on top of the list. `a` starts a new
/// rule from a template, and `R` on the Cohorts or Pivot screen starts one from the cell
/// under the cursor.
///
/// The screen owns the rule worker and the draft writer that its editors share. The list is
/// read again after a draft is saved or a version published, once the list is shown again.
final class RulesScreen: WorkbenchScreen {
    let title = "Rules"
    let pane: ResultPane
    unowned let host: ScreenHost
    let worker: RuleWorker
    let drafts: DraftWriter
    private(set) var entries: [RuleListEntry]?
    private(set) var listFailure: String?
    private var isLoading = false
    private var isStale = false

    init(host: ScreenHost, rules: RuleSetting, post: @escaping @Sendable (RuleEvent) -> Void) {
        self.host = host
        pane = ResultPane(host: host)
        worker = RuleWorker(setting: host.setting, rules: rules, post: post)
        drafts = DraftWriter(rules: rules, post: post)
    }

    var heading: String {
        guard let entries else { return "Rules" }
        return "Rules: \(counted(entries.count, "rule")); Enter opens, a adds a rule"
    }

    var exportRecords: ExportRecords? {
        guard let entries else { return nil }
        return { RulesScreen.records(entries) }
    }

    let exportName = "rules"

    func activate(priority: QueryRunner.Priority) {
        reload()
        worker.warmUp()
    }

    func apply(_ result: QueryResult) {}

    func switchData(to setting: WarehouseSetting) {
        worker.reopen(setting)
        reload()
    }

    func reload() {
        isLoading = true
        isStale = false
        worker.loadList()
    }

    /// The list's columns, as `dotwork rule list --format csv` names them.
    static let columnNames = ["rule", "state", "version", "valid_until", "published_by", "drafts"]

    static func records(_ entries: [RuleListEntry]) -> [[CSVCell]] {
        [columnNames.map(CSVCell.text)]
            + entries.map { entry in
                [
                    .text(entry.name), .text(entry.state), .text(entry.version.map { "v\($0)" }), .text(entry.validUntil),
                    .text(entry.publishedBy), .text(entry.draftUsers.joined(separator: " ")),
                ]
            }
    }

    func receive(_ event: RuleEvent) -> Bool {
        switch event {
        case .listed(let listed):
            isLoading = false
            entries = listed
            listFailure = nil
            let source = CellTableSource(
                columns: RulesScreen.columnNames.map { TableColumn($0) }, rowCount: listed.count
            ) { row in
                RulesScreen.records([listed[row]])[1].map { cell in
                    if case .text(let text) = cell { return .text(text) }
                    return .empty
                }
            }
            pane.show(source, keepingPlace: true)
            return true
        case .listFailed(let message):
            isLoading = false
            listFailure = message
            host.post(.error, "the list of rules could not be read: \(message)")
            return true
        case .draftSaved, .published:
            isStale = true
            return false
        default:
            return false
        }
    }

    func draw(body canvas: Canvas, now: ContinuousClock.Instant) {
        // Reading the list again once it is on screen, rather than after every draft
        // write, keeps the worker free for previews while the analyst types.
        if isStale && !isLoading {
            reload()
        }
        if let listFailure, entries == nil {
            for (row, line) in ResultPane.wrap(listFailure, width: canvas.columns).enumerated() {
                canvas.text(line, row: row, role: .cellError)
            }
            return
        }
        if let entries, entries.isEmpty {
            canvas.text("No rule has a draft or a version yet. Press a to start one from a template,", row: 0, role: .dim)
            canvas.text("or R on a Cohorts or Pivot cell to start one that selects its customers.", row: 1, role: .dim)
            return
        }
        if entries == nil {
            canvas.text("reading the rules…", row: 0, role: .dim)
            return
        }
        pane.draw(canvas, now: now)
    }

    // MARK: Commands

    var commandDescriptions: [any CommandDescription] { RulesScreen.commands }

    func perform(_ command: String) -> Outcome {
        RulesScreen.commands.named(command)?.action(self) ?? .ignored
    }

    static let commands: [Command<RulesScreen>] = [
        Command("open", "Open the rule under the cursor in the editor, beside its live preview") { $0.openSelected() },
        Command("new-rule", "Start a new rule from a template") { $0.openNew() },
    ]

    func openSelected() -> Outcome {
        guard let entries, let table = pane.table, let source = pane.source, table.rowCount > 0 else { return .ignored }
        let entry = entries[source.naturalRow(table.selectedRow)]
        host.post(.info, "opened \(entry.name) from \(entry.origin)")
        return open(text: entry.text)
    }

    func openNew() -> Outcome {
        let taken = Set(entries?.map(\.name) ?? [])
        var name = "new-rule"
        var number = 1
        while taken.contains(name) {
            number += 1
            name = "new-rule-\(number)"
        }
        return open(text: RulesScreen.template(name: name, condition: "tier >= joiner and spend(90 days) > 50"))
    }

    /// Opens an editor on `text` on top of the list, in edit mode.
    @discardableResult
    func open(text: String) -> Outcome {
        let editor = RuleEditorScreen(host: host, worker: worker, drafts: drafts, text: text)
        host.push(editor)
        return .redraw
    }

    /// Returns the text a new rule starts from, with `condition` after `when`.
    static func template(name: String, condition: String) -> String {
        """
        # Describe whom the rule selects and why.
        rule "\(name)"
        when \(condition)
        then offer "\(name)-offer" value 10.00 cost 4.00
        valid 30 days
        holdout 10%
        """
    }
}
