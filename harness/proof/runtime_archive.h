/* runtime_archive.h: which of this machine's TSan runtime archives a program carries, when the runtime was linked
 * into the program (clang's default, gcc's -static-libtsan), and whether a function of the program is the runtime's.
 *
 * A program with a static runtime defines __tsan_read4 and the interceptors itself, next to its own code, and no
 * debug information tells the two apart (Debian builds the archives without -g). A name proves nothing: a program
 * may define a function of the runtime's name, or make one name another's alias. So the harness asks the archive
 * the linker took the runtime from: the runtime's function of that name exists there, with the same size. */
#ifndef TSAN_VERIFY_RUNTIME_ARCHIVE_H
#define TSAN_VERIFY_RUNTIME_ARCHIVE_H

#include <stdbool.h>
#include <stdint.h>

struct runtime_archive;

/* The size the program gives its function `name` (the symbol's st_size), or -1 when it defines none. */
typedef int64_t (*program_symbol_size)(const char *name, void *context);

/* Finds, among the TSan runtime archives of clang (every installed version) and gcc on this machine, the one whose
 * __tsan_init, __tsan_func_entry and __tsan_read4 have the sizes the program gives them. NULL, with *error, when
 * none does. */
struct runtime_archive *runtime_archive_find(program_symbol_size size_of, void *context, char **error);
/* The C library's static part, which every dynamic link takes functions from (glibc's libc.so link script names
 * libc_nonshared.a: pthread_atfork, atexit's helpers, __stack_chk_fail_local), or NULL when it is not here. */
struct runtime_archive *runtime_archive_libc_nonshared(void);
/* Whether the archive defines a function `name` of `size` bytes. */
bool runtime_archive_defines(struct runtime_archive *archive, const char *name, uint64_t size);
const char *runtime_archive_path(const struct runtime_archive *archive);
void runtime_archive_free(struct runtime_archive *archive);

#endif
