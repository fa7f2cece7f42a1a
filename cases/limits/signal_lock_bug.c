/* The mistake: a signal handler writes to the log through append(), which takes the log's mutex, and the signal
 * lands while the thread it interrupts holds that mutex inside append(). The handler waits for a lock its own
 * thread holds and will never release: a self-deadlock (pthread_mutex_lock is not async-signal-safe, for this
 * reason). The log's mutex is an error-checking one so that glibc answers EDEADLK instead of hanging the case.
 * TSan reports nothing: its lock interceptor records a lock only when glibc's lock succeeds, it runs the handler as
 * the interrupted thread, and it checks a handler's calls for signal safety only in its allocator.
 * Source: POSIX.1-2017 XSH 2.4.3; POSIX.1-2017 pthread_mutex_lock(); compiler-rt
 * lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interceptors_posix.cpp CallUserSignalHandler (LLVM 14); compiler-rt lib/tsan/rtl/tsan_mman.cpp
 * SignalUnsafeCall (LLVM 14). */
#include "../casebook.h"
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

// expect-tsan: none -- misses: a handler that locks what the interrupted code holds is no race, and no report
// expect-output: Main: the signal's line was lost: its lock was held by the code it interrupted.

static struct {
  pthread_mutex_t lock;
  char text[64];
  size_t used;
} log_book;
static volatile sig_atomic_t lock_was_held;

static int append(const char *line) {
  int error = pthread_mutex_lock(&log_book.lock);
  if (error != 0)
    return error;
  size_t length = strlen(line);
  memcpy(log_book.text + log_book.used, line, length);
  log_book.used += length;
  if (strcmp(line, "main\n") == 0)
    kill(getpid(), SIGUSR1); /* stands for a signal that lands while main holds the lock */
  pthread_mutex_unlock(&log_book.lock);
  return 0;
}

static void on_signal(int signo) {
  (void)signo;
  // expect-bug: self-deadlock -- the handler waits for the lock the code it interrupted holds
  if (append("signal\n") == EDEADLK)
    lock_was_held = 1;
}

int main(void) {
  pthread_mutexattr_t attributes;
  pthread_mutexattr_init(&attributes);
  pthread_mutexattr_settype(&attributes, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&log_book.lock, &attributes);
  struct sigaction action = {.sa_handler = on_signal};
  sigaction(SIGUSR1, &action, NULL);
  append("main\n");
  if (lock_was_held)
    say("Main: the signal's line was lost: its lock was held by the code it interrupted.");
  say("Main: the log holds %zu bytes.", log_book.used);
  return 0;
}
