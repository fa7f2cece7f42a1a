/* Main starts a worker and never joins or detaches it. The worker finishes, but a joinable thread that is
 * never joined keeps its stack and exit status until the process ends, like a zombie process. At exit TSan
 * lists every finished thread nobody joined or detached and reports a thread leak, pointing at the
 * pthread_create() that started it. Main first waits for the worker's kernel thread to vanish, without joining
 * it, because TSan reports only threads that have finished.
 * Source: POSIX.1-2017 pthread_join(); POSIX.1-2017 pthread_detach(); glibc 2.36 nptl/pthread_create.c start_thread;
 * glibc 2.36 nptl/pthread_join_common.c __pthread_clockjoin_ex; compiler-rt lib/tsan/rtl/tsan_rtl_thread.cpp
 * ThreadFinalize, CollectThreadLeaks (LLVM 14). */
#define _GNU_SOURCE
#include "../casebook.h"
#include <sched.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <unistd.h>

// expect-output: Main: the worker has exited.

static atomic_int worker_tid;

static void *worker(void *arg) {
  (void)arg;
  say("Worker: working.");
  atomic_store(&worker_tid, (int)syscall(SYS_gettid));
  return NULL;
}

/* Waits until the worker's kernel thread is gone, without joining it (TSan checks only finished threads). */
static void wait_until_worker_exits(void) {
  int tid;
  while ((tid = atomic_load(&worker_tid)) == 0)
    sched_yield();
  while (syscall(SYS_tgkill, getpid(), tid, 0) == 0)
    sched_yield();
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL); // expect-tsan: thread leak -- never joined nor detached
  wait_until_worker_exits();
  say("Main: the worker has exited.");
  return 0;
}
