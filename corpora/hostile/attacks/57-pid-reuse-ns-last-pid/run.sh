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
  pid_t a = fork();
  if (a == 0) racy_child();
  int st; waitpid(a, &st, 0);
  for (int tries = 0; tries < 200; tries++) {
    FILE *f = fopen("/proc/sys/kernel/ns_last_pid", "w");
    if (!f) break;
    fprintf(f, "%d", a - 1); fclose(f);
    pid_t b = fork();
    if (b == 0) { if (getpid() == a) printf("clean child reuses pid %d\n", a); exit(0); }
    waitpid(b, &st, 0);
    if (b == a) break;
  }
  puts("parent done");
  return 0;
}
X
"$TSAN_VERIFY" case.c
