/* A race TSan forgets. The worker writes `value`, then makes a million function calls before main writes `value` too,
 * with nothing ordering the two writes. TSan still finds the conflict in its shadow memory, but to report it needs the
 * older write's stack, which it rebuilds from a per-thread history of recent events (calls, returns, memory accesses;
 * TSAN_OPTIONS history_size sets its length: 0 to 7 on gcc's runtime, each step doubling it, and a count of extra trace
 * parts on clang 14's). That write has long left the history: clang's runtime then drops the report; gcc 12's older
 * runtime reports the race with "[failed to restore the stack]" where the worker's stack should be. What decides it is
 * the runtime, not the compiler: clang 13 ships the same old (v2) runtime as gcc 11 and 12 and reports like them; the
 * v3 rewrite (clang 14 on) drops the report.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_report.cpp ReportRace, RestoreStack (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl.cpp TracePartAlloc (LLVM 14); gcc 12 libsanitizer/tsan/tsan_flags.cpp InitializeFlags; gcc 12
 * libsanitizer/tsan/tsan_rtl_report.cpp ReportRace, RestoreStack; gcc 12 libsanitizer/tsan/tsan_report.cpp PrintStack.
 * */
#include "../casebook.h"

// expect-tsan[clang>=14]: none -- misses: the older write has left the history, so the report is dropped
// expect-output: Main: the table sums to 499999500000.

enum { CALLS = 1000000, TABLE_SIZE = 1000 };

static long value;
static long table[TABLE_SIZE];

/* Not inlined: every call adds a call and a return to the thread's history. */
__attribute__((noinline)) static void add(long *slot, long amount) { *slot += amount; }

static invisible_barrier filled;

static void *worker(void *arg) {
  (void)arg;
  value = 1; // expect-bug: data race -- with main's write below, which nothing orders after it
  for (long i = 0; i < CALLS; i++)
    add(&table[i % TABLE_SIZE], i);
  invisible_barrier_wait(&filled); /* main writes only after all that, without an edge TSan sees */
  return NULL;
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&filled, 2);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&filled);
  value = 2; // expect-tsan[clang<14,gcc]: data race -- the worker's write has no stack: [failed to restore the stack]
  pthread_join(thread, NULL);
  long sum = 0;
  for (int i = 0; i < TABLE_SIZE; i++)
    sum += table[i];
  say("Main: the table sums to %ld.", sum);
  return value == 2 ? 0 : 1;
}
