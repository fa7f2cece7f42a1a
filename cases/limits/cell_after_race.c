/* Two races on one 8-byte cell of memory, and TSan's v3 runtime (clang >= 14) reports only the first. The
 * worker and main both write `first`, unordered: reported. Then the worker writes `second`, in the same cell, and
 * main reads it, unordered again: a race of its own, on another variable. But when v3 reports a race it marks the
 * cell read-only ("this prevents trapping on this address in future"), and it never checks a read of a read-only
 * cell again, so main's read passes unseen. The v2 runtime (clang 13, gcc's copy) keeps checking, and reports it.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp DoReportRace, ContainsSameAccess (LLVM 14); measured only. */
#include "../casebook.h"

static volatile struct { /* volatile: every access stays, at every level */
  _Alignas(8) int first; /* first and second share one 8-byte shadow cell */
  int second;
} cell;

static invisible_barrier turn;

static void *worker(void *unused) {
  (void)unused;
  cell.first = 1;
  invisible_barrier_wait(&turn); /* main writes first */
  invisible_barrier_wait(&turn);
  cell.second = 2;
  invisible_barrier_wait(&turn); /* main reads second */
  return NULL;
}

int main(void) {
  invisible_barrier_init(&turn, 2);
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&turn);
  cell.first = 3; // expect-tsan: data race -- the first race on the cell, reported by every runtime
  invisible_barrier_wait(&turn);
  invisible_barrier_wait(&turn);
  // expect-bug: data race -- the worker wrote second, unordered; v3 misses it, v2 reports it
  // expect-tsan[clang<14,gcc]: data race
  int second = cell.second;
  pthread_join(thread, NULL);
  say("main read second = %d", second);
  return 0;
}
