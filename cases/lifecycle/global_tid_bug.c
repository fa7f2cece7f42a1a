/* The mistake: main starts the worker with pthread_create(&worker_id, ...), and the worker reads the global
 * `worker_id` to find out who it is. POSIX does not promise that the id is stored before the new thread runs,
 * so on a C library that stores it after creating the thread, the worker's read races with the store and may see
 * someone else's id. glibc stores it before the thread exists, and TSan's interceptor holds the new thread until
 * pthread_create has returned, so on this platform there is no race: TSan is right to report nothing, and cannot
 * warn about a race that only another libc has. The fix is pthread_self().
 * Source: glibc 2.36 nptl/pthread_create.c __pthread_create_2_1; compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp
 * pthread_create, __tsan_thread_start_func (LLVM 14); gcc 12 libsanitizer/tsan/tsan_interceptors_posix.cpp
 * pthread_create; POSIX.1-2017 pthread_create(). */
#include "../casebook.h"

// expect-tsan: none -- glibc stores the id before the thread exists: no race here to report
// expect-bug: none -- on glibc; where a libc stores the id after the thread starts, the read below races
// expect-output: The worker knows its id.

static pthread_t worker_id;
static invisible_barrier created;

static void *worker(void *unused) {
  (void)unused;
  invisible_barrier_wait(&created); /* pthread_create has returned in main */
  pthread_t me = worker_id; /* relies on glibc's order: POSIX leaves it unspecified */
  say(pthread_equal(me, pthread_self()) ? "The worker knows its id." : "The worker has someone else's id.");
  return NULL;
}

int main(void) {
  invisible_barrier_init(&created, 2);
  pthread_create(&worker_id, NULL, worker, NULL);
  invisible_barrier_wait(&created);
  pthread_join(worker_id, NULL);
  return 0;
}
