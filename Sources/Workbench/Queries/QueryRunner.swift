import Terminal

/// Schedules queries on a few `QueryWorker`s and keeps track of those not cancelled.
///
/// It lives on the main thread. A submitted query goes to an idle worker, or waits, oldest
/// first, while every worker is busy. A worker stays busy until its completion has come back
/// through the event loop and `finish` has seen it. Cancelling sets the query's
/// `Cancellation` and forgets the ticket, so a waiting query never runs and a running one's
/// completion is reported as stale when it arrives. The keyboard never waits on a query.
///
/// Background queries compute views before the analyst asks for them. They run only after
/// every waiting interactive query, and on one worker at a time, so another worker stays
/// free for what the analyst asks next.
final class QueryRunner {
    /// Whether the analyst is waiting for a query.
    enum Priority: Sendable {
        case interactive
        case background
    }

    private struct Entry {
        let query: Query
        var priority: Priority
        let cancellation = Cancellation()
        let submitted = ContinuousClock.now
        /// The worker running it, once started.
        var worker: Int?
    }

    private(set) var setting: WarehouseSetting
    /// Workers are started as queries need them, up to this many.
    let workerLimit: Int
    private let ruleHistory: any CustomerRuleHistory
    private let deliver: @Sendable (QueryCompletion) -> Void
    private var workers: [QueryWorker] = []
    private var busyWorkers: Set<Int> = []
    private var waiting: [QueryTicket] = []
    private var live: [QueryTicket: Entry] = [:]
    private var lastNumber = 0

    /// `deliver` runs on a worker thread; it must hand the completion to the main thread,
    /// which passes it to `finish`.
    init(
        setting: WarehouseSetting, workerLimit: Int = 2, ruleHistory: any CustomerRuleHistory = UnreadRuleHistory(),
        deliver: @escaping @Sendable (QueryCompletion) -> Void
    ) {
        precondition(workerLimit >= 1, "a query runner needs at least one worker, not \(workerLimit)")
        self.setting = setting
        self.workerLimit = workerLimit
        self.ruleHistory = ruleHistory
        self.deliver = deliver
    }

    /// Queues a query and returns its ticket.
    func submit(_ query: Query, priority: Priority = .interactive) -> QueryTicket {
        lastNumber += 1
        let ticket = QueryTicket(number: lastNumber)
        live[ticket] = Entry(query: query, priority: priority)
        waiting.append(ticket)
        dispatch()
        return ticket
    }

    /// Makes a background query interactive, because the analyst now waits for it.
    func promote(_ ticket: QueryTicket) {
        guard live[ticket]?.priority == .background else { return }
        live[ticket]?.priority = .interactive
        dispatch()
    }

    /// Stops wanting a query: it does not start if it is waiting, and its result is dropped
    /// if it is running.
    func cancel(_ ticket: QueryTicket) {
        guard let entry = live.removeValue(forKey: ticket) else { return }
        entry.cancellation.cancel()
        waiting.removeAll { $0 == ticket }
    }

    /// Frees the completion's worker, starts the next waiting query, and returns whether the
    /// completion is for a query still live.
    func finish(_ completion: QueryCompletion) -> Bool {
        busyWorkers.remove(completion.worker)
        let isLive = live.removeValue(forKey: completion.ticket) != nil && completion.outcome != nil
        dispatch()
        return isLive
    }

    /// Makes every later query read the warehouse of `setting`, after new data landed.
    /// Queries already running finish on the data they started with.
    func reopen(_ setting: WarehouseSetting) {
        self.setting = setting
        for worker in workers {
            worker.reopen(setting)
        }
    }

    /// Returns whether a query is waiting or running and still live.
    func isLive(_ ticket: QueryTicket) -> Bool {
        live[ticket] != nil
    }

    /// When a live query was submitted, for the progress display.
    func submissionTime(of ticket: QueryTicket) -> ContinuousClock.Instant? {
        live[ticket]?.submitted
    }

    /// Whether any live query is waiting or running.
    var hasLiveQueries: Bool {
        !live.isEmpty
    }

    private func dispatch() {
        while let ticket = nextWaiting(), let worker = idleWorker(), let entry = live[ticket] {
            waiting.removeAll { $0 == ticket }
            busyWorkers.insert(worker.index)
            live[ticket]?.worker = worker.index
            worker.run(entry.query, ticket: ticket, cancellation: entry.cancellation, deliver: deliver)
        }
    }

    /// Returns the oldest waiting interactive query, else the oldest background one while no other
    /// background query runs.
    private func nextWaiting() -> QueryTicket? {
        if let interactive = waiting.first(where: { live[$0]?.priority == .interactive }) {
            return interactive
        }
        let isBackgroundRunning = live.values.contains { $0.priority == .background && $0.worker != nil }
        return isBackgroundRunning ? nil : waiting.first
    }

    private func idleWorker() -> QueryWorker? {
        if let idle = workers.first(where: { !busyWorkers.contains($0.index) }) {
            return idle
        }
        guard workers.count < workerLimit else { return nil }
        let worker = QueryWorker(index: workers.count, setting: setting, ruleHistory: ruleHistory)
        workers.append(worker)
        return worker
    }
}
