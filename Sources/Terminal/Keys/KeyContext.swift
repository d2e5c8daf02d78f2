/// Which key bindings apply: the mode the focused widget is in.
public enum KeyContext: String, Sendable, CaseIterable {
    /// Moving around tables and lists; printable keys are commands.
    case browse
    /// Typing in the multi-line editor; printable keys are text.
    case edit
    /// Answering a prompt: a line of input, a picker or a confirmation.
    case prompt
}
