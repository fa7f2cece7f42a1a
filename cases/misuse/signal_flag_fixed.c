/* The fix: the flag and the count are lock-free atomic_ints, the only objects besides a `volatile sig_atomic_t`
 * that a handler for a signal sent by another thread may touch (the static assertion checks they are lock-free).
 * The handler counts, then sets the flag with a release store; main reads the flag with an acquire load, so when
 * main sees it, the count it reads is the handler's, and TSan reports nothing. Of the two kinds a handler may use,
 * only the atomics also work across threads.
 * Source: C11 7.14.1.1p5; C11 7.17.5p1; compiler-rt lib/tsan/rtl/tsan_interface_atomic.cpp AtomicStore, AtomicLoad
 * (LLVM 14). */
#include "../casebook.h"
#include <stdatomic.h>
#include <signal.h>

_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "a signal handler may touch only lock-free atomics");

// expect-tsan: none
// expect-output: main: the worker got 1 signal.

static struct {
  _Alignas(8) atomic_int got_signal; /* own 8-byte shadow cells, as in the mistake */
  _Alignas(8) atomic_int count;
} note;

static invisible_barrier ready, handled;

static void on_signal(int signo) {
  (void)signo;
  atomic_fetch_add_explicit(&note.count, 1, memory_order_relaxed);
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
    say("main: the worker got %d signal.", atomic_load_explicit(&note.count, memory_order_relaxed));
  pthread_join(thread, NULL);
  return 0;
}
