// expect-tsan: none
/* Starts a "daemon" (double fork + setsid) that, once orphaned, sends SIGTERM
   and SIGINT to its new parent (the harness, a child subreaper) -- as a daemon
   that signals "its parent" to say it is ready -- and leaves. Then main races. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
int counter;
static void *worker(void *a) { counter++; return 0; }
int main(void) {
  pid_t first = fork();
  if (first == 0) {
    setsid();
    if (fork() == 0) {
      usleep(300000);                 /* orphaned by now */
      kill(getppid(), SIGTERM);
      kill(getppid(), SIGINT);
      _exit(0);
    }
    _exit(0);
  }
  waitpid(first, 0, 0);
  usleep(800000);
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  counter++;
  pthread_join(t, 0);
  return 0;
}
