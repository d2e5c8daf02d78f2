/// A user action, declared once with its long name, its one-line help and what it does.
///
/// Key tables bind keys to the long name, the help overlay lists the name and help, and the
/// `:` command line runs a command by its name, so none of them repeats the declaration.
public struct Command<Target>: CommandDescription, Sendable {
    public let name: String
    public let help: String
    public let action: @Sendable (Target) -> Outcome

    public init(_ name: String, _ help: String, action: @escaping @Sendable (Target) -> Outcome) {
        precondition(!name.isEmpty && !name.contains(" "), "command name '\(name)' must be one word")
        self.name = name
        self.help = help
        self.action = action
    }
}

/// The name and help of a command, whatever it acts on: what the help overlay lists.
public protocol CommandDescription {
    var name: String { get }
    var help: String { get }
}

extension Array where Element: CommandDescription {
    /// Returns the command with a long name, if one is declared.
    public func named(_ name: String) -> Element? {
        first { $0.name == name }
    }
}

extension Array {
    /// Runs the command bound to `key` in `context` on `target`, or returns `.ignored` when
    /// the key is unbound or its command is not one of these.
    public func perform<Target>(_ key: Key, in context: KeyContext, keyMap: KeyMap, on target: Target) -> Outcome
    where Element == Command<Target> {
        guard let name = keyMap.command(for: key, in: context), let command = named(name) else {
            return .ignored
        }
        return command.action(target)
    }
}
