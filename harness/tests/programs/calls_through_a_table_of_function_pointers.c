/* Races on `shared` inside counter_add() (calls_a_file_built_without_tsan_lib.c, built without TSan and without
 * -g), reached only through a table of function pointers in this file's data: no call in the code names it. */
#include "invisible_barrier.h"

void counter_add(int amount);

struct operations {
  const char *name;
  void (*add)(int);
} table[] = {{"add", counter_add}};

static void *worker(void *arg) {
  volatile int which = 0;
  (void)arg;
  table[which].add(1);
  overlap_wait();
  overlap_wait();
  return NULL;
}

// expect-tsan: none
int main(void) {
  pthread_t thread;
  volatile int which = 0;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  table[which].add(2);
  overlap_wait();
  pthread_join(thread, NULL);
  return 0;
}
