/* Breaks casebook.h's stay-alive rule on purpose: the worker writes `counter` and exits; main waits until the
 * kernel has reaped it (no happens-before edge: it polls /proc), makes more than three trace parts of events on
 * its own memory, and writes `counter` too. On a v3 runtime (LLVM >= 14) main's third part switch after the exit takes
 * the worker's only part from the recycle queue (tsan_rtl.cpp TracePartAlloc), the worker's write can no longer
 * be replayed, and ReportRace drops the report. ci/check-stay-alive.py must name this program. */
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { CALLS = 60000 }; /* clang 14 -O1: 40,000 calls fill 3 trace parts (reported), 50,000 start a 4th (dropped) */

int counter;
static int busy;
static long worker_tid; /* relaxed atomics only: TSan derives no edge from them */

static __attribute__((noinline)) void keep_busy(void) { busy += 1; }

static void *worker(void *arg) {
  (void)arg;
  counter = 1;
  __atomic_store_n(&worker_tid, (long)syscall(SYS_gettid), __ATOMIC_RELAXED);
  return NULL;
}

int main(void) {
  pthread_t thread;
  char task[64];
  struct timespec pause = {0, 1000 * 1000};
  pthread_create(&thread, NULL, worker, NULL);
  while (__atomic_load_n(&worker_tid, __ATOMIC_RELAXED) == 0)
    nanosleep(&pause, NULL);
  snprintf(task, sizeof task, "/proc/self/task/%ld", __atomic_load_n(&worker_tid, __ATOMIC_RELAXED));
  while (access(task, F_OK) == 0) /* the worker has exited once the kernel drops its task */
    nanosleep(&pause, NULL);
  for (int i = 0; i < CALLS; i++)
    keep_busy();
  counter = 2;
  printf("counter is %d, busy is %d\n", counter, busy);
  pthread_detach(thread);
  return 0;
}
