#include <unistd.h>
#include <stdlib.h>
#include <string.h>
extern char **environ;
/* run argv[1..] with an environment that holds TSAN_OPTIONS and UBSAN_OPTIONS twice */
int main(int argc, char **argv) {
  char *env[512]; int n = 0;
  env[n++] = "TSAN_OPTIONS=report_bugs=0:suppressions=/dev/null";
  env[n++] = "UBSAN_OPTIONS=report_bugs=0";
  for (char **e = environ; *e && n < 500; e++) env[n++] = *e;
  env[n++] = "TSAN_OPTIONS=report_bugs=0";
  env[n] = 0;
  execve(argv[1], argv + 1, env);
  return 127;
}
