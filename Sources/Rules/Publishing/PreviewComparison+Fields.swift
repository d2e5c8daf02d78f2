import Text

/// The comparison as `dotwork rule preview` and the workbench's Rules screen show it.
extension PreviewComparison {
    /// Returns the comparison as labelled lines for the summary block.
    public var summaryFields: [RulePreview.Field] {
        let comparison = self
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

    private func describe(_ difference: PreviewComparison.Difference) -> String {
        "\(PlainNumber.grouped(String(difference.added))) hits added, \(PlainNumber.grouped(String(difference.removed))) removed"
    }
}
