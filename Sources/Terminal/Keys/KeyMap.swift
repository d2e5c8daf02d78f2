/// The key table: which command each key runs in each context.
///
/// A key map is data, written one binding per line as `context key command`, where context
/// is `browse`, `edit`, `prompt` or `all` (every context), the key is a `Key` name, and the
/// command is a long command name. `#` starts a comment. A binding for a specific context
/// wins over an `all` binding of the same key, and a later line wins over an earlier one, so
/// a user's table can be appended to the defaults.
public struct KeyMap: Sendable {
    /// One line of the table.
    public struct Binding: Sendable, Hashable {
        /// The context, or nil for every context.
        public var context: KeyContext?
        public var key: Key
        public var command: String

        public init(context: KeyContext?, key: Key, command: String) {
            self.context = context
            self.key = key
            self.command = command
        }
    }

    /// A line of a key table that could not be read; it is left out.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var source: String
        public var line: Int
        public var text: String
        public var reason: String

        public var description: String {
            "\(source):\(line): \(reason): '\(text)'"
        }
    }

    private struct Slot: Hashable {
        var context: KeyContext?
        var key: Key
    }

    public private(set) var bindings: [Binding] = []
    private var commands: [Slot: String] = [:]

    public init(bindings: [Binding] = []) {
        for binding in bindings {
            bind(binding)
        }
    }

    /// Adds a binding, replacing any earlier one of the same key in the same context.
    public mutating func bind(_ binding: Binding) {
        let slot = Slot(context: binding.context, key: binding.key)
        if commands[slot] != nil {
            bindings.removeAll { $0.context == binding.context && $0.key == binding.key }
        }
        commands[slot] = binding.command
        bindings.append(binding)
    }

    /// Returns the command bound to a key in a context, if any.
    public func command(for key: Key, in context: KeyContext) -> String? {
        commands[Slot(context: context, key: key)] ?? commands[Slot(context: nil, key: key)]
    }

    /// Returns the keys that run a command in a context, in table order.
    public func keys(for command: String, in context: KeyContext) -> [Key] {
        bindings.filter { binding in
            binding.command == command && (binding.context == context || binding.context == nil)
                && self.command(for: binding.key, in: context) == command
        }.map(\.key)
    }

    /// Returns this table with another appended, whose bindings win.
    public func merging(_ other: KeyMap) -> KeyMap {
        var merged = self
        for binding in other.bindings {
            merged.bind(binding)
        }
        return merged
    }

    /// Reads a key table; lines that cannot be read are returned as problems and left out.
    public static func parse(_ text: String, source: String) -> (keyMap: KeyMap, problems: [Problem]) {
        var keyMap = KeyMap()
        var problems: [Problem] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = uncommented(String(rawLine)).split(separator: " ").map(String.init)
            if fields.isEmpty { continue }
            func problem(_ reason: String) {
                problems.append(Problem(source: source, line: index + 1, text: String(rawLine), reason: reason))
            }
            guard fields.count == 3 else {
                problem("expected 'context key command'")
                continue
            }
            let context: KeyContext?
            if fields[0] == "all" {
                context = nil
            } else if let named = KeyContext(rawValue: fields[0]) {
                context = named
            } else {
                problem("unknown context '\(fields[0])' (contexts: all, browse, edit, prompt)")
                continue
            }
            guard let key = Key(name: fields[1]) else {
                problem("unknown key '\(fields[1])'")
                continue
            }
            keyMap.bind(Binding(context: context, key: key, command: fields[2]))
        }
        return (keyMap, problems)
    }

    /// Removes a comment: `#` at the start of a field, so the key `#` itself stays bindable
    /// when written as the key field after a context.
    private static func uncommented(_ line: String) -> String {
        var fields: [Substring] = []
        let spaced = String(line.map { $0 == "\t" ? " " : $0 })
        for field in spaced.split(separator: " ", omittingEmptySubsequences: true) {
            if field.hasPrefix("#") && fields.count != 1 {
                break
            }
            fields.append(field)
        }
        return fields.joined(separator: " ")
    }
}
