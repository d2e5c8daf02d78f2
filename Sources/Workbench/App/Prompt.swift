import Terminal
import Text

/// An input open at the bottom of the window, or a list over the body, with the action to
/// take on what is entered. While one is open, keys go to it in the `prompt` context.
enum Prompt {
    /// Text to find in the table.
    case search(LineInput)
    /// A command by its long name.
    case command(LineInput)
    /// The path of a file for the records of the view on screen.
    case export(FilePathPrompt, records: ExportRecords)
    case confirm(ConfirmationPrompt, onYes: () -> Outcome)
    /// One entry of a list; `onChoose` gets its index.
    case list(ListPicker, onChoose: (Int) -> Outcome)
    /// A filter expression; `onSubmit` returns whether the prompt may close.
    case filter(FilterPrompt, onSubmit: (FilterPrompt) -> Bool)

    /// The rows it takes at the bottom of the window; a list takes none, it is drawn over the body.
    var bottomRows: Int {
        switch self {
        case .filter, .export: return 2
        case .list: return 0
        case .search, .command, .confirm: return 1
        }
    }
}
