/* procfs.c: a process's state, parent and thread group from /proc (see procfs.h). */
#include "base/procfs.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* /proc/PID/NAME into `text` (NUL-terminated, cut to its size: the fields the harness reads come first); false when
 * the process is gone. */
static bool read_proc_file(long pid, const char *name, char *text, size_t size) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%ld/%s", pid, name);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  ssize_t got = read(fd, text, size - 1);
  close(fd);
  if (got <= 0)
    return false;
  text[got] = '\0';
  return true;
}

bool proc_state(long pid, char *state, long *parent) {
  char stat[512];
  if (!read_proc_file(pid, "stat", stat, sizeof stat))
    return false;
  const char *comm_end = strrchr(stat, ')');
  return comm_end && sscanf(comm_end + 1, " %c %ld", state, parent) == 2;
}

long proc_thread_group(long tid) {
  char status[2048];
  if (!read_proc_file(tid, "status", status, sizeof status))
    return -1;
  const char *tgid = strstr(status, "\nTgid:");
  return tgid ? strtol(tgid + strlen("\nTgid:"), NULL, 10) : -1;
}

bool is_descendant(long pid) {
  long self = (long)getpid();
  /* A chain longer than pid_max would be a loop read while processes came and went. */
  for (int depth = 0; pid > 1 && depth < 4 * 1024 * 1024; depth++) {
    char state;
    long parent;
    if (!proc_state(pid, &state, &parent))
      return false;
    if (parent == self)
      return true;
    if (parent <= 0 || parent == pid)
      return false;
    pid = parent;
  }
  return false;
}
