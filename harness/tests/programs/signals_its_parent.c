/* Sends its parent, which is the harness, every signal named on its command line (numbers), then races. A number
 * after "q" is queued with rt_sigqueueinfo (SI_QUEUE) naming pid 1 as its sender, which the kernel lets a program
 * write itself. Marked `none`: the harness must neither end nor stop, and must see the race. */
#include "hostile.h"

#include <signal.h>
#include <string.h>
#include <sys/syscall.h>

// expect-tsan: none
int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (argv[i][0] == 'q') {
      siginfo_t info;
      memset(&info, 0, sizeof info);
      info.si_signo = atoi(argv[i] + 1);
      info.si_code = SI_QUEUE;
      info.si_pid = 1;
      syscall(SYS_rt_sigqueueinfo, getppid(), info.si_signo, &info);
    } else {
      kill(getppid(), atoi(argv[i]));
    }
    usleep(20000);
  }
  race_on_a_counter();
  return 0;
}
