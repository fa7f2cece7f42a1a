/* elfinfo.h: the facts the harness reads straight from a binary, decided from what the ELF file is (its program
 * headers, its dynamic section and dynamic symbol table, which the loader itself reads), never from its name. A file
 * whose section headers are gone still runs, and is read the same way. */
#ifndef TSAN_VERIFY_ELFINFO_H
#define TSAN_VERIFY_ELFINFO_H

#include "binary/toolchain.h"

#include <libelf.h>
#include <stdbool.h>
#include <stddef.h>

/* What an executable is, as the kernel and the dynamic loader see it. */
struct elf_identity {
  bool elf;            /* an ELF file this harness can read */
  bool shared;         /* ET_DYN (a PIE program, a shared object, or the dynamic loader) */
  bool interpreter;    /* PT_INTERP: the kernel starts a dynamic loader to run it */
  bool dynamic;        /* PT_DYNAMIC */
  bool pie;            /* DF_1_PIE in DT_FLAGS_1: a position-independent program, not a library */
  bool loader_symbols; /* defines the dynamic loader's own symbols (_rtld_global, _dl_*) */
  /* The dynamic loader run as a program ("ld.so PROGRAM"): a shared object started without an interpreter that is not
   * a PIE program, or that defines the loader's symbols. The program it runs is not the executable the kernel saw. */
  bool loader;
  /* A program the kernel can start: ET_EXEC, or ET_DYN with an interpreter or DF_1_PIE (not a library, not an
   * object file, not a core dump). */
  bool program;
  int type; /* e_type: ET_REL, ET_EXEC, ET_DYN, ET_CORE */
};

/* Reads what the file at `path` is. Returns 0, or -1 when it cannot be opened (then *identity is all false); a file
 * that opens but is no ELF file gives 0 with identity->elf false. */
int elf_identify(const char *path, struct elf_identity *identity);
/* True when the ELF file defines or imports `symbol` (e.g. "__tsan_init") in any symbol table, the dynamic one read
 * through PT_DYNAMIC too; false when it does not or is unreadable. */
bool elf_mentions_symbol(const char *path, const char *symbol);
/* True when the ELF file itself holds a strong (global, defined) `symbol`: a program's own
 * __tsan_default_suppressions, say, which replaces the runtime's weak one. */
bool elf_defines_symbol(const char *path, const char *symbol);
/* elf_defines_symbol for each of `names`, in one reading of the file: defined[i] says whether it defines names[i].
 * The harness asks about several hooks of one binary, and each reading walks its whole symbol tables (a program with
 * TSan's static runtime has thousands of symbols). */
void elf_defines_symbols(const char *path, const char *const *names, size_t count, bool *defined);
/* The same in a file already open (with libelf, ELF_C_READ or ELF_C_READ_MMAP): the reader that has it open for its
 * own work does not open, map and unmap it again. */
void elf_defines_symbols_in(Elf *elf, const char *const *names, size_t count, bool *defined);
/* The compiler named in the .comment section ("clang version 14.0.6", "GCC: (Debian 12.2.0) 12.2.0"); clang wins
 * because the C runtime's own objects always add a GCC line. Returns -1 when neither is found. */
int elf_toolchain(const char *path, struct toolchain *toolchain);
/* Whether libelf can decompress every compressed debug section of `path` (SHF_COMPRESSED, or GNU's .zdebug_), which
 * is what libdw does before it reads one and, when that fails, reads on as if the section were absent (libdw's
 * dwarf_begin_elf check_section). Returns 0, or -1 with *error naming the section and libelf's reason (e.g. a
 * compression type this elfutils does not know: zstd before elfutils 0.189). A file that is no ELF is 0: others say
 * what it is. */
int elf_debug_sections_readable(const char *path, char **error);

#endif
