/* program_scan.h: what the walk over the program's code gathers: calls into the runtime, code targets, names. */
#ifndef TSAN_VERIFY_PROGRAM_SCAN_H
#define TSAN_VERIFY_PROGRAM_SCAN_H

#include "proof/code_image.h"
#include "proof/instrumentation_facts.h"

/* What the walk over the program's code gathers beyond the facts: the strings its code points at that name a
 * function of the runtime's interface that hides reports, and whether it looks functions up by name. */
struct named_call {
  char *name, *holder; /* the string, and the function whose code points at it */
};

/* A place in the code that a function of a file under test calls, jumps to or takes the address of: what it
 * reaches must be a function some compile unit describes, a library's (through the PLT), or the runtime's. */
struct code_target {
  GElf_Addr address;
  const char *file;   /* the file under test the reference came from */
  const char *caller; /* the function of that file that makes it */
};

/* The function ranges (in program_scan.described) of a compile unit without TSan instrumentation. */
struct unit_span {
  size_t unit; /* its index in facts->uninstrumented_units */
  size_t first, end;
};

/* The walk over all the program's code: the facts it fills, and what it gathers for the later steps. */
struct program_scan {
  struct instrumentation *facts;
  struct code_target *targets;
  size_t target_count, target_capacity;
  struct ranges described; /* every function range the program's DWARF describes */
  struct ranges variables; /* where the program's own global variables lie, by its DWARF */
  struct unit_span *spans; /* where the uninstrumented units' functions lie */
  size_t span_count, span_capacity;
  const char *lookup;  /* dlsym or dlvsym, when the program's code calls one */
  char *lookup_caller; /* the first function that calls it */
  struct named_call *named;
  size_t named_count, named_capacity;
};

/* A reference to a function of the runtime's interface that hides reports, of `kind`, from `caller` (taken). */
void add_hiding_call(struct instrumentation *facts, enum hiding_kind kind, const char *callee, char *caller);

/* One call (or jump out of the function) reaching `callee`. */
void note_callee(struct function_facts *function, const char *callee, struct program_scan *scan);

/* Frees what the walk gathered (not its facts). */
void program_scan_free(struct program_scan *scan);

/* A function of a shared library (through a PLT stub or a GOT slot) that a file under test calls: facts->library_calls
 * "name (from FILE's FUNCTION)". */
void note_library_call(const struct function_facts *function, const char *callee, struct program_scan *scan);

/* A code address a function of a file under test reaches, to be followed (reachability.h). */
void note_code_target(const struct function_facts *function, GElf_Addr address, struct program_scan *scan);

/* An address the program's code computes (`lea`, a load from the GOT, an immediate): the address of a runtime
 * function, its GOT slot, or a string naming one, which a later dlsym may turn into a call. */
void note_address(const struct image *image, const struct function_facts *function, GElf_Addr address,
                  bool address_taken, struct program_scan *scan);

#endif
