cat > case.c <<'X'
// expect-tsan: none
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
const char *__tsan_default_options(void) { return "die_after_fork=0"; }
int x;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER, go = PTHREAD_MUTEX_INITIALIZER;
static void *idle(void *a) { pthread_mutex_lock(&go); pthread_mutex_unlock(&go); return a; }
static void *w(void *a) { x++; return a; }
int main(void) {
  pthread_t i, t[2];
  pthread_mutex_lock(&go);
  pthread_create(&i, 0, idle, 0);
  pid_t p = fork();
  if (p == 0) {
    for (int k = 0; k < 2; k++) pthread_create(&t[k], 0, w, 0);
    for (int k = 0; k < 2; k++) pthread_join(t[k], 0);
    printf("child %d\n", x);
    _exit(0);
  }
  int st; waitpid(p, &st, 0);
  pthread_mutex_unlock(&go);
  pthread_join(i, 0);
  printf("parent %d\n", st);
  return 0;
}
X
"$TSAN_VERIFY" case.c
