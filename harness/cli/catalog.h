/* catalog.h: run every case of a manifest and print the verdict table. */
#ifndef TSAN_VERIFY_CATALOG_H
#define TSAN_VERIFY_CATALOG_H

#include "check/verify.h"

#include <stdio.h>

/* One row of the manifest CMake writes: "NAME\tBINARY\tSOURCE\tTOOLCHAIN" per line. */
struct catalog_entry {
  char *name;
  char *binary;
  char *source;
  char *toolchain;
};

struct catalog {
  struct catalog_entry *entries;
  size_t count;
  size_t capacity;
};

int catalog_read(const char *path, struct catalog *catalog, char **error);
void catalog_free(struct catalog *catalog);

/* How many cases `catalog_run` would check with this filter (NULL: all). */
size_t catalog_count_matching(const struct catalog *catalog, const char *filter);
/* Runs the cases whose name contains `filter` (all when NULL) and prints the table; returns the worst outcome
 * among those that did not pass (skips do not fail the run). Stops early, setting *interrupted_by, on SIGINT or
 * SIGTERM (when the caller blocks them). */
enum outcome catalog_run(const struct catalog *catalog, const struct verify_request *base, const char *filter,
                         FILE *out, bool color, int *interrupted_by);

#endif
