/* A struct too large to be lock-free is copied by libatomic's __atomic_load and __atomic_store, so the program links
 * only with -latomic: its `link-libraries` marker says so, and the harness, building it, links the library. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

// expect-tsan: none
// expect-output: sequence 4
// link-libraries: atomic -- the four-word _Atomic struct is copied by libatomic

struct stamp {
  _Alignas(32) long sequence;
  long a, b, c;
};

static _Atomic struct stamp published;

static void *writer(void *unused) {
  (void)unused;
  struct stamp stamp = {4, 1, 2, 3};
  atomic_store(&published, stamp);
  return NULL;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, writer, NULL);
  pthread_join(thread, NULL);
  struct stamp seen = atomic_load(&published);
  printf("sequence %ld\n", seen.sequence);
  return 0;
}
