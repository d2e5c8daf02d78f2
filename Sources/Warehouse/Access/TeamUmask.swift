import Foundation

/// The file creation mask for a warehouse in a team folder.
///
/// A setgid folder marks a team's warehouse: files created in it get the folder's group. For
/// the group to use them, their group bits must match the folder's, whatever umask the
/// analyst's login set. So in a setgid folder dotwork clears the umask's group bits that the
/// folder grants, and masks every bit for others. That gives umask 007 in a 2770 folder, where
/// the team reads and writes, and 027 in a 2750 folder, where the group only reads. The
/// owner's bits of the umask are kept. SQLite gives `-wal` and `-shm` the mode of their database file, so they
/// follow too.
public enum TeamUmask {
    /// Returns the umask for files created in `folder`, or nil when the folder is not setgid
    /// or does not exist.
    public static func mask(forFolder folder: String, current: mode_t) -> mode_t? {
        guard let status = FileStatus.read(folder), status.isFolder, status.isSetGroupID else { return nil }
        let groupGranted = status.mode & 0o070
        return (current & 0o700) | (0o070 & ~groupGranted) | 0o007
    }

    /// Sets the process umask for the warehouse at `warehousePath` and returns the new mask,
    /// or nil when the warehouse folder is not a team folder and the umask stays.
    ///
    /// The umask belongs to the whole process, so this runs once at start-up, before any
    /// thread creates files.
    @discardableResult
    public static func apply(forWarehouse warehousePath: String) -> mode_t? {
        let folder = (warehousePath as NSString).deletingLastPathComponent
        let current = umask(0o077)
        guard let mask = mask(forFolder: folder.isEmpty ? "." : folder, current: current) else {
            umask(current)
            return nil
        }
        umask(mask)
        return mask
    }
}
