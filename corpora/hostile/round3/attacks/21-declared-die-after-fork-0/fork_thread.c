// expect-tsan: none
// tsan-options: die_after_fork=0
/* A worker runs while main forks; the child starts a thread of its own (TSan
   goes on "on its own" with die_after_fork=0), and the two threads of the child
   bump a counter unlocked. */
#include <pthread.h>
#include <stdatomic.h>
#include <sys/wait.h>
#include <unistd.h>
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
  pid_t pid = fork();
  if (pid == 0) {
    pthread_t c;
    pthread_create(&c, 0, child_worker, 0);
    counter++;
    pthread_join(c, 0);
    _exit(0);
  }
  waitpid(pid, 0, 0);
  atomic_store(&stop, 1);
  pthread_join(t, 0);
  return 0;
}
