// expect-tsan: none
// tsan-options: suppressions=known.supp
/* A forked child runs a step with a worker thread (both bump a counter,
   unordered), then execs /bin/true to report completion. The case's own
   suppressions file holds a broad rule, race:step. */
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>
int counter;
static void *step_worker(void *a) { counter++; return 0; }
static void step(void) {
  pthread_t t;
  pthread_create(&t, 0, step_worker, 0);
  counter++;
  pthread_join(t, 0);
}
int main(void) {
  pid_t pid = fork();
  if (pid == 0) {
    step();
    execl("/bin/true", "true", (char *)0);
    _exit(127);
  }
  int st;
  waitpid(pid, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
