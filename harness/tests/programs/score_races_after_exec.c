/* Does its work in a forked child that execs the program again ("work"), where two threads race on `counter`
 * without any synchronization. A detector that does not follow the exec never runs the racing image. It execs
 * argv[0], not /proc/self/exe: under Valgrind that is the tool's own executable, which the tool cannot load. */
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

int counter;

static void *worker(void *arg) {
  (void)arg;
  counter++;
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 2) { /* the launcher: the work happens in another image */
    pid_t child = fork();
    if (child == 0) {
      execl(argv[0], argv[0], "work", (char *)NULL);
      _exit(127);
    }
    int status;
    waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
  }
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  counter++;
  pthread_join(thread, NULL);
  return 0;
}
