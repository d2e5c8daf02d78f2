import Rules
import Warehouse

/// What the rule worker and the draft writer post back to the main thread.
///
/// Preview events carry the generation of their request. An editor keeps only the
/// events of its latest generation, so a stale preview never overwrites a newer one.
enum RuleEvent: Sendable {
    case listed([RuleListEntry])
    case listFailed(String)
    /// The count, split and cost of a preview: the first figures the editor shows.
    case counted(generation: Int, RulePreviewFigures)
    /// The first hits with their details.
    case sampled(generation: Int, [RuleSampleRow])
    /// Overlaps with valid versions and differences from the published version.
    case compared(generation: Int, RuleComparisonFigures)
    case previewFailed(generation: Int, String)
    case draftSaved(rule: String, textSHA256: String)
    case draftFailed(rule: String, String)
    case published(RuleVersion)
    /// A publish that stopped; the message names why, such as another user's newer version.
    case publishFailed(rule: String, String)
    /// The latest published version measured against its holdout.
    case measured(RuleMeasurement)
    /// A measurement that could not be made, such as of a rule never published.
    case measureFailed(rule: String, String)
}

/// The figures of a preview that arrive first.
struct RulePreviewFigures: Sendable, Equatable {
    let ruleName: String
    let hits: Int
    let targets: Int
    let holdout: Int
    let optOutsRemoved: Int
    /// The summary lines as `dotwork rule preview` prints them: action, as of, hits, target,
    /// holdout, opt-outs, maximum value and cost.
    let fields: [RulePreview.Field]
    /// The maximum cost to the business, already formatted with its currency, or nil for a flag.
    let maxCost: String?
    let elapsed: Duration
}

/// The relation of a preview to what is published, with the version a publish would create.
struct RuleComparisonFigures: Sendable {
    /// The lines as `dotwork rule preview` prints them after its summary.
    let fields: [RulePreview.Field]
    let overlaps: [PreviewComparison.Overlap]
    /// The number the next publish gets.
    let nextVersion: Int
}

/// One row of the list of rules.
struct RuleListEntry: Sendable, Equatable {
    let name: String
    /// `draft`, `published vN`, `changed since publish`, `withdrawn` or `expired`.
    let state: String
    let version: Int?
    let validUntil: String?
    let publishedBy: String?
    /// Users with a draft of the rule, by name.
    let draftUsers: [String]
    /// The text the editor opens: the user's own draft, else the latest version, else the
    /// first other user's draft.
    let text: String
    /// Where `text` comes from, for the status bar: `your draft`, `v2`, `alice's draft`.
    let origin: String
}
