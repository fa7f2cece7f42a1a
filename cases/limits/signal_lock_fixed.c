/* The fix: no handler at all. Every thread blocks SIGUSR1, and one thread takes it with sigwait(), outside any
 * handler, so it runs as an ordinary thread and may call anything, append() and its mutex included. The signal
 * still arrives while main holds the log's mutex, but now the signal thread simply waits until main releases it,
 * and both lines reach the log. TSan reports nothing here, now rightly: the two appends are ordered by the mutex.
 * Source: POSIX.1-2017 sigwait(); POSIX.1-2017 pthread_sigmask(); POSIX.1-2017 XSH 2.4.1. */
#include "../casebook.h"
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

// expect-tsan: none
// expect-output: Main: the log holds 12 bytes.

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

static void *signal_thread(void *arg) {
  const sigset_t *signals = arg;
  int signo;
  if (sigwait(signals, &signo) == 0 && append("signal\n") == EDEADLK)
    lock_was_held = 1;
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attributes;
  pthread_mutexattr_init(&attributes);
  pthread_mutexattr_settype(&attributes, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&log_book.lock, &attributes);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &signals, NULL); /* before any thread starts: every thread inherits the mask */
  pthread_t thread;
  pthread_create(&thread, NULL, signal_thread, &signals);
  append("main\n");
  pthread_join(thread, NULL);
  if (lock_was_held)
    say("Main: the signal's line was lost: its lock was held by the code it interrupted.");
  say("Main: the log holds %zu bytes.", log_book.used);
  return 0;
}
