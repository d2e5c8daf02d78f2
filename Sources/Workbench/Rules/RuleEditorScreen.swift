import Expressions
import Rules
import Terminal
import Text

/// One rule open for editing: the text on one side and its live preview on the other
/// (stacked below 100 columns).
///
/// Every change of the text is checked at once on the main thread, which is quick, and
/// coloured from that check. Two deadlines follow a change, and the workbench's timer fires
/// both, so the keyboard never waits. The preview starts once the text has been quiet for
/// `quietPeriod` and has no error. The draft is queued for writing `draftDelay` after the
/// first unsaved change. A newer change cancels the preview running, and only events of
/// the latest request are taken, so a stale result never overwrites a newer one.
final class RuleEditorScreen: WorkbenchScreen {
    let pane: ResultPane
    unowned let host: ScreenHost
    let worker: RuleWorker
    let drafts: DraftWriter
    let editor: TextEditor
    let highlighter = RuleHighlighter()
    /// The clock the deadlines read; tests replace it to type at chosen instants.
    var clock: () -> ContinuousClock.Instant = { .now }

    private(set) var check: RuleChecker.Output
    /// Whether the last check had the warehouse's catalog, rather than the empty one used
    /// until it loads.
    private var checkedWithWarehouse: Bool
    private var checkedChangeCount: Int
    private(set) var previewDeadline: ContinuousClock.Instant?
    private(set) var draftDeadline: ContinuousClock.Instant?

    /// The preview asked for last, while it runs.
    private(set) var request: RulePreviewRequest?
    /// The generation whose events are taken: the latest request's.
    private(set) var acceptedGeneration: Int?
    /// The text of the figures shown, which may be older than the text on screen.
    private(set) var figuresText: String?
    private(set) var figures: RulePreviewFigures?
    private(set) var sample: [RuleSampleRow]?
    private(set) var comparison: RuleComparisonFigures?
    private(set) var previewFailure: String?
    /// The latest publish's outcome for the preview panel: the outbox folder, or why it stopped.
    private(set) var publishOutcome: (isFailure: Bool, text: String)?
    private(set) var isPublishing = false
    /// The latest published version against its holdout, once `measure` has run, or why it
    /// could not be measured.
    private(set) var measurement: RuleMeasurement?
    private(set) var measureFailure: String?
    private(set) var isMeasuring = false
    /// The checksum of the text last written as a draft.
    private(set) var savedTextSHA256: String?

    /// How long the text must stay unchanged before a preview starts.
    static let quietPeriod: Duration = .milliseconds(150)
    /// How long after the first unsaved change the draft is queued for writing. With the
    /// write itself, well under the 300 ms of typing that a lost connection may cost.
    static let draftDelay: Duration = .milliseconds(100)

    init(host: ScreenHost, worker: RuleWorker, drafts: DraftWriter, text: String) {
        self.host = host
        self.worker = worker
        self.drafts = drafts
        pane = ResultPane(host: host)
        editor = TextEditor(text: text)
        editor.showsLineNumbers = true
        editor.highlighter = highlighter
        check = RuleChecker(catalog: host.catalog).check(text)
        checkedWithWarehouse = host.catalog is WarehouseCatalog
        checkedChangeCount = editor.changeCount
        highlighter.update(text: text, check: check)
        if check.rule != nil {
            previewDeadline = clock()
        }
    }

    var title: String { check.syntax.name.map { "rule \($0)" } ?? "new rule" }

    var heading: String {
        let mode = editor.isEditing ? "editing; Esc or C-g browses" : "browsing; i edits, P publishes, q closes"
        return "Rule \(check.syntax.name ?? "(no name yet)"): \(mode)"
    }

    var exportRecords: ExportRecords? {
        guard let sample, isCurrent else { return nil }
        return { RulePreview.csvRecords(sample) }
    }

    var exportName: String { "rule-\(check.syntax.name ?? "new")-sample" }

    /// Whether the figures shown are for the text on screen.
    var isCurrent: Bool { figures != nil && figuresText == editor.text }

    func activate(priority: QueryRunner.Priority) {}

    func apply(_ result: QueryResult) {}

    /// Previews the rule again on the new data; the worker was reopened by the Rules screen.
    func switchData(to setting: WarehouseSetting) {
        if check.rule != nil {
            previewDeadline = clock()
        }
    }

    // MARK: Typing

    /// Whether keys are text: the editor is in edit mode.
    var isEditing: Bool { editor.isEditing }

    /// Handles a key in edit mode, with the bindings of the `edit` context: completion on
    /// Tab, else the editor's own handling.
    func handleEditing(_ key: Key, keyMap: KeyMap) -> Outcome {
        if keyMap.command(for: key, in: .edit) == "indent", complete() {
            textDidChange()
            return .redraw
        }
        let outcome = editor.handle(key, keyMap: keyMap)
        if editor.changeCount != checkedChangeCount {
            textDidChange()
        }
        return outcome == .ignored ? .handled : outcome
    }

    /// Completes the word before the cursor; returns false when there is nothing to
    /// complete, so Tab indents instead.
    private func complete() -> Bool {
        let line = editor.buffer.currentLine
        let before = String(line[0..<editor.cursor.column])
        let catalog = host.catalog as? WarehouseCatalog
        guard let completion = RuleCompletion.complete(before: before, skus: catalog?.skus ?? [], categories: catalog?.categories ?? [])
        else { return false }
        if completion.candidates.isEmpty {
            host.post(.info, "nothing completes '\(completion.prefix)'")
            return true
        }
        let insertion = completion.insertion
        if !insertion.isEmpty {
            _ = editor.edit { buffer in
                buffer.insert(insertion)
                return true
            }
        }
        if completion.candidates.count > 1 {
            let shown = completion.candidates.prefix(8).joined(separator: " ")
            let more = completion.candidates.count > 8 ? " and \(completion.candidates.count - 8) more" : ""
            host.post(.info, "completions: \(shown)\(more)")
        }
        return true
    }

    /// Checks the new text, cancels the preview of the old one and sets the deadlines.
    func textDidChange() {
        let now = clock()
        recheck()
        request?.cancellation.cancel()
        request = nil
        acceptedGeneration = nil
        publishOutcome = nil
        previewDeadline = check.rule == nil ? nil : now + RuleEditorScreen.quietPeriod
        if draftDeadline == nil {
            draftDeadline = now + RuleEditorScreen.draftDelay
        }
    }

    private func recheck() {
        check = RuleChecker(catalog: host.catalog).check(editor.text)
        checkedWithWarehouse = host.catalog is WarehouseCatalog
        checkedChangeCount = editor.changeCount
        highlighter.update(text: editor.text, check: check)
    }

    /// Checks the text again once the warehouse's catalog has loaded, so SKUs and
    /// attributes are known.
    func recheckIfCatalogLoaded() {
        guard !checkedWithWarehouse, host.catalog is WarehouseCatalog else { return }
        recheck()
        if check.rule != nil && !isCurrent && request == nil && previewDeadline == nil {
            previewDeadline = clock()
        }
    }

    var cursorDescription: String {
        "line \(editor.cursor.line + 1), column \(editor.cursor.column + 1)"
    }

    /// The first error, else the first warning, as the status bar shows it while editing.
    var problemMessage: StatusMessage? {
        guard let problem = check.errors.first ?? check.warnings.first else { return nil }
        var text = "\(problem.range.start.line):\(problem.range.start.column): \(problem.message)"
        if let help = problem.help {
            text += "; \(help)"
        }
        return StatusMessage(problem.isError ? .error : .warning, text)
    }

    // MARK: Deadlines

    var deadline: ContinuousClock.Instant? {
        [previewDeadline, draftDeadline].compactMap { $0 }.min()
    }

    /// Starts the preview and queues the draft whose deadlines have passed.
    func fire(now: ContinuousClock.Instant) -> Outcome {
        var outcome = Outcome.handled
        if let due = draftDeadline, due <= now {
            draftDeadline = nil
            saveDraft()
        }
        if let due = previewDeadline, due <= now {
            previewDeadline = nil
            startPreview()
            outcome = .redraw
        }
        return outcome
    }

    private func startPreview() {
        guard let rule = check.rule else { return }
        let started = RulePreviewRequest(
            generation: worker.nextGeneration(), rule: rule, text: editor.text, cancellation: Cancellation())
        request = started
        acceptedGeneration = started.generation
        previewFailure = nil
        worker.preview(started)
    }

    /// Queues the text as the user's draft, when it has a valid rule name.
    private func saveDraft() {
        guard let name = check.syntax.name, RuleName.isValid(name) else { return }
        let text = editor.text
        guard ruleTextChecksum(text) != savedTextSHA256 else { return }
        drafts.save(text: text, ruleName: name)
    }

    /// Writes any unsaved change now and waits for it: on closing the editor, and when the
    /// process must stop.
    func flushDraft() {
        draftDeadline = nil
        saveDraft()
        drafts.waitUntilWritten()
    }

    func willClose() {
        request?.cancellation.cancel()
        draftDeadline = nil
        saveDraft()
    }

    // MARK: Events

    /// Takes an event of the rule worker or the draft writer; returns whether the screen changed.
    func receive(_ event: RuleEvent) -> Bool {
        switch event {
        case .counted(let generation, let counted):
            guard generation == acceptedGeneration, let request else { return false }
            figures = counted
            figuresText = request.text
            sample = nil
            comparison = nil
        case .sampled(let generation, let rows):
            guard generation == acceptedGeneration else { return false }
            sample = rows
        case .compared(let generation, let compared):
            guard generation == acceptedGeneration else { return false }
            comparison = compared
            request = nil
        case .previewFailed(let generation, let message):
            guard generation == acceptedGeneration else { return false }
            previewFailure = message
            request = nil
        case .draftSaved(let rule, let checksum):
            guard rule == check.syntax.name else { return false }
            savedTextSHA256 = checksum
        case .draftFailed(let rule, let message):
            guard rule == check.syntax.name else { return false }
            host.post(.error, "the draft of \(rule) was not saved: \(message)")
        case .published(let version):
            guard isPublishing, version.ruleName == check.syntax.name else { return false }
            isPublishing = false
            publishOutcome = (false, "published v\(version.version); outbox: \(version.folder)")
            // Preview again, so overlaps and differences are against the new version.
            previewDeadline = clock()
            host.post(
                .info,
                "published \(version.ruleName) v\(version.version): \(counted(version.targetCount, "target")), "
                    + "\(version.holdoutCount) holdout; outbox: \(version.folder)")
        case .publishFailed(let rule, let message):
            guard isPublishing, rule == check.syntax.name else { return false }
            isPublishing = false
            publishOutcome = (true, "not published: \(message)")
            host.post(.error, "\(rule) was not published: \(message)")
        case .measured(let measured):
            guard isMeasuring, measured.version.ruleName == check.syntax.name else { return false }
            isMeasuring = false
            measurement = measured
            measureFailure = nil
        case .measureFailed(let rule, let message):
            guard isMeasuring, rule == check.syntax.name else { return false }
            isMeasuring = false
            measurement = nil
            measureFailure = message
            host.post(.error, "\(rule) was not measured: \(message)")
        case .listed, .listFailed:
            return false
        }
        return true
    }

    // MARK: Commands

    var commandDescriptions: [any CommandDescription] { RuleEditorScreen.commands }

    func perform(_ command: String) -> Outcome {
        RuleEditorScreen.commands.named(command)?.action(self) ?? .ignored
    }

    static let commands: [Command<RuleEditorScreen>] = [
        Command("edit-rule", "Edit the rule's text: printable keys become text") { screen in
            screen.editor.isEditing = true
            return .redraw
        },
        Command("open", "Edit the rule's text") { screen in
            screen.editor.isEditing = true
            return .redraw
        },
        Command("publish", "Publish the rule as its next version, after confirming its figures") { $0.confirmPublish() },
        Command("measure", "Measure the latest published version against its holdout, as 'dotwork rule measure' does") { screen in
            guard let name = screen.check.syntax.name else {
                screen.host.post(.error, "the rule has no name yet, so it has no published version to measure")
                return .redraw
            }
            screen.isMeasuring = true
            screen.worker.measure(ruleName: name)
            return .redraw
        },
    ]

    /// Asks to confirm a publish with the version, counts, cost and overlaps of the preview
    /// of the text on screen.
    func confirmPublish() -> Outcome {
        guard let name = check.syntax.name, check.rule != nil else {
            host.post(.error, "the rule has errors; fix them before publishing")
            return .redraw
        }
        guard !isPublishing else {
            host.post(.info, "\(name) is being published")
            return .redraw
        }
        guard isCurrent, let figures, let comparison else {
            host.post(.warning, "wait until the preview of this text shows its overlaps, then publish")
            return .redraw
        }
        let overlaps =
            comparison.overlaps.isEmpty
            ? "no overlaps"
            : "overlaps " + comparison.overlaps.map { "\($0.ruleName) v\($0.version) \(PlainNumber.grouped(String($0.sharedTargets)))" }
                .joined(separator: ", ")
        let cost = figures.maxCost.map { ", max cost \($0)" } ?? ""
        let question =
            "Publish \(name) v\(comparison.nextVersion): \(counted(figures.hits, "hit")), "
            + "\(PlainNumber.grouped(String(figures.targets))) target, \(PlainNumber.grouped(String(figures.holdout))) holdout\(cost), \(overlaps)?"
        let text = editor.text
        host.present(
            .confirm(ConfirmationPrompt(question)) { [unowned self] in
                self.isPublishing = true
                self.publishOutcome = (false, "publishing…")
                self.worker.publish(text: text, ruleName: name)
                return .redraw
            })
        return .redraw
    }
}
