/* The mistake: fork() in a process whose other thread holds a mutex. The child gets a copy of memory only, with
 * one thread, so the mutex stays locked for good by a thread that does not exist there: any lock in the child
 * would hang (here a timed lock gives up after a tenth of a second). TSan reports nothing because it stops
 * watching: in the child of a multithreaded fork it ignores every access, lock and interceptor, waiting for an
 * exec. pthread_atfork() is how a program keeps its own locks usable across fork (glibc's fork does the same for
 * malloc's and stdio's), and it is the fix.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl.cpp ForkChildAfter (LLVM 14); gcc 12 libsanitizer/tsan/tsan_rtl.cpp
 * ForkChildAfter; glibc 2.36 posix/fork.c __libc_fork; POSIX.1-2017 fork(). */
#include "../casebook.h"
#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>

// expect-tsan: none -- misses: TSan does not watch the child of a multithreaded fork
// expect-output: child: the mutex stays locked.
// tsan-hides: multithreaded-fork -- the child runs on without exec, and TSan ignores all it does

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static invisible_barrier holding, forked;

static void *worker(void *unused) {
  (void)unused;
  pthread_mutex_lock(&lock);
  invisible_barrier_wait(&holding);
  invisible_barrier_wait(&forked); /* holds the lock, and runs, until main has forked */
  pthread_mutex_unlock(&lock);
  return NULL;
}

static void in_child(void) {
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_nsec += 100 * 1000 * 1000;
  if (deadline.tv_nsec >= 1000 * 1000 * 1000) {
    deadline.tv_sec += 1;
    deadline.tv_nsec -= 1000 * 1000 * 1000;
  }
  int status = pthread_mutex_timedlock(&lock, &deadline); // expect-bug: self-deadlock -- its owner was not copied
  if (status == 0)
    pthread_mutex_unlock(&lock);
  say(status == ETIMEDOUT ? "child: the mutex stays locked." : "child: got the mutex.");
  _exit(0);
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&holding, 2);
  invisible_barrier_init(&forked, 2);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&holding);
  pid_t child = fork();
  if (child == 0)
    in_child();
  invisible_barrier_wait(&forked);
  waitpid(child, NULL, 0);
  pthread_join(thread, NULL);
  return 0;
}
