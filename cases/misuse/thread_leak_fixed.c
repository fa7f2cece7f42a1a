/* The fix for a thread nobody waits for: detach it. A detached thread releases its resources itself when it
 * ends, so nobody has to join it and TSan's check at exit finds nothing to report. (Joining it is the other
 * fix, and the right one when main needs the worker's result or must know it is done.)
 * Source: POSIX.1-2017 pthread_detach(); glibc 2.36 nptl/pthread_create.c start_thread; compiler-rt
 * lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_detach (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_thread.cpp
 * ThreadFinalize, CollectThreadLeaks (LLVM 14). */
#define _GNU_SOURCE
#include "../casebook.h"
#include <sched.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <unistd.h>

// expect-tsan: none
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
  pthread_create(&thread, NULL, worker, NULL);
  pthread_detach(thread);
  wait_until_worker_exits();
  say("Main: the worker has exited.");
  return 0;
}
