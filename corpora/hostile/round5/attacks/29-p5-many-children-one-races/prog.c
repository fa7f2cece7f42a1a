#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
int g;
static void *w(void *a) { g++; return 0; } // expect-tsan: data race
int main(void) {
  for (int i = 0; i < 40; i++) {
    pid_t c = fork();
    if (c == 0) {
      if (i == 7) { pthread_t t; pthread_create(&t, 0, w, 0); g++; pthread_join(t, 0); } // expect-tsan: data race
      _exit(0);
    }
    waitpid(c, 0, 0);
  }
  return 0;
}
