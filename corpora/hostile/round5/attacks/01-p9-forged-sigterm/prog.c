#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
// expect-tsan: none
int main(void) {
  /* sigqueue(3)-style signal to the parent (the harness) whose siginfo names pid 1 as the sender */
  siginfo_t si; memset(&si, 0, sizeof si);
  si.si_signo = SIGTERM; si.si_code = SI_QUEUE; si.si_pid = 1; si.si_uid = 0;
  syscall(SYS_rt_sigqueueinfo, getppid(), SIGTERM, &si);
  sleep(1);
  return 0;
}
