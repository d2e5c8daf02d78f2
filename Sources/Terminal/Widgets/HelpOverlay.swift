/// Builds the help overlay from the key map and the declared commands, so help always
/// shows the keys that really run each command.
public enum HelpOverlay {
    /// One part of the help: a heading, the context whose keys are listed, and the commands.
    public struct Section {
        public var heading: String
        public var context: KeyContext
        public var commands: [any CommandDescription]

        public init(_ heading: String, context: KeyContext, commands: [any CommandDescription]) {
            self.heading = heading
            self.context = context
            self.commands = commands
        }
    }

    /// Returns the overlay listing each section's commands with their keys and help. A
    /// command listed twice in a section (such as `cancel`, declared by several widgets)
    /// appears once.
    public static func make(title: String = "Keys", keyMap: KeyMap, sections: [Section]) -> Overlay {
        Overlay(title: title, lines: lines(keyMap: keyMap, sections: sections))
    }

    public static func lines(keyMap: KeyMap, sections: [Section]) -> [Overlay.Line] {
        var lines: [Overlay.Line] = []
        for section in sections {
            if !lines.isEmpty {
                lines.append(Overlay.Line(text: ""))
            }
            lines.append(Overlay.Line(text: section.heading, role: .title))
            var listed = Set<String>()
            for command in section.commands where listed.insert(command.name).inserted {
                let keys = keyMap.keys(for: command.name, in: section.context).map(\.description)
                let key = keys.isEmpty ? ":" + command.name : keys.joined(separator: " ")
                lines.append(Overlay.Line(key: key, text: "\(command.name)  \(command.help)"))
            }
        }
        return lines
    }
}
