cat > case.c <<'X'
// expect-tsan: none
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
int x;
static void *w(void *a) { x++; return a; }
__attribute__((destructor)) static void late(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  fprintf(stderr, "late %d\n", x);
}
int main(void) { puts("main done"); return 0; }
X
"$TSAN_VERIFY" case.c
