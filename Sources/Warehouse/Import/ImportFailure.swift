import Text

/// Why an import stopped. In every case the warehouse is left as it was.
public enum ImportFailure: Error, Sendable, Equatable {
    /// Rows could not be read; `issues` holds the first ones, `total` counts all of them.
    case badRows(file: String, issues: [ImportIssue], total: Int)
    /// The file could not be read as CSV at all.
    case unreadable(CSVError)
    case emptyFile(path: String)
    /// Required columns are missing from the header.
    case missingColumns(file: String, missing: [String], header: [String], suggestions: [String: String])
    /// `--map` names a CSV column the header does not have.
    case unknownMappedHeader(file: String, header: String, suggestion: String?)
    /// `--map` targets a column the table does not have.
    case unknownTargetColumn(column: String, kind: ImportKind, suggestion: String?)
    /// Two header cells name the same column.
    case duplicateColumn(file: String, column: String)
    /// An extra customer column's name cannot be an attribute name.
    case invalidAttributeName(file: String, name: String)
    /// A members or events file has no `source` column and no `--source`.
    case missingSource(file: String)
    /// Ctrl-C, SIGTERM or SIGHUP arrived.
    case interrupted(signal: String)
    /// The rejects file could not be written.
    case rejectsNotWritable(CSVError)
    /// A community dump that cannot be read, with the reader's description.
    case unreadableDump(description: String)
    /// The dump's events are already in the warehouse under this source.
    case alreadyImported(file: String, source: String, events: Int)
    /// Every bad row is an event name that `--kind-map` does not map, counted by name.
    case unmappedEventNames(file: String, counts: [String: Int])

    /// The first ones of a list of bad rows that a report shows.
    public static let reportedIssueLimit = 20
}

extension ImportFailure: CustomStringConvertible {
    public var description: String { message }

    public var message: String {
        switch self {
        case .badRows(let file, let issues, let total):
            var lines = ["\(total) bad row\(total == 1 ? "" : "s") in \(file); nothing was imported"]
            for issue in issues {
                lines.append(issue.description)
                if let help = issue.help {
                    lines.append("  help: " + help)
                }
            }
            if total > issues.count {
                lines.append("… and \(total - issues.count) more")
            }
            return lines.joined(separator: "\n")
        case .unreadable(let error):
            return error.message + "; nothing was imported"
        case .emptyFile(let path):
            return "\(path) is empty: it has no header row"
        case .missingColumns(let file, let missing, let header, let suggestions):
            let names = missing.map { column in
                suggestions[column].map { "\(column) (is '\($0)' that column?)" } ?? column
            }
            return "\(file):1: missing column\(missing.count == 1 ? "" : "s") \(names.joined(separator: ", ")); "
                + "the header has: \(header.joined(separator: ", "))"
        case .unknownMappedHeader(let file, let header, _):
            return "--map names the column '\(header)', which \(file) does not have"
        case .unknownTargetColumn(let column, let kind, _):
            return "--map targets '\(column)', which is not a column of \(kind.rawValue)"
        case .duplicateColumn(let file, let column):
            return "\(file):1: two columns fill \(column)"
        case .invalidAttributeName(let file, let name):
            return "\(file):1: the column name '\(name)' cannot be an attribute name (it is empty or holds a quote or backslash)"
        case .missingSource(let file):
            return "\(file) has no source column, so its community is unknown"
        case .interrupted(let signal):
            return "import interrupted by \(signal); the warehouse is unchanged"
        case .rejectsNotWritable(let error):
            return error.message
        case .unreadableDump(let description):
            return description + "; nothing was imported"
        case .alreadyImported(let file, let source, let events):
            return "\(events) events of this kind of file are already in source \(source); \(file) was not imported again"
        case .unmappedEventNames(let file, let counts):
            let names = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) (\($0.value))" }
            return "\(file) has event names that are no event kind and not in --kind-map, so nothing was imported: "
                + names.joined(separator: ", ")
        }
    }

    public var help: String? {
        switch self {
        case .badRows(_, _, let total):
            return total > 0 ? "fix the rows and import again, or add --rejects FILE to import the good rows and set the bad ones aside" : nil
        case .unreadable(let error):
            return error.help
        case .emptyFile:
            return "export the file with its header row"
        case .missingColumns(_, let missing, _, _):
            return "rename a column with --map CSVCOL=COLUMN, such as --map \"Customer ID=\(missing[0])\""
        case .unknownMappedHeader(_, _, let suggestion):
            return suggestion.map { "did you mean '\($0)'? Header names are matched ignoring case and surrounding spaces" }
                ?? "header names are matched ignoring case and surrounding spaces"
        case .unknownTargetColumn(_, let kind, let suggestion):
            let columns = kind.fields.flatMap(\.headerNames).joined(separator: ", ")
            return (suggestion.map { "did you mean '\($0)'? " } ?? "") + "columns: \(columns)"
        case .duplicateColumn:
            return "drop or rename one of them with --map"
        case .invalidAttributeName:
            return "rename it with --map \"OLD=new_name\""
        case .missingSource:
            return "name the community with --source NAME, such as --source forum"
        case .interrupted:
            return nil
        case .rejectsNotWritable:
            return "choose another --rejects path"
        case .unreadableDump:
            return "give one file of a Stack Exchange data dump: Posts.xml, Comments.xml, Badges.xml or Users.xml"
        case .alreadyImported:
            return "import another site under its own --source NAME"
        case .unmappedEventNames(_, let counts):
            let example = counts.keys.sorted().prefix(2).map { "--kind-map \($0)=view" }.joined(separator: " ")
            return "map each name to a kind or to skip, such as \(example)"
        }
    }
}
