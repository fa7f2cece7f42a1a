/* instrumentation.h: what the compiler put into a binary, read back from the binary itself: which functions of
 * the files under test TSan instrumented, and what in the program hides reports the way a suppression does.
 *
 * A binary holds __tsan_init as soon as its *link* has -fsanitize=thread; only the code tells whether TSan watches
 * the code under test. So the harness reads the binary's DWARF (libdw) for the compile units of those files and the
 * address ranges of their functions, disassembles each function (Capstone, x86-64), and resolves every call to the
 * function it reaches (a symbol, or a PLT slot through its relocation). */
#ifndef TSAN_VERIFY_INSTRUMENTATION_H
#define TSAN_VERIFY_INSTRUMENTATION_H

#include "proof/instrumentation_facts.h"

/* Reads the facts of `binary` for the files `files` (NULL-terminated; the case first). Returns 0, or -1 with
 * *error saying why the binary's code cannot be read (no DWARF, not x86-64, split DWARF, ...); the facts are then
 * unknown, and the caller must not claim anything about the instrumentation. */
int instrumentation_read(const char *binary, const char *const *files, struct instrumentation *facts, char **error);
/* The shared objects the program's processes actually loaded (`loaded`: paths, NULL-terminated; the loader's choice
 * through LD_LIBRARY_PATH, a libtool wrapper's, or a dlopen), added to facts->libraries when they are of the
 * project: their DWARF names a source that exists here. Each is then under the same proof as a library the
 * program's RUNPATH names. Files already listed, and `binary` itself, are passed over. */
void instrumentation_add_loaded(struct instrumentation *facts, const char *binary, const char *const *loaded);

#endif
