/* runtime_options.h: the options the harness gives TSan's runtime, through every variable the runtime reads.
 *
 * The runtime reads its options from four places, the later overriding the earlier (tsan_flags.cpp,
 * InitializeFlags): the program's __tsan_default_options(), its __ubsan_default_options() (clang, whose TSan runtime
 * holds UBSan: TSAN_CONTAINS_UBSAN), TSAN_OPTIONS, and last UBSAN_OPTIONS (clang: the UBSan parser registers the
 * common flags too, so verbosity, log_path, exitcode, suppressions, print_suppressions... given there win). gcc's
 * libtsan reads only the first and TSAN_OPTIONS.
 *
 * So the harness reads the user's TSAN_OPTIONS and UBSAN_OPTIONS as the runtime does (options.h), writes them back,
 * and ends both with the options it pins. An allow-list, not a deny-list: every option the runtimes know is
 * classified (runtime_options.c): forced (what the checks cannot work without: a log per process, the start and
 * finish proof, full symbolized paths, the list of matched suppressions, TSan's own stack layout), harmless (the
 * user's value stays: atexit_sleep_ms, flush_symbolizer_ms, history_size from 3 on), or pinned to TSan's default,
 * unless the case declares its own value in its `// tsan-options:`. A user's option the harness cannot pin (one it
 * does not know, or one not every runtime knows) is left out, so the runtime keeps its own default. Nothing parsed
 * earlier, a default-options function compiled into the program included, can change a pinned option. */
#ifndef TSAN_VERIFY_RUNTIME_OPTIONS_H
#define TSAN_VERIFY_RUNTIME_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

struct runtime_options {
  char *tsan_options;         /* TSAN_OPTIONS for the program */
  char *ubsan_options;        /* UBSAN_OPTIONS for the program */
  long exitcode;              /* the exitcode every process runs with */
  bool halt_on_error;         /* only when the case declares it */
  char *suppressions;         /* the suppressions file every process reads; "" for none */
  bool suppressions_declared; /* ... and it is the case's own */
  char *user_log_path;        /* the user's log_path (TSAN_OPTIONS, then UBSAN_OPTIONS), or NULL */
  char *overridden; /* "halt_on_error=1 (TSAN_OPTIONS), exitcode=0 (UBSAN_OPTIONS)": the user's values the runtime
                       does not get (pinned to TSan's defaults, or left out), in the user's order; NULL when none */
};

/* Builds the options from the user's variables (NULL: unset) and the case's tsan-options (NULL: none); every process
 * logs to log_prefix.PID (NULL: to stderr). Returns 0, or -1 with *error when the runtime could not read one of them
 * (the runtime's own reason: the program could not start under TSan). */
int runtime_options_build(const char *user_tsan, const char *user_ubsan, const char *case_options,
                          const char *log_prefix, struct runtime_options *options, char **error);
void runtime_options_free(struct runtime_options *options);

#endif
