/* side_thread.c: a thread that never takes the runner's SIGCHLD (side_thread.h). */
#include "base/side_thread.h"

#include <signal.h>

bool side_thread_start(pthread_t *thread, void *(*work)(void *), void *argument) {
  sigset_t sigchld, before;
  sigemptyset(&sigchld);
  sigaddset(&sigchld, SIGCHLD);
  /* A new thread starts with its creator's mask: block SIGCHLD here for the moment of the creation. */
  pthread_sigmask(SIG_BLOCK, &sigchld, &before);
  bool started = pthread_create(thread, NULL, work, argument) == 0;
  pthread_sigmask(SIG_SETMASK, &before, NULL);
  return started;
}
