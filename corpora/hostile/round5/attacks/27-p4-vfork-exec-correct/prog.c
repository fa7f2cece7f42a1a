#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
int g;
static void *w(void *a) { g++; return 0; } // expect-tsan: data race
int main(int argc, char **argv) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  pid_t c = vfork();
  if (c == 0) { execl("/bin/true", "true", (char *)0); _exit(127); }
  int st; waitpid(c, &st, 0);
  g++; // expect-tsan: data race
  pthread_join(t, 0);
  printf("%d %d\n", g, WEXITSTATUS(st));
  return 0;
}
