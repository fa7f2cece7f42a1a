/* The worker and main both believe they hold the last reference to a message, and both free it: a double free,
 * after which an allocator may hand one block to two later allocations. glibc's malloc checks for some double
 * frees ("free(): double free detected in tcache 2"); TSan replaces malloc with its own allocator and says
 * nothing: its free() looks up the block's metadata, finds none for a block freed already, marks zero bytes as
 * freed, and hands the block to the allocator a second time, unchecked. The join orders the two frees, so no race
 * hides the bug either: TSan has no check for it at all.
 * Source: compiler-rt lib/tsan/rtl/tsan_mman.cpp user_free, OnUserFree (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_sync.cpp MetaMap::FreeBlock (LLVM 14); glibc 2.36 malloc/malloc.c _int_free. */
#include "../casebook.h"
#include <string.h>

// expect-tsan: none -- misses: TSan's free() does not check that the block is still allocated
// expect-output: worker read: hello

static void *worker(void *arg) {
  char *message = arg;
  say("worker read: %s", message);
  free(message); /* the worker's reference */
  return NULL;
}

int main(void) {
  char *message = malloc(16);
  strcpy(message, "hello");
  pthread_t thread;
  pthread_create(&thread, NULL, worker, message);
  pthread_join(thread, NULL);
  free(message); // expect-bug: double free -- the worker freed this block already
  return 0;
}
