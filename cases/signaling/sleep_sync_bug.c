/* main gives the worker 50 ms to write its result, then reads it: a sleep used as synchronization. A sleep
 * orders nothing (the worker could be slower, and compiler and CPU do not see the sleep as a fence), so TSan
 * reports a data race between the write and the read, and adds "As if synchronized via sleep" with main's
 * sleep, its hint that a sleep stood in for synchronization. The invisible barrier makes sure the write comes
 * before the sleep starts, as the program assumes, so the report and its note are the same every run.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp nanosleep (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_mutex.cpp AfterSleep (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_report.cpp
 * ReportRace (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"

// expect-output: main: the result is 42.

static struct {
  long result;
} mailbox;

static invisible_barrier written;

static void *worker(void *unused) {
  (void)unused;
  mailbox.result = 6 * 7;
  invisible_barrier_wait(&written);
  return NULL;
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&written, 2);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&written);
  struct timespec fifty_ms = {0, 50 * 1000 * 1000};
  nanosleep(&fifty_ms, NULL); /* "surely the worker is done by now" */
  say("main: the result is %ld.", mailbox.result); // expect-tsan: data race -- ordered only by the sleep
  pthread_join(thread, NULL);
  return 0;
}
