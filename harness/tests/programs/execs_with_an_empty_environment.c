/* Races in a forked child that first execs itself with an empty environment: the new image's runtime never sees
 * the harness's TSAN_OPTIONS, so it writes no log where the harness looks, and reports to stderr with defaults. */
#include "invisible_barrier.h"

#include <sys/wait.h>
#include <unistd.h>

// expect-tsan: none
int main(int argc, char **argv) {
  (void)argv;
  if (argc == 1) {
    pid_t child = fork();
    if (child == 0) {
      char *const arguments[] = {"again", "again", NULL};
      char *const no_environment[] = {NULL};
      execve("/proc/self/exe", arguments, no_environment);
      _exit(127);
    }
    waitpid(child, NULL, 0);
    return 0;
  }
  race_on_a_counter();
  return 0;
}
