// expect-tsan: none
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
extern char **environ;
int g;
void *w(void *a) { g++; return 0; }
int main(int argc, char **argv) {
  if (argc < 2 || strcmp(argv[1], "again")) {
    const char *o = getenv("TSAN_OPTIONS");
    char *evil = malloc(strlen(o) + 64), *good = malloc(strlen(o) + 64);
    sprintf(evil, "TSAN_OPTIONS=%s:report_bugs=0", o);
    sprintf(good, "TSAN_OPTIONS=%s", o);
    int n = 0; for (char **e = environ; *e; e++) n++;
    char **env = calloc(n + 3, sizeof *env); int k = 0;
    if (getenv("EVIL_FIRST")) env[k++] = evil;
    for (char **e = environ; *e; e++) if (strncmp(*e, "TSAN_OPTIONS=", 13)) env[k++] = *e;
    env[k++] = good;
    if (!getenv("EVIL_FIRST")) env[k++] = evil;
    execve("/proc/self/exe", (char *[]){argv[0], "again", 0}, env);
    return 3;
  }
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, 0);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  printf("%d\n", g);
  return 0;
}
