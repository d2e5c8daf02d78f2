import Foundation
import Testing

/// A warehouse in a team folder, run as this process's own user: the files dotwork creates
/// and the config file that names the team's warehouse. MultiUserTests runs the same layout
/// with several real users.
@Suite("Team folder")
struct TeamFolderTests {
    let scratch = ScratchFolder()

    static let ruleText = """
        rule "loyal-joiners"
        when tier >= joiner and spend() > 100
        then offer "thank-you" value 10.00 cost 4.00
        valid 30 days
        holdout 10%

        """

    /// Returns every path under `folder`, the folder itself first.
    static func tree(_ folder: String) -> [String] {
        let below = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]) ?? []
        return [folder] + below.sorted().map { folder + "/" + $0 }
    }

    static func status(_ path: String) -> stat {
        var result = stat()
        _ = lstat(path, &result)
        return result
    }

    /// Builds a sample, then saves, previews and publishes a rule, as `command` runs them.
    static func buildAndPublish(_ command: UserCommand, warehouse: String, ruleFile: String) throws {
        let steps: [[String]] = [
            ["sample", "--customers", "200"], ["rule", "save", ruleFile], ["rule", "preview", ruleFile, "--limit", "0"],
            ["rule", "publish", "loyal-joiners"],
        ]
        for step in steps {
            let result = try command.run(step + ["--db", warehouse])
            #expect(result.status == 0, "\(step): \(result.stderr)")
        }
    }

    @Test("setgid folder makes files group read-write")
    func groupReadWrite() throws {
        let team = scratch.file("team")
        try FileManager.default.createDirectory(atPath: team, withIntermediateDirectories: false)
        #expect(chmod(team, 0o2770) == 0)
        let ruleFile = scratch.file("loyal-joiners.rule")
        try TeamFolderTests.ruleText.write(toFile: ruleFile, atomically: true, encoding: .utf8)
        let command = UserCommand(binary: DotworkProcess.binaryPath, user: nil, umask: "077")
        try TeamFolderTests.buildAndPublish(command, warehouse: team + "/warehouse.db", ruleFile: ruleFile)

        let paths = TeamFolderTests.tree(team)
        let names = Set(paths.map { ($0 as NSString).lastPathComponent })
        for expected in ["warehouse.db-wal", "warehouse.db-shm", "rules.db", "rules.db-wal", "rules.db-shm", "rules.db.lock", "targets.csv"] {
            #expect(names.contains(expected), "\(expected) is missing from \(team)")
        }
        let teamGroup = TeamFolderTests.status(team).st_gid
        for path in paths {
            let status = TeamFolderTests.status(path)
            let isFolder = status.st_mode & S_IFMT == S_IFDIR
            #expect(status.st_gid == teamGroup, "\(path) has group \(status.st_gid), not \(teamGroup)")
            #expect(status.st_mode & 0o007 == 0, "\(path) has mode \(String(status.st_mode & 0o7777, radix: 8))")
            let groupBits: mode_t = isFolder ? 0o2070 : 0o060
            #expect(status.st_mode & groupBits == groupBits, "\(path) has mode \(String(status.st_mode & 0o7777, radix: 8))")
        }
    }

    @Test("ordinary folder keeps the login's umask")
    func ordinaryFolder() throws {
        let folder = scratch.file("mine")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        #expect(chmod(folder, 0o755) == 0)
        let command = UserCommand(binary: DotworkProcess.binaryPath, user: nil, umask: "002")
        let result = try command.run(["sample", "--customers", "200", "--db", folder + "/warehouse.db"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        // SQLite alone would create the database with 0644 minus the umask, which is 0644 here.
        for name in ["warehouse.db", "warehouse.db-wal", "warehouse.db-shm"] {
            let mode = TeamFolderTests.status(folder + "/" + name).st_mode & 0o7777
            #expect(mode == 0o664, "\(name) has mode \(String(mode, radix: 8))")
        }
        let derived = TeamFolderTests.status(folder + "/warehouse.db.derived").st_mode & 0o7777
        #expect(derived == 0o775)
    }

    @Test("config file names the team warehouse")
    func configFile() throws {
        let team = scratch.file("team")
        try FileManager.default.createDirectory(atPath: team, withIntermediateDirectories: false)
        let command = UserCommand(binary: DotworkProcess.binaryPath, user: nil)
        #expect(try command.run(["init", "--db", team + "/warehouse.db"]).status == 0)

        let config = scratch.file("dotwork.conf")
        try "# the team's warehouse\ndb = team/warehouse.db\n".write(toFile: config, atomically: true, encoding: .utf8)
        var configured = command
        configured.environment = ["DOTWORK_CONFIG": config]
        let stats = try configured.run(["stats"])
        #expect(stats.status == 0, "stderr: \(stats.stderr)")
        #expect(stats.stdout.hasPrefix("warehouse   \(team)/warehouse.db (from db = in \(config):2)\n"))

        let overridden = try configured.run(["stats", "--db", scratch.file("absent.db")])
        #expect(overridden.status == 1)
        #expect(overridden.stderr.contains("error: no warehouse at \(scratch.file("absent.db"))"))

        try "db = team/warehouse.db\nwarehouse team.db\n".write(toFile: config, atomically: true, encoding: .utf8)
        let malformed = try configured.run(["stats"])
        #expect(malformed.status == 1)
        #expect(malformed.stderr.contains("error: \(config):2: invalid line 'warehouse team.db'"))
    }
}
