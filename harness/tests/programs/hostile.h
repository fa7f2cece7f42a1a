/* Shared by the hostile programs: `race_on_a_counter()` (invisible_barrier.h) races in every run, and
 * `self_path()` is this executable's real path (for re-running it as a child in "race" mode). */
#define _GNU_SOURCE
#include "invisible_barrier.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static inline const char *self_path(void) {
  static char path[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
  if (n < 0) { perror("readlink"); exit(3); }
  path[n] = '\0';
  return path;
}
/* In "race" mode the program races and returns 0 from main. */
#define RACE_MODE(argc, argv) \
  if ((argc) > 1 && strcmp((argv)[1], "race") == 0) { race_on_a_counter(); return 0; }
