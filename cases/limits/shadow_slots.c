/* TSan remembers at most four accesses per 8-byte cell of memory. An access that finds no empty slot, and no
 * slot of its own to overwrite, evicts one chosen by the thread's position in its history, and whatever was there
 * is forgotten. Here main reads byte 0 of a cell; then thread B, unordered with main, reads the other seven bytes:
 * three fill the empty slots, and four more evict the slots one after another, main's read among them. B's write
 * of byte 0 then races with a read TSan no longer remembers, and it reports nothing (read bytes 1 to 3 only, and
 * it reports the race every time). Both runtimes work so: v3 (clang >= 14) and v2 (gcc's copy).
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); compiler-rt lib/tsan/rtl/tsan_defs.h
 * kShadowCnt (LLVM 14); gcc 12 libsanitizer/tsan/tsan_rtl_access.cpp MemoryAccessImpl1; gcc 12
 * libsanitizer/tsan/tsan_update_shadow_word.inc. */
#include "../casebook.h"

// expect-tsan: none -- misses: four reads of B evicted main's read from the cell's four slots
// expect-output: main read: a

static struct {
  _Alignas(8) char bytes[8]; /* one 8-byte shadow cell */
} cell = {"abcdefg"};

static invisible_barrier read_done;

static void *thread_b(void *unused) {
  (void)unused;
  volatile char *bytes = cell.bytes; /* volatile: seven one-byte reads at every level */
  invisible_barrier_wait(&read_done); /* main has read byte 0 */
  int sum = 0;
  for (int i = 1; i < 8; i++)
    sum += bytes[i];
  bytes[0] = (char)sum; // expect-bug: data race -- main read this byte, unordered
  return NULL;
}

int main(void) {
  pthread_t b;
  invisible_barrier_init(&read_done, 2);
  pthread_create(&b, NULL, thread_b, NULL);
  char first = cell.bytes[0];
  invisible_barrier_wait(&read_done);
  say("main read: %c", first);
  pthread_join(b, NULL);
  return 0;
}
