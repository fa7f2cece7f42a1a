/* Forks a child that outlives the program: the child writes its pid to $HOSTILE_PID_FILE (a temporary name, then
 * rename, so a reader never sees half of it) and sleeps forever; the parent returns once the pid is there. With
 * HOSTILE_ESCAPE set, the child first leaves the process group and the session (setsid) and closes stdout and
 * stderr, like a daemon: killing the group misses it, and the pipes no longer tell that it lives. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void write_pid(const char *path) {
  char temporary[4096];
  snprintf(temporary, sizeof temporary, "%s.tmp", path);
  FILE *file = fopen(temporary, "w");
  if (!file)
    return;
  fprintf(file, "%ld\n", (long)getpid());
  fclose(file);
  rename(temporary, path);
}

// expect-tsan: none
int main(void) {
  const char *path = getenv("HOSTILE_PID_FILE");
  if (fork() == 0) {
    if (getenv("HOSTILE_ESCAPE")) {
      setsid();
      int null = open("/dev/null", O_WRONLY);
      dup2(null, STDOUT_FILENO);
      dup2(null, STDERR_FILENO);
    }
    if (path)
      write_pid(path);
    for (;;)
      sleep(1);
  }
  while (path && access(path, F_OK) != 0)
    usleep(1000);
  return 0;
}
