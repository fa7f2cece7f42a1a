/* A forked child runs this program through the dynamic loader (/proc/PID/exe is ld.so: "no TSan", so its image
 * need not prove anything), in "close" mode: it closes every descriptor above 2 (TSan's log among them, like a
 * daemon would), then races. Its report is lost; the parent waits and exits 0. Truth: a race. */
#include "hostile.h"
#include <sys/syscall.h>
#include <sys/wait.h>

// expect-tsan: none
int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "close") == 0) {
    syscall(SYS_close_range, 3, ~0U, 0);
    race_on_a_counter();
    return 0;
  }
  const char *self = self_path();
  pid_t pid = fork();
  if (pid == 0) {
    execl("/lib64/ld-linux-x86-64.so.2", "ld.so", self, "close", (char *)NULL);
    _exit(127);
  }
  int status;
  waitpid(pid, &status, 0);
  printf("child status %d\n", status);
  return 0;
}
