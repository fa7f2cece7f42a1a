#include <pthread.h>
#include <stdio.h>

int counter;

__attribute__((disable_sanitizer_instrumentation, noinline)) static void bump(int *p) { ++*p; }
static void *worker(void *arg) {
  (void)arg;
  bump(&counter);
  return NULL;
}

// expect-tsan: none
int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d\n", counter);
  return 0;
}
