set -e
cat > v1.c <<'X'
// version 1
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
cat > v2.c <<'X'
#include <unistd.h>
#include <pthread.h>
#include <stdio.h>
int x;
static void *w(void *a) { x++; return a; } // expect-tsan: data race
int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
  sleep(1); /* version 2: the joins are gone, main reads x unsynchronised and leaks both threads */
  printf("%d\n", x);
  return 0;
}
X
cp v1.c case.c; gcc -fsanitize=thread -g -O1 -pthread case.c -o prog
cp v2.c case.c; touch -d @1700000000.2 prog; touch -d @1700000000.7 case.c
set +e
"$TSAN_VERIFY" --binary ./prog --opt O1 case.c
