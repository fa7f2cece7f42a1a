/* sourceid.h: which source file a frame of a TSan report is in, decided from the binary that ran.
 *
 * TSan prints a frame's file as the symbolizer renders it from the line table: with -ffile-prefix-map, or a file
 * compiled from inside its folder, that is "./counter.c" or "counter.c", the same for a library's src/counter.c and a
 * test's tests/counter.c. A name alone never says which. So a frame is placed by its address: "prog+0x1234" lies in
 * one compile unit of `prog` (its DWARF), and that unit's line table says which of its files the printed path is —
 * resolved against the unit's DW_AT_comp_dir, never against the harness's working folder — and, where the compiler
 * recorded it (DWARF 5, clang), that file's MD5. Real path first; then content; a frame no reading places for sure is
 * "unresolved", and a verdict that depends on it is cannot check. */
#ifndef TSAN_VERIFY_SOURCEID_H
#define TSAN_VERIFY_SOURCEID_H

#include "binary/dwarfinfo.h"
#include "report/report.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* The case file as it is now. */
struct case_file {
  char *path;
  char *real; /* realpath, or NULL when it cannot be resolved */
  const char *base;
  unsigned char md5[16];
  bool has_md5; /* the file could be read */
  struct timespec modified;
};

/* One ELF file the run executed; frames name it by its base name. */
struct source_module {
  char *path;
  const char *base;
  char *alias; /* a library's: the name the program asked the loader for (its DT_SONAME, libpool.so.0 for the file
                  libpool.so.0.0.0), which TSan's frames name; or NULL */
  bool opened; /* its DWARF was read (or found missing) */
  bool has_dwarf;
  struct dwarf_info dwarf;
};

struct source_identity {
  struct case_file case_file;
  struct source_module *modules;
  size_t module_count;
  size_t module_capacity;
  /* The project's shared libraries the processes loaded (their DWARF names sources here): read for the sources a
   * marker pins (`at FILE:LINE` in a library's file) and to place a frame in them, never taken for an executable. */
  struct source_module *libraries;
  size_t library_count;
  size_t library_capacity;
};

enum frame_place {
  FRAME_ELSEWHERE,  /* in another file than the case */
  FRAME_IN_CASE,    /* in the case file */
  FRAME_UNRESOLVED, /* the frame's path cannot be resolved to one file: it may be the case or not */
};

/* Reads the case file (its real path, MD5 and time). Returns -1 with *error when it cannot be read. */
int case_file_read(const char *path, struct case_file *file, char **error);
void case_file_free(struct case_file *file);

/* Starts an identity for the case at `case_path`; returns -1 with *error when it cannot be read. */
int source_identity_init(struct source_identity *identity, const char *case_path, char **error);
/* Adds an executable the run ran (the program, each image's exe); its DWARF is read the first time a frame needs it. */
void source_identity_add_module(struct source_identity *identity, const char *elf_path);
/* Adds one of the project's shared libraries the processes loaded (source_identity.libraries), which frames name by
 * its file's base name or by `alias` (its DT_SONAME; NULL: none). Its DWARF places a frame's relative path. */
void source_identity_add_library(struct source_identity *identity, const char *elf_path, const char *alias);
/* The module's DWARF, read now unless it was read before (one reading serves frames, pins and staleness); NULL when it
 * has none. */
const struct dwarf_info *source_module_dwarf(struct source_module *module);
/* What the DWARF of the executable a frame lies in says of its address: TSan printed no file:line for it, and this
 * says why. An executable is one the run ran (source_identity_add_module); any other module is a library. */
enum frame_debug_info {
  FRAME_NOT_IN_AN_EXECUTABLE, /* a shared library (or a module of an ambiguous name) */
  FRAME_MODULE_WITHOUT_DWARF, /* the executable has no DWARF: built without -g, or stripped */
  FRAME_ADDRESS_WITHOUT_UNIT, /* it has DWARF, but no compile unit holds the address: code built without -g */
  FRAME_ADDRESS_IN_UNIT,      /* a compile unit holds it: the symbolizer failed to read it */
};
enum frame_debug_info source_identity_debug_info(struct source_identity *identity, const struct tsan_frame *frame);
/* Settles each frame of `log` that reads two ways ("X:A:B": file X, line A, column B; or file "X:A", line B, without a
 * column): the reading whose file the compile unit at the frame's address names (else, without DWARF, the absolute
 * path that exists) is taken, and the frame rewritten to it. When both readings name a file, the frame stays
 * undecided, and source_identity_place calls it unresolved. */
void source_identity_settle_locations(struct source_identity *identity, struct tsan_log *log);
/* Where `frame` is. With FRAME_UNRESOLVED, *why (when given) says why, for a message; the caller frees it. */
enum frame_place source_identity_place(struct source_identity *identity, const struct tsan_frame *frame, char **why);
/* The same, for another file than the case (a source a marker pins with `at FILE:LINE`). */
enum frame_place source_identity_place_in(struct source_identity *identity, const struct case_file *file,
                                          const struct tsan_frame *frame, char **why);
/* Every source file the DWARF of the identity's modules and libraries names whose path is `suffix` or ends with "/" and
 * `suffix`,
 * each once (by its real path when it is on this machine). Returns how many; the caller frees *paths and each. */
size_t source_identity_find_sources(struct source_identity *identity, const char *suffix, char ***paths);
void source_identity_free(struct source_identity *identity);

#endif
