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

char **proc_mapped_code_files(long pid) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%ld/maps", pid);
  FILE *maps = fopen(path, "re");
  if (!maps)
    return NULL;
  char **files = calloc(1, sizeof *files);
  size_t count = 0;
  char *line = NULL;
  size_t capacity = 0;
  ssize_t length;
  /* "start-end perms offset dev inode   path": the path is what follows the inode's blanks, when it starts with '/'
   * (not [heap], [vdso], an anonymous mapping); a path whose file was replaced since ends in " (deleted)". */
  while (files && (length = getline(&line, &capacity, maps)) > 0) {
    if (line[length - 1] == '\n')
      line[--length] = '\0';
    char perms[8] = "";
    int path_at = 0;
    if (sscanf(line, "%*s %7s %*s %*s %*s %n", perms, &path_at) < 1 || !strchr(perms, 'x') || path_at <= 0 ||
        line[path_at] != '/')
      continue;
    const char *file = line + path_at;
    bool seen = false;
    for (size_t i = 0; i < count && !seen; i++)
      seen = strcmp(files[i], file) == 0;
    if (seen)
      continue;
    char **grown = realloc(files, (count + 2) * sizeof *files);
    char *copy = strdup(file);
    if (!grown || !copy) {
      free(copy);
      files = grown ? grown : files;
      break;
    }
    files = grown;
    files[count++] = copy;
    files[count] = NULL;
  }
  free(line);
  fclose(maps);
  return files;
}

bool proc_state(long pid, char *state, long *parent) {
  char stat[512];
  if (!read_proc_file(pid, "stat", stat, sizeof stat))
    return false;
  const char *comm_end = strrchr(stat, ')');
  return comm_end && sscanf(comm_end + 1, " %c %ld", state, parent) == 2;
}

long proc_process_group(long pid) {
  char stat[512];
  if (!read_proc_file(pid, "stat", stat, sizeof stat))
    return -1;
  const char *comm_end = strrchr(stat, ')');
  char state;
  long parent, group;
  return comm_end && sscanf(comm_end + 1, " %c %ld %ld", &state, &parent, &group) == 3 ? group : -1;
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
