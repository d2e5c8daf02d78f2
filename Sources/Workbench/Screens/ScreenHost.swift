import Expressions
import Terminal

/// The services a screen requests from the workbench around it: queries, the status bar,
/// prompts and other screens. The workbench application is the one implementation, and
/// tests use it too.
protocol ScreenHost: AnyObject {
    var setting: WarehouseSetting { get }
    var keyMap: KeyMap { get }
    /// The names filters may use: the warehouse's once loaded, an empty catalog before.
    var catalog: any Catalog { get }
    /// Where drafts and published rules go, and as whom.
    var ruleSetting: RuleSetting { get }
    /// Hands a message from any thread to the main thread.
    var messagePoster: @Sendable (WorkbenchMessage) -> Void { get }

    /// Queues a query; its completion comes back to the screen through `receive`.
    func submit(_ query: Query, priority: QueryRunner.Priority) -> QueryTicket
    /// Runs a background query as soon as an interactive one would run, because the analyst
    /// now waits for it.
    func promote(_ ticket: QueryTicket)
    func cancel(_ ticket: QueryTicket)
    /// Returns when a live query was submitted, for the progress display.
    func submissionTime(of ticket: QueryTicket) -> ContinuousClock.Instant?
    /// Sets a new table up to run its sorts and searches on a worker thread.
    func prepare(_ table: TableView)
    func post(_ grade: StatusMessage.Grade, _ text: String)
    /// Shows a screen on top of the current one; `back` returns from it.
    func push(_ screen: any WorkbenchScreen)
    /// Opens a prompt on the bottom lines, or a list over the body.
    func present(_ prompt: Prompt)
}
