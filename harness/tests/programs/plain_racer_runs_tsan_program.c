/* Built WITHOUT TSan: races, then runs the TSan-built program named by its first argument (by exec, or by fork and
 * exec when the second argument is "fork"), whose banner and Stats must not count as proof for this one. */
#include <pthread.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int counter;

static void *worker(void *arg) {
  (void)arg;
  counter = 1;
  return NULL;
}

// expect-tsan: none
int main(int argc, char **argv) {
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  counter = 2;
  pthread_join(thread, NULL);
  if (argc < 2)
    return 0;
  if (argc > 2 && strcmp(argv[2], "fork") == 0) {
    pid_t child = fork();
    if (child == 0) {
      execl(argv[1], argv[1], (char *)NULL);
      _exit(127);
    }
    int status;
    waitpid(child, &status, 0);
    return 0;
  }
  execl(argv[1], argv[1], (char *)NULL);
  return 127;
}
