#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
int g;
static void *spin(void *a) { usleep(100000); return 0; }
static void *w(void *a) { g++; return 0; }
// expect-tsan: none
int main(void) {
  pthread_t s; pthread_create(&s, 0, spin, 0);
  pid_t c = fork();
  if (c == 0) {
    pthread_t t; pthread_create(&t, 0, w, 0); g++; pthread_join(t, 0); _exit(0);
  }
  int st; waitpid(c, &st, 0);
  pthread_join(s, 0);
  printf("%d\n", g);
  return 0;
}
