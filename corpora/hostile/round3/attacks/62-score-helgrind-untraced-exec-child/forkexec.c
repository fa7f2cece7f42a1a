#include <pthread.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
int counter;
void *worker(void *a) { counter++; return 0; }
int main(int argc, char **argv) {
  if (argc < 2) {                       /* the launcher: runs the work in a child process */
    pid_t pid = fork();
    if (pid == 0) { execl(argv[0], argv[0], "work", (char *)0); _exit(127); }
    int st; waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
  }
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  counter++;
  pthread_join(t, 0);
  return 0;
}
