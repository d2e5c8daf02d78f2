import Terminal

/// A screen with a text editor, such as a rule's, whose edit mode is `isEditing`. It has
/// deadlines (a preview after a pause in typing, a draft write) that the workbench's timer
/// fires on the main thread.
protocol EditingScreen: WorkbenchScreen {
    /// The earliest deadline, or nil when nothing waits.
    var deadline: ContinuousClock.Instant? { get }
    /// Runs the work whose deadlines have passed.
    func fire(now: ContinuousClock.Instant) -> Outcome
    /// The cursor's place for the status bar: `line 3, column 12`.
    var cursorDescription: String { get }
    /// The problem of the text, which the status bar shows while editing.
    var problemMessage: StatusMessage? { get }
    /// Writes unsaved text now and waits for the write, before the process stops.
    func flushDraft()
    /// Queues unsaved text for writing and stops waiting for results, as the screen closes.
    func willClose()
}

/// A screen that takes the events of the Rules screen's worker.
protocol RuleEventReceiver: AnyObject {
    /// Takes an event; returns whether the screen changed.
    func receive(_ event: RuleEvent) -> Bool
}

extension RulesScreen: RuleEventReceiver {}
extension RuleEditorScreen: EditingScreen, RuleEventReceiver {}
