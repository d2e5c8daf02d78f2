import Foundation
import Testing

@Suite("Command line")
struct CommandLineTests {
    let folder = ScratchFolder()

    struct UsageCase: Sendable, CustomTestStringConvertible {
        let name: String
        let arguments: [String]
        let message: String
        var testDescription: String { name }
    }

    static let usageCases = [
        UsageCase(name: "unknown command", arguments: ["stat"], message: "error: unknown command 'stat'\nhelp: did you mean 'stats'?"),
        UsageCase(name: "unknown option", arguments: ["init", "--curency", "EUR"], message: "error: unknown option '--curency' for 'dotwork init'\nhelp: did you mean '--currency'?"),
        UsageCase(name: "missing value", arguments: ["init", "--currency"], message: "error: option '--currency' needs a value (CODE)"),
        UsageCase(name: "value on a flag", arguments: ["--version=2"], message: "error: unknown option '--version'"),
        UsageCase(name: "extra argument", arguments: ["init", "now"], message: "error: unexpected argument 'now' for 'dotwork init'"),
        UsageCase(name: "bad currency", arguments: ["init", "--currency", "JPY"], message: "error: invalid value 'JPY' for --currency: JPY has 0 minor digits"),
        UsageCase(name: "bad as-of", arguments: ["--as-of", "2011-02-29", "stats"], message: "error: invalid value '2011-02-29' for --as-of: not a calendar date"),
        UsageCase(name: "global option without value", arguments: ["--db"], message: "error: option '--db' needs a value (PATH)"),
    ]

    @Test("usage errors exit 2 and say what to do", arguments: usageCases)
    func usageError(_ usage: UsageCase) throws {
        let result = try DotworkProcess.run(usage.arguments, environment: ["HOME": folder.path])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(usage.message), "stderr was: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("--version prints the version")
    func version() throws {
        let result = try DotworkProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("dotwork "))
    }

    @Test("--help lists every command, and each command has its own help")
    func help() throws {
        let overview = try DotworkProcess.run(["--help"])
        #expect(overview.status == 0)
        #expect(overview.stdout.contains("init"))
        #expect(overview.stdout.contains("stats"))
        let initHelp = try DotworkProcess.run(["init", "--help"])
        #expect(initHelp.status == 0)
        #expect(initHelp.stdout.hasPrefix("usage: dotwork init"))
        #expect(initHelp.stdout.contains("--currency CODE"))
    }

    @Test("init creates a warehouse that stats reads")
    func initThenStats() throws {
        let path = folder.file("team/warehouse.db")
        let created = try DotworkProcess.run(["init", "--db", path, "--currency", "gbp"])
        #expect(created.status == 0)
        #expect(created.stdout == path + "\n")
        #expect(created.stderr.contains("created the warehouse"))

        let stats = try DotworkProcess.run(["stats"], environment: ["DOTWORK_DB": path])
        #expect(stats.status == 0)
        #expect(stats.stdout.contains("currency    GBP\n"))
        #expect(stats.stdout.contains("(from DOTWORK_DB)"))

        let again = try DotworkProcess.run(["--db", path, "init", "--currency", "GBP"])
        #expect(again.status == 0)
        #expect(again.stderr.contains("is ready"))
    }

    @Test("init with another currency than the warehouse's fails with exit 1")
    func initCurrencyMismatch() throws {
        let path = folder.file("w.db")
        _ = try DotworkProcess.run(["init", "--db", path])
        let result = try DotworkProcess.run(["init", "--db", path, "--currency", "EUR"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("keeps amounts in USD, not EUR"))
        #expect(result.stderr.contains("help: "))
    }

    @Test("the default warehouse lives under XDG_DATA_HOME")
    func defaultLocation() throws {
        let result = try DotworkProcess.run(["init"], environment: ["XDG_DATA_HOME": folder.file("data"), "HOME": folder.path])
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.file("data/dotwork/warehouse.db")))
    }

    @Test("the config file's db = is used when nothing else is set")
    func configFile() throws {
        let config = folder.file("dotwork.conf")
        try "# team settings\ndb = shared/warehouse.db\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = try DotworkProcess.run(["init"], environment: ["DOTWORK_CONFIG": config, "HOME": folder.path])
        #expect(result.status == 0)
        #expect(result.stdout == folder.file("shared/warehouse.db") + "\n")
    }

    @Test("stats on a missing warehouse fails and names it")
    func missingWarehouse() throws {
        let path = folder.file("absent.db")
        let result = try DotworkProcess.run(["stats", "--db", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: no warehouse at \(path)"))
        #expect(result.stderr.contains("dotwork init"))
    }
}
