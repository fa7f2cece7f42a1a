cat > case.c <<'X'
// expect-tsan: none
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
int x;
static void *w(void *a) {
  x++;
  return a;
}
int main(void) {
  signal(SIGXFSZ, SIG_IGN);
  struct rlimit r = {1, 1};
  setrlimit(RLIMIT_FSIZE, &r);
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  printf("%d\n", x);
  return 0;
}
X
"$TSAN_VERIFY" case.c
