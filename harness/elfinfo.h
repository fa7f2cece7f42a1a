/* elfinfo.h: the facts the harness reads straight from a binary. */
#ifndef TSAN_VERIFY_ELFINFO_H
#define TSAN_VERIFY_ELFINFO_H

#include "toolchain.h"

#include <stdbool.h>

/* True when the ELF file defines or imports `symbol` (e.g. "__tsan_init"); false when it does not or is unreadable. */
bool elf_mentions_symbol(const char *path, const char *symbol);
/* True when the ELF file itself holds a strong (global, defined) `symbol`: a program's own
 * __tsan_default_suppressions, say, which replaces the runtime's weak one. */
bool elf_defines_symbol(const char *path, const char *symbol);
/* The compiler named in the .comment section ("clang version 14.0.6", "GCC: (Debian 12.2.0) 12.2.0"); clang wins
 * because the C runtime's own objects always add a GCC line. Returns -1 when neither is found. */
int elf_toolchain(const char *path, struct toolchain *toolchain);

#endif
