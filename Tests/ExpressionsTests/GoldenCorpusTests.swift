import Foundation
import Testing
import Warehouse

@testable import Expressions

/// The hand-worked golden warehouse in Tests/Golden, loaded through the real importer, and
/// the customers its expressions and rule conditions must select.
///
/// Each expression runs through the SQL compiler here; the in-memory evaluator of the
/// analysis engine is to run the same corpus and agree.
@Suite("Golden corpus")
struct GoldenCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden").path

    struct Case: CustomTestStringConvertible, Sendable {
        let id: String
        let expression: String
        let expected: [String]
        var testDescription: String { id }
    }

    /// The lines of expected/expressions.tsv: an expression, a tab, then sorted ids.
    static let expressionCases: [Case] = {
        guard let text = try? String(contentsOfFile: folder + "/expected/expressions.tsv", encoding: .utf8) else {
            return []
        }
        return text.split(separator: "\n").enumerated().map { index, line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            let ids = fields.count > 1 ? fields[1].split(separator: " ").map(String.init) : []
            return Case(id: "line \(index + 1): \(fields[0])", expression: String(fields[0]), expected: ids)
        }
    }()

    /// The rule files under expected/rules.
    static let ruleFiles: [String] = {
        let rules = folder + "/expected/rules"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: rules)) ?? []
        return names.filter { $0.hasSuffix(".rule") }.sorted().map { rules + "/" + $0 }
    }()

    /// Imports the golden CSV files into a fresh warehouse and reads its default as-of date.
    static func load() throws -> (warehouse: Warehouse, folder: TemporaryFolder, asOf: CivilDate) {
        let temporary = TemporaryFolder()
        let warehouse = try Warehouse.create(at: temporary.file("golden.db"), currency: .default).warehouse
        try FolderImport.run(folder: folder, into: warehouse)
        let asOfText = try String(contentsOfFile: folder + "/expected/as-of.txt", encoding: .utf8)
        let asOf = try #require(CivilDate(iso: asOfText.prefix(10)))
        return (warehouse, temporary, asOf)
    }

    static func selectBySQL(_ condition: Condition, in warehouse: Warehouse, asOf: CivilDate) throws -> [String] {
        let query = SQLCompiler(asOf: asOf).customerQuery(condition)
        return try warehouse.database.query(query.sql, query.arguments) { $0.text(0) }
    }

    @Test("the corpus is present")
    func corpusPresent() {
        #expect(Self.expressionCases.count >= 50)
        #expect(Self.ruleFiles.count >= 5)
    }

    @Test("golden expressions select the expected customers", arguments: expressionCases)
    func expression(_ testCase: Case) throws {
        let golden = try Self.load()
        let catalog = try WarehouseCatalog(warehouse: golden.warehouse)
        let output = Checker.check(testCase.expression, catalog: catalog)
        let condition = try #require(output.condition, "\(positionedIDs(output.diagnostics))")
        #expect(try Self.selectBySQL(condition, in: golden.warehouse, asOf: golden.asOf) == testCase.expected)
    }

    @Test("golden rule conditions parse inside their files and select the hits", arguments: ruleFiles)
    func rule(_ path: String) throws {
        let golden = try Self.load()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lexed = Lexer.tokenize(text)
        #expect(lexed.diagnostics.isEmpty)

        // Parse the expression after `when` as the rule parser will: from its token, up to `then`.
        let when = try #require(lexed.tokens.firstIndex { $0.kind == .identifier && $0.text == "when" })
        var parser = Parser(tokens: lexed.tokens, startingAt: when + 1, stopWords: ["then"])
        let syntax = parser.parseExpression()
        #expect(parser.diagnostics.isEmpty)
        #expect(lexed.tokens[parser.position].text == "then")
        #expect(syntax.range.start.line == lexed.tokens[when].range.start.line)

        let checked = Checker(catalog: try WarehouseCatalog(warehouse: golden.warehouse)).check(syntax)
        let condition = try #require(checked.condition, "\(positionedIDs(checked.diagnostics))")
        let optedOut = Set(try golden.warehouse.database.query("SELECT customer_id FROM customers WHERE opt_out = 1") {
            $0.text(0)
        })
        let hits = try Self.selectBySQL(condition, in: golden.warehouse, asOf: golden.asOf).filter {
            !optedOut.contains($0)
        }

        let hitsFile = String(path.dropLast(".rule".count)) + ".hits.csv"
        let expected = try String(contentsOfFile: hitsFile, encoding: .utf8)
            .split(whereSeparator: \.isNewline).dropFirst()
            .map { String($0.split(separator: ",")[0]) }
            .sorted()
        #expect(hits == expected)
    }
}
