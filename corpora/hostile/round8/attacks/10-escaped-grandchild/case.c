// expect-tsan: none
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
int g;
void *w(void *a) { g++; return 0; }
int main(void) {
  pid_t p = fork();
  if (p == 0) {
    setsid();
    if (fork() == 0) {
      sleep(2);
      pthread_t t[2];
      for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
      for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
      return 0;
    }
    _exit(0);
  }
  printf("parent done\n");
  return 0;
}
