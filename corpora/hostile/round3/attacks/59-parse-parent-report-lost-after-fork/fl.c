#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
static atomic_int step;  /* relaxed: orders nothing for TSan */
int counter;
static void *worker(void *a) {
  counter++;
  atomic_store_explicit(&step, 1, memory_order_relaxed);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 2) {}
  return 0;
}
static void race(void) {
  atomic_store(&step, 0);
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  while (atomic_load_explicit(&step, memory_order_relaxed) != 1) {}
  counter++;
  atomic_store_explicit(&step, 2, memory_order_relaxed);
  pthread_join(t, 0);
}
int main(void) {
  pid_t pid = fork();             /* a helper process: it races too */
  if (pid == 0) { race(); return 0; }
  waitpid(pid, 0, 0);
  int saved = dup(2), null = open("/dev/null", O_WRONLY);
  dup2(null, 2);                  /* a noisy step: its stderr goes nowhere */
  race();
  dup2(saved, 2);
  return 0;
}
