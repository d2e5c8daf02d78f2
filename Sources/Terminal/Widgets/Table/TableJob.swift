/// A slow table operation (a sort or a search) that runs on a worker thread. Its result
/// goes back to the main thread and into `TableView.finish(_:)`.
public struct TableJob: Sendable {
    public enum Kind: Sendable, Hashable {
        case sort(TableSortOrder?)
        case search(text: String, from: Int, direction: SearchDirection)
    }

    /// The result, to hand back to the view on the main thread.
    public struct Result: Sendable {
        public let job: Int
        public let kind: Kind
        /// For a sort: whether it finished. For a search: what it found.
        public let isCompleted: Bool
        public let search: TableSearchResult?
    }

    /// A number the view gives each job, so it can ignore results of jobs it replaced.
    public let number: Int
    public let kind: Kind
    public let cancellation = Cancellation()
    let dataSource: TableDataSource

    /// Runs the job; call it on a worker thread.
    public func run() -> Result {
        switch kind {
        case .sort(let order):
            let isCompleted = dataSource.sort(by: order, cancellation: cancellation)
            return Result(job: number, kind: kind, isCompleted: isCompleted, search: nil)
        case .search(let text, let start, let direction):
            let found = dataSource.search(text, from: start, direction: direction, cancellation: cancellation)
            return Result(job: number, kind: kind, isCompleted: found != .cancelled, search: found)
        }
    }
}
