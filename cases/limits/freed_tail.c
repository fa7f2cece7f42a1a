/* A thread frees a 4 KiB block while main still uses it: main's reads of byte 8 and of byte 2048 both come after
 * the free, and nothing orders them. TSan reports the first as a heap-use-after-free and is silent about the
 * second: at free() it marks only the block's first 1 KiB as freed ("processing more than 1k ... is expensive"),
 * so the rest of the block keeps the shadow of its last accesses, which were main's own. Both runtimes work so: v3
 * (clang >= 14) and v2 (gcc's copy).
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp MemoryRangeFreed (LLVM 14); gcc 12
 * libsanitizer/tsan/tsan_rtl_access.cpp MemoryRangeFreed; compiler-rt lib/tsan/rtl/tsan_mman.cpp OnUserFree (LLVM
 * 14). */
#include "../casebook.h"

enum { BLOCK_SIZE = 4096, NEAR_BYTE = 8, FAR_BYTE = 2048 };

static invisible_barrier freed;

static void *freer(void *arg) {
  free(arg);
  invisible_barrier_wait(&freed); /* main reads only after the free, without an edge from it */
  return NULL;
}

int main(void) {
  char *block = malloc(BLOCK_SIZE);
  for (int i = 0; i < BLOCK_SIZE; i++)
    block[i] = (char)i;
  say("main filled the block");
  invisible_barrier_init(&freed, 2);
  pthread_t thread;
  pthread_create(&thread, NULL, freer, block);
  invisible_barrier_wait(&freed);
  volatile char *stale = block;
  char near = stale[NEAR_BYTE]; // expect-tsan: heap-use-after-free -- in the first 1 KiB, marked freed
  char far = stale[FAR_BYTE];   // expect-bug: heap-use-after-free -- misses: past the first 1 KiB, never marked
  pthread_join(thread, NULL);
  say("main read %d and %d from the freed block", near, far);
  return 0;
}
