// expect-tsan: none
/* A worker thread races with main, then the worker (not main) execs the
   program again, which runs clean. */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>
static atomic_int step;  /* relaxed: orders nothing for TSan */
int counter;
static char **args;
static void *worker(void *a) {
  counter = 1;
  atomic_store_explicit(&step, 1, memory_order_relaxed);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 2) {}
  execl("/proc/self/exe", args[0], "clean", (char *)0);
  return 0;
}
int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "clean") == 0) return 0;
  args = argv;
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 1) {}
  counter = 2;
  atomic_store_explicit(&step, 2, memory_order_relaxed);
  pthread_join(t, 0);
  return 0;
}
