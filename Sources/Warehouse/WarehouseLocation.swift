import Foundation

/// Where the warehouse file is, and which rule chose it.
///
/// The rules, first match wins: `--db PATH`, the `DOTWORK_DB` environment variable, `db =`
/// in `/etc/dotwork.conf`, then `$XDG_DATA_HOME/dotwork/warehouse.db` with XDG's default of
/// `~/.local/share` for `XDG_DATA_HOME`.
public struct WarehouseLocation: Equatable, Sendable {
    public enum Origin: Equatable, Sendable {
        case option
        case environment
        case configFile(path: String, line: Int)
        case dataHome
    }

    /// An absolute path.
    public let path: String
    public let origin: Origin

    public static let systemConfigPath = "/etc/dotwork.conf"

    /// Applies the location rules. `currentDirectory` resolves relative paths given on the
    /// command line or in the environment; a relative `db =` is relative to the config file.
    public static func resolve(
        option: String?,
        environment: [String: String],
        configFilePath: String = systemConfigPath,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) throws -> WarehouseLocation {
        if let option, !option.isEmpty {
            return WarehouseLocation(path: absolute(option, from: currentDirectory), origin: .option)
        }
        if let fromEnvironment = environment["DOTWORK_DB"], !fromEnvironment.isEmpty {
            return WarehouseLocation(path: absolute(fromEnvironment, from: currentDirectory), origin: .environment)
        }
        if let config = try ConfigFile.load(path: configFilePath), let entry = config.entries["db"], !entry.value.isEmpty {
            let folder = (configFilePath as NSString).deletingLastPathComponent
            return WarehouseLocation(
                path: absolute(expandingHome(entry.value, environment: environment), from: folder),
                origin: .configFile(path: configFilePath, line: entry.line))
        }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (home(environment) as NSString).appendingPathComponent(".local/share")
        let path = ((dataHome as NSString).appendingPathComponent("dotwork") as NSString)
            .appendingPathComponent("warehouse.db")
        return WarehouseLocation(path: path, origin: .dataHome)
    }

    /// How the path was chosen, for `stats` and error messages.
    public var originDescription: String {
        switch origin {
        case .option: return "--db"
        case .environment: return "DOTWORK_DB"
        case .configFile(let path, let line): return "db = in \(path):\(line)"
        case .dataHome: return "the default under XDG_DATA_HOME"
        }
    }

    private static func absolute(_ path: String, from folder: String) -> String {
        let joined = path.hasPrefix("/") ? path : (folder as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }

    private static func expandingHome(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        return home(environment) + path.dropFirst()
    }

    private static func home(_ environment: [String: String]) -> String {
        environment["HOME"] ?? NSHomeDirectory()
    }
}

/// A `key = value` configuration file such as `/etc/dotwork.conf`.
///
/// Blank lines and lines starting with `#` are ignored; keys are case-sensitive; a later line
/// for the same key wins. Unknown keys are kept so that newer settings do not break older
/// binaries.
public struct ConfigFile: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public let value: String
        public let line: Int
    }

    public let path: String
    public let entries: [String: Entry]

    /// Reads the file, or returns nil when it does not exist. A file that exists but cannot
    /// be read is an error, because skipping it would quietly pick another warehouse.
    public static func load(path: String) throws -> ConfigFile? {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                throw WarehouseError.unreadableConfig(file: path)
            }
            return nil
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    public static func parse(_ text: String, path: String) throws -> ConfigFile {
        var entries: [String: Entry] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") {
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw WarehouseError.invalidConfigLine(file: path, line: offset + 1, text: line)
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else {
                throw WarehouseError.invalidConfigLine(file: path, line: offset + 1, text: line)
            }
            entries[key] = Entry(value: value, line: offset + 1)
        }
        return ConfigFile(path: path, entries: entries)
    }
}
