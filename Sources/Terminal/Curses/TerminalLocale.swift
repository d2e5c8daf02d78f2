import Glibc

/// The process locale, which ncurses reads to decode and draw wide characters.
///
/// Under a locale whose character set is not UTF-8 (the C locale of a bare ssh session),
/// ncurses drops CJK and emoji and `wcwidth` returns -1, so the character type is switched
/// to C.UTF-8 while messages and collation keep the user's locale.
public enum TerminalLocale {
    /// Sets the locale from the environment; must run before ncurses starts.
    ///
    /// Returns a notice for the status bar when the character type was switched to C.UTF-8,
    /// or nil when the environment's locale already uses UTF-8.
    public static func prepare() throws(TerminalError) -> String? {
        setlocale(LC_ALL, "")
        let codeset = currentCodeset()
        if isUTF8(codeset) {
            return nil
        }
        guard setlocale(LC_CTYPE, "C.UTF-8") != nil, isUTF8(currentCodeset()) else {
            throw .noUTF8Locale(codeset: codeset)
        }
        return "the locale's character set is \(codeset), not UTF-8: using C.UTF-8 for text"
    }

    /// The character set of the current `LC_CTYPE`, such as `UTF-8` or `ANSI_X3.4-1968`.
    public static func currentCodeset() -> String {
        guard let name = nl_langinfo(nl_item(CODESET)) else { return "unknown" }
        return String(cString: name)
    }

    static func isUTF8(_ codeset: String) -> Bool {
        let normalized = codeset.lowercased().filter { $0 != "-" && $0 != "_" }
        return normalized == "utf8"
    }
}
