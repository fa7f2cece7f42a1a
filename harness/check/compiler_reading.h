/* compiler_reading.h: the compiler's own reading of the case and of each marker file (`cc FLAGS -E -C`, line markers
 * and comments kept), held against the markers' reader's reading of the same files (linemap.c): a marker in code the
 * compiler skips, or on a line it counts as another, is cannot check with its own file and line.
 *
 * The reading needs nothing of the build, and costs a compiler's start: it is read on a thread of its own while the
 * harness builds the program (run.h, `alongside`), and ends before the program starts, so that nothing the program
 * does changes what the compiler read. A build that kept its reading (--reading, reading_record.h) spares the start.
 * What it concludes is settled when the run has been judged, and when it failed, it is the verdict's cause alone, as
 * if it had been read first. */
#ifndef TSAN_VERIFY_COMPILER_READING_H
#define TSAN_VERIFY_COMPILER_READING_H

#include "base/util.h"
#include "check/verify.h"
#include "source/dialect.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>

struct compiler_reading {
  const struct verify_request *request;
  const char *folder;           /* the case's private folder: the compiler's output and temporary files go there */
  const struct case_spec *spec; /* the case's markers; left unchanged by the caller until settled */
  struct c_dialect dialect;     /* what the markers' reader read the files as */
  const char *family;           /* the toolchain's family ("clang", "gcc"), or "" */
  struct verdict verdict;       /* what the reading concluded */
  int status;                   /* 0 when every reading agrees */
  int interrupted_by;
  size_t mark; /* the case's diagnostics when the reading started */
  bool on_thread;
  pthread_t thread;
  /* While the caller waits for the thread, it reads the signals the harness holds (nothing else does then): one from
   * outside cancels the reading (its compiler is killed) and interrupts the case. */
  volatile sig_atomic_t cancelled;
  atomic_bool done;
  atomic_bool texts_ready; /* every text is read: what remains needs nothing the program could change */
  int done_fd; /* an eventfd the thread writes when it ends, so the wait wakes at once; -1 when none could be made */
};

/* Starts the reading of the case `spec` and its marker files under the case's flags, beside what the caller does
 * next when it can (run_alongside_possible), else at once. Returns -1 when it was read at once and failed: the caller
 * settles it and stops there. `verdict` is the case's, whose diagnostics so far stay. */
int compiler_reading_start(struct compiler_reading *reading, const struct verify_request *request, const char *folder,
                           const struct case_spec *spec, const struct c_dialect *dialect, const char *family,
                           const struct verdict *verdict);
/* Waits until the reading has read every text (the compiler's, or the build's kept one), reading meanwhile the signals
 * the harness holds (one from outside sets *interrupted_by): what remains of it needs nothing the program could
 * change, and what it concluded is settled later (compiler_reading_settle). */
void compiler_reading_wait(struct compiler_reading *reading, int *interrupted_by);
/* Waits for the reading and gives the case `verdict` what it concluded: when it failed, its diagnostics replace every
 * one the case gained since it started. Returns 0 when every reading agreed. */
int compiler_reading_settle(struct compiler_reading *reading, struct verdict *verdict, int *interrupted_by);
/* Waits for the reading and drops what it found: the harness's own build of the case failed, and its error, not the
 * reading's, is the verdict. */
void compiler_reading_discard(struct compiler_reading *reading, int *interrupted_by);

/* Writes to `record_path` the compiler's reading of each of `sources` under the case's flags, with what it read, for
 * later checks of the same program (`--reading`; reading_record.h). A source the compiler cannot read is left out:
 * a check reads it again and says why. `answers` (or NULL), the marker-file search's over the program's sources, are
 * kept too. Returns 0, or -1 with *error when the record cannot be written, or when a signal from outside
 * interrupted the compiler (*interrupted_by: the caller ends by it). */
struct marker_search_answers;
int compiler_reading_write(const struct verify_request *request, const char *family, char *const *sources, size_t count,
                           const struct marker_search_answers *answers, const char *record_path, int *interrupted_by,
                           char **error);

#endif
