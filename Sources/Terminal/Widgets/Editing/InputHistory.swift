/// Earlier entries of one kind of prompt (searches, commands, file paths), newest last.
/// Shared by every prompt of that kind, so Up recalls what was typed last time.
public final class InputHistory {
    public private(set) var entries: [String] = []
    public let limit: Int

    public init(limit: Int = 100) {
        precondition(limit > 0, "a history must keep at least one entry, not \(limit)")
        self.limit = limit
    }

    /// Records an entry; an empty one is skipped and a repeat moves to the end.
    public func add(_ entry: String) {
        guard !entry.isEmpty else { return }
        entries.removeAll { $0 == entry }
        entries.append(entry)
        if entries.count > limit {
            entries.removeFirst(entries.count - limit)
        }
    }
}
