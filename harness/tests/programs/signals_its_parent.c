/* Sends its parent, which is the harness, every signal named on its command line (numbers), then races. Marked
 * `none`: the harness must neither end nor stop, and must see the race. */
#include "hostile.h"

#include <signal.h>

// expect-tsan: none
int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    kill(getppid(), atoi(argv[i]));
    usleep(20000);
  }
  race_on_a_counter();
  return 0;
}
