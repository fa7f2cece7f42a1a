/* trace.h: every process a program starts, followed with ptrace from its first exec to its end.
 *
 * Text on a shared stream proves nothing about who wrote it, so the harness does not take TSan's word from stderr:
 * each process writes its own log file (TSan's log_path=PREFIX gives PREFIX.PID), and this table says which
 * processes there were, which program image each ran (a fork runs its parent's image until it execs), and how each
 * image ended. TSan names a log by pid alone, and a pid outlives an image: an exec keeps it, and the kernel may give
 * an ended process's pid to a later one; either new runtime truncates PREFIX.PID. So each image's log is renamed to
 * PREFIX.PID.N (N counts the images the pid ran before it) when the image ends: at the exec stop, before the new
 * image runs, or when the harness reaps the ended process, before its pid can be handed out again (a new tracee
 * stays stopped until the harness has handled the events before it). Nothing an image reported is lost. */
#ifndef TSAN_VERIFY_TRACE_H
#define TSAN_VERIFY_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

enum image_end {
  IMAGE_RUNNING,  /* still running */
  IMAGE_EXITED,   /* exit status in `code` */
  IMAGE_SIGNALED, /* killed by signal `code` */
  IMAGE_EXECED,   /* replaced by the next image of the same pid */
};

/* One program image: a pid between two execs (or between its fork and its first exec). */
struct process_image {
  long pid;
  long parent;       /* the pid that forked it; 0 for the program the harness started */
  unsigned sequence; /* 0 for the image the pid started with, n after its n-th exec */
  bool forked;       /* runs the image its parent had at the fork (no exec of its own yet) */
  char *exe;         /* the executable, as /proc/PID/exe named it at the exec (for a fork: the parent's) */
  bool instrumented; /* the image holds a TSan runtime (the caller's classify hook said so) */
  char *unknown;     /* why the harness cannot tell whether it holds one (an unreadable executable, the dynamic
                        loader, a parent it lost track of), or NULL */
  /* Every entry of its environment at the exec that the TSan runtime reads options from ("TSAN_OPTIONS=...",
   * "UBSAN_OPTIONS=...", each occurrence, in order; a fork: its parent's), NULL-terminated. */
  char **option_variables;
  enum image_end end;
  int code;
  bool survivor;  /* it outlived the program (or the run's deadline) and the harness killed it */
  char *log_path; /* where this image's TSan log is, whether or not the file exists (PREFIX.PID.N once it ended) */
  /* The files it had mapped executable as its threads exited (/proc/PID/maps at each PTRACE_EVENT_EXIT stop,
   * joined): the shared objects the loader actually found, wherever it looked (LD_LIBRARY_PATH too), and what it
   * dlopen'ed; NULL-terminated, or NULL when the harness saw no exit of it (it exec'ed, or was killed). */
  char **loaded_files;
};

struct early_exit {
  long tid;
  int status;
};

struct process_table {
  struct process_image *images;
  size_t count;
  size_t capacity;
  long *threads; /* tids known to be threads of some process, or tracees already seen stopped */
  size_t thread_count;
  size_t thread_capacity;
  struct early_exit *early_exits; /* ends of tids not (yet) in the table: threads, or a child before its fork event */
  size_t early_exit_count;
  size_t early_exit_capacity;
  const char *log_prefix; /* TSan's log_path: the harness's private PREFIX */
  /* Decides whether the image at `exe_path` ("/proc/PID/exe", readable while the tracee is stopped) is TSan's:
   * 1 yes, 0 no, -1 cannot tell (unreadable). */
  int (*classify)(const char *exe_path, void *context);
  void *classify_context;
  long root;                       /* the pid the harness started */
  size_t untraced_clones_followed; /* clones asked for with CLONE_UNTRACED, followed all the same (untraced_clones.h) */
};

/* Forks the program as a tracee in its own process group: stdin /dev/null, stdout and stderr onto the given fds,
 * default signal dispositions for SIGPIPE, SIGINT, SIGTERM, SIGHUP and SIGQUIT, an empty signal mask. Returns the pid,
 * or -1 with *error ("cannot trace ..." when ptrace is refused, "cannot start ..." when the exec fails). */
pid_t trace_spawn(char *const *argv, char *const *env, int out_fd, int err_fd, struct process_table *table,
                  char **error);
/* Handles one waitpid(-1, ..., __WALL) result: records forks, execs and ends, resumes the tracee. Returns true when
 * `tid` was the root process and it ended. */
bool trace_event(struct process_table *table, pid_t tid, int status);
/* Whether `tid` is a thread or process the trace has seen (every tracee is seen at its first stop, before it runs).
 */
bool trace_knows(const struct process_table *table, long tid);
/* Images that have not ended. */
size_t trace_running(const struct process_table *table);
/* SIGKILLs every process still running, marks it a survivor, and waits for each to end. */
void trace_kill_all(struct process_table *table);
void process_table_free(struct process_table *table);
/* The last image of the root pid (the program's own exit status), or NULL before its first exec. */
const struct process_image *trace_root_image(const struct process_table *table);

#endif
