import Analysis
import Expressions

/// A question a screen asks of the warehouse. Queries run on worker threads, so a query is a
/// plain value that names everything the worker needs.
enum Query: Sendable {
    case cohorts(PivotDimension)
    case retention
    case pivot(PivotPlan, filter: Condition?)
    /// The customers behind a pivot cell; `.all` on an axis stands for its total.
    case cellCustomers(PivotPlan, row: KeySelection, column: KeySelection, filter: Condition?)
    case cohortCustomers(PivotKey, by: PivotDimension)
    /// The first `limit` customers whose id, email, name or a word of the name starts with
    /// the text, as `dotwork customers --search` finds them, and how many there are.
    case searchCustomers(String, limit: Int)
    /// One customer's profile and timeline, and the rule versions that reached them.
    case customer(id: String)
    /// The names a filter expression may use, for checking it as it is typed.
    case catalog

    /// What the query computes, for progress and messages: `pivot tier × event-month, events`.
    var summary: String {
        switch self {
        case .cohorts(let dimension):
            return "cohorts by \(dimension.rawValue)"
        case .retention:
            return "the retention triangle"
        case .pivot(let plan, let filter):
            return "pivot \(plan.rows.rawValue) × \(plan.columns.rawValue), \(plan.measure.name)" + (filter == nil ? "" : ", filtered")
        case .cellCustomers, .cohortCustomers:
            return "the customers behind the selection"
        case .searchCustomers(let text, _):
            return "customers starting with '\(text)'"
        case .customer(let id):
            return "customer \(id)"
        case .catalog:
            return "the names filters may use"
        }
    }
}

/// What a query computed.
enum QueryResult: Sendable {
    case cohorts(CohortTable)
    case retention(RetentionTable)
    case pivot(PivotResult)
    case customers(DrillDownResult)
    case customerSearch(CustomerSearchPage)
    case customer(CustomerDetails)
    case catalog(WarehouseCatalog)
}

/// One customer as the customer view shows them.
struct CustomerDetails: Sendable, Equatable {
    let profile: CustomerProfile
    /// The published rule versions that hit or held out the customer, newest first, or nil
    /// when the workbench cannot read them.
    let ruleDecisions: [RuleDecision]?
}

/// A query that failed, with the message for the status bar.
struct QueryFailure: Error, Sendable, Equatable {
    let message: String
}

/// The number a query gets when it is submitted. A screen keeps the ticket of its latest
/// query and ignores completions of any other, so a stale result never replaces a newer one.
struct QueryTicket: Sendable, Hashable, CustomStringConvertible {
    let number: Int

    var description: String { "query \(number)" }
}

/// A finished query, posted from its worker to the main thread.
struct QueryCompletion: Sendable {
    let ticket: QueryTicket
    /// The worker that ran it, which is free again.
    let worker: Int
    /// The result or failure; nil when the query was cancelled before or while it ran.
    let outcome: Result<QueryResult, QueryFailure>?
    let elapsed: Duration
}
