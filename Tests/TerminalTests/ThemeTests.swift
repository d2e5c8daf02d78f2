import Testing

@testable import Terminal

@Suite("Theme")
struct ThemeTests {
    static let sample = """
        # a comment
        header = 231 24 bold   # trailing comment
        heat-3 = yellow default
        [8-colours]
        header = white blue
        [monochrome]
        header = bold underline
        selected-row = reverse
        """

    @Test("each mode reads its section")
    func sections() {
        let (theme, warnings) = Theme.parse(ThemeTests.sample, name: "t", path: "/x/t.theme")
        #expect(warnings.isEmpty)
        #expect(theme.style(for: .header, in: .full) == Style(foreground: .index(231), background: .index(24), attributes: .bold))
        #expect(theme.style(for: .header, in: .basic) == Style(foreground: .index(7), background: .index(4)))
        #expect(theme.style(for: .header, in: .monochrome) == Style(attributes: [.bold, .underline]))
    }

    @Test("missing entries fall back across sections")
    func fallbacks() {
        let (theme, _) = Theme.parse(ThemeTests.sample, name: "t", path: "t.theme")
        #expect(theme.style(for: .heat(3), in: .basic) == Style(foreground: .index(3)))
        #expect(theme.style(for: .heat(3), in: .monochrome) == .plain)
        #expect(theme.style(for: .selectedRow, in: .full) == Style(attributes: .reverse))
        #expect(theme.style(for: .cellError, in: .full) == .plain)
    }

    @Test("256 colours map to the nearest basic colour", arguments: [(24, 4), (160, 1), (231, 7), (16, 0), (9, 1), (244, 7), (236, 0), (28, 2)])
    func basicMapping(index: Int, expected: Int) {
        #expect(ThemeColor.index(index).basic == .index(expected))
    }

    static let warningCases: [(String, String)] = [
        ("heade = 1 2", "t.theme:1: unknown role 'heade'; did you mean 'header'?"),
        ("header = blu default", "t.theme:1: role 'header': invalid colour 'blu'; did you mean 'blue'?"),
        ("header = 256 default", "t.theme:1: role 'header': invalid colour '256'; use default, a name such as blue, or 0-255"),
        ("header = red red bolt", "t.theme:1: role 'header': invalid attribute 'bolt'; did you mean 'bold'?"),
        ("header = red red strong", "t.theme:1: role 'header': invalid attribute 'strong'; attributes: bold dim underline reverse italic standout none"),
        ("header = red", "t.theme:1: role 'header': expected a foreground and a background colour, found 'red'"),
        ("header red", "t.theme:1: expected 'role = foreground background [attributes]', found 'header red'"),
        ("[colors]", "t.theme:1: unknown section '[colors]' (sections: [colours], [8-colours], [monochrome])"),
        ("[monochrome]\nheader = red", "t.theme:2: role 'header': colour 'red' in the [monochrome] section, which takes attributes only"),
        ("[8-colours]\nheader = 123 default", "t.theme:2: role 'header': colour '123' in the [8-colours] section, which takes black to white or 0-7"),
    ]

    @Test("bad entries are warnings naming file, role and value", arguments: warningCases)
    func warnings(text: String, expected: String) {
        let (theme, warnings) = Theme.parse(text, name: "t", path: "/themes/t.theme")
        #expect(warnings.map(\.description) == [expected])
        #expect(theme.colors[.header] == nil)
    }

    @Test("every shipped theme parses without warnings", arguments: ["dark", "light", "high-contrast", "monochrome"])
    func shipped(name: String) throws {
        let locator = ThemeLocator(folders: [ThemeLocator.sourceTreeFolder])
        let (theme, warnings) = try locator.load(name)
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(theme.name == name)
        for level in Role.heatLevels where level > 1 {
            #expect(theme.style(for: .heat(level), in: .monochrome) != theme.style(for: .heat(level - 1), in: .monochrome))
        }
    }
}

@Suite("ThemeLocator")
struct ThemeLocatorTests {
    @Test("the user's folder comes before the share folder")
    func order() throws {
        let folder = TemporaryFolder()
        folder.write("config/dotwork/themes/dark.theme", "header = red default")
        folder.write("share/dotwork/themes/dark.theme", "header = blue default")
        let locator = ThemeLocator(environment: ["XDG_CONFIG_HOME": folder.path + "/config"], executablePath: folder.path + "/bin/dotwork")
        #expect(locator.folders.prefix(2) == [folder.path + "/config/dotwork/themes", folder.path + "/share/dotwork/themes"])
        #expect(locator.folders.last == ThemeLocator.sourceTreeFolder)
        #expect(try locator.path(of: "dark") == folder.path + "/config/dotwork/themes/dark.theme")
    }

    @Test("HOME gives ~/.config without XDG_CONFIG_HOME")
    func home() {
        let locator = ThemeLocator(environment: ["HOME": "/home/ana"], executablePath: "/usr/local/bin/dotwork")
        #expect(locator.folders == ["/home/ana/.config/dotwork/themes", "/usr/local/share/dotwork/themes", ThemeLocator.sourceTreeFolder])
    }

    @Test("an unknown theme names the folders and the nearest theme")
    func notFound() {
        let locator = ThemeLocator(folders: ["/nonexistent", ThemeLocator.sourceTreeFolder])
        #expect(throws: TerminalError.self) { try locator.path(of: "darkk") }
        do {
            _ = try locator.path(of: "darkk")
        } catch {
            #expect(error.description.hasPrefix("error: theme 'darkk' not found in /nonexistent, "))
            #expect(error.description.contains("help: did you mean 'dark'? themes: dark, high-contrast, light, monochrome"))
        }
    }

    @Test("a name with a slash is a path")
    func path() throws {
        let folder = TemporaryFolder()
        let file = folder.write("mine.theme", "header = red default")
        let (theme, _) = try ThemeLocator(folders: []).load(file)
        #expect(theme.name == "mine")
        #expect(theme.colors[.header] == Style(foreground: .index(1)))
    }
}

@Suite("ColorMode")
struct ColorModeTests {
    @Test("NO_COLOR, colour counts and monochrome", arguments: [
        (256, [String: String](), ColorMode.full), (8, [:], .basic), (16, [:], .basic), (0, [:], .monochrome),
        (256, ["NO_COLOR": "1"], .monochrome), (256, ["NO_COLOR": ""], .full),
    ])
    func choose(colors: Int, environment: [String: String], expected: ColorMode) {
        #expect(ColorMode.choose(colors: colors, environment: environment) == expected)
    }
}
