cat > case.c <<'X'
// expect-tsan: none
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
printf 'fun:*\n' > ign.txt
"$TSAN_VERIFY" --cflags "-fsanitize=thread -g -pthread -fsanitize-blacklist=$PWD/ign.txt" case.c
