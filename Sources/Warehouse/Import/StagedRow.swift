/// A row read and checked, waiting for the apply step.
struct StagedRow {
    /// The physical line where the record starts.
    let line: Int
    /// One value per field of the kind, in `ImportKind.fields` order; NULL where the file has
    /// no column or the cell is empty.
    var values: [SQLValue]
    /// Extra customer columns, by attribute index; nil where the cell is empty.
    var attributes: [String?]
    /// Whether the key is already in the warehouse (an upsert updates it).
    var exists: Bool

    /// The stored kind of an event that `--kind-map` skips starts with this, then the value.
    static let skippedPrefix = "\u{0}skip:"

    /// The written kind of an event that `--kind-map` skips, or nil.
    var skippedKind: String? {
        guard let kind = values[4].textValue, kind.hasPrefix(StagedRow.skippedPrefix) else { return nil }
        return String(kind.dropFirst(StagedRow.skippedPrefix.count))
    }
}

/// How the columns of a file map to the table.
struct ColumnPlan {
    enum Target: Equatable {
        /// A field of the kind, read as an amount in major units (`12.50`) or not.
        case field(index: Int, majorUnits: Bool)
        case attribute(index: Int)
        case ignored
    }

    /// One target per CSV column.
    let targets: [Target]
    /// Whether the file fills each field.
    let present: [Bool]
    let attributeNames: [String]
    let ignoredHeaders: [String]
}
