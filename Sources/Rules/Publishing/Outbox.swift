import Foundation
import Text
import Warehouse

/// The outbox folder that the back-office systems read: `<root>/<rule>/v<N>/` per published
/// version, with `rule.json`, `targets.csv` and `holdout.csv`, and `withdrawn.json` once the
/// version is withdrawn. `docs/outbox.md` is the schema reference.
///
/// A version's files are written into `<root>/<rule>/.v<N>.tmp/` and synced, and the folder
/// is renamed to `v<N>` in one step, so a reader never sees half a version.
public struct Outbox: Sendable {
    public let root: String

    public init(root: String) {
        self.root = Outbox.absolute(root)
    }

    public static let manifestFile = "rule.json"
    public static let targetsFile = "targets.csv"
    public static let holdoutFile = "holdout.csv"
    public static let withdrawalFile = "withdrawn.json"
    /// The columns of `targets.csv` and `holdout.csv`.
    public static let csvColumns = ["customer_id", "email"]

    public func folder(rule: String, version: Int) -> String {
        root + "/" + rule + "/v\(version)"
    }

    public static func temporaryFolder(for folder: String) -> String {
        let parent = (folder as NSString).deletingLastPathComponent
        return parent + "/." + (folder as NSString).lastPathComponent + ".tmp"
    }

    /// One line of `targets.csv` or `holdout.csv`.
    public struct Contact: Sendable, Hashable {
        public let customerID: String
        /// Empty when the customer has no email.
        public let email: String

        public init(customerID: String, email: String) {
            self.customerID = customerID
            self.email = email
        }
    }

    /// Writes the two CSV files into `folder` (created, with its parents) and returns their
    /// SHA-256 checksums.
    static func writeLists(targets: [Contact], holdout: [Contact], into folder: String) throws -> (String, String) {
        try createFolder(folder)
        let targetsPath = folder + "/" + targetsFile
        let holdoutPath = folder + "/" + holdoutFile
        try writeCSV(targets, to: targetsPath)
        try writeCSV(holdout, to: holdoutPath)
        return (try checksum(targetsPath), try checksum(holdoutPath))
    }

    /// Writes `rule.json` last, so a folder with it has all three files.
    static func writeManifest(_ manifest: OutboxManifest, into folder: String) throws {
        try writeJSON(manifest, to: folder + "/" + manifestFile)
        try sync(path: folder)
    }

    /// Renames the temporary folder to its final name and syncs the parent folder.
    static func publish(temporary: String, as folder: String) throws {
        guard rename(temporary, folder) == 0 else {
            throw PublishingError.outboxFailed(path: folder, reason: "rename from \(temporary) failed: \(errnoText())")
        }
        try sync(path: (folder as NSString).deletingLastPathComponent)
    }

    /// Whether `folder` holds a manifest and CSV files whose checksums are the version's.
    static func isComplete(_ folder: String, targetsSHA256: String, holdoutSHA256: String) -> Bool {
        let manager = FileManager.default
        guard manager.fileExists(atPath: folder + "/" + manifestFile),
            let targets = try? checksum(folder + "/" + targetsFile),
            let holdout = try? checksum(folder + "/" + holdoutFile)
        else {
            return false
        }
        return targets == targetsSHA256 && holdout == holdoutSHA256
    }

    /// Writes `withdrawn.json` into a version's folder through a temporary file and a rename.
    static func writeWithdrawal(_ withdrawal: OutboxWithdrawal, into folder: String) throws {
        let temporary = folder + "/." + withdrawalFile + ".tmp"
        try writeJSON(withdrawal, to: temporary)
        guard rename(temporary, folder + "/" + withdrawalFile) == 0 else {
            throw PublishingError.outboxFailed(path: folder, reason: "rename of \(withdrawalFile) failed: \(errnoText())")
        }
        try sync(path: folder)
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    // MARK: Files

    private static func createFolder(_ folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw PublishingError.outboxFailed(path: folder, reason: error.localizedDescription)
        }
    }

    /// Writes an RFC 4180 file with CRLF line ends and no spreadsheet guard, because programs
    /// read it.
    private static func writeCSV(_ contacts: [Contact], to path: String) throws {
        do {
            let output = try CSVFileOutput(creatingFileAt: path)
            var writer = CSVWriter(to: output, textGuard: .none)
            try writer.writeHeader(csvColumns)
            for contact in contacts {
                try writer.writeRecord([.text(contact.customerID), .text(contact.email)])
            }
            try writer.flush()
            guard fsync(output.fileDescriptor) == 0 else {
                throw PublishingError.outboxFailed(path: path, reason: "fsync failed: \(errnoText())")
            }
            try output.close()
        } catch let error as CSVError {
            throw PublishingError.outboxFailed(path: path, reason: error.message)
        }
    }

    private static func writeJSON<Value: Encodable>(_ value: Value, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(UInt8(ascii: "\n"))
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw PublishingError.outboxFailed(path: path, reason: "the file could not be created")
        }
        try sync(path: path)
    }

    private static func checksum(_ path: String) throws -> String {
        do {
            return try SHA256.hex(ofFileAt: path)
        } catch {
            throw PublishingError.outboxFailed(path: path, reason: "cannot read it back: \(error.localizedDescription)")
        }
    }

    /// Flushes a file or a folder entry to disk.
    private static func sync(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw PublishingError.outboxFailed(path: path, reason: "cannot open it to sync: \(errnoText())")
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw PublishingError.outboxFailed(path: path, reason: "fsync failed: \(errnoText())")
        }
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }

    private static func absolute(_ path: String) -> String {
        let joined =
            path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }
}

/// The contents of `rule.json`. The coding keys are the schema's field names.
public struct OutboxManifest: Codable, Sendable, Hashable {
    public static let schemaVersion = 1

    public var schemaVersion = OutboxManifest.schemaVersion
    public var name: String
    public var version: Int
    public var text: String
    /// `offer` or `flag`.
    public var action: String
    /// The offer's or flag's name.
    public var actionName: String
    /// The offer's value and cost in minor units of `currency`; nil for a flag.
    public var valueMinorUnits: Int64?
    public var costMinorUnits: Int64?
    public var currency: String
    public var holdoutPercent: String
    public var validFrom: String
    public var validUntil: String
    public var asOf: String
    public var publishedBy: String
    public var publishedAt: String
    public var targetCount: Int
    public var holdoutCount: Int
    public var targetsSHA256: String
    public var holdoutSHA256: String

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case name, version, text, action
        case actionName = "action_name"
        case valueMinorUnits = "value_minor_units"
        case costMinorUnits = "cost_minor_units"
        case currency
        case holdoutPercent = "holdout_percent"
        case validFrom = "valid_from"
        case validUntil = "valid_until"
        case asOf = "as_of"
        case publishedBy = "published_by"
        case publishedAt = "published_at"
        case targetCount = "target_count"
        case holdoutCount = "holdout_count"
        case targetsSHA256 = "targets_sha256"
        case holdoutSHA256 = "holdout_sha256"
    }

    /// Writes nil amounts as JSON null rather than leaving the keys out, so every field of the
    /// schema is always present.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(name, forKey: .name)
        try container.encode(version, forKey: .version)
        try container.encode(text, forKey: .text)
        try container.encode(action, forKey: .action)
        try container.encode(actionName, forKey: .actionName)
        try container.encode(valueMinorUnits, forKey: .valueMinorUnits)
        try container.encode(costMinorUnits, forKey: .costMinorUnits)
        try container.encode(currency, forKey: .currency)
        try container.encode(holdoutPercent, forKey: .holdoutPercent)
        try container.encode(validFrom, forKey: .validFrom)
        try container.encode(validUntil, forKey: .validUntil)
        try container.encode(asOf, forKey: .asOf)
        try container.encode(publishedBy, forKey: .publishedBy)
        try container.encode(publishedAt, forKey: .publishedAt)
        try container.encode(targetCount, forKey: .targetCount)
        try container.encode(holdoutCount, forKey: .holdoutCount)
        try container.encode(targetsSHA256, forKey: .targetsSHA256)
        try container.encode(holdoutSHA256, forKey: .holdoutSHA256)
    }
}

/// The contents of `withdrawn.json`, written into a version's folder when it is withdrawn.
public struct OutboxWithdrawal: Codable, Sendable, Hashable {
    public var schemaVersion = OutboxManifest.schemaVersion
    public var name: String
    public var version: Int
    public var withdrawnBy: String
    public var withdrawnAt: String

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case name, version
        case withdrawnBy = "withdrawn_by"
        case withdrawnAt = "withdrawn_at"
    }
}
