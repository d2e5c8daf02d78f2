/// A customer in scope that a condition keeps, with its do-not-contact flag.
///
/// Rules never reach a customer who opted out, but the preview counts how many the condition
/// matched, so the flag travels with the match rather than being filtered out early.
public struct CustomerMatch: Sendable, Hashable {
    public let id: String
    /// Whether the customer's `opt_out` is set.
    public let isOptedOut: Bool

    public init(id: String, isOptedOut: Bool) {
        self.id = id
        self.isOptedOut = isOptedOut
    }
}
