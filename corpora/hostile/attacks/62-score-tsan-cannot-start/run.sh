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
printf 'race.c\tbug\n' > corpus.tsv
TSAN_OPTIONS='verbosity=x' "$TSAN_VERIFY" score corpus.tsv
