/* A forked child appends report_bugs=0 to the TSAN_OPTIONS it inherited (a wrapper's "quiet" setting) and execs
 * this program in "race" mode. Its runtime keeps the harness's log_path and verbosity (banner, Stats, count 0),
 * but reports nothing. Truth: a race. */
#include "hostile.h"
#include <sys/wait.h>

// expect-tsan: none
int main(int argc, char **argv) {
  RACE_MODE(argc, argv);
  const char *self = self_path();
  pid_t pid = fork();
  if (pid == 0) {
    const char *old = getenv("TSAN_OPTIONS");
    char *opts;
    if (asprintf(&opts, "%s:report_bugs=0", old ? old : "") < 0) _exit(3);
    setenv("TSAN_OPTIONS", opts, 1);
    execl(self, self, "race", (char *)NULL);
    _exit(127);
  }
  int status;
  waitpid(pid, &status, 0);
  printf("child status %d\n", status);
  return 0;
}
