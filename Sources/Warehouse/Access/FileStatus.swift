import Foundation

/// Permission bits as `chmod` names them.
public struct Permissions: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let read = Permissions(rawValue: 4)
    public static let write = Permissions(rawValue: 2)
    /// Execute for a file; for a folder, search: opening the names in it.
    public static let execute = Permissions(rawValue: 1)

    /// `rwx` letters in `chmod` order, such as `rw`.
    var letters: String {
        (contains(.read) ? "r" : "") + (contains(.write) ? "w" : "") + (contains(.execute) ? "x" : "")
    }

    /// Returns the bits of `mode` for one class, where `shift` is 6 for the owner, 3 for the group and 0 for others.
    static func of(mode: mode_t, shift: mode_t) -> Permissions {
        Permissions(rawValue: Int((mode >> shift) & 0o7))
    }
}

/// The result of `stat` on one path: type, mode, owner and group.
public struct FileStatus: Sendable, Equatable {
    public let path: String
    /// The permission bits with setuid, setgid and sticky (`st_mode & 0o7777`).
    public let mode: mode_t
    public let isFolder: Bool
    public let ownerID: uid_t
    public let groupID: gid_t

    /// Returns the status of `path`, or nil with `errno` set when `stat` fails.
    public static func read(_ path: String) -> FileStatus? {
        var buffer = stat()
        guard stat(path, &buffer) == 0 else { return nil }
        return FileStatus(
            path: path, mode: buffer.st_mode & 0o7777, isFolder: (buffer.st_mode & S_IFMT) == S_IFDIR,
            ownerID: buffer.st_uid, groupID: buffer.st_gid)
    }

    public var isSetGroupID: Bool { mode & S_ISGID != 0 }
    public var isGroupWritable: Bool { mode & 0o020 != 0 }
    public var ownerName: String { UnixNames.userName(ownerID) }
    public var groupName: String { UnixNames.groupName(groupID) }

    /// The mode in octal and as `ls -l` letters, such as `0640 (rw-r-----)`.
    public var modeDescription: String {
        let octal = String(mode & 0o7777, radix: 8)
        let padded = String(repeating: "0", count: max(0, 4 - octal.count)) + octal
        return "\(padded) (\(symbolicMode))"
    }

    private var symbolicMode: String {
        var letters = ""
        for (shift, special, specialLetter) in [(mode_t(6), S_ISUID, "s"), (3, S_ISGID, "s"), (0, S_ISVTX, "t")] {
            let bits = Permissions.of(mode: mode, shift: shift)
            letters += bits.contains(.read) ? "r" : "-"
            letters += bits.contains(.write) ? "w" : "-"
            let isSpecial = mode & special != 0
            switch (bits.contains(.execute), isSpecial) {
            case (true, true): letters += specialLetter
            case (false, true): letters += specialLetter.uppercased()
            case (true, false): letters += "x"
            case (false, false): letters += "-"
            }
        }
        return letters
    }

    /// Returns the bits of the class that applies to `account`: owner, group or others, as the
    /// kernel picks it. Root is not a class of its own, so `grants` handles it.
    func permissions(for account: UnixAccount) -> Permissions {
        if account.userID == ownerID {
            return Permissions.of(mode: mode, shift: 6)
        }
        if account.isMember(of: groupID) {
            return Permissions.of(mode: mode, shift: 3)
        }
        return Permissions.of(mode: mode, shift: 0)
    }

    /// Returns whether `account` may use the path with `needed`.
    ///
    /// The mode bits decide, as the kernel does without access control lists. Root may read
    /// and write anything and search any folder. For the process's own user, a refusal is
    /// confirmed with `access(2)`, which also honours access control lists.
    func grants(_ needed: Permissions, to account: UnixAccount) -> Bool {
        if account.isRoot {
            return true
        }
        if permissions(for: account).isSuperset(of: needed) {
            return true
        }
        guard account.isProcessUser else { return false }
        return access(path, Int32(needed.rawValue)) == 0
    }
}
