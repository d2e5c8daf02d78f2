import Expressions
import Rules
import Text
import Warehouse

/// Reads a rule file named on the command line and checks it against the warehouse, printing
/// every diagnostic on stderr the way expression diagnostics look: place, source line, caret
/// and help.
enum RuleFile {
    /// The outcome of loading: the rule when the file has no error, and what was printed.
    struct Loaded {
        let rule: Rule?
        /// The text that was checked, which previews record by its checksum.
        let text: String
        let errors: Int
        let warnings: Int
    }

    static func load(path: String, warehouse: Warehouse) throws -> Loaded {
        let source = try RuleSource.read(path: path)
        let output = RuleChecker(catalog: try WarehouseCatalog(warehouse: warehouse)).check(source)
        let renderer = DiagnosticRenderer(sourceName: path, source: source)
        if !output.diagnostics.isEmpty {
            Console.shared.message(String(renderer.render(output.diagnostics).dropLast()))
        }
        let errors = output.errors.count
        let warnings = output.warnings.count
        if errors > 0 {
            let warningText = warnings > 0 ? " and \(counted(warnings, "warning"))" : ""
            Console.shared.message("\nerror: \(path) has \(counted(errors, "error"))\(warningText); the rule cannot run until they are fixed")
        }
        return Loaded(rule: output.rule, text: source, errors: errors, warnings: warnings)
    }

    /// The rule file argument of `rule check` and `rule preview`.
    static let argument = "FILE"
}
