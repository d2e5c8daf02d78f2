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
        comparison.summaryFields
    }
}
