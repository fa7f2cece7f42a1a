/* Signals its parent, which is the harness, with SIGUSR1 (a child's "ready", as servers do; -DSIG=... for another
 * signal), then races. Marked `none`: the harness must survive the signal and see the race. */
#include "hostile.h"

#include <signal.h>

#ifndef SIG
#define SIG SIGUSR1
#endif

// expect-tsan: none
int main(void) {
  kill(getppid(), SIG);
  usleep(200000);
  race_on_a_counter();
  return 0;
}
