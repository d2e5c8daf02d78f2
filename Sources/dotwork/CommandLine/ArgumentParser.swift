import Text

/// Turns `argv` into an `Invocation`, or a request for help or the version.
///
/// The grammar is `dotwork [global options] WORDS… [options and arguments]`: the longest
/// run of leading words that names a command selects it; `--name VALUE` and `--name=VALUE`
/// are both accepted; `--` ends options. Global options may appear anywhere.
struct ArgumentParser {
    enum Outcome {
        case run(Invocation)
        /// Help for one command, or for dotwork as a whole when nil.
        case help(CommandSpec?, group: String?)
        case version
        /// No subcommand: open the workbench.
        case workbench(Invocation)
    }

    let commands: [CommandSpec]
    let workbench: CommandSpec

    func parse(_ arguments: [String], environment: [String: String]) throws -> Outcome {
        var rest = arguments[...]
        var options: [String: [String]] = [:]

        // Global options and --help/--version before the command words.
        while let first = rest.first, first.hasPrefix("-") {
            if first == "--help" || first == "-h" { return .help(nil, group: nil) }
            if first == "--version" { return .version }
            try consumeOption(&rest, known: GlobalOptions.specs, into: &options, command: workbench)
        }

        guard !rest.isEmpty else {
            return .workbench(Invocation(command: workbench, options: options, arguments: [], environment: environment))
        }

        let command: CommandSpec
        do {
            command = try selectCommand(&rest)
        } catch let request as HelpRequest {
            return .help(nil, group: request.group)
        }
        var positionals: [String] = []
        var optionsEnded = false
        while let first = rest.first {
            if !optionsEnded && first == "--" {
                optionsEnded = true
                rest.removeFirst()
            } else if !optionsEnded && (first == "--help" || first == "-h") {
                return .help(command, group: nil)
            } else if !optionsEnded && first.hasPrefix("-") && first != "-" {
                try consumeOption(&rest, known: command.options + GlobalOptions.specs, into: &options, command: command)
            } else {
                positionals.append(first)
                rest.removeFirst()
            }
        }

        if positionals.count < command.arguments.count {
            throw UsageError.missingArgument(name: command.arguments[positionals.count], command: command.name)
        }
        if positionals.count > command.arguments.count {
            throw UsageError.extraArgument(positionals[command.arguments.count], command: command.name)
        }
        return .run(Invocation(command: command, options: options, arguments: positionals, environment: environment))
    }

    /// Finds the command named by the leading words and removes them from `rest`.
    private func selectCommand(_ rest: inout ArraySlice<String>) throws -> CommandSpec {
        let first = rest.removeFirst()
        let group = commands.filter { $0.words.first == first }
        guard !group.isEmpty else {
            let names = Array(Set(commands.map { $0.words[0] })).sorted()
            throw UsageError.unknownCommand(first, suggestion: Suggestion.nearest(to: first, among: names))
        }
        if let single = group.first(where: { $0.words.count == 1 }) {
            return single
        }

        let choices = group.map { $0.words[1] }
        guard let second = rest.first, !second.hasPrefix("-") else {
            if rest.first == "--help" || rest.first == "-h" {
                throw HelpRequest(group: first)
            }
            throw UsageError.missingCommand(group: first, choices: choices)
        }
        rest.removeFirst()
        guard let command = group.first(where: { $0.words[1] == second }) else {
            throw UsageError.unknownCommand(
                "\(first) \(second)",
                suggestion: Suggestion.nearest(to: second, among: choices).map { "\(first) \($0)" })
        }
        return command
    }

    private func consumeOption(
        _ rest: inout ArraySlice<String>, known: [OptionSpec], into options: inout [String: [String]],
        command: CommandSpec
    ) throws {
        let word = rest.removeFirst()
        var name = word
        var inlineValue: String?
        if let equals = word.firstIndex(of: "=") {
            name = String(word[..<equals])
            inlineValue = String(word[word.index(after: equals)...])
        }
        guard let spec = known.first(where: { $0.name == name }) else {
            throw UsageError.unknownOption(
                name, command: command.name, suggestion: Suggestion.nearest(to: name, among: known.map(\.name)))
        }
        if spec.takesValue {
            if let inlineValue {
                options[name, default: []].append(inlineValue)
            } else if let value = rest.first {
                rest.removeFirst()
                options[name, default: []].append(value)
            } else {
                throw UsageError.missingValue(option: name, valueName: spec.valueName ?? "VALUE", command: command.name)
            }
        } else {
            if inlineValue != nil {
                throw UsageError.unexpectedValue(option: name, command: command.name)
            }
            options[name] = options[name] ?? []
        }
    }
}

/// `dotwork GROUP --help` for a command group such as `rule`, found while selecting a command.
private struct HelpRequest: Error {
    let group: String
}
