import Dispatch
import Expressions
import Terminal
import Text

/// The workbench as the event loop runs it: the screens, the key map, the status bar, the
/// prompts, and the queries behind the screens.
///
/// Each top-level screen (`ScreenKind.all`) has a stack: the screen itself, then the
/// drill-downs opened from it, which `back` closes. Keys go, in order, to an open overlay, an
/// open prompt, the current screen while it is in edit mode, or the browse commands of the
/// key map: the workbench's own, then the current screen's, then its table's. Queries run on
/// `QueryRunner` workers and come back as messages; sorts, searches and exports run on other
/// threads the same way. Drawing happens only in `draw`, on the main thread.
final class WorkbenchApp: Application, ScreenHost {
    typealias Message = WorkbenchMessage

    var setting: WarehouseSetting
    let keyMap: KeyMap
    let status = StatusBar()
    let screenKinds: [ScreenKind]
    let runner: QueryRunner
    let ruleSetting: RuleSetting
    /// The workbench's own commands, with a `show-NAME` command per top-level screen.
    let commands: [Command<WorkbenchApp>]
    /// One stack per top-level screen, in tab order: the screen, then drill-downs on top.
    var stacks: [[any WorkbenchScreen]] = []
    var currentIndex = 0
    var prompt: Prompt?
    var overlay: Overlay?
    let searchHistory = InputHistory()
    let commandHistory = InputHistory()
    let pathHistory = InputHistory()
    private(set) var loadedCatalog: WarehouseCatalog?
    private var catalogTicket: QueryTicket?
    private(set) var activated: Set<Int> = []
    /// New data that landed and is offered, until the analyst switches to it.
    var landedData: LandedData?
    /// When the progress of the running query is drawn next; nil while nothing runs.
    private var progressTick: ContinuousClock.Instant?
    let post: @Sendable (WorkbenchMessage) -> Void

    /// Creates the workbench and starts the home screen's first query. `post` hands a
    /// message from any thread to the main thread, such as the event loop's poster.
    init(
        setting: WarehouseSetting, screenKinds: [ScreenKind] = ScreenKind.all, workerLimit: Int = 2,
        ruleHistory: any CustomerRuleHistory = UnreadRuleHistory(), ruleSetting: RuleSetting? = nil,
        post: @escaping @Sendable (WorkbenchMessage) -> Void
    ) {
        precondition(!screenKinds.isEmpty, "the workbench needs at least one screen")
        self.setting = setting
        self.ruleSetting = ruleSetting ?? RuleSetting(warehousePath: setting.path)
        self.screenKinds = screenKinds
        self.post = post
        keyMap = WorkbenchApp.keyMap(for: screenKinds)
        commands = WorkbenchApp.commands(for: screenKinds)
        runner = QueryRunner(setting: setting, workerLimit: workerLimit, ruleHistory: ruleHistory) { completion in
            post(.query(completion))
        }
        status.hint = hint
        stacks = screenKinds.map { [$0.make(self)] }
        activate(0, priority: .interactive)
        catalogTicket = runner.submit(.catalog)
    }

    /// The screen shown: the top of the current stack.
    var currentScreen: any WorkbenchScreen {
        stacks[currentIndex].last!
    }

    var allScreens: [any WorkbenchScreen] {
        stacks.flatMap { $0 }
    }

    /// Starts a top-level screen's first query, once.
    func activate(_ index: Int, priority: QueryRunner.Priority) {
        guard activated.insert(index).inserted else { return }
        stacks[index][0].activate(priority: priority)
    }

    // MARK: Events

    func handle(_ event: Event<WorkbenchMessage>) -> Outcome {
        switch event {
        case .resize:
            return .redraw
        case .timer:
            progressTick = nil
            let now = ContinuousClock.now
            for case let screen as any EditingScreen in allScreens where (screen.deadline.map { $0 <= now } ?? false) {
                _ = screen.fire(now: now)
            }
            return .redraw
        case .message(.rule(let event)):
            var changed = false
            for case let screen as any RuleEventReceiver in allScreens where screen.receive(event) {
                changed = true
            }
            return changed ? .redraw : .handled
        case .message(.query(let completion)):
            return receive(completion)
        case .message(.dataLanded(let landed)):
            return offer(landed)
        case .message(.table(let identity, let result)):
            guard let table = allScreens.lazy.compactMap(\.pane.table).first(where: { ObjectIdentifier($0) == identity }) else {
                return .handled
            }
            if let message = table.finish(result) {
                status.post(message)
            }
            return .redraw
        case .message(.exported(let outcome)):
            if let failure = outcome.failure {
                status.post(.error, failure)
            } else {
                status.post(.info, "exported \(counted(outcome.rows, "row")) to \(outcome.path)")
            }
            return .redraw
        case .key(let key):
            let hadMessage = status.clearTransient()
            let outcome = handle(key)
            return hadMessage && (outcome == .ignored || outcome == .handled) ? .redraw : outcome
        }
    }

    private func receive(_ completion: QueryCompletion) -> Outcome {
        guard runner.finish(completion) else { return .handled }
        if completion.ticket == catalogTicket {
            catalogTicket = nil
            switch completion.outcome {
            case .success(.catalog(let catalog))?:
                loadedCatalog = catalog
            case .failure(let failure)?:
                status.post(.warning, "filters are checked without the warehouse's SKUs and attributes: \(failure.message)")
            default:
                break
            }
            return .handled
        }
        for (index, stack) in stacks.enumerated() {
            for screen in stack where screen.receive(completion) {
                // Once home has its figures, the other screens compute theirs in the
                // background, so their first view is ready when the analyst switches.
                if index == 0 {
                    for other in stacks.indices.dropFirst() {
                        activate(other, priority: .background)
                    }
                }
                return .redraw
            }
        }
        return .handled
    }

    private func handle(_ key: Key) -> Outcome {
        if let overlay {
            if keyMap.command(for: key, in: .browse) == "suspend" {
                return .suspend
            }
            let outcome = overlay.handle(key, keyMap: keyMap)
            if outcome == .cancel {
                self.overlay = nil
                return .redraw
            }
            return outcome
        }
        if prompt != nil {
            if keyMap.command(for: key, in: .prompt) == "suspend" {
                return .suspend
            }
            return handlePrompt(key)
        }
        if currentScreen.isEditing {
            switch keyMap.command(for: key, in: .prompt) {
            case "suspend": return .suspend
            case "redraw": return .redraw
            default: return currentScreen.handleEditing(key, keyMap: keyMap)
            }
        }
        guard let name = keyMap.command(for: key, in: .browse) else { return .ignored }
        return run(commandNamed: name)
    }

    /// Runs a command by its long name: the workbench's, else the current screen's, else its
    /// table's. Returns `.ignored` when none of them has it or it does not apply now.
    func run(commandNamed name: String) -> Outcome {
        if let command = commands.named(name) {
            let outcome = command.action(self)
            if outcome != .ignored {
                return outcome
            }
        }
        let outcome = currentScreen.perform(name)
        if outcome != .ignored {
            return outcome
        }
        if let table = currentScreen.pane.table, let command = TableView.commands.named(name) {
            return command.action(table)
        }
        return .ignored
    }

    /// The long names of every command that applies on the current screen.
    var knownCommandNames: [String] {
        commands.map(\.name) + currentScreen.commandDescriptions.map(\.name) + TableView.commands.map(\.name)
    }

    /// Redraws every tenth of a second while the current screen waits for a query, so its
    /// progress moves. The deadline stays the same until its timer event has been handled,
    /// because the event loop delivers the event only once the deadline it was given passes.
    /// Editing screens add their own deadlines: a preview after a pause, a draft write.
    var nextDeadline: ContinuousClock.Instant? {
        let editing = allScreens.compactMap { ($0 as? any EditingScreen)?.deadline }.min()
        guard currentScreen.pane.isRunning else {
            progressTick = nil
            return editing
        }
        if progressTick == nil {
            progressTick = .now + WorkbenchApp.progressInterval
        }
        return [progressTick, editing].compactMap { $0 }.min()
    }

    static let progressInterval: Duration = .milliseconds(100)

    /// Writes the drafts of open rule editors. Figures need no saving: they are computed
    /// again from the warehouse.
    func flush(before reason: StopReason) {
        for case let screen as any EditingScreen in allScreens {
            screen.flushDraft()
        }
    }

    // MARK: ScreenHost

    var catalog: any Catalog {
        loadedCatalog ?? InMemoryCatalog()
    }

    var messagePoster: @Sendable (WorkbenchMessage) -> Void { post }

    func submit(_ query: Query, priority: QueryRunner.Priority) -> QueryTicket {
        runner.submit(query, priority: priority)
    }

    func promote(_ ticket: QueryTicket) {
        runner.promote(ticket)
    }

    func cancel(_ ticket: QueryTicket) {
        runner.cancel(ticket)
    }

    func submissionTime(of ticket: QueryTicket) -> ContinuousClock.Instant? {
        runner.submissionTime(of: ticket)
    }

    func prepare(_ table: TableView) {
        let identity = ObjectIdentifier(table)
        let post = self.post
        table.jobRunner = { job in
            DispatchQueue.global(qos: .userInitiated).async {
                post(.table(identity, job.run()))
            }
        }
    }

    func post(_ grade: StatusMessage.Grade, _ text: String) {
        status.post(grade, text)
    }

    func push(_ screen: any WorkbenchScreen) {
        stacks[currentIndex].append(screen)
        screen.activate(priority: .interactive)
    }

    func present(_ prompt: Prompt) {
        self.prompt = prompt
    }
}
