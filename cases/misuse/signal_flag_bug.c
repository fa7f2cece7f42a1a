/* The mistake: a signal handler running on the worker thread records the signal in a `volatile sig_atomic_t`
 * flag and a plain count, and main, another thread, reads them. sig_atomic_t is atomic only against a handler
 * interrupting its own thread; between threads it is an ordinary variable, and `volatile` orders nothing (and a
 * handler that touches the plain count is undefined behaviour already). TSan runs the handler as the worker
 * thread, so it reports a data race on each of the two: the handler's writes against main's reads, with no
 * happens-before edge (the invisible barrier only orders them in time). The fix uses lock-free C11 atomics.
 * Source: C11 7.14.1.1p5; C11 5.1.2.4p25; compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp
 * CallUserSignalHandler (LLVM 14). */
#include "../casebook.h"
#include <signal.h>

// expect-output: main: the worker got 1 signal.

static struct {
  _Alignas(8) volatile sig_atomic_t got_signal; /* own 8-byte shadow cells: one report each */
  _Alignas(8) int count;
} note;

static invisible_barrier ready, handled;

static void on_signal(int signo) {
  (void)signo;
  note.count += 1;
  note.got_signal = 1;
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
  if (note.got_signal) // expect-tsan: data race -- the handler set the flag on the worker thread
    say("main: the worker got %d signal.", note.count); // expect-tsan: data race -- and counted there
  pthread_join(thread, NULL);
  return 0;
}
