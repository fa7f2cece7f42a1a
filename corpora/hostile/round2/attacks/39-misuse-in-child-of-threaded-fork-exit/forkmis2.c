#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
atomic_int done;
static void *w(void *a) { atomic_store_explicit(&done, 1, memory_order_relaxed); for (;;) pause(); return a; }
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  while (!atomic_load_explicit(&done, memory_order_relaxed)) ;
  pid_t pid = fork();
  if (pid == 0) {
    pthread_mutex_unlock(&m); // unlock of a mutex nobody locked
    _exit(0);
  }
  int st; waitpid(pid, &st, 0);
  return 0;
}
// expect-tsan: none
