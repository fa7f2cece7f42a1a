/* The fix: main forks before it starts its worker, so the child is the copy of a process with one thread and
 * may start threads of its own. TSan follows the child as it follows any program: the child's thread runs, the
 * child exits with status 0, and TSan reports nothing in either process.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl.cpp ForkChildAfter (LLVM 14); POSIX.1-2017 fork(). */
#include "../casebook.h"
#include <sys/wait.h>
#include <unistd.h>

// expect-tsan: none
// expect-output: parent: the child exited with status 0.

static invisible_barrier forked;

static void *worker(void *unused) {
  (void)unused;
  invisible_barrier_wait(&forked); /* started after the fork */
  return NULL;
}

static void *helper(void *unused) { return unused; }

static void in_child(void) {
  pthread_t thread;
  if (pthread_create(&thread, NULL, helper, NULL) == 0)
    pthread_join(thread, NULL);
  _exit(0);
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&forked, 2);
  pid_t child = fork();
  if (child == 0)
    in_child();
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&forked);
  int status = 0;
  waitpid(child, &status, 0);
  say("parent: the child exited with status %d.", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  pthread_join(thread, NULL);
  return 0;
}
