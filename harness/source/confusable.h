/* confusable.h: what a piece of UTF-8 text looks like, reduced to the characters it can be mistaken for. */
#ifndef TSAN_VERIFY_CONFUSABLE_H
#define TSAN_VERIFY_CONFUSABLE_H

#include <stddef.h>

/* ICU, loaded (dlopen) by the reader that meets a character outside ASCII, not linked into tsan-verify: most cases are
 * plain ASCII, and ICU with the C++ library it needs made up most of the dynamic loader's work at every start (about
 * 5 ms of each check, docs/PERFORMANCE.md). */
struct unicode;
/* ICU's libraries and the entry points used here, by the names and the major version of the headers the harness was
 * built with. NULL, with *error saying why (dlerror's words), when they cannot be loaded: the caller cannot judge the
 * text then. unicode_close(NULL) does nothing. */
struct unicode *unicode_open(char **error);
void unicode_close(struct unicode *unicode);

/* The Unicode confusable skeleton (UTS #39, ICU's spoof checker) of `text` after NFKC compatibility folding, in
 * UTF-8: "expect-tsan:" spelt with Cyrillic letters (U+0435), a typographic hyphen (U+2010) or a fullwidth colon
 * (U+FF1A) becomes the ASCII "expect-tsan:".
 * NULL when the text is not valid UTF-8. The caller frees the result. */
char *confusable_skeleton(const struct unicode *unicode, const char *text, size_t length);
/* "U+0435 CYRILLIC SMALL LETTER IE": the first character of `text` outside ASCII, for messages. The caller frees it. */
char *first_non_ascii_character(const struct unicode *unicode, const char *text, size_t length);

#endif
