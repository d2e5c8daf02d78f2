import Foundation

/// A prompt for a file path, such as where to export a view: a `LineInput` whose Tab
/// completes names from the file system, with `~` for the home folder.
///
/// `check` reports, before the application writes, whether the path can be used: its folder
/// must exist and it must not be a folder itself. An existing file is allowed, and
/// `existingFile` reports it so the application can ask before overwriting.
public final class FilePathPrompt {
    public let input: LineInput
    /// The entries that matched the last Tab, when it could not pick one.
    public private(set) var candidates: [String] = []
    private let home: String

    public init(label: String, text: String = "", history: InputHistory? = nil, home: String = NSHomeDirectory()) {
        input = LineInput(label: label, text: text, history: history)
        self.home = home
        input.completer = { [unowned self] text in
            self.complete(text)
        }
    }

    public func handle(_ key: Key, keyMap: KeyMap) -> Outcome {
        input.handle(key, keyMap: keyMap)
    }

    /// The typed path with `~` expanded.
    public var path: String {
        expand(input.text)
    }

    /// A reason the path cannot be written.
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        case empty
        case missingFolder(String)
        case isFolder(String)

        public var description: String {
            switch self {
            case .empty: return "no file name given: type a path, or Esc to cancel"
            case .missingFolder(let folder): return "folder \(folder) does not exist: create it first or choose another"
            case .isFolder(let path): return "\(path) is a folder: add a file name"
            }
        }
    }

    /// Returns what prevents writing the path, or nil.
    public func check() -> Problem? {
        let path = self.path
        guard !path.isEmpty else { return .empty }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return .isFolder(path)
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
            return .missingFolder(folder)
        }
        return nil
    }

    /// Whether a file already exists at the path.
    public var existingFile: Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// Completes the last path component as far as every match agrees; a single folder
    /// match gets its `/`. Keeps the matches in `candidates` when there are several.
    func complete(_ text: String) -> String? {
        let expanded = expand(text)
        let folder: String
        let prefix: String
        if expanded.hasSuffix("/") {
            folder = expanded
            prefix = ""
        } else {
            folder = (expanded as NSString).deletingLastPathComponent
            prefix = (expanded as NSString).lastPathComponent
        }
        let listed = folder.isEmpty ? "." : folder
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: listed)) ?? [])
            .filter { $0.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.hasPrefix(".")) }
            .sorted()
        candidates = names.count > 1 ? names : []
        guard let first = names.first else { return nil }
        var common = first
        for name in names.dropFirst() {
            common = String(common.commonPrefix(with: name))
        }
        let typedFolder = text.hasSuffix("/") ? text : String(text.dropLast(prefix.count))
        var completed = typedFolder + common
        var isFolder: ObjCBool = false
        let full = (listed as NSString).appendingPathComponent(common)
        if names.count == 1, FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), isFolder.boolValue {
            completed += "/"
        }
        return completed
    }

    private func expand(_ text: String) -> String {
        if text == "~" {
            return home
        }
        if text.hasPrefix("~/") {
            return home + text.dropFirst()
        }
        return text
    }

    /// Draws the input on the first row and, when Tab found several matches, them below.
    public func draw(_ canvas: Canvas) {
        input.draw(canvas.region(Rect(row: 0, column: 0, rows: 1, columns: canvas.columns)))
        if !candidates.isEmpty, canvas.rows > 1 {
            canvas.text(candidates.joined(separator: "  "), row: 1, role: .dim)
        }
    }
}
