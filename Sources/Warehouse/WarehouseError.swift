/// A failure to find, create or open a warehouse. The wording lives in `message` and `help`.
public enum WarehouseError: Error, Equatable, Sendable {
    /// No warehouse file at the path.
    case notFound(path: String)
    /// `init` asked for another currency than the existing warehouse's.
    case currencyMismatch(path: String, existing: String, requested: String)
    /// A currency code that is unknown or has other than two minor digits.
    case invalidCurrency(code: String)
    /// The folder for a new warehouse could not be created.
    case folderNotCreatable(path: String, reason: String)
    /// The file is not a dotwork warehouse (it has no settings or currency).
    case notAWarehouse(path: String)
    /// The file was written by a newer dotwork.
    case schemaTooNew(path: String, fileVersion: Int, supportedVersion: Int)
    /// The file needs migrations but was opened read-only.
    case schemaTooOld(path: String, fileVersion: Int, supportedVersion: Int)
    /// A line of the configuration file could not be read.
    case invalidConfigLine(file: String, line: Int, text: String)
    /// The configuration file exists but this user may not read it.
    case unreadableConfig(file: String)
}

extension WarehouseError: CustomStringConvertible {
    public var description: String { message }

    /// What failed, with the value concerned.
    public var message: String {
        switch self {
        case .notFound(let path):
            return "no warehouse at \(path)"
        case .currencyMismatch(let path, let existing, let requested):
            return "the warehouse at \(path) keeps amounts in \(existing), not \(requested)"
        case .invalidCurrency(let code):
            return "invalid currency: " + Currency.rejectionReason(for: code)
        case .folderNotCreatable(let path, let reason):
            return "cannot create the folder \(path): \(reason)"
        case .notAWarehouse(let path):
            return "\(path) is an SQLite file but not a dotwork warehouse (it has no currency setting)"
        case .schemaTooNew(let path, let fileVersion, let supportedVersion):
            return "the warehouse at \(path) has schema version \(fileVersion), newer than the \(supportedVersion) this dotwork knows"
        case .schemaTooOld(let path, let fileVersion, let supportedVersion):
            return "the warehouse at \(path) has schema version \(fileVersion) and needs upgrading to \(supportedVersion)"
        case .invalidConfigLine(let file, let line, let text):
            return "\(file):\(line): invalid line '\(text)'"
        case .unreadableConfig(let file):
            return "cannot read the configuration file \(file), which names the team's warehouse"
        }
    }

    /// What to do about it.
    public var help: String {
        switch self {
        case .notFound:
            return "create one with 'dotwork init', or point --db, DOTWORK_DB or 'db =' in /etc/dotwork.conf at an existing one"
        case .currencyMismatch(_, let existing, _):
            return "a warehouse has one currency; use another --db for a new one, or 'dotwork init --currency \(existing)'"
        case .invalidCurrency:
            return "give an ISO 4217 code with two minor digits, such as USD, EUR or GBP"
        case .folderNotCreatable:
            return "choose a writable location with --db or DOTWORK_DB"
        case .notAWarehouse:
            return "check the path, or create a warehouse elsewhere with 'dotwork init --db PATH'"
        case .schemaTooNew:
            return "use the dotwork release that wrote it, or a newer one; this binary will not change the file"
        case .schemaTooOld:
            return "run 'dotwork init' with write access once to upgrade it"
        case .invalidConfigLine:
            return "write settings as 'key = value'; lines starting with # are comments"
        case .unreadableConfig(let file):
            return "every user must read it: ask root to run 'chmod 644 \(file)', or give --db PATH"
        }
    }
}
