/* The mistake: the child of a multithreaded process starts a thread. POSIX allows such a child only
 * async-signal-safe calls until it execs, since the other threads' locks were copied in whatever state they were
 * in: glibc's fork takes malloc's and stdio's locks around the copy and resets them in the child, TSan's fork
 * interceptor does the same with its own, but a lock the program's other thread held stays held for ever. TSan
 * refuses to go on: the child prints "starting new threads after multi-threaded fork is not supported. Dying" and
 * exits with TSan's exit code, 66, without a report (die_after_fork=0 would let it run on, unwatched: the harness
 * says "cannot check" then). The fix forks before the process has a second thread.
 * Source: POSIX.1-2024 fork(); glibc 2.36 posix/fork.c __libc_fork; compiler-rt lib/tsan/rtl/tsan_rtl.cpp ForkBefore
 * (LLVM 14); compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_create (LLVM 14). */
#include "../casebook.h"
#include <sys/wait.h>
#include <unistd.h>

// expect-tsan: none -- the child's death is a notice and an exit status, not a report
// expect-tsan-dies: starting new threads after multi-threaded fork -- the child, at its pthread_create
// expect-output: parent: the child exited with status 66.

static invisible_barrier forked;

static void *worker(void *unused) {
  (void)unused;
  invisible_barrier_wait(&forked); /* still running when main forks */
  return NULL;
}

static void *helper(void *unused) { return unused; }

static void in_child(void) {
  pthread_t thread;
  if (pthread_create(&thread, NULL, helper, NULL) == 0) // expect-bug: fork misuse -- a thread in a forked child
    pthread_join(thread, NULL);
  _exit(0);
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&forked, 2);
  pthread_create(&thread, NULL, worker, NULL);
  pid_t child = fork();
  if (child == 0)
    in_child();
  invisible_barrier_wait(&forked);
  int status = 0;
  waitpid(child, &status, 0);
  say("parent: the child exited with status %d.", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  pthread_join(thread, NULL);
  return 0;
}
