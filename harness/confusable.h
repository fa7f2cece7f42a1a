/* confusable.h: what a piece of UTF-8 text looks like, reduced to the characters it can be mistaken for. */
#ifndef TSAN_VERIFY_CONFUSABLE_H
#define TSAN_VERIFY_CONFUSABLE_H

#include <stddef.h>

/* The Unicode confusable skeleton (UTS #39, ICU's spoof checker) of `text` after NFKC compatibility folding, in
 * UTF-8: "expect-tsan:" spelt with Cyrillic letters (U+0435), a typographic hyphen (U+2010) or a fullwidth colon
 * (U+FF1A) becomes the ASCII "expect-tsan:".
 * NULL when the text is not valid UTF-8. The caller frees the result. */
char *confusable_skeleton(const char *text, size_t length);
/* "U+0435 CYRILLIC SMALL LETTER IE": the first character of `text` outside ASCII, for messages. The caller frees it. */
char *first_non_ascii_character(const char *text, size_t length);

#endif
