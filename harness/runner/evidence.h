/* evidence.h: what each process's own TSan log proves, and what it fails to prove.
 *
 * The evidence that TSan watched is tied to the processes the harness followed (trace.h), never to text on a shared
 * stream: each instrumented image must have its own log, with the runtime's start (banner), its finish (the
 * allocator Stats printed at exit) and its own count of reports, or the verdict is "cannot check". An image without
 * TSan never lends or borrows that proof. */
#ifndef TSAN_VERIFY_EVIDENCE_H
#define TSAN_VERIFY_EVIDENCE_H

#include "process/trace.h"
#include "report/report.h"
#include "report/verdict.h"
#include "source/markers.h"

#include <stdbool.h>
#include <stddef.h>

/* One line of TSan's "Matched N suppressions" list. */
struct matched_suppression {
  char *rule; /* "race:update" */
  long count; /* how many reports it hid */
  long pid;
  bool declared; /* the case declared it (a suppressions= file of its own tsan-options) */
};

struct process_log {
  const struct process_image *image; /* in the run's process table */
  bool present;                      /* the log file existed */
  size_t bytes;
  char *text;          /* the whole log, kept for -v */
  struct tsan_log log; /* its reports move to the merged log (evidence_merge); report_count stays */
  size_t report_count;
  bool multithreaded_fork;  /* a fork of a process that had other threads: TSan ignores the child from there on */
  long fork_parent_threads; /* the threads its parent had at the fork, as the runtime counts them */
  char *parse_error;        /* "line N: ..." or NULL */
  size_t suppressions_from, suppressions_to; /* this image's rows of evidence.suppressions */
};

struct evidence {
  struct process_log *logs;
  size_t count;
  struct matched_suppression *suppressions;
  size_t suppression_count;
  size_t suppression_capacity;
  char **stray_logs;        /* log files in the folder that belong to no image the harness followed, NULL-terminated */
  bool binary_sets_options; /* the program defines its own __tsan_default_options */
  bool binary_sets_suppressions; /* ... or __tsan_default_suppressions */
};

/* What the run asked of TSan, needed to judge each log. */
struct evidence_rules {
  long exitcode;       /* TSan's exitcode option (66) */
  long ubsan_exitcode; /* clang's runtime also takes UBSAN_OPTIONS's exitcode; -1 when not set */
  bool halt_on_error;
  char **declared_rules; /* "race:update" lines of the case's own suppressions files, NULL-terminated */
  /* The TSAN_OPTIONS and UBSAN_OPTIONS the harness gave the program: every instrumented image must run with them
   * (an image without UBSAN_OPTIONS runs with TSAN_OPTIONS's pinned values, which nothing parsed later changes). */
  const char *tsan_options;
  const char *ubsan_options;
  /* Where the suppressions in force come from ("the suppressions file F of the user's TSAN_OPTIONS", the case's own
   * file, or the program's __tsan_default_suppressions), or NULL: an image that ends before TSan's finalization never
   * lists what they hid, so not even the case's own rules can be credited with what they hid there. */
  const char *suppressions_source;
  /* The case's expect-tsan-dies markers: a process the runtime kills with one of these words is no loss of
   * watching, and each must be seen in some process's log. */
  const struct marker *expected_deaths;
  size_t expected_death_count;
  /* The case's `// tsan-hides: multithreaded-fork -- reason`, or NULL: a child of a multithreaded fork that runs
   * on without an exec runs unwatched (tsan_rtl.cpp ForkChildAfter), which only a case that means it may do. */
  const struct declared_hiding *multithreaded_fork;
};

/* Reads and parses the log of every image in `table`, at most `limit` bytes each (a longer log is lost output, and
 * says so). Never fails: a missing or damaged log is recorded for evidence_check. */
void evidence_collect(const struct process_table *table, size_t limit, struct evidence *evidence);
/* Adds a diagnostic for every image whose log does not prove it was watched to the end, and for every report hidden
 * by a suppression the case did not declare (marking each matched suppression declared or not). `path` names the case
 * in messages; `stderr_text` (the program's stderr) is quoted when the runtime never got as far as its log. */
void evidence_check(struct evidence *evidence, const struct evidence_rules *rules, const char *path,
                    const char *stderr_text, struct verdict *verdict);
/* Moves every image's reports into `merged` (the program's, then its children's, in the order they started), with
 * the root's start/finish facts; the evidence keeps everything else. */
void evidence_merge(struct evidence *evidence, struct tsan_log *merged);
/* The rules of the suppressions file a tsan-options string gives (its last suppressions=, as the runtime reads it;
 * comments and blank lines left out). */
char **declared_suppression_rules(const char *case_options);
void evidence_free(struct evidence *evidence);

#endif
