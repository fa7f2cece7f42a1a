/* Races in a forked child that never execs: two threads of the child write `counter` without synchronization. A
 * detector that silences a forked child (Valgrind's --child-silent-after-fork=yes) never says so. */
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

int counter;

static void *worker(void *arg) {
  (void)arg;
  counter++;
  return NULL;
}

int main(void) {
  pid_t child = fork();
  if (child == 0) {
    pthread_t thread;
    pthread_create(&thread, NULL, worker, NULL);
    counter++;
    pthread_join(thread, NULL);
    _exit(0);
  }
  int status;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
