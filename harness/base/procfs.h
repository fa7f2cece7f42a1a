/* procfs.h: what the kernel says of a process in /proc, read once the same way wherever the harness asks.
 *
 * Each read is one read(2) of a small file: a process may end between two questions, so every answer allows for
 * "gone" (proc(5)). */
#ifndef TSAN_VERIFY_PROCFS_H
#define TSAN_VERIFY_PROCFS_H

#include <stdbool.h>

/* The state letter ('R', 'S', 'Z', ...) and the parent of `pid`, from /proc/PID/stat ("pid (comm) state ppid ...",
 * read after the last ')', since comm may hold any byte). False when the process is gone. */
bool proc_state(long pid, char *state, long *parent);
/* The process group of `pid`, from /proc/PID/stat; -1 when the process is gone. */
long proc_process_group(long pid);
/* The thread group (process) the thread `tid` belongs to, from the "Tgid:" line of /proc/TID/status; -1 when it is
 * gone. */
long proc_thread_group(long tid);
/* Whether `pid` is this process's descendant now (its chain of parents in /proc reaches this process; as a child
 * subreaper, the harness stays the ancestor of orphans of the program). False when it is gone. */
bool is_descendant(long pid);
/* The files `pid` has mapped executable now (the program, its shared objects, what it dlopen'ed: the "x" lines of
 * /proc/PID/maps that name a path), each once, in the order of their addresses, NULL-terminated; NULL when the
 * process is gone. Free each and the list. */
char **proc_mapped_code_files(long pid);

#endif
