/* A TSan-built launcher that execs the program named by its first argument: when that one is built without TSan,
 * the rest of the run is not watched. */
#include <stdio.h>
#include <unistd.h>

// expect-tsan: none
int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  execv(argv[1], argv + 1);
  perror("execv");
  return 127;
}
