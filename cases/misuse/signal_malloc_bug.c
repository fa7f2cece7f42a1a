/* A signal handler builds its log line in a malloc()ed buffer. A signal can arrive while the thread is
 * inside malloc() or free() with the allocator's locks held or its lists half updated, so calling them again
 * from the handler can deadlock or corrupt the heap; only async-signal-safe functions belong in a handler.
 * TSan notices malloc and free running inside a signal handler and reports a signal-unsafe call at each.
 * pthread_kill() to the thread itself runs the handler at once, so the report does not depend on timing.
 * Source: POSIX.1-2017 XSH 2.4.3; compiler-rt lib/tsan/rtl/tsan_mman.cpp SignalUnsafeCall, user_alloc_internal,
 * user_free (LLVM 14); compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp is_sync_signal, pthread_kill (LLVM 14). */
#include "../casebook.h"
#include <signal.h>
#include <string.h>
#include <unistd.h>

// expect-output: Main: the handler has run.

static volatile sig_atomic_t handled;

static void on_signal(int sig) {
  static const char text[] = "Handler: got a signal\n";
  char *line = malloc(sizeof text); // expect-tsan: signal-unsafe call inside of a signal
  memcpy(line, text, sizeof text);
  write(STDOUT_FILENO, line, strlen(line));
  free(line); // expect-tsan: signal-unsafe call inside of a signal
  handled = sig;
}

int main(void) {
  signal(SIGUSR1, on_signal);
  pthread_kill(pthread_self(), SIGUSR1);
  if (handled)
    say("Main: the handler has run.");
  return 0;
}
