/* The fix: the two threads that add to the counter, each through its own mapping of the same page, take one lock
 * around the update, so the two writes of the one word are ordered. TSan reports nothing, as it did for the race:
 * with one lock, there is nothing to report.
 * Source: compiler-rt lib/tsan/rtl/tsan_platform.h MemToShadow (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interceptors_posix.cpp mmap (LLVM 14). */
#define _GNU_SOURCE
#include "../casebook.h"
#include <sys/mman.h>
#include <unistd.h>

// expect-tsan: none

static struct {
  int *views[2]; /* the same int, mapped twice */
  pthread_mutex_t lock;
} store = {{NULL, NULL}, PTHREAD_MUTEX_INITIALIZER};
static invisible_barrier both_started, both_done;

static void *worker(void *arg) {
  int *counter = arg;
  invisible_barrier_wait(&both_started);
  pthread_mutex_lock(&store.lock);
  *counter += 1;
  pthread_mutex_unlock(&store.lock);
  invisible_barrier_wait(&both_done);
  return NULL;
}

int main(void) {
  long page = sysconf(_SC_PAGESIZE);
  int file = memfd_create("counter", 0);
  if (file < 0 || ftruncate(file, page) != 0) {
    perror("memfd_create");
    return 1;
  }
  for (int i = 0; i < 2; i++) {
    store.views[i] = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_SHARED, file, 0);
    if (store.views[i] == MAP_FAILED) {
      perror("mmap");
      return 1;
    }
  }
  close(file);
  invisible_barrier_init(&both_started, 2);
  invisible_barrier_init(&both_done, 2);
  pthread_t threads[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&threads[i], NULL, worker, store.views[i]);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  say("main: %p and %p are one counter.", (void *)store.views[0], (void *)store.views[1]);
  for (int i = 0; i < 2; i++)
    munmap(store.views[i], (size_t)page);
  return 0;
}
