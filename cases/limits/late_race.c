/* A detached worker makes its update only once main has returned, while the process is already exiting. Its
 * read and write of `value` race with main's write (nothing orders them), but TSan can only report what happens
 * while the process still lives: at exit TSan waits `atexit_sleep_ms` (1000 ms by default) for threads still
 * running, and reports the race during that wait. tsan-verify runs every case with atexit_sleep_ms=0, which makes
 * a run 1 s faster, and then the process is usually gone before the worker writes: without this case's option the
 * race was seen in 3 of 30 runs (clang 14). This case asks for TSan's default back (its tsan-options marker
 * sets atexit_sleep_ms=1000); do the same in any case where a detached thread can still be working when main
 * returns (tsan-verify cannot tell that one is).
 * Source: compiler-rt lib/tsan/rtl/tsan_flags.inc atexit_sleep_ms (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl.cpp
 * Finalize (LLVM 14). */
#include "../casebook.h"

// tsan-options: atexit_sleep_ms=1000

static struct {
  int value;
} store;

static invisible_barrier main_has_returned;

static void *late_worker(void *arg) {
  (void)arg;
  invisible_barrier_wait(&main_has_returned);
  store.value = store.value + 1; // expect-tsan: data race -- the worker's update, after main returned
  return NULL;
}

/* Runs inside exit(), after main has returned: lets the worker go, and the process goes on exiting. */
static void let_the_worker_go(void) { invisible_barrier_wait(&main_has_returned); }

int main(void) {
  invisible_barrier_init(&main_has_returned, 2);
  atexit(let_the_worker_go);
  pthread_t worker;
  pthread_create(&worker, NULL, late_worker, NULL);
  pthread_detach(worker);
  store.value = 1; // expect-tsan: data race -- main's update, which nothing orders before the worker's
  say("main returns with value %d", store.value);
  return 0;
}
