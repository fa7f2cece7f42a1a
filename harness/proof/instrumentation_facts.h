/* instrumentation_facts.h: the facts the proof of instrumentation reads from a binary (instrumentation.h), the one
 * data type between its layers: each function of the files under test, the program's own libraries, and what in
 * the program hides reports. */
#ifndef TSAN_VERIFY_INSTRUMENTATION_FACTS_H
#define TSAN_VERIFY_INSTRUMENTATION_FACTS_H

#include "source/markers.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* One function with code of a compile unit of a file under test. */
struct function_facts {
  char *name;
  char *file;               /* the file under test it belongs to (as given to instrumentation_read) */
  size_t line;              /* where it is declared, 0 when DWARF does not say */
  bool calls_func_entry;    /* calls __tsan_func_entry: TSan's function entry/exit instrumentation */
  bool calls_access_hook;   /* calls a TSan memory-access hook: __tsan_read4, __tsan_atomic32_load, ... */
  bool makes_calls;         /* calls anything else, directly, through the PLT or a pointer */
  char *writes_global;      /* a writable global it touches (its symbol, or its address), or NULL */
  char *accesses_memory;    /* its first access to memory that is neither its stack frame nor constant data (a global
                               through the GOT, a pointer), described, or NULL */
  bool hooks_every_access;  /* its unit's pass gives every such access a hook of its own (clang: ThreadSanitizer.cpp
                               leaves out constant data and non-escaping locals only, and no backend pass adds
                               accesses after it); gcc expands memset and memcpy into plain stores after its pass */
  char *atomic_instruction; /* its first atomic instruction (lock prefix, xchg with memory, cmpxchg, xadd),
                               described, or NULL: TSan's passes turn every atomic into a __tsan_atomic* call */
  char *unhooked_store;     /* its first store to memory outside its frame that no TSan write hook announces (in a
                               clang unit: none before it since its previous call, or one told of another address;
                               in a gcc unit: one told of the same base at another index, or a read hook told of that
                               very address), described, or NULL */
  char *unhooked_load;      /* in a clang unit, its first load of a writable global that no TSan hook in the function
                               was told of, described, or NULL */
  char *undecodable;        /* where its code holds an instruction the disassembler does not know, or NULL */
  bool undescribed;         /* code no compile unit's DWARF describes (assembly, an object built without -g) that a
                               function of a file under test calls or takes the address of; `line` is 0 */
  bool outside_files_under_test; /* a function of another unit of the program that TSan instrumented otherwise:
                                    `file` is that unit's source, and only its gaps are listed */
  char *off_flag;                /* the flag its compile unit's recorded command line (DW_AT_producer) turns TSan's
                                    instrumentation off with (proof/off_flags.h), when it has code TSan watches; or NULL */
};

/* A reference from the program's code to a function of the runtime's interface that hides reports
 * (proof/runtime_interface.h: neither instrumentation nor known harmless): a call, its address taken, or its name
 * held for dlsym/dlvsym. `kind` is the `tsan-hides:` kind that declares it: one that stops watching
 * (AnnotateIgnoreReadsBegin: HIDES_IGNORE_ANNOTATIONS), orders accesses on the program's word alone (__tsan_acquire:
 * HIDES_SYNC_ANNOTATIONS), switches fibers, forgets memory (__tsan_flush_memory), or anything else. */
struct hiding_call {
  enum hiding_kind kind;
  char *callee;
  char *caller; /* the function that calls it, "?" when DWARF does not say; how, when it goes by name */
};

/* A shared object of the program's own: a DT_NEEDED found in its DT_RUNPATH or DT_RPATH folders, or named by a
 * path. The system's libraries (libc, libtsan) are found in the loader's default folders and are not listed: the
 * runtime intercepts what matters of them. */
struct library_facts {
  char *path;
  char *needed;      /* the name the program asks the loader for (DT_NEEDED) */
  bool instrumented; /* its code read: no unit of it lacks TSan where TSan owes hooks; not read:
                        it imports a TSan hook or carries the runtime (a TSan program) */
  char *own_source;  /* a source file its DWARF names that exists here, or NULL */
  bool program;      /* an executable a process ran (it names a program interpreter, PT_INTERP), not a shared library */
  bool code_read;    /* its DWARF and code could be read (x86-64, with DWARF) */
  char **uninstrumented_units;           /* its compile units with code and not one TSan call, or whose recorded
                                            flags turn TSan's instrumentation off, NULL-terminated */
  char ***uninstrumented_unit_functions; /* for each of those units, the names of its functions, NULL-terminated */
  char **uninstrumented_unit_flags;      /* for each of those units, the recorded flag that turns TSan's
                                            instrumentation off, or "" when none is recorded */
  char **exported_functions;             /* the functions its dynamic symbol table defines: what a library without
                                            DWARF shows of its code, NULL-terminated */
};

struct file_identity {
  dev_t device;
  ino_t inode;
};

struct instrumentation {
  struct function_facts *functions;
  size_t function_count, function_capacity;
  char **files_without_unit;             /* files under test the binary has no compile unit for, NULL-terminated */
  char **uninstrumented_units;           /* other compile units with code and not one TSan call, or whose recorded
                                            flags turn TSan's instrumentation off, NULL-terminated */
  char ***uninstrumented_unit_functions; /* for each of those units, the names of its functions, NULL-terminated */
  char **uninstrumented_unit_flags;      /* for each of those units, the recorded flag that turns TSan's
                                            instrumentation off, or "" when none is recorded */
  char **uninstrumented_unit_callers;    /* for each of those units, "case.c's main reaches its bump" when a
                                            function of a file under test calls one of its functions or takes its
                                            address, or "" */
  struct hiding_call *annotations;
  size_t annotation_count, annotation_capacity;
  char **report_hooks;               /* runtime hooks the program defines itself (OnReport, ...), NULL-terminated */
  char **default_options;            /* __tsan_default_options, __ubsan_default_options defined by the program */
  char *default_suppressions;        /* the rules of the program's own __tsan_default_suppressions, read from its code
                                        (the runtime parses them after the suppressions file: tsan_suppressions.cpp,
                                        InitializeSuppressions), or NULL */
  char *default_suppressions_unread; /* why the program's __tsan_default_suppressions could not be read, or NULL */
  struct library_facts *libraries;   /* the program's own shared objects */
  size_t library_count, library_capacity;
  /* The files a process loaded that were read and show no source of this machine (libc, the runtime, TSan's
   * symbolizer and its libraries), by device and inode: each is read once however many processes load it. */
  struct file_identity *dropped_files;
  size_t dropped_count, dropped_capacity;
  char **report_redirects; /* "__sanitizer_set_report_path (in main)": calls that send the runtime's reports
                              elsewhere than its log_path, NULL-terminated */
  char **replaced_hooks;   /* TSan hooks the program's own link defines in place of the runtime's: an alias of another
                              function, a definition of the program's, or one no runtime archive holds, NULL-terminated */
  char **library_calls;    /* the shared libraries' functions the files under test call (through the PLT or a GOT
                              slot), NULL-terminated */
  char *runtime_unknown;   /* for a program with the runtime linked in: why the runtime's functions cannot be told
                              from the program's (no archive on this machine matches), or NULL */
};

void instrumentation_free(struct instrumentation *facts);
void library_facts_free(struct library_facts *library);
void function_facts_free(struct function_facts *function);

/* What TSan's pass left out of a function that has something it instruments. Both compilers give every function
 * that calls anything an entry/exit pair (LLVM ThreadSanitizer.cpp, sanitizeFunction: "Res || HasCalls"; gcc
 * tsan.cc, instrument_memory_accesses: every call statement counts), and every access to a writable global a hook
 * (LLVM skips constant data only; gcc read-only declarations only). */
enum instrumentation_gap {
  GAP_NONE,
  GAP_RECORDED_OFF, /* its compile unit's recorded flags turn TSan's instrumentation off (off_flag): the compiler's
                       own record, whatever its code shows */
  GAP_EVERYTHING,   /* no TSan call at all: built without -fsanitize=thread, or gcc's no_sanitize("thread") */
  GAP_ACCESSES,     /* a writable global touched without any access hook, or in a clang unit any memory outside the
                       frame and constant data: clang's no_sanitize("thread"), an ignorelist,
                       -fno-sanitize-thread-memory-access */
  GAP_ENTRY_EXIT,   /* calls without __tsan_func_entry: -fno-sanitize-thread-func-entry-exit; TSan's stacks miss it */
  GAP_ATOMICS,      /* an atomic instruction left in the code: -fno-sanitize-thread-atomics,
                       -mllvm -tsan-instrument-atomics=0 */
  GAP_UNREADABLE,   /* an instruction the disassembler does not know: what it accesses cannot be told */
  GAP_LOADS,        /* a load of a global no hook in the function was told of: inline assembly, an atomic load left
                       plain (-fno-sanitize-thread-atomics) */
  GAP_STORES,       /* a store no hook announces in a function TSan instrumented: a memset/memcpy the backend expanded
                       inline (-mllvm -tsan-instrument-memintrinsics=0), or accesses left out one by one */
};
enum instrumentation_gap function_gap(const struct function_facts *function);

/* NULL-terminated lists of strings, as the facts hold them: append `text` (taken), look one up, free the list and
 * its strings. */
void push_string(char ***list, char *text);
bool list_holds(char **list, const char *text);
void free_list(char **list);

#endif
