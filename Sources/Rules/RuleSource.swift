import Expressions
import Foundation

/// Reads the text of a rule file: UTF-8, at most `RuleLimits.fileBytes` bytes, with a leading
/// byte order mark dropped so that positions start at the first visible character.
public enum RuleSource {
    /// Returns the text of the file at `path`.
    public static func read(path: String) throws(RuleFileError) -> String {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .notFound(path: path)
        }
        guard !isFolder.boolValue else {
            throw .isFolder(path: path)
        }
        if let size = (try? manager.attributesOfItem(atPath: path))?[.size] as? Int, size > RuleLimits.fileBytes {
            throw .tooLarge(path: path, bytes: size, limit: RuleLimits.fileBytes)
        }
        guard let data = manager.contents(atPath: path) else {
            throw .unreadable(path: path)
        }
        guard data.count <= RuleLimits.fileBytes else {
            throw .tooLarge(path: path, bytes: data.count, limit: RuleLimits.fileBytes)
        }
        return try decode(Array(data), path: path)
    }

    /// Returns `bytes` as text, or the place of the first byte that is not UTF-8.
    public static func decode(_ bytes: [UInt8], path: String) throws(RuleFileError) -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) {
            body = body.dropFirst(3)
        }
        var scalars = String.UnicodeScalarView()
        var decoder = UTF8()
        var iterator = body.makeIterator()
        var location = SourceLocation.start
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalars.append(scalar)
                location.offset += scalar.utf8.count
                if scalar == "\n" {
                    location.line += 1
                    location.column = 1
                } else {
                    location.column += 1
                }
            case .emptyInput:
                break loop
            case .error:
                throw .invalidUTF8(path: path, line: location.line, column: location.column)
            }
        }
        return String(scalars)
    }
}

/// A failure to read a rule file. Each case names the file.
public enum RuleFileError: Error, Sendable, Hashable {
    case notFound(path: String)
    case isFolder(path: String)
    case unreadable(path: String)
    case tooLarge(path: String, bytes: Int, limit: Int)
    case invalidUTF8(path: String, line: Int, column: Int)

    public var message: String {
        switch self {
        case .notFound(let path):
            return "rule file '\(path)' not found"
        case .isFolder(let path):
            return "'\(path)' is a folder, not a rule file"
        case .unreadable(let path):
            return "rule file '\(path)' cannot be read"
        case .tooLarge(let path, let bytes, let limit):
            return "rule file '\(path)' has \(bytes) bytes, more than the limit of \(limit)"
        case .invalidUTF8(let path, let line, let column):
            return "rule file '\(path)' is not valid UTF-8 at \(line):\(column)"
        }
    }

    public var help: String {
        switch self {
        case .notFound:
            return "check the path; rule files usually end in .rule"
        case .isFolder:
            return "name one .rule file"
        case .unreadable:
            return "check that you may read the file"
        case .tooLarge:
            return "a rule file holds one rule; split large lists into several rules"
        case .invalidUTF8:
            return "save the file as UTF-8, for example with iconv -f latin1 -t utf-8"
        }
    }
}

extension DiagnosticRenderer {
    /// Formats rule diagnostics one after another, with a blank line between them.
    public func render(_ diagnostics: [RuleDiagnostic]) -> String {
        diagnostics.map(render).joined(separator: "\n")
    }

    /// Formats one rule diagnostic with its place, the source line, a caret and help.
    public func render(_ diagnostic: RuleDiagnostic) -> String {
        render(
            severity: diagnostic.severity, id: diagnostic.id, message: diagnostic.message, help: diagnostic.help,
            at: diagnostic.range)
    }
}
