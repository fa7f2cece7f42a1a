#include <pthread.h>
int shared;
__attribute__((disable_sanitizer_instrumentation)) static void *w(void *a) { shared = 1; return a; }
__attribute__((disable_sanitizer_instrumentation)) static void bump(void) { shared = 2; }
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  bump();
  pthread_join(t, 0);
  return 0;
}
// expect-tsan: none
