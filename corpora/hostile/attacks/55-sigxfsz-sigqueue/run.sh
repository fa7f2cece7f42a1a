cat > case.c <<'X'
// expect-tsan: none
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>
int main(void) {
  pid_t pp = getppid();
  union sigval v = {0}; sigqueue(pp, SIGXFSZ, v);
  sleep(1);
  puts("sent");
  return 0;
}
X
"$TSAN_VERIFY" case.c
