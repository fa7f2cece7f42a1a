/* Declares that TSan kills a process for starting a thread after a multithreaded fork, and never forks: the
 * declared death does not come, so the expectation is not met. */
#include <stdio.h>

// expect-tsan: none
// expect-tsan-dies: starting new threads after multi-threaded fork
int main(void) {
  puts("no fork here");
  return 0;
}
