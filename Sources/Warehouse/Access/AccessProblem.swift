import Foundation

/// One unusable file or folder, or one warning, worded for the person who fixes it: what is
/// wrong with which path, its mode, owner and group, the user, and the command that fixes it.
public struct AccessProblem: Sendable, Equatable {
    public let path: String
    public let message: String
    public let help: String

    public init(path: String, message: String, help: String) {
        self.path = path
        self.message = message
        self.help = help
    }

    /// Returns the same finding as a warning, with the consequence added to the message.
    func demoted(because consequence: String) -> AccessProblem {
        AccessProblem(path: path, message: message + "; " + consequence, help: help)
    }

    // MARK: Problems

    /// Describes an existing path on which `account` lacks `needed`. `teamFolder` is the
    /// warehouse folder, which says whether the team's group may only read by design.
    static func notUsable(_ status: FileStatus, needed: Permissions, account: UnixAccount, teamFolder: FileStatus?) -> AccessProblem {
        let teamGroup = teamFolder.flatMap { $0.isSetGroupID ? $0.groupID : nil }
        var help = fix(status, needed: needed, account: account, teamGroup: teamGroup)
        // A setgid folder that its group may only read is a read-only layout on purpose, so
        // the help says who writes there before it names the change.
        if needed.contains(.write), let teamFolder, let teamGroup, !teamFolder.isGroupWritable, account.isMember(of: teamGroup) {
            help = "the group \(teamFolder.groupName) may only read \(teamFolder.path), of mode \(teamFolder.modeDescription), "
                + "and only \(teamFolder.ownerName) writes there. If the group should write too, " + help
        }
        let action: String =
            if status.isFolder {
                needed.contains(.write) ? "create files in the folder" : "enter the folder"
            } else {
                needed.contains(.write) ? "read and write" : "read"
            }
        let groups = account.groupNames.joined(separator: ", ")
        return AccessProblem(
            path: status.path,
            message: "\(account.name) cannot \(action) \(status.path): mode \(status.modeDescription), owner \(status.ownerName), "
                + "group \(status.groupName); \(account.name) is in the groups \(groups)",
            help: help)
    }

    /// Describes a missing `-wal` or `-shm` file that `account` cannot create, so SQLite cannot read the database.
    static func missingSideFile(_ path: String, folder: FileStatus, account: UnixAccount, recreatedBy command: String) -> AccessProblem {
        AccessProblem(
            path: path,
            message: "\(path) is missing, and SQLite needs it to read the database, but \(account.name) cannot create files in "
                + "\(folder.path): mode \(folder.modeDescription), owner \(folder.ownerName), group \(folder.groupName)",
            help: "run '\(command)' once as a user who can write \(folder.path); dotwork keeps the file from then on")
    }

    // MARK: Warnings

    /// Describes a shared folder whose new files get their creator's primary group.
    static func notSetGroupID(_ folder: FileStatus) -> AccessProblem {
        AccessProblem(
            path: folder.path,
            message: "\(folder.path) is group-writable but not setgid, so files created in it get their creator's primary "
                + "group instead of \(folder.groupName): mode \(folder.modeDescription), owner \(folder.ownerName)",
            help: "\(fixers(of: folder)) fix it: chmod g+s \(folder.path)")
    }

    /// Describes a file in a team folder that other members of the team's group cannot write.
    static func notSharedWithTeam(_ status: FileStatus, team: gid_t) -> AccessProblem {
        let teamName = UnixNames.groupName(team)
        var commands: [String] = []
        if status.groupID != team {
            commands.append("chgrp \(teamName) \(status.path)")
        }
        if !Permissions.of(mode: status.mode, shift: 3).isSuperset(of: [.read, .write]) {
            commands.append("chmod g+rw \(status.path)")
        }
        return AccessProblem(
            path: status.path,
            message: "other members of \(teamName) cannot write \(status.path): mode \(status.modeDescription), "
                + "owner \(status.ownerName), group \(status.groupName)",
            help: "\(fixers(of: status)) fix it: " + commands.joined(separator: " && "))
    }

    // MARK: Fixes

    /// Returns who may change the mode and group of a path: its owner and root.
    static func fixers(of status: FileStatus) -> String {
        status.ownerID == 0 ? "root can" : "\(status.ownerName) or root can"
    }

    /// Returns who can fix the access of `account` to a path, and with which commands.
    ///
    /// The kernel checks the owner's bits for the owner, the group's bits for members of the
    /// file's group and the others' bits for everyone else. So the fix adds the missing bits
    /// to the class that applies. When the account is a member of the team's group but not of
    /// the file's, the fix first moves the file into the team's group.
    static func fix(_ status: FileStatus, needed: Permissions, account: UnixAccount, teamGroup: gid_t?) -> String {
        let path = status.path
        let fixer = account.userID == status.ownerID ? "you can" : fixers(of: status)
        let groupBits = Permissions.of(mode: status.mode, shift: 3)
        // Folders in a team folder also get setgid, so what is created in them joins the team's group.
        let setgid = status.isFolder && teamGroup != nil && !status.isSetGroupID ? "s" : ""

        if account.userID == status.ownerID {
            return "\(fixer) fix it: chmod u+\(needed.letters) \(path)"
        }
        if account.isMember(of: status.groupID) {
            return "\(fixer) fix it: chmod g+\(needed.letters)\(setgid) \(path)"
        }
        if let teamGroup, account.isMember(of: teamGroup) {
            var commands = ["chgrp \(UnixNames.groupName(teamGroup)) \(path)"]
            if !groupBits.isSuperset(of: needed) || !setgid.isEmpty {
                commands.append("chmod g+\(needed.letters)\(setgid) \(path)")
            }
            return "\(fixer) fix it: " + commands.joined(separator: " && ")
        }
        let group = UnixNames.groupName(teamGroup ?? status.groupID)
        var ownerCommands: [String] = []
        if let teamGroup, teamGroup != status.groupID {
            ownerCommands.append("chgrp \(group) \(path)")
        }
        if !groupBits.isSuperset(of: needed) {
            ownerCommands.append("chmod g+\(needed.letters) \(path)")
        }
        var help = "root can add \(account.name) to the group \(group): usermod -aG \(group) \(account.name) (it takes effect at the next login)"
        if !ownerCommands.isEmpty {
            help += ", and \(fixers(of: status)) run: " + ownerCommands.joined(separator: " && ")
        }
        return help
    }
}
