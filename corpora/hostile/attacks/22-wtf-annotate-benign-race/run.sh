cat > case.c <<'X'
// expect-tsan: none
#include <pthread.h>
#include <stdio.h>
void WTFAnnotateBenignRaceSized(const char *f, int l, const volatile void *m, unsigned long sz, const char *d);
int x;
static void *w(void *a) {  x++;  return a; }
int main(void) {
  WTFAnnotateBenignRaceSized(__FILE__, __LINE__, &x, sizeof x, "counter");
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  printf("%d\n", x);
  return 0;
}
X
"$TSAN_VERIFY"  case.c
