/* compile_units.h: the compile units of a binary's DWARF: their functions, ranges, recorded flags and variables. */
#ifndef TSAN_VERIFY_COMPILE_UNITS_H
#define TSAN_VERIFY_COMPILE_UNITS_H

#include "proof/off_flags.h"
#include "proof/program_scan.h"
#include <sys/stat.h>

/* One compile unit's walk over its functions (dwarf_getfuncs with visit_function). */
struct unit_walk {
  const struct image *image;
  struct instrumentation *facts;
  struct program_scan *scan;
  const char *file;     /* the file under test, or NULL for another unit */
  bool judge_stores;    /* whether a store without its hook is a gap in this unit (stores_need_hooks) */
  const char *off_flag; /* the unit's recorded flag that turns TSan's instrumentation off, or NULL */
  bool any_tsan_call, any_code_to_watch;
  char **names; /* another unit's functions, NULL-terminated: what an `in FUNCTION` marker may name */
  /* Another unit's functions TSan's pass left out, whole or in part (function_gap): in a unit that is instrumented
   * otherwise, they are the program's code that TSan did not watch (no_sanitize("thread") on one function). */
  struct function_facts *gaps;
  size_t gap_count, gap_capacity;
};

/* The file a compile unit was made from, as a path the harness can stat: DW_AT_name, against DW_AT_comp_dir when
 * relative. */
char *unit_path(Dwarf_Die *unit, Dwarf_Die *skeleton);

/* Whether two paths name one file (the same device and inode): a path is never compared as text. */
bool same_file(const char *a, const struct stat *b);

/* Whether every store outside the frame in this unit's TSan-instrumented code must follow its own hook: true of
 * clang's units, whose pass turns each memset, memcpy and memmove into a call (ThreadSanitizer.cpp,
 * instrumentMemIntrinsic) before the backend could expand it. gcc's pass leaves those builtins alone (tsan.cc
 * instruments the __atomic and __sync builtins only), so gcc -O1 and above expands a small memset of a global into
 * plain stores no hook announces, in a build that is not wrong: its units are judged by the other rules only. The
 * compiler is read from the unit itself (DW_AT_producer). */
bool stores_need_hooks(Dwarf_Die *unit);

/* The flag the unit's recorded command line turns TSan's instrumentation off with, or NULL: DW_AT_producer, where
 * gcc records its flags by default (gcc dwarf2out.cc, gen_producer_string) and clang with -grecord-gcc-switches
 * (clang's DwarfDebugFlags). */
char *recorded_off_flag(const struct off_flag_rules *rules, Dwarf_Die *unit);

/* Reads one function of the unit `arg` (a struct unit_walk) walks: its ranges, its code (function_scan.h), and
 * whether it holds anything TSan watches. */
int visit_function(Dwarf_Die *die, void *arg);

/* Frees the gaps a walk gathered (those not taken into the facts). */
void unit_walk_free_gaps(struct unit_walk *walk);
/* Moves the gaps of a unit TSan instrumented but for some of its functions (no_sanitize("thread") on one, an
 * ignorelist's fun: entry) into `facts`, as functions of the file `path` outside the files under test, judged whole:
 * was each instrumented at all, with entry, exit, access hooks and atomics, with no flag that turns TSan off recorded;
 * never access by access (the walk in address order does not follow an optimized unit's control flow: the reading
 * of single stores and loads is for the files under test). */
void unit_walk_take_gaps(struct unit_walk *walk, const char *path, struct instrumentation *facts);

/* Lists an uninstrumented unit with its functions (`names`, taken) and its recorded off flag (or NULL). */
void add_unit(char ***units, char ****unit_functions, char ***unit_flags, const char *path, char **names,
              const char *off_flag);

/* The address ranges of a unit's global variables (DW_TAG_variable children of the unit located by DW_OP_addr, with
 * the size of their type): the program's own data, where a table of function pointers lives. */
void read_variable_ranges(Dwarf_Die *unit, struct ranges *variables);

#endif
