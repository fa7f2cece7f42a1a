/* Compiles in a strong __tsan_default_options that turns thread-leak reports off, then leaks a thread (started,
 * finished, never joined nor detached). The runtime parses that string before TSAN_OPTIONS. Marked `none`. Truth:
 * a thread leak. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <unistd.h>

const char *__tsan_default_options(void) { return "report_thread_leaks=0"; }

static atomic_int worker_tid;

static void *worker(void *arg) {
  (void)arg;
  atomic_store(&worker_tid, (int)syscall(SYS_gettid));
  return NULL;
}

// expect-tsan: none
int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  int tid;
  while ((tid = atomic_load(&worker_tid)) == 0)
    sched_yield();
  while (syscall(SYS_tgkill, getpid(), tid, 0) == 0) /* TSan reports only threads that have finished */
    sched_yield();
  return 0;
}
