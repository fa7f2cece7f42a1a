/* Races, then execs itself with an argument that makes the new image exit cleanly: the new runtime reuses the pid,
 * and would truncate the log file that holds the race. Marked `none`: the race must still be seen. */
#include "invisible_barrier.h"

#include <unistd.h>

// expect-tsan: none
int main(int argc, char **argv) {
  if (argc > 1)
    return 0; /* the new image: nothing to report */
  race_on_a_counter();
  execl("/proc/self/exe", argv[0], "again", (char *)NULL);
  return 127;
}
