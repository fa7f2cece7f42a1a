/* The mistake: main grows a shared buffer with realloc() while a reader still holds the old pointer. realloc may
 * move the block, and TSan's always does: it allocates a new block, copies, and frees the old one. The reader's
 * next read through its old pointer then hits freed memory, and TSan reports a heap-use-after-free at that read,
 * with realloc's free as the earlier access. The fix keeps the buffer behind a mutex, and the reader takes the
 * pointer afresh, under the lock, each time it reads.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp realloc (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_mman.cpp user_realloc, user_free (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_report.cpp ReportRace
 * (LLVM 14). */
#include "../casebook.h"

// expect-output: Reader: done.

static struct {
  char *data;
  size_t size;
  pthread_mutex_t lock;
} buffer = {NULL, 0, PTHREAD_MUTEX_INITIALIZER};

static invisible_barrier looked, grown;

static void *reader(void *arg) {
  const char *data = arg; /* the buffer as it was when the reader started */
  invisible_barrier_wait(&looked); /* main grows the buffer now */
  invisible_barrier_wait(&grown);
  if (data[0] != 'x') // expect-tsan: heap-use-after-free -- realloc() moved the buffer and freed this one
    say("Reader: the first byte changed under it.");
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
  pthread_create(&thread, NULL, reader, buffer.data);
  invisible_barrier_wait(&looked);
  char *bigger = realloc(buffer.data, 4096);
  if (bigger != NULL) {
    buffer.data = bigger;
    buffer.size = 4096;
  }
  invisible_barrier_wait(&grown);
  pthread_join(thread, NULL);
  free(buffer.data);
  return 0;
}
