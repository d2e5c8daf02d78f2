import Foundation
import Testing

@testable import Warehouse

/// The start-up access check on real files, judged for made-up accounts. An account whose
/// user id is not the process's is judged by the mode bits alone, so these tests behave the
/// same whether they run as root or as another user.
@Suite("Access check")
struct AccessCheckTests {
    let folder = TemporaryFolder()
    /// The team folder: setgid, in the group of the files this process creates.
    let team: String
    let layout: AccessCheck.Layout
    let teamGroup: gid_t

    init() throws {
        team = folder.file("team")
        try FileManager.default.createDirectory(atPath: team, withIntermediateDirectories: false)
        #expect(chmod(team, 0o2770) == 0)
        teamGroup = try #require(FileStatus.read(team)).groupID
        layout = AccessCheck.Layout(
            warehouse: team + "/warehouse.db", derivedFolder: team + "/warehouse.db.derived",
            rulesStore: team + "/rules.db", outbox: team + "/outbox")
        for name in ["warehouse.db", "warehouse.db-wal", "warehouse.db-shm", "rules.db", "rules.db-wal", "rules.db-shm", "rules.db.lock"] {
            try makeFile(name, mode: 0o660)
        }
        for name in ["warehouse.db.derived", "warehouse.db.derived/g3", "outbox", "outbox/kin-upgrade"] {
            try FileManager.default.createDirectory(atPath: team + "/" + name, withIntermediateDirectories: false)
            #expect(chmod(team + "/" + name, 0o2770) == 0)
        }
    }

    func makeFile(_ name: String, mode: mode_t) throws {
        let path = team + "/" + name
        try Data().write(to: URL(fileURLWithPath: path))
        #expect(chmod(path, mode) == 0)
    }

    /// A member of the team's group who owns none of the files.
    var member: UnixAccount { UnixAccount(userID: 4_000_001, name: "bob", groupIDs: [4_000_001, teamGroup]) }
    /// A user outside the team's group.
    var outsider: UnixAccount { UnixAccount(userID: 4_000_002, name: "eve", groupIDs: [4_000_002]) }

    static let everything = AccessCheck.Needs(warehouse: .write, rules: .write, outbox: .write)

    @Test("a team folder of 2770 and 0660 files is usable")
    func teamLayoutUsable() {
        let report = AccessCheck.run(layout, needs: Self.everything, account: member)
        #expect(report.problems == [])
        #expect(report.warnings == [])
    }

    @Test("rules.db of mode 0600 names file, mode, owner, user and fix")
    func privateRulesStore() throws {
        #expect(chmod(layout.rulesStore, 0o600) == 0)
        let status = try #require(FileStatus.read(layout.rulesStore))
        let report = AccessCheck.run(layout, needs: AccessCheck.Needs(warehouse: .read, rules: .write), account: member)
        #expect(report.problems.map(\.path) == [layout.rulesStore])
        let problem = try #require(report.problems.first)
        #expect(problem.message.hasPrefix("bob cannot read and write \(layout.rulesStore): mode 0600 (rw-------), "))
        #expect(problem.message.contains("owner \(status.ownerName), group \(status.groupName)"))
        #expect(problem.message.hasSuffix("bob is in the groups 4000001, \(status.groupName)"))
        #expect(problem.help.hasSuffix("fix it: chmod g+rw \(layout.rulesStore)"))
    }

    @Test("reading needs only read access")
    func readOnlyFiles() throws {
        for name in ["warehouse.db", "warehouse.db-wal", "warehouse.db-shm", "rules.db", "rules.db-wal", "rules.db-shm"] {
            #expect(chmod(team + "/" + name, 0o640) == 0)
        }
        #expect(chmod(team, 0o2750) == 0)
        let reading = AccessCheck.Needs(warehouse: .read, rules: .read)
        #expect(AccessCheck.run(layout, needs: reading, account: member).problems == [])

        let writing = AccessCheck.run(layout, needs: AccessCheck.Needs(warehouse: .write), account: member)
        // The folder comes first, and the files in it wait until it is fixed.
        #expect(writing.problems.map(\.path) == [team])
        #expect(writing.problems.first?.message.hasPrefix("bob cannot create files in the folder \(team): mode 2750 (rwxr-s---)") == true)
        let owner = try #require(FileStatus.read(team)).ownerName
        let groupName = try #require(FileStatus.read(team)).groupName
        #expect(
            writing.problems.first?.help
                == "the group \(groupName) may only read \(team), of mode 2750 (rwxr-s---), and only \(owner) writes there. "
                + "If the group should write too, \(owner == "root" ? "root" : owner + " or root") can fix it: chmod g+rwx \(team)")
    }

    @Test("missing -wal in a read-only folder")
    func missingSideFile() throws {
        try FileManager.default.removeItem(atPath: layout.warehouse + "-wal")
        #expect(chmod(team, 0o2750) == 0)
        let report = AccessCheck.run(layout, needs: AccessCheck.Needs(warehouse: .read), account: member)
        let problem = try #require(report.problems.first)
        #expect(report.problems.count == 1)
        #expect(problem.path == layout.warehouse + "-wal")
        #expect(problem.message.hasPrefix("\(layout.warehouse)-wal is missing, and SQLite needs it to read the database"))
        #expect(problem.help == "run 'dotwork --db \(layout.warehouse) stats' once as a user who can write \(team); dotwork keeps the file from then on")

        #expect(chmod(team, 0o2770) == 0)
        #expect(AccessCheck.run(layout, needs: AccessCheck.Needs(warehouse: .read), account: member).problems == [])
    }

    @Test("an outsider is told to join the group")
    func outsiderJoinsGroup() throws {
        let report = AccessCheck.run(layout, needs: AccessCheck.Needs(warehouse: .read), account: outsider)
        #expect(report.problems.map(\.path) == [team])
        let groupName = try #require(FileStatus.read(team)).groupName
        #expect(report.problems.first?.message.hasPrefix("eve cannot enter the folder \(team)") == true)
        #expect(report.problems.first?.help == "root can add eve to the group \(groupName): usermod -aG \(groupName) eve (it takes effect at the next login)")
    }

    @Test("an unwritable derived snapshot stops an import but not a reader")
    func derivedFolder() throws {
        let snapshot = layout.derivedFolder + "/g3"
        #expect(chmod(snapshot, 0o2750) == 0)
        let importing = AccessCheck.run(layout, needs: AccessCheck.Needs(warehouse: .write), account: member)
        #expect(importing.problems.map(\.path) == [snapshot])
        let reading = AccessCheck.run(layout, needs: AccessCheck.Needs(warehouse: .read), account: member)
        #expect(reading.problems == [])
    }

    @Test("publishing needs every rule folder of the outbox writable")
    func outboxFolders() throws {
        let ruleFolder = layout.outbox + "/kin-upgrade"
        #expect(chmod(ruleFolder, 0o755) == 0)
        let needs = AccessCheck.Needs(warehouse: .read, rules: .write, outbox: .write)
        let report = AccessCheck.run(layout, needs: needs, account: member)
        #expect(report.problems.map(\.path) == [ruleFolder])
        #expect(report.problems.first?.help.hasSuffix("fix it: chmod g+rwxs \(ruleFolder)") == true)
    }

    @Test("a missing outbox needs a writable parent")
    func missingOutbox() throws {
        try FileManager.default.removeItem(atPath: layout.outbox)
        let needs = AccessCheck.Needs(warehouse: .read, rules: .write, outbox: .write)
        #expect(AccessCheck.run(layout, needs: needs, account: member).problems == [])
        #expect(chmod(team, 0o2750) == 0)
        #expect(AccessCheck.run(layout, needs: needs, account: member).problems.map(\.path) == [team])
    }

    @Test("the workbench gets warnings for rules.db, not errors")
    func optionalRules() throws {
        #expect(chmod(layout.rulesStore, 0o640) == 0)
        let needs = AccessCheck.Needs(warehouse: .read, rules: .write, outbox: .write, rulesAndOutboxAreOptional: true)
        let report = AccessCheck.run(layout, needs: needs, account: member)
        #expect(report.problems == [])
        #expect(report.warnings.map(\.path) == [layout.rulesStore])
        #expect(report.warnings.first?.message.hasSuffix("saving drafts and publishing will fail until it is fixed") == true)
    }

    @Test("a missing warehouse is left to the command")
    func missingWarehouse() throws {
        for suffix in ["", "-wal", "-shm"] {
            try FileManager.default.removeItem(atPath: layout.warehouse + suffix)
        }
        #expect(AccessCheck.run(layout, needs: AccessCheck.Needs(warehouse: .read), account: member).problems == [])
        let elsewhere = AccessCheck.Layout(
            warehouse: folder.file("new/deeper/warehouse.db"), derivedFolder: folder.file("new/deeper/warehouse.db.derived"),
            rulesStore: folder.file("new/deeper/rules.db"), outbox: folder.file("new/deeper/outbox"))
        #expect(chmod(folder.path, 0o755) == 0)
        let creating = AccessCheck.run(elsewhere, needs: AccessCheck.Needs(warehouse: .write), account: member)
        #expect(creating.problems.map(\.path) == [folder.path])
    }

    @Test("a group-writable folder without setgid gets a warning", .enabled(if: getuid() == 0, "chown needs root"))
    func notSetGroupID() throws {
        let root = UnixAccount(userID: 0, name: "root", groupIDs: [0])
        #expect(chown(team, 0, 4_000_003) == 0)
        #expect(chmod(team, 0o770) == 0)
        let report = AccessCheck.run(layout, needs: AccessCheck.Needs(warehouse: .read), account: root)
        #expect(report.warnings.map(\.path) == [team])
        #expect(report.warnings.first?.help == "root can fix it: chmod g+s \(team)")

        // A group named after the folder's owner is Debian's user private group, shared with no one.
        #expect(chown(team, 0, 0) == 0)
        #expect(chmod(team, 0o770) == 0)
        #expect(AccessCheck.run(layout, needs: AccessCheck.Needs(warehouse: .read), account: root).warnings == [])
    }

    @Test("a file outside the team's group gets a warning", .enabled(if: getuid() == 0, "chgrp to another group needs root"))
    func fileInOtherGroup() throws {
        #expect(chown(layout.rulesStore, 0, 4_000_003) == 0)
        let report = AccessCheck.run(layout, needs: Self.everything, account: UnixAccount(userID: 0, name: "root", groupIDs: [0]))
        #expect(report.problems == [])
        #expect(report.warnings.map(\.path) == [layout.rulesStore])
        let teamName = try #require(FileStatus.read(team)).groupName
        #expect(report.warnings.first?.help == "root can fix it: chgrp \(teamName) \(layout.rulesStore)")

        let blocked = AccessCheck.run(layout, needs: Self.everything, account: member)
        #expect(blocked.problems.map(\.path) == [layout.rulesStore])
        #expect(blocked.problems.first?.help == "root can fix it: chgrp \(teamName) \(layout.rulesStore)")
    }
}

@Suite("Access check wording")
struct AccessWordingTests {
    func status(mode: mode_t, isFolder: Bool = false, owner: uid_t = 4_000_010, group: gid_t = 4_000_020) -> FileStatus {
        FileStatus(path: "/srv/dotwork/rules.db", mode: mode, isFolder: isFolder, ownerID: owner, groupID: group)
    }

    @Test("modes print in octal and as ls letters")
    func modeDescription() {
        #expect(status(mode: 0o600).modeDescription == "0600 (rw-------)")
        #expect(status(mode: 0o2770, isFolder: true).modeDescription == "2770 (rwxrws---)")
        #expect(status(mode: 0o2740, isFolder: true).modeDescription == "2740 (rwxr-S---)")
        #expect(status(mode: 0o1777, isFolder: true).modeDescription == "1777 (rwxrwxrwt)")
    }

    @Test("the fix adds the bits to the class that applies")
    func fixPerClass() {
        let owner = UnixAccount(userID: 4_000_010, name: "ann", groupIDs: [4_000_010])
        let member = UnixAccount(userID: 4_000_011, name: "bob", groupIDs: [4_000_011, 4_000_020])
        let teamOnly = UnixAccount(userID: 4_000_012, name: "cy", groupIDs: [4_000_012, 4_000_030])
        let file = status(mode: 0o600)
        #expect(AccessProblem.fix(file, needed: [.read, .write], account: owner, teamGroup: nil) == "you can fix it: chmod u+rw /srv/dotwork/rules.db")
        #expect(
            AccessProblem.fix(file, needed: [.read, .write], account: member, teamGroup: nil)
                == "4000010 or root can fix it: chmod g+rw /srv/dotwork/rules.db")
        #expect(
            AccessProblem.fix(file, needed: [.read], account: teamOnly, teamGroup: 4_000_030)
                == "4000010 or root can fix it: chgrp 4000030 /srv/dotwork/rules.db && chmod g+r /srv/dotwork/rules.db")
        #expect(
            AccessProblem.fix(status(mode: 0o640), needed: [.read], account: teamOnly, teamGroup: 4_000_030)
                == "4000010 or root can fix it: chgrp 4000030 /srv/dotwork/rules.db")
        #expect(
            AccessProblem.fix(file, needed: [.read], account: teamOnly, teamGroup: nil)
                == "root can add cy to the group 4000020: usermod -aG 4000020 cy (it takes effect at the next login), "
                + "and 4000010 or root can run: chmod g+r /srv/dotwork/rules.db")
    }

    @Test("a root-owned file names root alone")
    func rootOwned() {
        let member = UnixAccount(userID: 4_000_011, name: "bob", groupIDs: [4_000_011, 4_000_020])
        #expect(
            AccessProblem.fix(status(mode: 0o600, owner: 0), needed: [.read], account: member, teamGroup: nil)
                == "root can fix it: chmod g+r /srv/dotwork/rules.db")
    }

    @Test("team umask follows the folder's group bits")
    func teamUmask() throws {
        let folder = TemporaryFolder()
        let path = folder.file("team")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(chmod(path, 0o755) == 0)
        #expect(TeamUmask.mask(forFolder: path, current: 0o022) == nil)
        #expect(chmod(path, 0o2770) == 0)
        #expect(TeamUmask.mask(forFolder: path, current: 0o022) == 0o007)
        #expect(TeamUmask.mask(forFolder: path, current: 0o077) == 0o007)
        #expect(TeamUmask.mask(forFolder: path, current: 0o277) == 0o207)
        #expect(chmod(path, 0o2750) == 0)
        #expect(TeamUmask.mask(forFolder: path, current: 0o002) == 0o027)
        #expect(TeamUmask.mask(forFolder: folder.file("absent"), current: 0o022) == nil)
    }
}

@Suite("Access check of writer files")
struct AccessCheckWriterFileTests {
    @Test("derived lock and activity board")
    func derivedLockAndActivity() throws {
        let checks = try AccessCheckTests()
        let member = checks.member
        let lock = checks.layout.derivedFolder + "/.lock"
        try Data().write(to: URL(fileURLWithPath: lock))
        #expect(chmod(lock, 0o640) == 0)
        let activity = checks.layout.warehouse + ".activity"
        try FileManager.default.createDirectory(atPath: activity, withIntermediateDirectories: false)
        #expect(chmod(activity, 0o755) == 0)

        let importing = AccessCheck.run(checks.layout, needs: AccessCheck.Needs(warehouse: .write), account: member)
        #expect(importing.problems.map(\.path) == [lock])
        #expect(importing.warnings.map(\.path) == [activity])
        #expect(importing.warnings.first?.message.hasSuffix("others waiting for this command cannot see its progress") == true)

        let reading = AccessCheck.run(checks.layout, needs: AccessCheck.Needs(warehouse: .read), account: member)
        #expect(reading.problems == [])
        #expect(reading.warnings == [])
    }
}
