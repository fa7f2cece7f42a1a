/* dwarfinfo.h: what a binary's DWARF says about the source files it was built from, read with elfutils' libdw.
 *
 * Each compile unit has its DW_AT_comp_dir and a line table that names every file whose lines it holds. A frame that
 * TSan prints comes from one unit (the one whose code holds the frame's address), and names one of that unit's files
 * as the symbolizer renders it (the file's directory joined with its name). DWARF 5 line tables may also record each
 * file's MD5 (clang does; gcc 12 does not): the content of the file the compiler read, whatever its name. */
#ifndef TSAN_VERIFY_DWARFINFO_H
#define TSAN_VERIFY_DWARFINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One file of a compile unit's line table. */
struct dwarf_source {
  char *path;     /* as a symbolizer renders it: its directory joined with its name (may be relative) */
  char *resolved; /* absolute: `path`, or DW_AT_comp_dir joined with it; NULL when neither is absolute */
  bool has_md5;   /* DWARF 5 DW_LNCT_MD5 */
  unsigned char md5[16];
};

struct dwarf_unit {
  char *name;     /* DW_AT_name */
  char *comp_dir; /* DW_AT_comp_dir, or NULL */
  char *producer; /* DW_AT_producer ("clang version 14.0.6", "GNU C17 12.2.0 -mtune=generic ..."), or NULL */
  uint64_t die_offset;
  void *cu; /* Dwarf_CU *: the unit, and of a -gsplit-dwarf skeleton its split unit (dwarf_cu_info) */
  struct dwarf_source *sources;
  size_t source_count;
};

struct dwarf_info {
  int fd;
  void *dwarf; /* Dwarf * */
  struct dwarf_unit *units;
  size_t unit_count;
};

/* A unit's or a line table's file name as a path: absolute as written, else under the unit's DW_AT_comp_dir (when it
 * has none, the name as it is). Allocated. */
char *dwarf_file_path(const char *name, const char *comp_dir);

/* Reads every compile unit of the ELF file at `path`. Returns 0; -1 with *error when the file cannot be opened or has
 * no DWARF at all (built without -g, or stripped). */
int dwarf_info_open(const char *path, struct dwarf_info *info, char **error);
/* The compile unit whose code holds `address` (a module offset as TSan prints it: "prog+0x1234"), or NULL. */
const struct dwarf_unit *dwarf_info_unit_at(const struct dwarf_info *info, uint64_t address);
/* Whether `unit` has a function (DW_TAG_subprogram, defined or inlined there) named `function` ("f", or for C++ the
 * last part of "ns::f(int)", as TSan prints it). */
bool dwarf_info_unit_has_function(const struct dwarf_info *info, const struct dwarf_unit *unit, const char *function);
/* Whether the unit's line program gives code lines to its file `source` (gcc also names files that only declarations
 * point to, such as its built-in declarations' "<built-in>", which is no file). */
bool dwarf_info_source_has_lines(const struct dwarf_info *info, const struct dwarf_unit *unit,
                                 const struct dwarf_source *source);
/* One source line the DWARF gives the code at an address, as a symbolizer reads it: at `depth` 0 the line table's row
 * for the address, then, innermost first, the line of each inlined call around that code (the frames TSan prints
 * for one address, innermost first). */
struct dwarf_code_place {
  size_t depth;
  const struct dwarf_source *source; /* the unit's source of that line, or NULL when the unit lists no such file */
  int line;
};
/* Every place `unit`'s DWARF gives the code at `address`: at depth 0 each row the line table holds at the address of
 * the row that covers it (symbolizers take different ones of rows that share an address), then one place per
 * inlined call. Returns how many places (0: the line table covers no such address) and sets *depths to the number
 * of depths; the caller frees *places. */
size_t dwarf_info_code_places(const struct dwarf_unit *unit, uint64_t address, struct dwarf_code_place **places,
                              size_t *depths);
void dwarf_info_close(struct dwarf_info *info);

#endif
