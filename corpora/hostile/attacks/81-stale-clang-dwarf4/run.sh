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
cp v1.c case.c; clang -fsanitize=thread -gdwarf-4 -O1 case.c -o prog
sleep 1; cp v2.c case.c; touch -d "+1 minute" case.c
set +e
"$TSAN_VERIFY" --binary ./prog --opt O1 case.c
