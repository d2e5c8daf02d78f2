import Foundation

/// A Unix user as file permissions see it: user id, name and every group id it belongs to.
public struct UnixAccount: Sendable, Equatable {
    public let userID: uid_t
    public let name: String
    /// The primary group first, then the supplementary groups.
    public let groupIDs: [gid_t]

    public init(userID: uid_t, name: String, groupIDs: [gid_t]) {
        self.userID = userID
        self.name = name
        self.groupIDs = groupIDs
    }

    /// Returns the real user and groups of this process, which `access(2)` checks too.
    public static func current() -> UnixAccount {
        let count = getgroups(0, nil)
        var groups = [gid_t](repeating: 0, count: Int(max(count, 0)))
        let filled = count > 0 ? getgroups(count, &groups) : 0
        var all = [getgid()]
        for group in groups.prefix(Int(max(filled, 0))) where !all.contains(group) {
            all.append(group)
        }
        return UnixAccount(userID: getuid(), name: UnixUser.current(), groupIDs: all)
    }

    public var isRoot: Bool { userID == 0 }

    /// Whether this account is the real user of the running process, so `access(2)` can check for it.
    var isProcessUser: Bool { userID == getuid() }

    public func isMember(of group: gid_t) -> Bool {
        groupIDs.contains(group)
    }

    /// The group names, for messages.
    var groupNames: [String] {
        groupIDs.map(UnixNames.groupName)
    }
}

/// User and group names from the system databases, with the number when there is no entry.
///
/// The `_r` functions are used because the plain ones return shared static storage.
enum UnixNames {
    static func userName(_ id: uid_t) -> String {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4_096)
        guard getpwuid_r(id, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else {
            return String(id)
        }
        return String(cString: name)
    }

    static func groupName(_ id: gid_t) -> String {
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getgrgid_r(id, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.gr_name else {
            return String(id)
        }
        return String(cString: name)
    }
}
