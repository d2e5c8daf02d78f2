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
