import Foundation
import Text

/// Finds theme files by name. A theme `NAME` is the file `NAME.theme` in the first of these
/// folders that has it:
/// 1. the user's folder, `$XDG_CONFIG_HOME/dotwork/themes` (`~/.config/dotwork/themes`);
/// 2. the installed share folder, `<prefix>/share/dotwork/themes`, where `<prefix>` is the
///    folder above the one holding the running binary;
/// 3. `Themes/` in the source tree the binary was built from, for development builds.
/// A name containing `/` is read as a path to a theme file.
public struct ThemeLocator: Sendable {
    public static let defaultName = "dark"
    public static let fileExtension = "theme"

    public var folders: [String]

    public init(folders: [String]) {
        self.folders = folders
    }

    /// The standard folders for an environment and the running binary.
    public init(environment: [String: String], executablePath: String? = ThemeLocator.runningExecutablePath()) {
        var folders: [String] = []
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            folders.append(config + "/dotwork/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            folders.append(home + "/.config/dotwork/themes")
        }
        if let executablePath {
            let binFolder = (executablePath as NSString).deletingLastPathComponent
            let prefix = (binFolder as NSString).deletingLastPathComponent
            folders.append(prefix + "/share/dotwork/themes")
        }
        folders.append(ThemeLocator.sourceTreeFolder)
        self.init(folders: folders)
    }

    /// `Themes/` at the root of the package this file was compiled from.
    public static let sourceTreeFolder: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("Themes").path
    }()

    /// The path of the running binary, from `/proc/self/exe`.
    public static func runningExecutablePath() -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    }

    /// Returns the path of a theme, or throws `themeNotFound` naming the folders searched.
    public func path(of name: String) throws(TerminalError) -> String {
        if name.contains("/") {
            guard FileManager.default.isReadableFile(atPath: name) else {
                throw .themeNotFound(name: name, searched: [name], available: availableNames())
            }
            return name
        }
        for folder in folders {
            let candidate = folder + "/" + name + "." + ThemeLocator.fileExtension
            if FileManager.default.isReadableFile(atPath: candidate) {
                return candidate
            }
        }
        throw .themeNotFound(name: name, searched: folders, available: availableNames())
    }

    /// Finds and reads a theme; unusable entries come back as warnings.
    public func load(_ name: String) throws(TerminalError) -> (theme: Theme, warnings: [ThemeWarning]) {
        let path = try path(of: name)
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .themeUnreadable(path: path, reason: error.localizedDescription)
        }
        let themeName = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return Theme.parse(text, name: themeName, path: path)
    }

    /// The names of every theme in the folders, sorted, each once.
    public func availableNames() -> [String] {
        var names = Set<String>()
        for folder in folders {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for file in files where file.hasSuffix("." + ThemeLocator.fileExtension) {
                names.insert(String(file.dropLast(ThemeLocator.fileExtension.count + 1)))
            }
        }
        return names.sorted()
    }
}
