/* The fix: the buffer's pointer lives behind a mutex. main holds it across the realloc() and the update of the
 * pointer, and the reader takes the pointer afresh, under the same lock, when it reads, so it reads the block as
 * it is now, never the one realloc() freed. Every access to the pointer and the bytes holds the lock, and TSan
 * reports nothing.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock, pthread_mutex_unlock
 * (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_mman.cpp user_realloc (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Reader: done.

static struct {
  char *data;
  size_t size;
  pthread_mutex_t lock;
} buffer = {NULL, 0, PTHREAD_MUTEX_INITIALIZER};

static invisible_barrier looked, grown;

static void *reader(void *unused) {
  (void)unused;
  invisible_barrier_wait(&looked); /* main grows the buffer now */
  invisible_barrier_wait(&grown);
  pthread_mutex_lock(&buffer.lock);
  const char *data = buffer.data;
  if (data[0] != 'x')
    say("Reader: the first byte changed under it.");
  pthread_mutex_unlock(&buffer.lock);
  say("Reader: done.");
  return NULL;
}

int main(void) {
  pthread_t thread;
  buffer.size = 16;
  buffer.data = calloc(buffer.size, 1);
  if (buffer.data == NULL)
    return 1;
  buffer.data[0] = 'x';
  invisible_barrier_init(&looked, 2);
  invisible_barrier_init(&grown, 2);
  pthread_create(&thread, NULL, reader, NULL);
  invisible_barrier_wait(&looked);
  pthread_mutex_lock(&buffer.lock);
  char *bigger = realloc(buffer.data, 4096);
  if (bigger != NULL) {
    buffer.data = bigger;
    buffer.size = 4096;
  }
  pthread_mutex_unlock(&buffer.lock);
  invisible_barrier_wait(&grown);
  pthread_join(thread, NULL);
  free(buffer.data);
  return 0;
}
