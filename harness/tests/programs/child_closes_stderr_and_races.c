/* The race happens in a forked child that first closes its stderr; the parent waits and exits 0 whatever the child
 * says. Marked `none`: only a harness that reads the child's own TSan log sees the race. */
#include "invisible_barrier.h"

#include <sys/wait.h>
#include <unistd.h>

// expect-tsan: none
int main(void) {
  pid_t child = fork();
  if (child == 0) {
    close(STDERR_FILENO);
    race_on_a_counter();
    return 0;
  }
  waitpid(child, NULL, 0);
  return 0;
}
