mkdir -p sub
cat > sub/race.c <<'X'
/* a library file that happens to share the case's base name */
/* (a second comment line) */
int y;
void bump(void) { y++; }
X
cat > race.c <<'X'
#include <pthread.h>
#include <stdio.h>
#include "sub/race.c"
static int unused_line = 0; // expect-tsan: data race
static void *w(void *a) { bump(); return a; }
int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  printf("%d %d\n", y, unused_line);
  return 0;
}
X
clang -fsanitize=thread -g -O1 -ffile-prefix-map=$PWD=/src race.c -o prog
"$TSAN_VERIFY" --binary ./prog --opt O1 race.c
