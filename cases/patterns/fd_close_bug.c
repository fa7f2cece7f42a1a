/* The mistake: a race on a file descriptor. The worker writes its result to a pipe while main closes the pipe's
 * write end without joining the worker first; had the close come first, the write would fail or, once the number
 * is reused, land in some other file. TSan tracks descriptors as well as memory: a write(fd) counts as a read of
 * the descriptor, a close(fd) as a write, so it reports a data race whose location is "file descriptor", close
 * against write. The worker has written by then (the invisible barrier forces that order).
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc write (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interceptors_posix.cpp close (LLVM 14); compiler-rt lib/tsan/rtl/tsan_fd.cpp FdAccess,
 * FdClose (LLVM 14); compiler-rt lib/tsan/rtl/tsan_report.cpp PrintLocation (LLVM 14); POSIX.1-2017 close(). */
#include "../casebook.h"
#include <unistd.h>

// expect-output: Main read: value 1

static int pipe_ends[2];
static invisible_barrier written;

static void *worker(void *arg) {
  (void)arg;
  static const char line[] = "value 1";
  if (write(pipe_ends[1], line, sizeof line) != sizeof line)
    perror("write");
  invisible_barrier_wait(&written);
  return NULL;
}

int main(void) {
  pthread_t thread;
  char line[16] = "";
  if (pipe(pipe_ends) != 0)
    return 1;
  invisible_barrier_init(&written, 2);
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&written);
  close(pipe_ends[1]); // expect-tsan: data race -- the worker's write(fd) is not ordered before this close
  pthread_join(thread, NULL);
  if (read(pipe_ends[0], line, sizeof line - 1) > 0)
    say("Main read: %s", line);
  close(pipe_ends[0]);
  return 0;
}
