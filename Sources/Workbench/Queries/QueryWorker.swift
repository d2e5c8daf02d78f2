import Analysis
import Dispatch
import Expressions
import Terminal
import Warehouse

/// A worker thread with its own read-only connection to the warehouse and its own
/// `AnalysisEngine`, which runs one query at a time.
///
/// The connection and the engine are not thread-safe, so they are created and used only on
/// the worker's serial queue. That confinement is what makes the `@unchecked Sendable` safe.
/// The engine keeps its per-date context between queries, so the second query on a worker
/// skips that set-up.
final class QueryWorker: @unchecked Sendable {
    let index: Int
    /// Touched only on `queue`, after `init`.
    private var setting: WarehouseSetting
    private let ruleHistory: any CustomerRuleHistory
    private let queue: DispatchQueue
    /// Touched only on `queue`.
    private var engine: AnalysisEngine?

    init(index: Int, setting: WarehouseSetting, ruleHistory: any CustomerRuleHistory) {
        self.index = index
        self.setting = setting
        self.ruleHistory = ruleHistory
        queue = DispatchQueue(label: "dotwork.query.\(index)", qos: .userInitiated)
    }

    /// Runs `query` on the worker's queue and hands the completion to `deliver`, on that
    /// queue. A query cancelled before it starts is not run. One cancelled while it runs
    /// completes without a result: a customer search stops part-way, and any other query
    /// finishes first, because the engine cannot stop it.
    func run(
        _ query: Query, ticket: QueryTicket, cancellation: Cancellation,
        deliver: @escaping @Sendable (QueryCompletion) -> Void
    ) {
        // NOTE: only the customer search checks the cancellation, so a cancelled figure query
        // keeps its worker busy until it ends; a newer query waits for it only when every
        // worker is busy.
        queue.async { [self] in
            let started = ContinuousClock.now
            guard !cancellation.isCancelled else {
                deliver(QueryCompletion(ticket: ticket, worker: index, outcome: nil, elapsed: .zero))
                return
            }
            let outcome: Result<QueryResult, QueryFailure>
            do {
                outcome = .success(try compute(query, cancellation: cancellation))
            } catch {
                outcome = .failure(QueryFailure(message: QueryWorker.describe(error)))
            }
            let elapsed = ContinuousClock.now - started
            deliver(QueryCompletion(ticket: ticket, worker: index, outcome: cancellation.isCancelled ? nil : outcome, elapsed: elapsed))
        }
    }

    private func compute(_ query: Query, cancellation: Cancellation) throws -> QueryResult {
        let engine = try openEngine()
        let asOf = setting.asOf
        switch query {
        case .cohorts(let dimension):
            return .cohorts(try engine.cohorts(by: dimension, asOf: asOf))
        case .retention:
            return .retention(try engine.retention(asOf: asOf))
        case .pivot(let plan, let filter):
            return .pivot(try engine.pivot(plan, asOf: asOf, filter: filter))
        case .cellCustomers(let plan, let row, let column, let filter):
            return .customers(try engine.drillDown(plan, row: row, column: column, asOf: asOf, filter: filter))
        case .cohortCustomers(let key, let dimension):
            return .customers(try engine.drillDown(cohort: key, by: dimension, asOf: asOf))
        case .searchCustomers(let text, let limit):
            // A search stops part-way once cancelled, because a one-letter search of a
            // million customers would otherwise keep the worker busy for seconds.
            return .customerSearch(try engine.searchCustomers(text, asOf: asOf, limit: limit) { cancellation.isCancelled })
        case .customer(let id):
            guard let profile = try engine.profile(of: id, asOf: asOf) else {
                throw QueryFailure(message: "no customer with id '\(id)'; it may have been removed since the list was computed")
            }
            let decisions = try ruleHistory.decisions(forCustomer: id)
            return .customer(CustomerDetails(profile: profile, ruleDecisions: decisions))
        case .catalog:
            return .catalog(try WarehouseCatalog(warehouse: engine.warehouse))
        }
    }

    /// Makes the queries after those queued so far read `setting`, with a new engine.
    func reopen(_ setting: WarehouseSetting) {
        queue.async { [self] in
            self.setting = setting
            engine = nil
        }
    }

    private func openEngine() throws -> AnalysisEngine {
        if let engine {
            return engine
        }
        let warehouse = try Warehouse.open(at: setting.path, readOnly: true)
        let opened = try AnalysisEngine(warehouse: warehouse)
        engine = opened
        return opened
    }

    /// Returns the message of an error from the warehouse or the engine, with its help when it
    /// has one.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as WarehouseError:
            return error.message + "; " + error.help
        case let error as DatabaseError:
            return error.description
        case let error as QueryFailure:
            return error.message
        default:
            return String(describing: error)
        }
    }
}
