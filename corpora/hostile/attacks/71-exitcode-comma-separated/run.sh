cat > case.c <<'X'
#include <pthread.h>
#include <stdio.h>
int x;
static void *w(void *a) { x++; return a; } // expect-tsan: data race
int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  printf("%d\n", x);
  return 0;
}
X
TSAN_OPTIONS='history_size=2,exitcode=3' "$TSAN_VERIFY" case.c
