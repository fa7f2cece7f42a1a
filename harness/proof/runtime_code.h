/* runtime_code.h: for a program that carries the runtime linked in: which of its functions are the runtime's. */
#ifndef TSAN_VERIFY_RUNTIME_CODE_H
#define TSAN_VERIFY_RUNTIME_CODE_H

#include "proof/code_image.h"
#include "proof/instrumentation_facts.h"

/* The size of the program's own function `name`, or -1 (a program_symbol_size for runtime_archive_find). */
int64_t program_size_of(const char *name, void *context);

/* Whether the function at `address` is the system's, linked in from an archive: TSan's runtime (when the program
 * carries it) or the C library's static part. */
bool is_system_function(const struct image *image, GElf_Addr address);

/* The TSan hooks (entry/exit and access hooks: what the proof counts as instrumentation) that the program's own
 * link defines, and whether each is the runtime's. With the runtime in a shared library (gcc's default), the
 * program defines none: a definition of its own takes every call the compiler made to it (the executable comes
 * first in the loader's lookup). With the runtime linked in, each must be the archive's function of that name and
 * no other name may share its address: an assembler `.set`, a linker --defsym or an alias attribute makes one hook
 * another, and a call the code makes to __tsan_write4 then announces a read. */
void check_hook_definitions(const struct image *image, struct instrumentation *facts);

#endif
