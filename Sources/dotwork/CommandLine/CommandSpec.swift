/// One option a command accepts: a flag (`--retention`) or an option with a value (`--by KEY`).
struct OptionSpec: Sendable {
    let name: String
    /// The placeholder shown in help for the value, or nil for a flag.
    let valueName: String?
    let help: String

    var takesValue: Bool { valueName != nil }

    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help)
    }

    static func value(_ name: String, _ valueName: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help)
    }
}

/// A subcommand: its words, help and the options and arguments it takes.
struct CommandSpec: Sendable {
    /// The words that name it after `dotwork`, such as `["init"]` or `["rule", "check"]`.
    let words: [String]
    let summary: String
    /// Positional arguments in order, by their help names (`FILE`).
    let arguments: [String]
    let options: [OptionSpec]
    let run: @Sendable (Invocation) throws -> Int32

    var name: String { words.joined(separator: " ") }

    var usageLine: String {
        var parts = ["dotwork", name]
        parts += arguments
        if !options.isEmpty {
            parts.append("[options]")
        }
        return parts.joined(separator: " ")
    }
}

/// Options that every command accepts, before or after the subcommand.
enum GlobalOptions {
    static let specs: [OptionSpec] = [
        .value("--db", "PATH", "the warehouse file (else DOTWORK_DB, 'db =' in /etc/dotwork.conf, ~/.local/share/dotwork/warehouse.db)"),
        .value("--theme", "NAME", "the colour theme of the workbench"),
        .value("--as-of", "DATE", "compute figures as of this date (YYYY-MM-DD) instead of the latest data"),
    ]
}
