/// Every status message shown in this session, newest last, for the message history.
public final class StatusLog {
    public private(set) var messages: [StatusMessage] = []
    public let limit: Int

    public init(limit: Int = 500) {
        precondition(limit > 0, "a status log must keep at least one message, not \(limit)")
        self.limit = limit
    }

    public func append(_ message: StatusMessage) {
        messages.append(message)
        if messages.count > limit {
            messages.removeFirst(messages.count - limit)
        }
    }

    /// Returns an overlay listing the messages, newest first.
    public func makeOverlay() -> Overlay {
        let lines = messages.reversed().map { message in
            Overlay.Line(key: message.grade.rawValue, text: message.text, role: message.grade.role)
        }
        return Overlay(title: "Messages", lines: lines.isEmpty ? [Overlay.Line(text: "(no messages yet)")] : lines)
    }
}
