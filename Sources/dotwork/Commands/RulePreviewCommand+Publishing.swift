import Analysis
import Rules
import Text
import Warehouse

/// The publishing part of `rule preview`: recording the preview in `rules.db` and comparing it
/// with the published versions.
extension RulePreviewCommand {
    /// Records the preview as the caller's and returns its comparison with the valid versions,
    /// or nil with a warning when `rules.db` cannot be written, because the preview itself
    /// is still correct.
    static func recordAndCompare(
        _ preview: RulePreview, text: String, invocation: Invocation, context: AnalysisContext
    ) throws -> PreviewComparison? {
        let now = try invocation.now()
        let store: RuleStore
        do {
            store = try invocation.ruleStore()
            try store.record(
                RecordedPreview(
                    user: invocation.currentUser(), ruleName: preview.rule.name, textSHA256: ruleTextChecksum(text),
                    asOf: preview.asOf, hitCount: preview.hits.count, targetCount: preview.targetCount,
                    holdoutCount: preview.holdoutCount, previewedAt: now.stored))
        } catch let error as DatabaseError {
            Console.shared.message(
                "warning: the preview could not be recorded in rules.db (\(error.message)), so 'rule publish' "
                    + "will ask for it again; check that you may write to the warehouse's folder")
            return nil
        }
        return try PreviewComparison(preview: preview, store: store, engine: context.engine, now: now)
    }

    /// Returns the comparison as labelled lines for the summary block.
    static func comparisonFields(_ comparison: PreviewComparison) -> [RulePreview.Field] {
        var fields: [RulePreview.Field] = []
        if comparison.overlaps.isEmpty {
            fields.append(.init(label: "overlap", value: "no other rule has a valid published version"))
        }
        for overlap in comparison.overlaps {
            fields.append(
                .init(
                    label: "overlap \(overlap.ruleName) v\(overlap.version)",
                    value: "\(PlainNumber.grouped(String(overlap.sharedTargets))) of these targets "
                        + "are among its \(PlainNumber.grouped(String(overlap.versionTargets)))"))
        }
        guard let version = comparison.publishedVersion else {
            fields.append(.init(label: "published", value: "none yet"))
            return fields
        }
        fields.append(
            .init(
                label: "published",
                value: "v\(version.version) by \(version.publishedBy) at \(version.publishedAt.stored), as of \(version.asOf.iso)"))
        if let difference = comparison.againstPublishedText {
            fields.append(.init(label: "vs its text now", value: describe(difference) + " (the effect of the edit)"))
        } else if let problem = comparison.publishedTextProblem {
            fields.append(.init(label: "vs its text now", value: "cannot run: \(problem)"))
        }
        if let difference = comparison.againstFrozenList {
            fields.append(.init(label: "vs its frozen list", value: describe(difference) + " (what changed since publish)"))
        }
        return fields
    }

    private static func describe(_ difference: PreviewComparison.Difference) -> String {
        "\(PlainNumber.grouped(String(difference.added))) hits added, \(PlainNumber.grouped(String(difference.removed))) removed"
    }
}
