import Terminal

/// A message that worker threads post to the main thread through the event loop.
enum WorkbenchMessage: Sendable {
    case query(QueryCompletion)
    /// A sort or search of the table with this identity finished.
    case table(ObjectIdentifier, TableJob.Result)
    case exported(ExportOutcome)
    /// The Rules screen's worker or draft writer finished a job.
    case rule(RuleEvent)
    /// Another process committed new data, whose derived data is ready.
    case dataLanded(LandedData)
}

/// The outcome of writing an export.
struct ExportOutcome: Sendable {
    let path: String
    /// Records written below the header.
    let rows: Int
    /// The failure's message, or nil when the file was written.
    let failure: String?
}
