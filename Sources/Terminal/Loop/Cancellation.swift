import Synchronization

/// A flag that the main thread sets to stop work running on a worker thread, such as a
/// search through a million rows. The worker checks it between steps.
public final class Cancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func cancel() {
        flag.store(true, ordering: .relaxed)
    }

    public var isCancelled: Bool {
        flag.load(ordering: .relaxed)
    }
}
