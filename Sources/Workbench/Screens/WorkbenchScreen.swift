import Terminal
import Text

/// One screen of the workbench: a heading and a table of figures from the warehouse, with
/// the commands that change what it shows.
///
/// The workbench draws the frame around a screen: the tab line, the heading line, the status
/// bar and any prompt. It routes query completions and table jobs to the screen, and runs the
/// commands of the key map, its own first, then the screen's (`perform`), then the table's.
/// A screen draws only inside the body it is given and never touches the terminal.
protocol WorkbenchScreen: AnyObject {
    /// The name in the tab line and the help: `Cohorts`.
    var title: String { get }
    /// One line saying what the table shows.
    var heading: String { get }
    /// The pane holding the screen's query and its table.
    var pane: ResultPane { get }
    /// Makes the figures' records as the headless command prints them in CSV; nil until the
    /// figures arrive. The export calls it on a worker thread, because a drill-down can list
    /// a million customers.
    var exportRecords: ExportRecords? { get }
    /// The view in an export's default file name: `cohorts-by-region`.
    var exportName: String { get }
    /// The screen's own commands, for the help overlay and the `:` command line.
    var commandDescriptions: [any CommandDescription] { get }

    /// Runs one of the screen's own commands by name; `.ignored` when it has none of that name.
    func perform(_ command: String) -> Outcome
    /// Starts the first query: interactive when the screen is shown, in the background when
    /// it is prepared before the analyst switches to it.
    func activate(priority: QueryRunner.Priority)
    /// Builds the table from the result of the screen's current query.
    func apply(_ result: QueryResult)
    /// Takes a completion of one of the screen's queries; returns false when the completion
    /// belongs to another screen.
    func receive(_ completion: QueryCompletion) -> Bool
    /// Draws the body below the heading.
    func draw(body canvas: Canvas, now: ContinuousClock.Instant)
    /// Whether the screen has a field in edit mode, which then takes every key: printable
    /// keys are text, and the field's cancel key returns to browse mode.
    var isEditing: Bool { get }
    /// Handles a key while `isEditing`; bindings are read in the `prompt` context, because
    /// the fields in screens are one-line inputs like the prompts.
    func handleEditing(_ key: Key, keyMap: KeyMap) -> Outcome
    /// Computes the figures again from new data that landed, keeping the analyst's place:
    /// the view, its choices and filter, and the cursor.
    func switchData(to setting: WarehouseSetting)
}

extension WorkbenchScreen {
    func receive(_ completion: QueryCompletion) -> Bool {
        receiveInPane(completion)
    }

    /// Applies a completion of the pane's current query; returns false when the completion
    /// belongs to another query.
    func receiveInPane(_ completion: QueryCompletion) -> Bool {
        switch pane.accept(completion) {
        case .otherQuery:
            return false
        case .failed:
            return true
        case .result(let result):
            apply(result)
            return true
        }
    }

    /// Draws the body: the table, or the pane's progress or failure while it has none.
    func draw(body canvas: Canvas, now: ContinuousClock.Instant) {
        pane.draw(canvas, now: now)
    }

    var isEditing: Bool { false }

    func switchData(to setting: WarehouseSetting) {
        pane.rerun()
    }

    func handleEditing(_ key: Key, keyMap: KeyMap) -> Outcome {
        .ignored
    }
}

/// A function that makes the CSV records of a view's figures, callable from any thread.
typealias ExportRecords = @Sendable () -> [[CSVCell]]
