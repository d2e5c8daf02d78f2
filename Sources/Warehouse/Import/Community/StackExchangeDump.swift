import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The rows of one Stack Exchange data dump file (`Posts.xml`, `Comments.xml`, `Badges.xml` or
/// `Users.xml`): each `<row>` element's attributes, in file order, read as a stream.
struct StackExchangeDump {
    enum FileKind: String, CaseIterable {
        case posts, comments, badges, users
    }

    let kind: FileKind
    let rows: [[String: String]]

    /// Why a file is not a dump this importer reads.
    enum Failure: Error, Equatable {
        case unreadable(path: String)
        case malformed(path: String, line: Int, column: Int, reason: String)
        case unknownRoot(path: String, root: String)
    }

    static func read(path: String) throws -> StackExchangeDump {
        guard let parser = XMLParser(contentsOf: URL(fileURLWithPath: path)) else {
            throw Failure.unreadable(path: path)
        }
        // The dumps declare a DTD (`<!DOCTYPE posts SYSTEM 'posts.dtd'>`) that is not shipped.
        parser.shouldResolveExternalEntities = false
        let collector = RowCollector()
        parser.delegate = collector
        guard parser.parse(), collector.failure == nil else {
            throw Failure.malformed(
                path: path, line: parser.lineNumber, column: parser.columnNumber,
                reason: collector.failure ?? parser.parserError?.localizedDescription ?? "not well-formed XML")
        }
        guard let kind = FileKind(rawValue: collector.root ?? "") else {
            throw Failure.unknownRoot(path: path, root: collector.root ?? "")
        }
        return StackExchangeDump(kind: kind, rows: collector.rows)
    }

    private final class RowCollector: NSObject, XMLParserDelegate {
        var root: String?
        var rows: [[String: String]] = []
        var failure: String?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if root == nil {
                root = elementName
            } else if elementName == "row" {
                rows.append(attributes)
            }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            failure = failure ?? parseError.localizedDescription
        }
    }
}

extension StackExchangeDump.Failure: CustomStringConvertible {
    var description: String {
        switch self {
        case .unreadable(let path): return "cannot read \(path)"
        case .malformed(let path, let line, let column, let reason): return "\(path):\(line):\(column): not a readable XML dump: \(reason)"
        case .unknownRoot(let path, let root):
            return "\(path) is not a Stack Exchange dump of posts, comments, badges or users (its root element is <\(root)>)"
        }
    }
}

/// Plain text from the HTML of a post body: tags removed, entities decoded, white space collapsed.
enum HTMLText {
    static func plain(_ html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" {
                inTag = true
                text.append(" ")
            } else if character == ">" && inTag {
                inTag = false
            } else if !inTag {
                text.append(character)
            }
        }
        let entities = ["&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&nbsp;": " ", "&amp;": "&"]
        for (entity, value) in entities {
            text = text.replacingOccurrences(of: entity, with: value)
        }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
