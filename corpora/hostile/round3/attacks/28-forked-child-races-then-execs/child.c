// expect-tsan: none
/* A forked child races with a thread of its own, then execs the program in
   "quiet" mode, which does nothing; the parent waits and exits 0. */
#include <pthread.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
int counter;
static void *worker(void *a) { counter++; return 0; }
int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "quiet") == 0) return 0;
  pid_t pid = fork();
  if (pid == 0) {
    pthread_t t;
    pthread_create(&t, 0, worker, 0);
    counter++;
    pthread_join(t, 0);
    execl("/proc/self/exe", argv[0], "quiet", (char *)0);
    _exit(127);
  }
  int st;
  waitpid(pid, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
