/* The fix: pthread_atfork() handlers take the mutex just before fork() and release it just after, in the
 * parent and in the child, so fork() waits until the worker has let go and the child's lock succeeds at once
 * (the worker now lets go before it waits for the fork, which would otherwise wait for it).
 * It works on glibc, not by POSIX's promise: POSIX lets the child of a multithreaded process call only
 * async-signal-safe functions until it execs, and pthread_mutex_timedlock() and printf() are not; glibc's fork
 * runs the handlers and resets stdio's and malloc's locks in the child, so here both work. The portable child
 * execs, or calls only async-signal-safe functions. TSan reports nothing (it does not watch the child at all).
 * Source: glibc 2.36 posix/fork.c __libc_fork; POSIX.1-2017 fork(); POSIX.1-2017 XSH 2.4.3; compiler-rt
 * lib/tsan/rtl/tsan_rtl.cpp ForkChildAfter (LLVM 14). */
#include "../casebook.h"
#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>

// expect-tsan: none
// expect-output: child: got the mutex.
// tsan-hides: multithreaded-fork -- the child runs on without exec, and TSan ignores all it does

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static invisible_barrier holding, forked;

static void take_lock(void) { pthread_mutex_lock(&lock); }
static void release_lock(void) { pthread_mutex_unlock(&lock); }

static void *worker(void *unused) {
  (void)unused;
  pthread_mutex_lock(&lock);
  invisible_barrier_wait(&holding);
  pthread_mutex_unlock(&lock);
  invisible_barrier_wait(&forked); /* still running when main forks: the child must not see it finished */
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
  int status = pthread_mutex_timedlock(&lock, &deadline);
  if (status == 0)
    pthread_mutex_unlock(&lock);
  say(status == ETIMEDOUT ? "child: the mutex stays locked." : "child: got the mutex.");
  _exit(0);
}

int main(void) {
  pthread_t thread;
  pthread_atfork(take_lock, release_lock, release_lock);
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
