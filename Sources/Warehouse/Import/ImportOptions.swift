import Foundation
import Text

/// How an import treats rows whose key is already in the warehouse.
public enum ImportMode: String, CaseIterable, Sendable {
    /// Adds rows; a key already in the warehouse is a bad row.
    case append
    /// Adds new rows and updates existing ones, only in the columns the file has.
    case upsert
    /// Swaps the table's contents for the file's.
    case replace
}

/// The options of `dotwork import`, already validated.
public struct ImportOptions: Sendable {
    public var mode: ImportMode = .append
    /// CSV header → warehouse column, from `--map CSVCOL=COLUMN`.
    public var columnMap: [String: String] = [:]
    public var delimiter: CSVDelimiter = .comma
    /// Amounts are written `1.234,50`.
    public var decimalComma = false
    public var dateFormat: DateFormat?
    /// The zone of timestamps written without one; nil means UTC.
    public var zone: TimeZone?
    public var encoding: TextEncoding = .utf8
    /// Where bad rows go instead of stopping the import.
    public var rejectsPath: String?
    /// The community of members and events when the file has no `source` column.
    public var source: String?
    /// An events file's own event names (lower case) → an event kind, or `skip` to leave
    /// such rows out, from `--kind-map VALUE=KIND`.
    public var kindMap: [String: String] = [:]

    /// The kind-map target that leaves rows out.
    public static let skippedKind = "skip"

    public init() {}

    var timestampParser: TimestampParser {
        TimestampParser(zone: zone, format: dateFormat)
    }
}

/// The column that a rejects file adds to each bad row, and that an import ignores, so a
/// corrected rejects file can be imported as it is.
public let rejectReasonColumn = "reject_reason"
