import Foundation

/// A parsed command line: which command runs, with which options and arguments.
struct Invocation: Sendable {
    let command: CommandSpec
    /// Option values by option name; flags map to an empty list of values.
    var options: [String: [String]]
    var arguments: [String]
    let environment: [String: String]

    func value(_ name: String) -> String? {
        options[name]?.last
    }

    func isSet(_ name: String) -> Bool {
        options[name] != nil
    }
}

/// A mistake in how dotwork was called; it exits with status 2.
enum UsageError: Error, Equatable {
    case unknownCommand(String, suggestion: String?)
    case missingCommand(group: String, choices: [String])
    case unknownOption(String, command: String, suggestion: String?)
    case missingValue(option: String, valueName: String, command: String)
    case unexpectedValue(option: String, command: String)
    case missingArgument(name: String, command: String)
    case extraArgument(String, command: String)
    case invalidValue(option: String, value: String, reason: String, command: String)
    /// A pivot the grain does not allow, with the analysis module's own wording.
    case rejectedPivot(message: String, help: String)
    /// A `--where` expression with errors, already rendered with carets and help.
    case invalidExpression(rendered: String)
}

extension UsageError {
    /// The mistake, naming the value.
    var message: String {
        switch self {
        case .unknownCommand(let word, _):
            return "unknown command '\(word)'"
        case .missingCommand(let group, let choices):
            return "'dotwork \(group)' needs one of: \(choices.joined(separator: ", "))"
        case .unknownOption(let option, let command, _):
            return "unknown option '\(option)' for 'dotwork \(command)'"
        case .missingValue(let option, let valueName, _):
            return "option '\(option)' needs a value (\(valueName))"
        case .unexpectedValue(let option, _):
            return "option '\(option)' takes no value"
        case .missingArgument(let name, let command):
            return "'dotwork \(command)' needs \(name)"
        case .extraArgument(let argument, let command):
            return "unexpected argument '\(argument)' for 'dotwork \(command)'"
        case .invalidValue(let option, let value, let reason, _):
            return "invalid value '\(value)' for \(option): \(reason)"
        case .rejectedPivot(let message, _):
            return message
        case .invalidExpression(let rendered):
            return rendered
        }
    }

    /// The next step to take.
    var help: String {
        switch self {
        case .unknownCommand(_, let suggestion):
            return (suggestion.map { "did you mean '\($0)'? " } ?? "") + "'dotwork --help' lists the commands"
        case .rejectedPivot(_, let help):
            return help
        case .invalidExpression:
            return "the expression language is described in docs/expressions.md"
        case .missingCommand(let group, _):
            return "see 'dotwork \(group) --help'"
        case .unknownOption(_, let command, let suggestion):
            return (suggestion.map { "did you mean '\($0)'? " } ?? "") + "'dotwork \(command) --help' lists its options"
        case .missingValue(_, _, let command), .unexpectedValue(_, let command),
            .missingArgument(_, let command), .extraArgument(_, let command), .invalidValue(_, _, _, let command):
            return "see 'dotwork \(command) --help'"
        }
    }
}

extension Invocation {
    /// Returns the `--limit` value, a number of customers to list, or nil when it is not given.
    func customerLimit() throws -> Int? {
        guard let text = value("--limit") else { return nil }
        guard let limit = Int(text), limit >= 0, text.allSatisfy(\.isASCII) else {
            throw UsageError.invalidValue(
                option: "--limit", value: text, reason: "expected a whole number of customers, 0 or more", command: command.name)
        }
        return limit
    }
}
