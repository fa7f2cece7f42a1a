/* remember() copies a name into the global last_seen with memcpy, its length read from a static that nothing
 * writes. gcc -O2 learns the length is 18 only after its TSan pass and expands the copy inline (plain stores, no
 * hook), while the function still calls a hook for its relaxed counter. Two threads call it unordered: a race gcc's
 * TSan never sees. p01_instrumented checks it built by gcc at -O2. */
#include "invisible_barrier.h"
#include <stdatomic.h>
#include <stddef.h>
#include <string.h>

char last_seen[32];
static size_t name_length = 18;
static atomic_int calls;

__attribute__((noinline)) void remember(const char *name) {
  atomic_fetch_add_explicit(&calls, 1, memory_order_relaxed);
  memcpy(last_seen, name, name_length);
}

static void *worker(void *arg) {
  remember("the worker's name.");
  overlap_wait();
  overlap_wait();
  return arg;
}

// expect-tsan: none
int main(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  remember("the main thread's.");
  overlap_wait();
  pthread_join(thread, NULL);
  return last_seen[0] == 't' ? 0 : 1;
}
