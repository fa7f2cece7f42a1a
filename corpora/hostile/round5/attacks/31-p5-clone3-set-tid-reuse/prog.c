#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sched.h>
#include <sys/wait.h>
#include <sys/syscall.h>
#include <linux/sched.h>
int g;
static void *w(void *a) { g++; return 0; } // expect-tsan: data race
int main(int argc, char **argv) {
  if (argc > 1) return 0;
  pid_t c = fork();
  if (c == 0) { pthread_t t; pthread_create(&t, 0, w, 0); g++; pthread_join(t, 0); _exit(0); } // expect-tsan: data race
  waitpid(c, 0, 0);
  /* a second child on the very same pid: its runtime would truncate tsan.<pid> */
  struct clone_args ca; memset(&ca, 0, sizeof ca);
  pid_t tid = c; ca.exit_signal = SIGCHLD; ca.set_tid = (uint64_t)(uintptr_t)&tid; ca.set_tid_size = 1;
  long r = syscall(SYS_clone3, &ca, sizeof ca);
  if (r == 0) { execl("/proc/self/exe", "again", "x", (char *)0); _exit(5); }
  if (r < 0) { perror("clone3"); return 3; }
  int st; waitpid(r, &st, 0);
  printf("reused %d -> %ld\n", c, r);
  return 0;
}
