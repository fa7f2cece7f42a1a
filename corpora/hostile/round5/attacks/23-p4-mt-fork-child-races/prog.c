#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
int g;
static void *spin(void *a) { usleep(200000); return 0; }
static void *w(void *a) { g++; return 0; }
// expect-tsan: none
int main(void) {
  pthread_t s; pthread_create(&s, 0, spin, 0);
  pid_t c = fork();
  if (c == 0) {
    /* child of a multithreaded fork: no new threads, but it keeps working on shared state */
    for (int i = 0; i < 3; i++) g += i;
    _exit(0);
  }
  waitpid(c, 0, 0);
  pthread_join(s, 0);
  printf("%d\n", g);
  return 0;
}
