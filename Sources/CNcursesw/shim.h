// SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600, so the wide-character
// API has to be requested here before curses.h is read.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

// Glibc hides these without _XOPEN_SOURCE.
extern int wcwidth(wchar_t c);
extern int wcswidth(const wchar_t *s, size_t n);

// Swift 6 rejects reads of C mutable globals, so each one the Terminal
// module needs is read through an accessor.
static inline WINDOW *dotwork_stdscr(void) { return stdscr; }
static inline int dotwork_lines(void) { return LINES; }
static inline int dotwork_cols(void) { return COLS; }
static inline int dotwork_colors(void) { return COLORS; }
static inline int dotwork_color_pairs(void) { return COLOR_PAIRS; }

// glibc's standard streams are C mutable globals too; newterm needs them.
static inline FILE *dotwork_stdin(void) { return stdin; }
static inline FILE *dotwork_stdout(void) { return stdout; }

// The attribute macros expand to NCURSES_BITS(...), which Swift does not import.
static inline attr_t dotwork_a_normal(void) { return A_NORMAL; }
static inline attr_t dotwork_a_bold(void) { return A_BOLD; }
static inline attr_t dotwork_a_dim(void) { return A_DIM; }
static inline attr_t dotwork_a_underline(void) { return A_UNDERLINE; }
static inline attr_t dotwork_a_reverse(void) { return A_REVERSE; }
static inline attr_t dotwork_a_standout(void) { return A_STANDOUT; }
static inline attr_t dotwork_a_italic(void) { return A_ITALIC; }

// ioctl is variadic, so Swift cannot call it; this reads the window size of a terminal.
// (The parameters avoid the names `lines` and `columns`, which term.h defines as macros.)
#include <sys/ioctl.h>
static inline int dotwork_window_size(int fd, int *height, int *width) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return -1;
    *height = size.ws_row;
    *width = size.ws_col;
    return 0;
}
