import Foundation

/// The steps of `AccessCheck.run`: one `stat` per path, and the permission each use needs.
///
/// A file needs `r` to be read and `rw` to be written. A folder needs `x` to reach the files
/// in it, and `rwx` to create, list and remove them. A missing file needs its folder to be
/// writable, because SQLite or dotwork creates it.
struct AccessInspector {
    let account: UnixAccount
    /// The warehouse folder, or nil when it does not exist.
    let teamFolder: FileStatus?
    var report = AccessReport()
    /// Folders already checked for writing, with the outcome, so one problem is reported once.
    private var writableFolders: [String: Bool] = [:]

    init(account: UnixAccount, teamFolder: FileStatus?) {
        self.account = account
        self.teamFolder = teamFolder
    }

    /// The group of a setgid warehouse folder: the team's group, which new files get.
    var teamGroup: gid_t? {
        guard let teamFolder, teamFolder.isSetGroupID else { return nil }
        return teamFolder.groupID
    }

    // MARK: Parts of the layout

    mutating func inspectWarehouse(_ layout: AccessCheck.Layout, level: AccessCheck.Level) {
        guard level > .none else { return }
        guard let folder = teamFolder else {
            if level == .write {
                requireCreatable(layout.folder)
            }
            return
        }
        guard require(folder, level) else { return }
        // A missing warehouse is left to the command: reading reports it, writing creates it.
        guard let file = FileStatus.read(layout.warehouse) else { return }
        require(file, level)
        inspectSideFiles(of: layout.warehouse, level: level, recreatedBy: "dotwork --db \(layout.warehouse) stats")
        if let derived = FileStatus.read(layout.derivedFolder), require(derived, level) {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: layout.derivedFolder)) ?? []
            for entry in entries.sorted() {
                guard let status = FileStatus.read(layout.derivedFolder + "/" + entry) else { continue }
                // Writers of derived data take turns on the lock file `.lock`.
                if status.isFolder || (entry == ".lock" && level == .write) {
                    require(status, level)
                }
            }
        }
        if level == .write {
            inspectActivityBoard(ActivityBoard(warehouse: layout.warehouse).folder)
        }
    }

    /// Warns when a writer cannot post its progress for others, which never stops its work.
    private mutating func inspectActivityBoard(_ path: String) {
        guard let board = FileStatus.read(path) else { return }
        let needed: Permissions = [.read, .write, .execute]
        guard !board.grants(needed, to: account) else { return }
        let problem = AccessProblem.notUsable(board, needed: needed, account: account, teamFolder: teamFolder)
        report.warnings.append(problem.demoted(because: "others waiting for this command cannot see its progress"))
    }

    mutating func inspectRules(_ layout: AccessCheck.Layout, level: AccessCheck.Level) {
        guard level > .none else { return }
        let folderPath = (layout.rulesStore as NSString).deletingLastPathComponent
        guard let folder = FileStatus.read(folderPath) else {
            if level == .write {
                requireCreatable(folderPath)
            }
            return
        }
        guard require(folder, .read) else { return }
        guard let store = FileStatus.read(layout.rulesStore) else {
            // Commands that only read treat a missing rules.db as no rules at all.
            if level == .write {
                requireWritableFolder(folder)
            }
            return
        }
        require(store, level)
        inspectSideFiles(of: layout.rulesStore, level: level, recreatedBy: "dotwork --db \(layout.warehouse) rule list")
        if level == .write {
            if let lock = FileStatus.read(layout.rulesStore + ".lock") {
                require(lock, .write)
            } else {
                requireWritableFolder(folder)
            }
        }
    }

    mutating func inspectOutbox(_ path: String, level: AccessCheck.Level) {
        guard level == .write else { return }
        guard let outbox = FileStatus.read(path) else {
            requireCreatable(path)
            return
        }
        guard require(outbox, .write) else { return }
        // Publishing creates a version folder inside the rule's folder.
        // NOTE: withdrawing writes into a version folder, which is not checked here. A
        // failure there names the folder when it happens.
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for entry in entries.sorted() where !entry.hasPrefix(".") {
            if let status = FileStatus.read(path + "/" + entry), status.isFolder {
                require(status, .write)
            }
        }
    }

    /// Checks the `-wal` and `-shm` files of an SQLite file in write-ahead log mode. A reader
    /// needs them to exist, or needs to be able to create them.
    private mutating func inspectSideFiles(of database: String, level: AccessCheck.Level, recreatedBy command: String) {
        let folderPath = (database as NSString).deletingLastPathComponent
        for suffix in ["-wal", "-shm"] {
            let path = database + suffix
            if let status = FileStatus.read(path) {
                require(status, level)
                continue
            }
            guard let folder = FileStatus.read(folderPath), !folder.grants([.write, .execute], to: account) else { continue }
            // A folder reported as not writable already covers its missing files.
            guard writableFolders[folder.path] != false else { continue }
            report.problems.append(.missingSideFile(path, folder: folder, account: account, recreatedBy: command))
        }
    }

    // MARK: Single paths

    /// Checks that `status` allows `level` and records a problem when it does not. Returns
    /// whether the path is usable.
    @discardableResult
    private mutating func require(_ status: FileStatus, _ level: AccessCheck.Level) -> Bool {
        let needed: Permissions =
            switch (status.isFolder, level) {
            case (_, .none): []
            case (true, .read): [.execute]
            case (true, .write): [.read, .write, .execute]
            case (false, .read): [.read]
            case (false, .write): [.read, .write]
            }
        if status.isFolder && level == .write {
            return requireWritableFolder(status)
        }
        guard !status.grants(needed, to: account) else { return true }
        report.problems.append(.notUsable(status, needed: needed, account: account, teamFolder: teamFolder))
        return false
    }

    @discardableResult
    private mutating func requireWritableFolder(_ folder: FileStatus) -> Bool {
        if let known = writableFolders[folder.path] {
            return known
        }
        let needed: Permissions = [.read, .write, .execute]
        let isWritable = folder.grants(needed, to: account)
        writableFolders[folder.path] = isWritable
        if !isWritable {
            report.problems.append(.notUsable(folder, needed: needed, account: account, teamFolder: teamFolder))
        }
        return isWritable
    }

    /// Checks that the nearest existing folder above a missing `path` lets the user create it.
    private mutating func requireCreatable(_ path: String) {
        var parent = (path as NSString).deletingLastPathComponent
        while !parent.isEmpty {
            if let status = FileStatus.read(parent) {
                if status.isFolder {
                    requireWritableFolder(status)
                }
                return
            }
            let next = (parent as NSString).deletingLastPathComponent
            if next == parent { return }
            parent = next
        }
    }

    // MARK: Warnings

    /// Warns about shared folders that give new files the creator's group, and about files in
    /// a team folder that other members cannot use.
    mutating func warnAboutSharedFolders(_ layout: AccessCheck.Layout, needs: AccessCheck.Needs) {
        guard needs != .nothing else { return }
        var folders = [layout.folder, layout.derivedFolder]
        if needs.outbox > .none || needs.rules > .none {
            folders.append(layout.outbox)
        }
        for path in folders {
            guard let status = FileStatus.read(path), status.isFolder, status.isGroupWritable, !status.isSetGroupID else {
                continue
            }
            // A group named after its owner is Debian's user private group, shared with no one.
            guard status.groupName != status.ownerName else { continue }
            report.warnings.append(.notSetGroupID(status))
        }

        guard let teamFolder, let team = teamGroup, teamFolder.isGroupWritable else { return }
        var files = [layout.warehouse, layout.warehouse + "-wal", layout.warehouse + "-shm"]
        if needs.rules > .none {
            files += [layout.rulesStore, layout.rulesStore + "-wal", layout.rulesStore + "-shm", layout.rulesStore + ".lock"]
        }
        let reported = Set((report.problems + report.warnings).map(\.path))
        for path in files where !reported.contains(path) {
            guard let status = FileStatus.read(path) else { continue }
            if status.groupID != team || !Permissions.of(mode: status.mode, shift: 3).isSuperset(of: [.read, .write]) {
                report.warnings.append(.notSharedWithTeam(status, team: team))
            }
        }
    }
}
