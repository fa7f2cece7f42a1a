/* side_thread.h: a thread beside the one that runs programs (the proof of instrumentation, the compiler's reading).
 *
 * The runner learns of its traced program's events from SIGCHLD, read from a signalfd (run.c). SIGCHLD is directed
 * at the process, and the kernel hands it to any thread that does not block it: a side thread would take it (its
 * default action discards it) before the runner's poll sees it, and the runner would wait a whole tick for the next
 * event. A side thread blocks SIGCHLD for its whole life, besides the signals the harness holds (signals.h). */
#ifndef TSAN_VERIFY_SIDE_THREAD_H
#define TSAN_VERIFY_SIDE_THREAD_H

#include <pthread.h>
#include <stdbool.h>

/* Starts `work(argument)` on a side thread; false when no thread could start (the caller then does the work). */
bool side_thread_start(pthread_t *thread, void *(*work)(void *), void *argument);

#endif
