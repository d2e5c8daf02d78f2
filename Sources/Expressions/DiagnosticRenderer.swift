import Text

/// Formats diagnostics for a person: headline with id, `name:line:column`, the source line
/// with a caret under the problem, and help.
///
/// ```
/// error[unknown-kind]: unknown event kind 'reveiw' in count
///   --> where:1:7
///    |
///  1 | count(reveiw) > 0
///    |       ^^^^^^
/// help: did you mean 'review'? expected one of: view, join, …
/// ```
public struct DiagnosticRenderer: Sendable {
    /// The name of the text in the `-->` line: a file path, or `--where`.
    public let sourceName: String
    private let lines: [String]
    private let origin: SourceLocation

    /// Creates a renderer for diagnostics of `source`, lexed from `origin`.
    public init(sourceName: String, source: String, origin: SourceLocation = .start) {
        self.sourceName = sourceName
        // Split on the scalar, because "\r\n" is one Character and would not split.
        self.lines = source.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
            var line = String.UnicodeScalarView($0)
            if line.last == "\r" { line.removeLast() }
            return String(line)
        }
        self.origin = origin
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined(separator: "\n")
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        render(
            severity: diagnostic.severity, id: diagnostic.id, message: diagnostic.message, help: diagnostic.help,
            at: diagnostic.range)
    }

    /// Formats a problem given by its parts. Formats built around expressions, such as rule
    /// files, keep a catalog of their own problems and render them with this.
    public func render(
        severity: Diagnostic.Severity, id: String, message: String, help: String?, at range: SourceRange
    ) -> String {
        let start = range.start
        var text = "\(severity.rawValue)[\(id)]: \(message)\n"
        let gutter = String(repeating: " ", count: String(start.line).count)
        text += "\(gutter)--> \(sourceName):\(start.line):\(start.column)\n"
        if let line = sourceLine(start.line) {
            // The line's first column is origin.column only on the first line of the text.
            let firstColumn = start.line == origin.line ? origin.column : 1
            let scalars = Array(line.unicodeScalars)
            let caretStart = max(0, min(scalars.count, start.column - firstColumn))
            let end = range.end
            let caretEnd = end.line == start.line ? max(0, min(scalars.count, end.column - firstColumn)) : scalars.count
            // The padding copies tabs and gives every other character its terminal width,
            // so the caret lands under the problem after wide characters too.
            let padding = scalars[..<caretStart].map {
                $0 == "\t" ? "\t" : String(repeating: " ", count: DiagnosticRenderer.columns($0))
            }.joined()
            let caretWidth = scalars[caretStart..<max(caretStart, caretEnd)].reduce(0) { $0 + DiagnosticRenderer.columns($1) }
            let carets = String(repeating: "^", count: max(1, caretWidth))
            text += "\(gutter) |\n"
            text += "\(start.line) | \(line)\n"
            text += "\(gutter) | \(padding)\(carets)\n"
        }
        if let help {
            text += "help: \(help)\n"
        }
        return text
    }

    /// Returns the terminal columns of one character, 0 for those that draw nothing.
    private static func columns(_ scalar: Unicode.Scalar) -> Int {
        DisplayWidth.isRemovedBeforeDrawing(scalar) ? 0 : max(0, DisplayWidth.width(of: scalar))
    }

    private func sourceLine(_ line: Int) -> String? {
        let index = line - origin.line
        return lines.indices.contains(index) ? lines[index] : nil
    }
}
