/* verify.h: one case from source (or binary) to verdict: compile, run, parse, check. */
#ifndef TSAN_VERIFY_VERIFY_H
#define TSAN_VERIFY_VERIFY_H

#include "binary/toolchain.h"
#include "process/run.h"
#include "report/report.h"
#include "report/verdict.h"
#include "runner/evidence.h"
#include "runner/runtime_options.h"
#include "source/markers.h"

struct verify_request {
  const char *case_path;
  const char *binary;    /* an already built program, or NULL to compile case_path */
  const char *compiler;  /* for compiling; NULL: $CC, else "clang" */
  const char *opt_level; /* "-O1" when NULL */
  const char *cflags;    /* replaces "-fsanitize=thread -g -pthread" when not NULL (split on spaces) */
  /* More flags, each one word taken whole (--cflag: a flag with blanks or quotes, a response file @FILE), after the
   * words of cflags (or the defaults, when the harness builds the case), NULL-terminated, or NULL. With `binary`,
   * cflags and these are the flags it was built with; neither given, they are unknown. */
  char *const *cflag_words;
  const char *toolchain; /* "clang-14", "gcc-12"; NULL: ask the compiler, or read the binary */
  double timeout_seconds;
  size_t capture_limit;
  char *const *program_args; /* arguments for the program, NULL-terminated, or NULL */
  /* Files besides the case whose code TSan must have instrumented (--instrumented), NULL-terminated, or NULL. Those
   * that hold markers are marker files too. */
  char *const *instrumented_files;
  /* Other sources of the program whose expect-tsan markers the verdict checks besides the case's (--markers), NULL-
   * terminated, or NULL. Each is under test. verify_case adds every other source the program's DWARF names that holds
   * markers (tsan-verify EXE, and --binary). */
  char *const *marker_files;
  /* "NAME=VALUE" entries set for the program (a libtool wrapper's LD_LIBRARY_PATH), NULL-terminated, or NULL. */
  char *const *program_environment;
  /* Run without the suppressions= of the case's tsan-options: the run that shows what they hid (suppressed.h). */
  bool without_case_suppressions;
  /* tsan-verify EXE: the markers were looked for in every source the program's DWARF names, so each of them is one
   * the verdict depends on (staleness.h). */
  bool markers_from_every_source;
  /* The build's record of the compiler's readings of the case and its marker files (--reading; reading_record.h), or
   * NULL: a reading it keeps that still stands is used instead of starting the compiler again. */
  const char *reading_record;
  /* Its text, read by verify_case before anything else of the case (callers leave these unset): what the checks then
   * trust of it are bytes the program had no chance to write. NULL when there is no record or it cannot be read. */
  const char *reading_record_text;
  size_t reading_record_length;
};

struct case_result {
  struct case_spec spec;
  struct toolchain toolchain;
  char *binary;       /* the program given to check (--binary), or NULL when the harness built it */
  char *tsan_options; /* what the program ran with (runtime_options.h) */
  char *ubsan_options;
  bool ran;
  struct run_result run;
  struct tsan_log log;      /* every process's reports, merged */
  struct evidence evidence; /* each process's own log, and the suppressions that matched */
  struct verdict verdict;
  bool *report_touches; /* per report of `log`, in a run without_case_suppressions: report_touches_markers */
  int interrupted_by;   /* SIGINT/SIGTERM received while running; temporary files are already removed */
};

/* 8 MiB of everything per stream, then TSan's lines only: at most ~80 MiB held for both streams. */
enum { DEFAULT_TIMEOUT_SECONDS = 30, DEFAULT_CAPTURE_LIMIT = 8 * 1024 * 1024 };

/* Always fills `result` (free it with case_result_free) and returns its outcome. A case_path that is an ELF program is
 * checked against the source files its DWARF names that hold markers, the first as the case (`tsan-verify EXE`); a
 * binary's other sources that hold markers are marker files the same way (`--binary EXE CASE.c`); a case_path or
 * binary that is a libtool wrapper script is replaced by the program it runs, with its library path
 * (libtool_wrapper.h). */
enum outcome verify_case(const struct verify_request *request, struct case_result *result);
void case_result_free(struct case_result *result);
/* --write-reading: writes to `record_path` the compiler's reading of the case and of each marker file the request
 * names or the binary's DWARF holds, as a check of the same request reads them (compiler_reading.h). Returns 0, or -1
 * with *error (and *interrupted_by when a signal from outside stopped it). */
int verify_write_reading(const struct verify_request *request, const char *record_path, int *interrupted_by,
                         char **error);

/* The classify hook of a traced run (run.h): 1 when the executable holds a TSan runtime, 0 when not, -1 when it
 * cannot be read. */
int image_is_instrumented(const char *exe_path, void *context);
/* The per-process proof that TSan watched a traced run to its end: no timeout, every instrumented image's own log
 * complete and consistent with its exit (evidence_check, with the rules the runtime `options` set and the
 * suppressions and deaths the case `spec` declares; NULL: none), no survivor. Adds a diagnostic naming `path` for each
 * thing that does not hold. What check mode and the scorer's TSan runs (detect.c) both require. */
void check_watched(const struct run_result *run, double timeout_seconds, const struct runtime_options *options,
                   const struct case_spec *spec, const char *path, struct evidence *evidence, struct verdict *verdict);

/* What `--repeat N` found: how many runs gave a verdict other than run 1's, and the first such run. */
struct repeat_summary {
  unsigned runs_done;      /* fewer than asked when run 1 could not be checked, was skipped, or was interrupted */
  unsigned flips;          /* runs whose verdict differs from run 1's */
  unsigned first_flip_run; /* 1-based; 0 when no run differs */
  char *first_flip;        /* one line naming that run and both verdicts; NULL when no run differs */
  /* That run whole (diagnostics, each process's TSan log): a flip seen once in hundreds of runs must be
   * explainable from what was printed, since it may never come back. NULL when no run differs. */
  struct case_result *first_flip_result;
};

/* What must stay the same from run to run, as one line: the outcome, the set of markers hit (each named by its kind
 * and line, or its pin), and the set of reports no marker expects (by kind and the frame they blame). Sets, not
 * lists: runs that report the same races in another order, or a race twice, say the same. The caller frees it. */
char *verdict_fingerprint(const struct case_result *result);
/* Runs the case `runs` times. Fills `first` with run 1 and `summary` with every later run whose verdict
 * (verdict_fingerprint) differs from run 1's; returns OUTCOME_NOT_MET when one does.
 * Free the summary with repeat_summary_free. */
enum outcome verify_repeated(const struct verify_request *request, unsigned runs, struct case_result *first,
                             struct repeat_summary *summary);
void repeat_summary_free(struct repeat_summary *summary);
#endif
