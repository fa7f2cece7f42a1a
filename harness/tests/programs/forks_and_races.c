/* Two processes, one log. `lost`: a child forked first races and counts 1, then the parent races with its stderr
 * muted (its report is lost) and counts 1 too: two counts of 1, one report in the log. `inherited`: the parent races
 * first, then forks a child that does nothing more; the child's count includes the report its parent made (TSan's
 * count is the process's ctx->nreported, copied by the fork): two counts of 1, one report, nothing lost.
 * p10_parse reads the log of each. */
#include "invisible_barrier.h"
#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int counter;

static void *worker(void *arg) {
  counter++;
  overlap_wait();
  overlap_wait();
  return arg;
}

static void race(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  counter++;
  overlap_wait();
  pthread_join(thread, NULL);
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "lost") == 0) {
    pid_t child = fork();
    if (child == 0) {
      race();
      return 0;
    }
    waitpid(child, NULL, 0);
    int saved = dup(2), nowhere = open("/dev/null", O_WRONLY);
    dup2(nowhere, 2);
    race();
    dup2(saved, 2);
    return 0;
  }
  race();
  pid_t child = fork();
  if (child == 0)
    return 0;
  waitpid(child, NULL, 0);
  return 0;
}
