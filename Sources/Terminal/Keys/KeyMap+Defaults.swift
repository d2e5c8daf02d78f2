extension KeyMap {
    /// The default bindings of every widget command and of the commands every application
    /// has (help, quit, suspend, the command line, the message history), in the format that
    /// users write.
    public static let defaultTable = """
        # context  key        command
        all        C-z        suspend
        all        C-l        redraw

        browse     ?          help
        browse     F1         help
        browse     :          command-line
        browse     q          quit
        browse     C-p        messages
        browse     C-c        cancel
        browse     Esc        cancel
        browse     Enter      open

        browse     Down       move-down
        browse     j          move-down
        browse     Up         move-up
        browse     k          move-up
        browse     Left       move-left
        browse     h          move-left
        browse     Right      move-right
        browse     l          move-right
        browse     PgDn       page-down
        browse     C-f        page-down
        browse     Space      page-down
        browse     PgUp       page-up
        browse     C-b        page-up
        browse     Home       move-first
        browse     g          move-first
        browse     End        move-last
        browse     G          move-last
        browse     0          move-first-column
        browse     $          move-last-column
        browse     [          sort-ascending
        browse     ]          sort-descending
        browse     =          sort-clear
        browse     /          search
        browse     n          search-next
        browse     N          search-previous

        edit       Esc        leave-edit
        edit       C-g        leave-edit
        edit       Enter      new-line
        edit       Tab        indent
        edit       PgDn       page-down
        edit       PgUp       page-up
        edit       C-Home     document-start
        edit       C-End      document-end
        edit       C-_        undo
        edit       C-r        redo

        prompt     Enter      submit
        prompt     Esc        cancel
        prompt     C-g        cancel
        prompt     C-c        cancel
        prompt     Up         previous
        prompt     C-p        previous
        prompt     Down       next
        prompt     C-n        next
        prompt     PgUp       page-up
        prompt     PgDn       page-down
        prompt     Tab        complete
        prompt     y          answer-yes
        prompt     n          answer-no

        # Line editing, the same in the editor and in prompts.
        edit       Left       cursor-left
        prompt     Left       cursor-left
        edit       Right      cursor-right
        prompt     Right      cursor-right
        edit       Up         cursor-up
        edit       Down       cursor-down
        edit       C-Left     word-left
        prompt     C-Left     word-left
        edit       M-b        word-left
        prompt     M-b        word-left
        edit       C-Right    word-right
        prompt     C-Right    word-right
        edit       M-f        word-right
        prompt     M-f        word-right
        edit       Home       line-start
        prompt     Home       line-start
        edit       C-a        line-start
        prompt     C-a        line-start
        edit       End        line-end
        prompt     End        line-end
        edit       C-e        line-end
        prompt     C-e        line-end
        edit       Backspace  delete-backward
        prompt     Backspace  delete-backward
        edit       Del        delete-forward
        prompt     Del        delete-forward
        edit       C-d        delete-forward
        prompt     C-d        delete-forward
        edit       C-w        delete-word-backward
        prompt     C-w        delete-word-backward
        edit       C-k        delete-to-line-end
        prompt     C-k        delete-to-line-end
        edit       C-u        delete-to-line-start
        prompt     C-u        delete-to-line-start
        """

    /// The default key map. The table is part of the program, so a line it cannot read is a
    /// programming error.
    public static let standard: KeyMap = {
        let (keyMap, problems) = KeyMap.parse(defaultTable, source: "default key table")
        precondition(problems.isEmpty, "the default key table has errors: \(problems)")
        return keyMap
    }()
}
