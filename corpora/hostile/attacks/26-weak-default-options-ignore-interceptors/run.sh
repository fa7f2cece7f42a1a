cat > case.c <<'X'
// expect-tsan: none
#include <pthread.h>
#include <stdio.h>
#include <string.h>
__attribute__((weak)) const char *__tsan_default_options(void) { return "ignore_interceptors_accesses=1"; }
char buf[64];
int x;
static void *w(void *a) { memset(buf, (int)(long)a, sizeof buf); return a; }
int main(void) {
  
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  printf("%d\n", buf[0]);
  return 0;
}
X
"$TSAN_VERIFY"  case.c
