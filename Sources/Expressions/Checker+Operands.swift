import Text
import Warehouse

/// Operands: names, attributes and function calls with their arguments.
extension Checker {
    /// The functions of the language.
    static let functionNames = ["count", "spend", "orders", "bought", "days_since"]

    mutating func checkOperand(_ syntax: OperandSyntax, context: ValueType?) -> CheckedOperand? {
        switch syntax.kind {
        case .number(let number):
            return .value(.literal(.number(number)))
        case .string(let text):
            return .value(.literal(.text(text)))
        case .date(let day):
            return .value(.literal(.date(day)))
        case .name(let name):
            return resolveName(name, at: syntax.range, context: context).map { .value($0) }
        case .attribute(let name):
            guard let type = catalog.attributeTypes[name] else {
                let suggestion = Suggestion.nearest(to: name, among: catalog.attributeTypes.keys.sorted())
                report(.unknownAttribute(name, suggestion: suggestion), at: syntax.range)
                return nil
            }
            return .value(.attribute(name: name, type: type))
        case .call(let call):
            return checkCall(call)
        case .missing:
            return nil
        }
    }

    /// Resolves a bare word: a field or a tier word. Anything else is reported, with help
    /// that fits what the word turned out to be.
    private mutating func resolveName(_ name: String, at range: SourceRange, context: ValueType?) -> Value? {
        if let field = catalog.fields.first(where: { $0.name == name }) {
            return .field(field)
        }
        if let tier = Tier(word: name) {
            return .literal(.tier(tier))
        }
        if Checker.functionNames.contains(name) {
            report(.functionWithoutParentheses(name), at: range)
        } else if catalog.eventKinds.contains(where: { $0.rawValue == name }) {
            report(.kindAsValue(name), at: range)
        } else {
            let candidates = catalog.fields.map(\.name) + Tier.allCases.map(\.description) + Checker.functionNames
            let suggestion = Suggestion.nearest(to: name, among: candidates)
            report(.unknownName(name, suggestion: suggestion, isTextExpected: context == .text), at: range)
        }
        return nil
    }

    // MARK: Calls

    private mutating func checkCall(_ call: CallSyntax) -> CheckedOperand? {
        let arguments = call.arguments
        switch call.name {
        case "count":
            let kinds = catalog.eventKinds
            let selection = requireName(of: call, expected: "an event kind or any") {
                Checker.eventSelection($0, kinds: kinds)
            }
            let window = optionalWindow(of: call, at: 1)
            rejectArguments(of: call, after: 2)
            guard let selection, let window else { return nil }
            return .value(.eventCount(selection, window))

        case "spend", "orders":
            let window = optionalWindow(of: call, at: 0)
            rejectArguments(of: call, after: 1)
            guard let window else { return nil }
            return .value(call.name == "spend" ? .spend(window) : .orderCount(window))

        case "bought":
            var product: ProductSelector?
            switch arguments.first?.kind {
            case .sku(let sku)?:
                product = .sku(sku)
                if !catalog.containsSKU(sku) {
                    report(.unknownSKU(sku, suggestion: catalog.nearestSKU(to: sku)), at: arguments[0].range)
                }
            case .category(let category)?:
                product = .category(category)
                if !catalog.containsCategory(category) {
                    report(
                        .unknownCategory(category, suggestion: catalog.nearestCategory(to: category)),
                        at: arguments[0].range)
                }
            case .missing?:
                break
            case let other?:
                report(
                    .unexpectedArgument(
                        function: call.name, found: describe(other), expected: "sku \"…\" or category \"…\" first"),
                    at: arguments[0].range)
            case nil:
                report(.missingArgument(function: call.name, expected: "sku \"…\" or category \"…\""), at: call.closingRange)
            }
            let window = optionalWindow(of: call, at: 1)
            rejectArguments(of: call, after: 2)
            guard let product, let window else { return nil }
            return .condition(.bought(product, window))

        case "days_since":
            let kinds = catalog.eventKinds
            let target = requireName(of: call, expected: "an event kind, any, order or signup") {
                Checker.daysSinceTarget($0, kinds: kinds)
            }
            if arguments.count > 1, case .window = arguments[1].kind {
                report(.windowNotAllowed(function: call.name), at: arguments[1].range)
            } else {
                rejectArguments(of: call, after: 1)
            }
            guard let target, arguments.count <= 1 else { return nil }
            return .value(.daysSince(target))

        default:
            let suggestion = Suggestion.nearest(to: call.name, among: Checker.functionNames)
            report(.unknownFunction(call.name, suggestion: suggestion), at: call.nameRange)
            return nil
        }
    }

    /// Reads the first argument, which must be a name that `resolve` accepts.
    private mutating func requireName<T>(
        of call: CallSyntax, expected: String, resolve: (String) -> T?
    ) -> T? {
        guard let argument = call.arguments.first else {
            report(.missingArgument(function: call.name, expected: expected), at: call.closingRange)
            return nil
        }
        switch argument.kind {
        case .name(let name):
            if let resolved = resolve(name) {
                return resolved
            }
            var allowed = catalog.eventKinds.map(\.rawValue) + ["any"]
            if call.name == "days_since" {
                allowed += ["order", "signup"]
            }
            let suggestion = Suggestion.nearest(to: name, among: allowed)
            report(.unknownKind(name, function: call.name, suggestion: suggestion, allowed: allowed), at: argument.range)
        case .missing:
            break
        default:
            report(
                .unexpectedArgument(function: call.name, found: describe(argument.kind), expected: expected + " first"),
                at: argument.range)
        }
        return nil
    }

    /// Reads an optional window at `position`; `.allTime` when there is none, nil on error.
    private mutating func optionalWindow(of call: CallSyntax, at position: Int) -> Window? {
        guard position < call.arguments.count else { return .allTime }
        let argument = call.arguments[position]
        switch argument.kind {
        case .window(.lastDays(let days)):
            return .lastDays(days)
        case .window(.since(let day)):
            return .since(day)
        case .window(.between(let first, let last)):
            guard first <= last else {
                report(.windowReversed(first: first, last: last), at: argument.range)
                return nil
            }
            return .between(first, last)
        case .missing:
            return nil
        default:
            let expected = position == 0 ? "only a window" : "a window as its last argument"
            report(.unexpectedArgument(function: call.name, found: describe(argument.kind), expected: expected), at: argument.range)
            return nil
        }
    }

    /// Reports the first argument at or past `count`, for a function that takes `count`.
    private mutating func rejectArguments(of call: CallSyntax, after count: Int) {
        guard call.arguments.count > count else { return }
        report(.tooManyArguments(function: call.name, maximum: count), at: call.arguments[count].range)
    }

    private static func eventSelection(_ name: String, kinds: [EventKind]) -> EventSelection? {
        if name == "any" {
            return .any
        }
        return kinds.first { $0.rawValue == name }.map { .kind($0) }
    }

    private static func daysSinceTarget(_ name: String, kinds: [EventKind]) -> DaysSinceTarget? {
        switch name {
        case "order": return .order
        case "signup": return .signup
        default: return eventSelection(name, kinds: kinds).map { .event($0) }
        }
    }

    private func describe(_ argument: ArgumentSyntax.Kind) -> String {
        switch argument {
        case .name(let name): return "'\(name)'"
        case .sku(let sku): return "sku \"\(sku)\""
        case .category(let category): return "category \"\(category)\""
        case .window: return "a window"
        case .missing: return "nothing"
        }
    }
}
