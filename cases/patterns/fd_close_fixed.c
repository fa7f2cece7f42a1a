/* The fix: main joins the worker before closing the pipe's write end. The worker's end happens-before the
 * join's return, so its write(fd) is ordered before the close(fd), and TSan reports nothing: a descriptor may
 * be closed only when no other thread can still use it.
 * Source: compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_create, pthread_join (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_thread.cpp ThreadCreate, ThreadStart, ThreadFinish, ThreadJoin (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_fd.cpp FdAccess, FdClose (LLVM 14). */
#include "../casebook.h"
#include <unistd.h>

// expect-tsan: none
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
  pthread_join(thread, NULL);
  close(pipe_ends[1]);
  if (read(pipe_ends[0], line, sizeof line - 1) > 0)
    say("Main read: %s", line);
  close(pipe_ends[0]);
  return 0;
}
