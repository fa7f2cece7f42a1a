/* A TSan-built launcher: lowers the address-space limit to 4 GiB, far too little for TSan's shadow memory, then
 * execs the program named by its first argument, whose runtime then fails a CHECK at init, before it has a log. It
 * holds no marker: it is the --binary of that program's check, whose markers are the case's, and a marker here would
 * be read with them (the program's sources hold its markers). */
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  struct rlimit limit = {4ul << 30, 4ul << 30};
  setrlimit(RLIMIT_AS, &limit);
  execv(argv[1], argv + 1);
  perror("execv");
  return 127;
}
