/* The mistake: a parent and its forked child both add to a counter in memory they share (mmap with MAP_SHARED), and
 * neither takes a lock: a data race between two processes, and updates are lost. TSan reports nothing: each process
 * has its own runtime and its own shadow memory, and neither sees the other's accesses. The fix: a mutex made
 * process-shared (PTHREAD_PROCESS_SHARED) that lives in the shared page, taken around each update.
 * Source: compiler-rt lib/tsan/rtl/tsan_platform_posix.cpp InitializeShadowMemory (LLVM 14); POSIX.1-2017
 * pthread_mutexattr_setpshared(); POSIX.1-2017 mmap(). */
#include "../casebook.h"
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

// expect-tsan: none -- misses: the other writer is another process

enum { ROUNDS = 100000 };

struct shared {
  pthread_mutex_t lock;
  int counter;
};

static void count(struct shared *shared) {
  for (int i = 0; i < ROUNDS; i++) {
    shared->counter += 1; // expect-bug: data race -- the other process adds to the same counter
  }
}

int main(void) {
  struct shared *shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared == MAP_FAILED) {
    perror("mmap");
    return 1;
  }
  pthread_mutexattr_t attributes;
  pthread_mutexattr_init(&attributes);
  pthread_mutexattr_setpshared(&attributes, PTHREAD_PROCESS_SHARED);
  pthread_mutex_init(&shared->lock, &attributes);
  pthread_mutexattr_destroy(&attributes);
  pid_t child = fork();
  if (child < 0) {
    perror("fork");
    return 1;
  }
  count(shared);
  if (child == 0)
    _exit(0);
  int status;
  waitpid(child, &status, 0);
  if (shared->counter == 2 * ROUNDS)
    say("parent: the counter is %d.", shared->counter);
  else
    say("parent: the counter is short of %d.", 2 * ROUNDS);
  pthread_mutex_destroy(&shared->lock);
  munmap(shared, sizeof *shared);
  return 0;
}
