/// The wording of `--help`, generated from the command table so it cannot drift from it.
enum HelpText {
    static func overview(commands: [CommandSpec]) -> String {
        var lines = [
            "dotwork: a terminal workbench for marketing analysts over a local SQLite warehouse.",
            "",
            "usage: dotwork [--db PATH] [--theme NAME] [--as-of DATE] COMMAND [options]",
            "",
            "commands:",
        ]
        let width = commands.map { $0.name.count }.max() ?? 0
        for command in commands {
            lines.append("  " + command.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + command.summary)
        }
        lines += ["", "options for every command:"]
        lines += optionLines(GlobalOptions.specs)
        lines += [
            "  --help        show help (also after a command: 'dotwork init --help')",
            "  --version     show the version",
            "",
            "Results go to stdout, messages to stderr. Exit status: 0 success, 1 failure, 2 usage error.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    static func group(_ group: String, commands: [CommandSpec]) -> String {
        overview(commands: commands.filter { $0.words.first == group })
    }

    static func command(_ command: CommandSpec) -> String {
        var lines = ["usage: " + command.usageLine, "", command.summary]
        if !command.options.isEmpty {
            lines += ["", "options:"]
            lines += optionLines(command.options)
        }
        lines += ["", "options for every command:"]
        lines += optionLines(GlobalOptions.specs)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func optionLines(_ options: [OptionSpec]) -> [String] {
        let labels = options.map { option in
            option.valueName.map { "\(option.name) \($0)" } ?? option.name
        }
        let width = max(12, labels.map(\.count).max() ?? 0)
        return zip(labels, options).map { label, option in
            "  " + label.padding(toLength: width + 2, withPad: " ", startingAt: 0) + option.help
        }
    }
}
