#include <pthread.h>
int counter;
static void *w(void *a) { counter++; return a; }
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  counter++;
  pthread_join(t, 0);
  return 0;
}
// expect-tsan[clang>=18]: none -- the newer runtime no longer reports it (hypothetically)
// expect-tsan[clang<18,gcc]: data race at tc.c:6
