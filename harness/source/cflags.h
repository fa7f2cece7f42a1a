/* cflags.h: the user's compiler flags, made to mean from the private folder what they meant from the user's.
 *
 * The compiler runs in the check's private folder, so that what it writes beside its working directory (clang's
 * -gsplit-dwarf .dwo files before clang 15, -save-temps) lands there and goes with it. Relative paths in the flags
 * were written for the folder tsan-verify was started in: those are made absolute. */
#ifndef TSAN_VERIFY_CFLAGS_H
#define TSAN_VERIFY_CFLAGS_H

#include <stdbool.h>
#include <stddef.h>

/* `flags` split on blanks, NULL-terminated, each word that is a relative path made absolute against `base`: a word
 * that names an existing file or folder there (`src/counter.c`, the `include` of `-I include`, `@flags.txt`'s file),
 * and the attached value of a search-path or include option (`-Iinclude`, `-Llib`, `-isystemdir`, `-includeh.h`).
 * Free with free_words. */
char **cflags_words(const char *flags, const char *base);
/* The same, then each of `whole_words` (NULL-terminated, or NULL) as one word, never split (a flag whose blanks or
 * quotes are its own, `@FILE`), anchored the same way. Free with free_words. */
char **cflags_words_with(const char *flags, char *const *whole_words, const char *base);
/* Whether words[index] is a source file the flags give the compiler to build (`src/counter.c` of `-I include
 * src/counter.c`): no option, nor the separate value of the option before it, and a regular file whose suffix the
 * gcc and clang drivers compile (C, C++, preprocessed or assembly source). */
bool cflags_word_is_source(char *const *words, size_t index);
/* `path` made absolute against `base` (unchanged when it already is); the caller frees it. */
char *absolute_path(const char *path, const char *base);
void free_words(char **words);

#endif
