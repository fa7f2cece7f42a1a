/* The fix: the flag is an atomic_int (lock-free, so a handler may use it) set with a release store after the
 * count, and main reads it with an acquire load. When main sees the flag, the handler's write of the count
 * happens-before main's read of it, so TSan reports nothing. A handler may touch only lock-free atomics and
 * volatile sig_atomic_t; only the atomics also work across threads. */
#include "../casebook.h"
#include <stdatomic.h>
#include <signal.h>

// expect-tsan: none
// expect-output: main: the worker got 1 signal.

static struct {
  _Alignas(8) atomic_int got_signal; /* own 8-byte shadow cells, as in the mistake */
  _Alignas(8) int count;
} note;

static invisible_barrier ready, handled;

static void on_signal(int signo) {
  (void)signo;
  note.count += 1;
  atomic_store_explicit(&note.got_signal, 1, memory_order_release);
}

static void *worker(void *unused) {
  (void)unused;
  sigset_t usr1, old;
  sigemptyset(&usr1);
  sigaddset(&usr1, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &usr1, &old); /* SIGUSR1 waits until sigsuspend() */
  invisible_barrier_wait(&ready);
  sigsuspend(&old); /* the handler runs here, on this thread */
  invisible_barrier_wait(&handled);
  return NULL;
}

int main(void) {
  pthread_t thread;
  struct sigaction action = {.sa_handler = on_signal};
  sigaction(SIGUSR1, &action, NULL);
  invisible_barrier_init(&ready, 2);
  invisible_barrier_init(&handled, 2);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&ready);
  pthread_kill(thread, SIGUSR1);
  invisible_barrier_wait(&handled);
  if (atomic_load_explicit(&note.got_signal, memory_order_acquire))
    say("main: the worker got %d signal.", note.count);
  pthread_join(thread, NULL);
  return 0;
}
