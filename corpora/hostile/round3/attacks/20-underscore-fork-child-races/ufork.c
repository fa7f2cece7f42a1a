// expect-tsan: none
/* A worker runs while main forks with glibc's _Fork (no atfork handlers); the
   child starts a thread and both write a counter unlocked, then the child
   leaves with _exit. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
extern pid_t _Fork(void);
static atomic_int stop;
int counter;
static void *idle(void *a) {
  while (!atomic_load_explicit(&stop, memory_order_relaxed)) usleep(1000);
  return 0;
}
static void *child_worker(void *a) { counter++; return 0; }
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, idle, 0);
  pid_t pid = _Fork();
  if (pid == 0) {
    pthread_t c;
    pthread_create(&c, 0, child_worker, 0);
    counter++;
    pthread_join(c, 0);
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  atomic_store(&stop, 1);
  pthread_join(t, 0);
  printf("child status %d\n", status);
  return 0;
}
