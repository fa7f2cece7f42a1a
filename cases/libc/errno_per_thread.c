/* errno looks like one global, but C11 and POSIX make it thread-local: each thread has its own, so two threads
 * that fail different calls at the same moment never see each other's error. Here a worker's failed close()
 * sets its errno to EBADF while main's failed open() sets main's to ENOENT, and each reads back its own. The
 * two errno objects are different addresses, and TSan reports nothing. (A signal handler, which runs on the
 * interrupted thread, can still clobber that thread's errno: see misuse/errno_handler_bug.c.)
 * Source: C11 7.5p2; POSIX.1-2017 XSH 2.3; glibc 2.36 csu/errno.c errno. */
#include "../casebook.h"
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

// expect-tsan: none
// expect-output: worker: EBADF
// expect-output: main: ENOENT

static invisible_barrier both_failed, both_read;

static void *worker(void *unused) {
  (void)unused;
  close(-1); /* fails with EBADF */
  invisible_barrier_wait(&both_failed);
  bool mine = errno == EBADF;
  invisible_barrier_wait(&both_read);
  say("worker: %s", mine ? "EBADF" : "someone else's error");
  return NULL;
}

int main(void) {
  pthread_t thread;
  invisible_barrier_init(&both_failed, 2);
  invisible_barrier_init(&both_read, 2);
  pthread_create(&thread, NULL, worker, NULL);
  open("/nonexistent/casebook", O_RDONLY); /* fails with ENOENT */
  invisible_barrier_wait(&both_failed);
  bool mine = errno == ENOENT;
  invisible_barrier_wait(&both_read);
  pthread_join(thread, NULL);
  say("main: %s", mine ? "ENOENT" : "someone else's error");
  return 0;
}
