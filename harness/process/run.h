/* run.h: runs a program under control: argv only (never a shell), its own process group, stdout and stderr
 * captured with a bound, a deadline after which the whole group is killed. */
#ifndef TSAN_VERIFY_RUN_H
#define TSAN_VERIFY_RUN_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "process/trace.h"

struct run_request {
  char *const *argv;         /* argv[0] is the program; searched in PATH when it has no '/' */
  const char *tsan_options;  /* the TSAN_OPTIONS to set, or NULL to leave the environment alone */
  const char *ubsan_options; /* the UBSAN_OPTIONS to set with them (NULL: leave it as it is) */
  char *const *environment;  /* "NAME=VALUE" entries set for the program (the last of a name wins; tsan_options and
                                ubsan_options win over the same variables among them), NULL-terminated; or NULL */
  /* Variables of the harness's environment left out of the program's: those whose name starts with one of these
   * (an OpenMP case's "OMP_", which would change its team), NULL-terminated, or NULL. `environment` still sets any. */
  const char *const *cleared_prefixes;
  double timeout_seconds;        /* <= 0: no deadline */
  const char *working_directory; /* where the program starts (untraced runs only); NULL: the caller's */
  size_t capture_limit;          /* bytes of everything kept per stream; past it, only TSan's own lines are kept */
  /* Follow every process the program starts (ptrace), recording each image in result->processes; TSan's logs are
   * expected at log_prefix.PID, and `classify` says which images are instrumented. */
  bool trace;
  const char *log_prefix;
  int (*classify)(const char *exe_path, void *context); /* 1 TSan, 0 not, -1 cannot tell */
  void *classify_context;
  /* Run on a thread of its own beside another run (the compiler's reading of the case while the program runs): it
   * waits for its own process group only, leaves the signals sent to the harness to the other run, and takes no
   * child of the harness for an escaped one of its own. Needs run_alongside_possible(). */
  bool alongside;
  /* For a run alongside: when *cancelled becomes non-zero (a signal number) the run stops as if the harness had
   * received that signal: its group is killed and result->interrupted_by says which (the main thread, which reads
   * the held signals, asks; a run alongside reads none). NULL: never. */
  const volatile sig_atomic_t *cancelled;
};

enum run_end { RUN_EXITED, RUN_SIGNALED, RUN_TIMED_OUT };

/* A stream's output. Up to capture_limit bytes are kept whole (a line cut by the limit is dropped); after that only
 * TSan's lines (reports, and the runtime's own lines) are kept, up to 4 x capture_limit more, so a program that prints
 * gigabytes cannot push its reports out or exhaust memory: per stream, memory stays under 5 x capture_limit + 64 KiB.
 */
struct captured {
  char *data; /* NUL-terminated */
  size_t length;
  size_t dropped; /* bytes read and not kept (program output past the limit, and `lost`) */
  size_t lost;    /* bytes of TSan's own lines not kept: the reports are incomplete */
  /* filter state, once past the limit */
  bool filtering;
  bool in_report;
  char *pending; /* a partial line */
  size_t pending_length;
};

struct run_result {
  enum run_end end;
  int code; /* exit status, or the signal number */
  struct captured out, err;
  double seconds;
  bool group_survivors; /* processes the program started were still alive after it ended (and were killed): in its
                           group, or out of it (setsid) and inherited by the harness, a subreaper */
  int interrupted_by;   /* a held signal (signals.h) sent to the harness from outside the program, that ends a
                           process (the group was killed), or 0 */
  unsigned signals_from_program; /* held signals the program sent the harness, which it dropped */
  int first_signal_from_program; /* the first of them, and its sender */
  long first_signal_sender;
  bool traced; /* the run was followed with ptrace: `processes` holds every image */
  struct process_table processes;
};

/* Returns 0 when the program ran (whatever its outcome), -1 with *error when it could not be started.
 * Children of the caller that appear while the program runs count as the program's: do not start others meanwhile.
 * The held signals (signals.h) the caller blocks are read while the program runs. One the program sent the harness
 * (its sender is a process of the run, or a descendant of the harness) is counted and dropped. One from outside that
 * stops a process stops the harness; any other ends the run: the group is killed and result->interrupted_by says
 * which signal came; the caller cleans up and then lets it act (act_on_signal). */
int run_program(const struct run_request *request, struct run_result *result, char **error);
/* Whether a run may go `alongside` another: the kernel lists each thread's children apart
 * (/proc/thread-self/children), so that the other run, on the main thread, tells its program's processes from the
 * children of the thread beside it. */
bool run_alongside_possible(void);
/* Outside a run, as a run would: waits up to `timeout_ms` (-1: no limit) for a signal the harness holds (signals.h),
 * or until `wake_fd` (-1: none) is readable. One sent by the harness's own descendants is dropped; one from outside
 * that stops a process stops the harness; any other from outside is returned (its number), to end what the harness
 * was doing. 0 when none came. */
int held_signals_wait(int timeout_ms, int wake_fd);
void run_result_free(struct run_result *result);

#endif
