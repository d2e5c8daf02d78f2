import Foundation
import Testing

/// Several real Unix users on one warehouse, laid out as the README's team set-up describes: a
/// folder of mode 2770 in the team's group, and a read-only variant of mode 2750. The tests
/// create throwaway users and groups with `useradd` and run the debug binary as them through
/// `setpriv`, so they need root. They run one at a time, because each creates accounts.
@Suite(
    "Multi-user",
    .serialized,
    .enabled(if: UnixTestAccounts.canCreateUsers, "did not run: creating throwaway users with useradd needs root and setpriv"))
struct MultiUserTests {
    let scratch = ScratchFolder()
    let accounts = UnixTestAccounts()
    let binary: String

    init() throws {
        binary = try UnixTestAccounts.binaryForAllUsers(scratch: scratch)
        // Other users must reach files in the scratch folder, such as rule files.
        #expect(chmod(scratch.path, 0o755) == 0)
    }

    func dotwork(_ user: String, umask: String = "022") -> UserCommand {
        UserCommand(binary: binary, user: user, umask: umask)
    }

    /// Creates `name` in the scratch folder as a team folder of `mode`, owned by `owner` and `group`.
    func teamFolder(_ name: String, mode: mode_t, owner: String, group: String) throws -> String {
        let path = scratch.file(name)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(chown(path, try #require(getpwnam(owner)).pointee.pw_uid, try #require(getgrnam(group)).pointee.gr_gid) == 0)
        #expect(chmod(path, mode) == 0)
        return path
    }

    func writeRule(_ name: String, extra: String = "") throws -> String {
        let path = scratch.file("\(name)-\(UUID().uuidString.prefix(8)).rule")
        try (TeamFolderTests.ruleText + extra).write(toFile: path, atomically: true, encoding: .utf8)
        #expect(chmod(path, 0o644) == 0)
        return path
    }

    static func expectSuccess(_ result: ProcessOutput, _ what: String) {
        #expect(result.status == 0, "\(what) exited \(result.status): \(result.stderr)")
    }

    @Test("team members share a warehouse, drafts and the outbox")
    func sharedWarehouse() throws {
        let team = try accounts.group("team")
        let ann = try accounts.user("ann", groups: [team])
        let ben = try accounts.user("ben", groups: [team])
        let folder = try teamFolder("shared", mode: 0o2770, owner: "root", group: team)
        let warehouse = folder + "/warehouse.db"
        let db = ["--db", warehouse]

        // Ann builds the sample under a login umask that would keep the group out.
        MultiUserTests.expectSuccess(try dotwork(ann, umask: "077").run(["sample", "--customers", "2000"] + db), "ann's sample")

        // Ben previews, saves and publishes a rule.
        let ruleFile = try writeRule("loyal-joiners")
        let preview = try dotwork(ben).run(["rule", "preview", ruleFile, "--limit", "0"] + db)
        MultiUserTests.expectSuccess(preview, "ben's preview")
        MultiUserTests.expectSuccess(try dotwork(ben).run(["rule", "save", ruleFile] + db), "ben's save")
        let published = try dotwork(ben).run(["rule", "publish", "loyal-joiners"] + db)
        MultiUserTests.expectSuccess(published, "ben's publish")
        #expect(published.stdout.hasPrefix("published loyal-joiners v1 as of "))

        // Ben's import rewrites the warehouse and the derived data that Ann created.
        let update = scratch.file("update.csv")
        try "customer_id,name,email,region,country,channel,signup_date,opt_out\nC10000,Sophie Martin,sophie@example.net,Occitanie,FR,web,,false\n"
            .write(toFile: update, atomically: true, encoding: .utf8)
        #expect(chmod(update, 0o644) == 0)
        let imported = try dotwork(ben).run(["import", "customers", update, "--mode", "upsert"] + db)
        MultiUserTests.expectSuccess(imported, "ben's import")

        // Every file either of them created is group read-write in the team's group.
        let teamGroup = try #require(getgrnam(team)).pointee.gr_gid
        let paths = TeamFolderTests.tree(folder)
        #expect(paths.contains(folder + "/outbox/loyal-joiners/v1/targets.csv"))
        #expect(paths.contains(folder + "/rules.db.lock"))
        for path in paths {
            let status = TeamFolderTests.status(path)
            let mode = String(status.st_mode & 0o7777, radix: 8)
            let groupBits: mode_t = status.st_mode & S_IFMT == S_IFDIR ? 0o2070 : 0o060
            #expect(status.st_gid == teamGroup, "\(path) is not in \(team)")
            #expect(status.st_mode & groupBits == groupBits, "\(path) has mode \(mode)")
        }

        // Ann has no draft, so she cannot publish Ben's. She saves her own copy instead.
        let bensDraft = try dotwork(ann).run(["rule", "show", "loyal-joiners", "--user", ben] + db)
        MultiUserTests.expectSuccess(bensDraft, "ann reading ben's draft")
        #expect(bensDraft.stdout == TeamFolderTests.ruleText)
        let annsPublish = try dotwork(ann).run(["rule", "publish", "loyal-joiners"] + db)
        #expect(annsPublish.status == 1)
        #expect(annsPublish.stderr.contains("error: user \(ann) has no draft of rule loyal-joiners (drafts by \(ben) exist)"))
        let annsCopy = try writeRule("annscopy", extra: "# ann's change\n")
        MultiUserTests.expectSuccess(try dotwork(ann).run(["rule", "save", annsCopy] + db), "ann's save")
        let after = try dotwork(ann).run(["rule", "show", "loyal-joiners", "--user", ben] + db)
        #expect(after.stdout == TeamFolderTests.ruleText)
        let drafts = try dotwork(ben).run(["rule", "list", "--format", "csv"] + db)
        #expect(drafts.stdout.contains(",\(ann) \(ben)\r\n"))

        // The audit log keeps Ben's publish, and SQL cannot rewrite it.
        let audit = try dotwork(ann).run(["audit", "--format", "csv"] + db)
        #expect(audit.stdout.contains(",\(ben),publish,loyal-joiners v1,"))
        let rewrite = try ProcessOutput.run(
            "/usr/bin/setpriv",
            ["--reuid=\(ann)", "--regid=\(ann)", "--init-groups", "--", "/usr/bin/sqlite3", folder + "/rules.db",
             "UPDATE audit_log SET unix_user = 'nobody'"])
        #expect(rewrite.status != 0)
        #expect(rewrite.stderr.contains("the audit log is append-only: its entries cannot be changed"))
        let erase = try ProcessOutput.run(
            "/usr/bin/setpriv",
            ["--reuid=\(ann)", "--regid=\(ann)", "--init-groups", "--", "/usr/bin/sqlite3", folder + "/rules.db", "DELETE FROM audit_log"])
        #expect(erase.stderr.contains("the audit log is append-only: its entries cannot be deleted"))
        let unchanged = try dotwork(ann).run(["audit", "--format", "csv"] + db)
        #expect(unchanged.stdout == audit.stdout)
    }

    @Test("read-only group reads with no writer open")
    func readOnlyGroup() throws {
        let viewers = try accounts.group("view")
        let owner = try accounts.user("own", groups: [])
        let reader = try accounts.user("read", groups: [viewers])
        let folder = try teamFolder("reports", mode: 0o2750, owner: owner, group: viewers)
        let warehouse = folder + "/warehouse.db"
        let db = ["--db", warehouse]
        MultiUserTests.expectSuccess(try dotwork(owner).run(["sample", "--customers", "500"] + db), "the owner's sample")
        let ruleFile = try writeRule("loyal-joiners")
        MultiUserTests.expectSuccess(try dotwork(owner).run(["rule", "save", ruleFile] + db), "the owner's save")

        // No writer is open now, and the side files stayed behind with the group's read access.
        for name in ["warehouse.db", "warehouse.db-wal", "warehouse.db-shm", "rules.db", "rules.db-wal", "rules.db-shm"] {
            let mode = TeamFolderTests.status(folder + "/" + name).st_mode & 0o7777
            #expect(mode == 0o640, "\(name) has mode \(String(mode, radix: 8))")
        }

        let queries: [[String]] = [
            ["stats"], ["cohorts", "--by", "region", "--format", "csv"],
            ["pivot", "--rows", "tier", "--cols", "region", "--measure", "revenue", "--format", "csv"],
            ["customers", "--search", "so", "--limit", "20", "--format", "csv"],
            ["rule", "list", "--format", "csv"], ["audit", "--format", "csv"],
        ]
        for query in queries {
            let expected = try dotwork(owner).run(query + db)
            let read = try dotwork(reader).run(query + db)
            MultiUserTests.expectSuccess(read, "\(query) as the reader")
            #expect(read.stdout == expected.stdout, "\(query) differs for the reader")
            #expect(!read.stdout.isEmpty)
        }

        // Saving a draft needs write access, and the check reports that before anything changes.
        let before = try Data(contentsOf: URL(fileURLWithPath: folder + "/rules.db"))
        let save = try dotwork(reader).run(["rule", "save", ruleFile] + db)
        #expect(save.status == 1)
        #expect(save.stderr.contains("error: \(reader) cannot read and write \(folder)/rules.db: mode 0640 (rw-r-----), owner \(owner), group \(viewers)"))
        #expect(
            save.stderr.contains(
                "help: the group \(viewers) may only read \(folder), of mode 2750 (rwxr-s---), and only \(owner) writes there. "
                    + "If the group should write too, \(owner) or root can fix it: chmod g+rw \(folder)/rules.db\n"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/rules.db")) == before)
    }

    @Test("read-only user browses in the workbench")
    func readOnlyWorkbench() throws {
        let viewers = try accounts.group("view")
        let owner = try accounts.user("own", groups: [])
        let reader = try accounts.user("read", groups: [viewers])
        let folder = try teamFolder("reports", mode: 0o2750, owner: owner, group: viewers)
        let warehouse = folder + "/warehouse.db"
        MultiUserTests.expectSuccess(try dotwork(owner).run(["sample", "--customers", "300", "--db", warehouse]), "the owner's sample")

        let session = try TmuxSession(
            width: 250, height: 30, environment: ["TERM": "xterm-256color", "DOTWORK_CONFIG": "/nonexistent/dotwork.conf"],
            command: ["/usr/bin/setpriv", "--reuid=\(reader)", "--regid=\(reader)", "--init-groups", "--", binary, "--db", warehouse])
        // The start-up check lets the reader in and warns that drafts cannot be saved.
        session.waitFor("warning: \(reader) cannot create files in the folder \(folder)")
        try session.send("3")
        // With no rules.db, which the reader cannot create, the list is empty rather than an error.
        session.waitFor("No rule has a draft or a version yet.")
        try session.send("a")
        session.waitFor("Rule new-rule: editing")
        // A change to the comment line makes the editor save the draft, which fails with the reason.
        try session.send("Down", "Down", "Down", "Down", "Down")
        try session.type("#")
        session.waitFor("the draft of new-rule was not saved: \(reader) may not write \(folder)/rules.db")
        #expect(!FileManager.default.fileExists(atPath: folder + "/rules.db"))
    }

    @Test("unusable file is named with its mode and fix")
    func unusableFile() throws {
        let team = try accounts.group("team")
        let ann = try accounts.user("ann", groups: [team])
        let ben = try accounts.user("ben", groups: [team])
        let folder = try teamFolder("shared", mode: 0o2770, owner: "root", group: team)
        let warehouse = folder + "/warehouse.db"
        let db = ["--db", warehouse]
        MultiUserTests.expectSuccess(try dotwork(ann).run(["sample", "--customers", "300"] + db), "ann's sample")
        let ruleFile = try writeRule("loyal-joiners")
        MultiUserTests.expectSuccess(try dotwork(ann).run(["rule", "save", ruleFile] + db), "ann's save")
        let rules = folder + "/rules.db"
        #expect(chmod(rules, 0o600) == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: rules))

        let save = try dotwork(ben).run(["rule", "save", ruleFile] + db)
        #expect(save.status == 1)
        #expect(
            save.stderr.contains(
                "error: \(ben) cannot read and write \(rules): mode 0600 (rw-------), owner \(ann), group \(team); \(ben) is in the groups \(ben), \(team)\n"))
        #expect(save.stderr.contains("help: \(ann) or root can fix it: chmod g+rw \(rules)\n"))
        #expect(save.stdout.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: rules)) == before)

        // Reading figures does not need rules.db, so it still works.
        MultiUserTests.expectSuccess(try dotwork(ben).run(["stats"] + db), "ben's stats")

        // The workbench checks before it starts the terminal.
        #expect(chmod(warehouse, 0o600) == 0)
        let workbench = try dotwork(ben).run(db)
        #expect(workbench.status == 1)
        #expect(workbench.stderr.contains("error: \(ben) cannot read \(warehouse): mode 0600 (rw-------), owner \(ann), group \(team)"))
        let pivot = try dotwork(ben).run(["pivot", "--rows", "tier", "--cols", "region", "--measure", "customers"] + db)
        #expect(pivot.status == 1)
        #expect(pivot.stderr.contains("help: \(ann) or root can fix it: chmod g+r \(warehouse)\n"))

        // Ann owns the file, so the help names her as the one who can fix it.
        #expect(chmod(warehouse, 0o060) == 0)
        let owners = try dotwork(ann).run(["stats"] + db)
        #expect(owners.status == 1)
        #expect(owners.stderr.contains("help: you can fix it: chmod u+r \(warehouse)\n"))
        #expect(chmod(warehouse, 0o660) == 0)
    }

    @Test("folder without setgid gets a warning")
    func notSetGroupID() throws {
        let team = try accounts.group("team")
        let ann = try accounts.user("ann", groups: [team])
        let folder = try teamFolder("loose", mode: 0o770, owner: "root", group: team)
        let result = try dotwork(ann).run(["init", "--db", folder + "/warehouse.db"])
        MultiUserTests.expectSuccess(result, "ann's init")
        #expect(
            result.stderr.contains(
                "warning: \(folder) is group-writable but not setgid, so files created in it get their creator's primary group instead of \(team)"))
        #expect(result.stderr.contains("help: root can fix it: chmod g+s \(folder)\n"))
        // Without setgid the file gets Ann's own group, which is what the warning is about.
        let fileGroup = TeamFolderTests.status(folder + "/warehouse.db").st_gid
        #expect(fileGroup == (try #require(getgrnam(ann)).pointee.gr_gid))
    }
}
