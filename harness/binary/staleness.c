/* staleness.c: the case's version in the binary's DWARF against the file (see staleness.h). */
#include "binary/staleness.h"
#include "base/util.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool newer(struct timespec a, struct timespec b) {
  return a.tv_sec > b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec > b.tv_nsec);
}

/* What the line tables of all compile units say of the case. */
struct sightings {
  size_t by_path;         /* files that resolve to the case's real path */
  size_t by_path_md5_bad; /* ... with an MD5 that is not the file's */
  size_t by_path_md5_ok;
  size_t by_content; /* files elsewhere (or nowhere here) whose MD5 is the case's */
  size_t named_md5;  /* files of the case's name that resolve to no file here, with an MD5 (not the case's) */
  size_t named_bare; /* ... without an MD5 */
  const char *bad_path;
};

static void look(const struct dwarf_info *dwarf, const struct case_file *case_file, struct sightings *seen) {
  char real[PATH_MAX];
  for (size_t u = 0; u < dwarf->unit_count; u++)
    for (size_t s = 0; s < dwarf->units[u].source_count; s++) {
      const struct dwarf_source *source = &dwarf->units[u].sources[s];
      bool same_md5 = source->has_md5 && case_file->has_md5 && memcmp(source->md5, case_file->md5, 16) == 0;
      if (source->resolved && realpath(source->resolved, real)) {
        if (!case_file->real || strcmp(real, case_file->real) != 0)
          continue;
        seen->by_path++;
        if (source->has_md5 && !same_md5) {
          seen->by_path_md5_bad++;
          seen->bad_path = source->path;
        }
        seen->by_path_md5_ok += same_md5;
      } else if (same_md5) {
        seen->by_content++;
      } else if (strcmp(path_base_name(source->path), case_file->base) == 0) {
        if (source->has_md5) {
          seen->named_md5++;
          seen->bad_path = source->path;
        } else {
          seen->named_bare++;
        }
      }
    }
}

int binary_built_from_case(const char *binary, const struct case_file *case_file, char **problem) {
  struct dwarf_info dwarf;
  char *error = NULL;
  if (dwarf_info_open(binary, &dwarf, &error) != 0) {
    *problem = xprintf("%s: whether it was built from this version of the case cannot be known", error);
    free(error);
    return -1;
  }
  struct sightings seen = {0};
  look(&dwarf, case_file, &seen);
  struct stat info;
  bool binary_older = stat(binary, &info) == 0 && newer(case_file->modified, info.st_mtim);
  int status = 0;
  if (seen.by_path_md5_bad) {
    *problem = xprintf("%s was built from another version of the case: the MD5 its DWARF records for %s is not the "
                       "file's now (lines may have moved): rebuild it",
                       binary, seen.bad_path);
    status = -1;
  } else if (seen.by_path_md5_ok || seen.by_content) {
    status = 0; /* the compiler read exactly these bytes */
  } else if (seen.by_path || seen.named_bare) {
    /* No MD5 (gcc): the times are the only evidence left. */
    if (binary_older) {
      *problem = xprintf("the case changed after %s was built (the file is newer than the binary, and the binary's "
                         "DWARF records no MD5 of it to compare): rebuild it",
                         binary);
      status = -1;
    }
  } else if (seen.named_md5) {
    *problem = xprintf("%s was built from another version of the case: the MD5 its DWARF records for %s is not the "
                       "case's: rebuild it",
                       binary, seen.bad_path);
    status = -1;
  } else {
    *problem = xprintf("%s was not built from the case: its DWARF names no file that is %s", binary, case_file->path);
    status = -1;
  }
  dwarf_info_close(&dwarf);
  return status;
}
