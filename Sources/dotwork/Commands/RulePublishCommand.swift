import Expressions
import Foundation
import Rules
import Text
import Warehouse

/// `dotwork rule publish NAME`: publishes the caller's draft as the rule's next version and
/// writes its outbox folder.
enum RulePublishCommand {
    static let spec = CommandSpec(
        words: ["rule", "publish"],
        summary: "publish your draft of a rule as its next version, with targets and holdout in the outbox",
        arguments: [RuleOptions.nameArgument],
        options: [
            .flag("--allow-past-as-of", "publish the hits of an --as-of date other than the default"),
            RuleOptions.outbox,
        ],
        run: run)

    static func run(_ invocation: Invocation) throws -> Int32 {
        let name = try invocation.ruleNameArgument()
        let context = try AnalysisContext(invocation)
        let store = try invocation.ruleStore()
        let user = invocation.currentUser()
        let publisher = Publisher(store: store, engine: context.engine)
        publisher.afterStep = try injectedFailure(invocation)
        if let draft = try store.draft(of: name, by: user) {
            let checked = try publisher.check(draft)
            if !checked.errors.isEmpty {
                let renderer = DiagnosticRenderer(sourceName: "draft of \(name) by \(user)", source: draft.text)
                Console.shared.message(String(renderer.render(checked.errors).dropLast()))
            }
        }
        let request = PublishRequest(
            ruleName: name, user: user, asOf: context.asOf, defaultAsOf: try AsOf.resolve(context.database).date,
            allowsPastAsOf: invocation.isSet("--allow-past-as-of"), outbox: try invocation.outbox(), now: try invocation.now())
        let version = try publisher.publish(request)
        Console.shared.out(
            """
            published \(name) v\(version.version) as of \(version.asOf.iso): \(counted(version.targetCount, "target")), \
            \(version.holdoutCount) holdout
            valid from \(version.publishedAt.stored) until \(version.validUntil.stored)
            outbox: \(version.folder)

            """)
        return 0
    }

    /// Returns the hook that injects a failure after a publish step, for the atomicity tests.
    /// Only debug builds read these variables.
    ///
    /// `DOTWORK_TEST_FAIL_AFTER=STEP` throws after the step, as a failing disk would, and
    /// `DOTWORK_TEST_CRASH_AFTER=STEP` ends the process at once, as a power cut would. STEP is
    /// a `PublishStep` raw value such as `pending-committed`.
    private static func injectedFailure(_ invocation: Invocation) throws -> (PublishStep) throws -> Void {
        #if DEBUG
            let environment = invocation.environment
            let failStep = try environment["DOTWORK_TEST_FAIL_AFTER"].map(step)
            let crashStep = try environment["DOTWORK_TEST_CRASH_AFTER"].map(step)
            return { current in
                if current == crashStep {
                    _exit(70)
                }
                if current == failStep {
                    throw PublishingError.outboxFailed(path: current.rawValue, reason: "failure injected for a test")
                }
            }
        #else
            return { _ in }
        #endif
    }

    private static func step(_ text: String) throws -> PublishStep {
        guard let step = PublishStep(rawValue: text) else {
            throw UsageError.invalidValue(
                option: "DOTWORK_TEST_FAIL_AFTER", value: text,
                reason: "expected one of " + PublishStep.allCases.map(\.rawValue).joined(separator: ", "), command: "rule publish")
        }
        return step
    }
}
