#include <pthread.h>
int shared;
#pragma clang attribute push(__attribute__((no_sanitize("thread"))), apply_to = function)
static void *w(void *a) { shared = 1; return a; }
static void bump(void) { shared = 2; }
#pragma clang attribute pop
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  bump();
  pthread_join(t, 0);
  return 0;
}
// expect-tsan: none
