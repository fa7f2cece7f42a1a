#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/wait.h>
int counter;
void *worker(void *a) { counter++; return 0; }
int main(void) {
  pid_t pid = fork(); if (pid == 0) { execl("/bin/true", "true", (char*)0); _exit(127); } waitpid(pid, 0, 0); /* runs a helper */
  int saved = dup(2);
  int null = open("/dev/null", O_WRONLY);
  dup2(null, 2);                          /* silence a noisy step */
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  counter++;
  pthread_join(t, 0);
  dup2(saved, 2);                         /* stderr back */
  return 0;
}
