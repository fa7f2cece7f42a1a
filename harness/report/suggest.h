/* suggest.h: "did you mean ...?" for a word that is close to one of a list of valid words. */
#ifndef TSAN_VERIFY_SUGGEST_H
#define TSAN_VERIFY_SUGGEST_H

#include <stddef.h>

/* The number of single-character insertions, deletions, substitutions and swaps of neighbours that turn `a` into
 * `b`, ignoring case. */
size_t edit_distance(const char *a, const char *b);
/* The choice (NULL-terminated list) closest to `word`, when it is close enough to be what was meant: at most a
 * third of the word's length in edits (at least 1, at most 3), or a prefix of a choice or a choice a prefix of it,
 * ignoring case. NULL when none is. */
const char *closest_word(const char *word, const char *const *choices);
/* "data race, heap-use-after-free, ..." : the choices joined by ", "; the caller frees it. */
char *join_words(const char *const *choices);
/* What follows `unknown kind "KIND" (...)` in a marker error: a hint that " -- " is missing before a note when a known
 * kind starts KIND, else "did you mean ...?" when one is close, and always the list of valid kinds. */
char *unknown_kind_hint(const char *kind);

#endif
