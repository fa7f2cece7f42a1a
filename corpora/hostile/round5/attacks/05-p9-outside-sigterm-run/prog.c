#include <unistd.h>
#include <signal.h>
#include <stdio.h>
// expect-tsan: none
int main(int argc, char **argv) {
  signal(SIGTERM, SIG_IGN);
  FILE *f = fopen(argv[1], "w");
  pid_t c = fork();
  if (c == 0) { setsid(); sleep(60); _exit(0); }
  fprintf(f, "%d %d\n", (int)getpid(), (int)c); fclose(f);
  sleep(60);
  return 0;
}
