/* code_image.h: a binary as the proof reads it: its symbols, GOT slots, segments, code and read-only strings. */
#ifndef TSAN_VERIFY_CODE_IMAGE_H
#define TSAN_VERIFY_CODE_IMAGE_H

#include "proof/runtime_archive.h"
#include <capstone/capstone.h>
#include <elfutils/libdw.h>
#include <gelf.h>
#include <stdbool.h>

/* A defined function or object of the symbol tables. */
struct symbol {
  GElf_Addr address;
  GElf_Xword size;
  const char *name;
};

struct slot {
  GElf_Addr address; /* a GOT slot, filled by the dynamic loader */
  const char *name;
};

/* An allocated section neither writable nor code, with its bytes. */
struct read_only_data {
  GElf_Addr address;
  size_t size;
  const char *bytes;
};

/* One ELF file open for reading: its symbols, relocated GOT slots, segments, code sections, DWARF, and the
 * disassembler the proof reads its code with. */
struct image {
  int fd;
  Elf *elf;
  Dwarf *dwarf;
  struct symbol *symbols;
  size_t symbol_count, symbol_capacity;
  struct slot *slots;
  size_t slot_count, slot_capacity;
  GElf_Phdr *loads; /* PT_LOAD segments */
  size_t load_count;
  GElf_Addr relro_start, relro_end;
  struct read_only_data *read_only; /* allocated sections neither writable nor code: where string literals live */
  size_t read_only_count, read_only_capacity;
  csh disassembler;
  GElf_Addr (*code_sections)[2]; /* [start, end) of each SHF_EXECINSTR section */
  size_t code_section_count, code_section_capacity;
  bool static_runtime;                  /* the program defines __tsan_init: the runtime was linked into it */
  struct runtime_archive *archive;      /* for a static runtime, the archive it came from; NULL when none matches */
  struct runtime_archive *libc_archive; /* the C library's static part (libc_nonshared.a), or NULL */
};

/* Address ranges [start, end). */
struct ranges {
  GElf_Addr (*pairs)[2];
  size_t count, capacity;
};

/* The symbol whose range holds `address` (or that starts there). */
const char *symbol_at(const struct image *image, GElf_Addr address, bool exact);

/* The symbol the GOT slot at `address` is relocated to, or NULL. */
const char *slot_at(const struct image *image, GElf_Addr address);

/* Whether `address` is in a segment the loader maps. */
bool is_loaded(const struct image *image, GElf_Addr address);

/* The bytes of the file at [address, address + *length), clipped to what one segment holds; NULL when none. */
const uint8_t *code_at(const struct image *image, GElf_Addr address, size_t *length);

/* Whether `address` is in a section of code (SHF_EXECINSTR): not read-only data that shares the code's segment. */
bool is_code(const struct image *image, GElf_Addr address);

/* Memory the program may write that is no stack: a writable segment, outside what becomes read-only after
 * relocation (the GOT, .data.rel.ro). */
bool is_writable_data(const struct image *image, GElf_Addr address);

/* Whether the code at `address` is a jump through a RIP-relative slot outside the code (after an endbr64): a PLT stub.
 */
bool is_plt_stub(const struct image *image, GElf_Addr address);

/* The function a call or jump to `target` reaches: a symbol, or through a PLT stub (`jmp [rip + slot]`, after an
 * endbr64) the symbol of the slot's relocation. */
const char *callee_at(const struct image *image, GElf_Addr target);

/* Whether one of the ranges holds `address`. */
bool in_ranges(const struct ranges *ranges, GElf_Addr address);

/* The NUL-terminated string at `address` in the read-only data, or NULL. */
const char *string_at(const struct image *image, GElf_Addr address);

/* The first of the symbols that start at `address` (image->symbols is sorted), and how many do. */
const struct symbol *symbols_at(const struct image *image, GElf_Addr address, size_t *count);

/* The next symbol called `name` after `after` (NULL: the first), in address order, or NULL. Several local symbols of
 * different units may share a name. */
const struct symbol *symbol_named(const struct image *image, const char *name, const struct symbol *after);

/* The size of a symbol that starts at `address`, or 0 when none has one. */
GElf_Xword symbol_size_at(const struct image *image, GElf_Addr address);

/* Opens `binary` for the proof (its ELF, DWARF, symbols, segments and a disassembler). Returns 0, or -1 with *error
 * saying why its code cannot be read; close_image() is called either way. */
int open_image(const char *binary, struct image *image, char **error);
void close_image(struct image *image);

#endif
