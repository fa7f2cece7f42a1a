cat > race.c <<'X'
#include <pthread.h>
#include <stdio.h>
int x;
static void *w(void *a) { x++; return a; }
int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  printf("%d\n", x);
  return 0;
}
X
clang -fsanitize=thread -g -O1 race.c -o race
TSAN_OPTIONS=color=never ./race 2> plain.log >/dev/null || true
grep -q "WARNING: ThreadSanitizer: data race" plain.log || exit 99
sed 's/^/_bk;t=1623244141633\x07/' plain.log > case.log
"$TSAN_VERIFY" parse case.log
