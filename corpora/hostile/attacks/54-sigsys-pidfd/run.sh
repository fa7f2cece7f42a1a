cat > case.c <<'X'
// expect-tsan: none
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>
int main(void) {
  pid_t pp = getppid();
  int fd = syscall(SYS_pidfd_open, pp, 0); syscall(SYS_pidfd_send_signal, fd, SIGSYS, 0, 0);
  sleep(1);
  puts("sent");
  return 0;
}
X
"$TSAN_VERIFY" case.c
