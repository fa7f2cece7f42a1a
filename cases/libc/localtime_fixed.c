/* The fix: localtime_r() converts into a `struct tm` the caller owns, so thread B's conversion cannot touch
 * thread A's result. The interceptor still announces a write of the whole struct, but each thread's struct is
 * its own, and TSan reports nothing; A reads the 1970 it converted.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc localtime_r (LLVM 14); POSIX.1-2017
 * localtime(). */
#include "../casebook.h"
#include <time.h>

// expect-tsan: none
// expect-output: Thread A converted 1970 and reads 1970.

static invisible_barrier converted, read_done;

static void *thread_b(void *unused) {
  (void)unused;
  time_t y2000 = 946728000; /* 2000-01-01 12:00 UTC */
  struct tm mine;
  invisible_barrier_wait(&converted); /* A has its result */
  localtime_r(&y2000, &mine);
  invisible_barrier_wait(&read_done);
  return NULL;
}

int main(void) {
  pthread_t b;
  time_t y1970 = 43200; /* 1970-01-01 12:00 UTC */
  struct tm mine;
  invisible_barrier_init(&converted, 2);
  invisible_barrier_init(&read_done, 2);
  setenv("TZ", "UTC", 1);
  pthread_create(&b, NULL, thread_b, NULL);
  struct tm *when = localtime_r(&y1970, &mine);
  invisible_barrier_wait(&converted);
  invisible_barrier_wait(&read_done);
  int year = when->tm_year + 1900;
  say("Thread A converted 1970 and reads %d.", year);
  pthread_join(b, NULL);
  return 0;
}
