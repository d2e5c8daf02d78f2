extension Theme {
    private enum Section: String {
        case colors = "[colours]"
        case basicColors = "[8-colours]"
        case monochrome = "[monochrome]"
    }

    /// Reads a theme file's text. Entries that cannot be used are left out and returned as
    /// warnings naming the file, line, role and value.
    public static func parse(_ text: String, name: String, path: String) -> (theme: Theme, warnings: [ThemeWarning]) {
        var theme = Theme(name: name, path: path)
        var warnings: [ThemeWarning] = []
        let file = path.split(separator: "/").last.map(String.init) ?? path
        var section = Section.colors
        let knownRoles = Set(Role.all.map(\.rawValue))

        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
                .map { $0.trimmingWhitespace() } ?? ""
            if line.isEmpty { continue }
            func warn(_ problem: ThemeWarning.Problem, role: String = "", value: String) {
                warnings.append(ThemeWarning(file: file, line: index + 1, role: role, value: value, problem: problem))
            }

            if line.hasPrefix("[") {
                if let named = Section(rawValue: line) {
                    section = named
                } else {
                    warn(.unknownSection, value: line)
                }
                continue
            }
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                warn(.missingEquals, value: line)
                continue
            }
            let role = parts[0].trimmingWhitespace()
            let words = parts[1].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard knownRoles.contains(role) else {
                warn(.unknownRole, role: role, value: role)
                continue
            }

            var attributes: TextAttributes = []
            var isValid = true
            let attributeWords = section == .monochrome ? words[...] : words.dropFirst(2)
            for word in attributeWords {
                if let attribute = TextAttributes(name: word) {
                    attributes.insert(attribute)
                } else if section == .monochrome, ThemeColor(name: word) != nil {
                    warn(.colorInMonochrome, role: role, value: word)
                    isValid = false
                } else {
                    warn(.invalidAttribute, role: role, value: word)
                    isValid = false
                }
            }
            if section == .monochrome {
                if isValid {
                    theme.monochrome[Role(rawValue: role)] = attributes
                }
                continue
            }

            guard words.count >= 2 else {
                warn(.missingColors, role: role, value: words.joined(separator: " "))
                continue
            }
            var colors: [ThemeColor] = []
            for word in words.prefix(2) {
                guard let color = ThemeColor(name: word) else {
                    warn(.invalidColor, role: role, value: word)
                    isValid = false
                    continue
                }
                if section == .basicColors, case .index(let number) = color, number > 7 {
                    warn(.colorBeyondEight, role: role, value: word)
                    isValid = false
                    continue
                }
                colors.append(color)
            }
            guard isValid else { continue }
            let style = Style(foreground: colors[0], background: colors[1], attributes: attributes)
            if section == .colors {
                theme.colors[Role(rawValue: role)] = style
            } else {
                theme.basicColors[Role(rawValue: role)] = style
            }
        }
        return (theme, warnings)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
