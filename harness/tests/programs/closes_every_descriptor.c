/* Closes every descriptor above stderr (as daemons and some test runners do), then races: TSan's own log file is
 * among them. HOSTILE_REOPEN=1 then opens a file of its own, which takes the log's descriptor number. */
#include "invisible_barrier.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

// expect-tsan: none
int main(void) {
  for (int fd = 3; fd < 1024; fd++)
    close(fd);
  if (getenv("HOSTILE_REOPEN"))
    open("/dev/null", O_WRONLY);
  race_on_a_counter();
  return 0;
}
