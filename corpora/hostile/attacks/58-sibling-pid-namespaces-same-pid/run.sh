cat > case.c <<'X'
// expect-tsan: none
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
int x;
static void *w(void *a) { x++; return a; }
static void racy_child(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  printf("racy child %d\n", x);
  exit(0);
}
int main(void) {
  int st;
  for (int k = 0; k < 2; k++) {
    pid_t p = fork();
    if (p == 0) {
      if (unshare(CLONE_NEWPID) != 0) { perror("unshare"); exit(3); }
      pid_t q = fork();
      if (q == 0) { if (k == 0) racy_child(); printf("clean child is pid %d\n", getpid()); exit(0); }
      waitpid(q, &st, 0); exit(0);
    }
    waitpid(p, &st, 0);
  }
  puts("parent done");
  return 0;
}
X
"$TSAN_VERIFY" case.c
