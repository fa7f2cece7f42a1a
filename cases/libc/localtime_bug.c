/* The mistake: localtime() returns a pointer to one static `struct tm` that every call in the process
 * overwrites. Thread A converts 1970 and keeps the pointer; thread B then converts 2000, and A reads B's year.
 * TSan's localtime interceptor announces a write of the whole struct after each call, so TSan reports a data
 * race between B's call and A's earlier one (two writes of the same static struct, no happens-before edge).
 * A's later read of tm_year is silent: the runtime checks B's write 8 bytes at a time, stops at the first racing
 * cell and stores the write in none of them, so the cell A reads still holds only A's own write. The fix is
 * localtime_r(), which fills a struct the caller owns.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp MemoryAccessRangeT (LLVM 14); compiler-rt
 * lib/sanitizer_common/sanitizer_common_interceptors.inc localtime (LLVM 14). */
#include "../casebook.h"
#include <time.h>

// expect-output: Thread A converted 1970 and reads 2000.

static invisible_barrier converted, read_done;

static void *thread_b(void *unused) {
  (void)unused;
  time_t y2000 = 946728000; /* 2000-01-01 12:00 UTC */
  invisible_barrier_wait(&converted); /* A has its result */
  localtime(&y2000); // expect-tsan: data race -- rewrites the struct A's call filled
  invisible_barrier_wait(&read_done);
  return NULL;
}

int main(void) {
  pthread_t b;
  time_t y1970 = 43200; /* 1970-01-01 12:00 UTC */
  invisible_barrier_init(&converted, 2);
  invisible_barrier_init(&read_done, 2);
  setenv("TZ", "UTC", 1);
  pthread_create(&b, NULL, thread_b, NULL);
  struct tm *when = localtime(&y1970);
  invisible_barrier_wait(&converted);
  invisible_barrier_wait(&read_done);
  int year = when->tm_year + 1900;
  say("Thread A converted 1970 and reads %d.", year);
  pthread_join(b, NULL);
  return 0;
}
