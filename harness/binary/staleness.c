/* staleness.c: the versions of the sources in the binary's DWARF against the files (see staleness.h). */
#include "binary/staleness.h"
#include "base/util.h"

#include <errno.h>
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

/* The case against what `dwarf` (the binary's) knows of it. */
static int case_in_dwarf(const struct dwarf_info *dwarf, const char *binary, const struct case_file *case_file,
                         char **problem) {
  struct sightings seen = {0};
  look(dwarf, case_file, &seen);
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
  return status;
}

int binary_built_from_case(const char *binary, const struct case_file *case_file, char **problem) {
  struct dwarf_info dwarf;
  char *error = NULL;
  if (dwarf_info_open(binary, &dwarf, &error) != 0) {
    *problem = xprintf("%s: whether it was built from this version of the case cannot be known", error);
    free(error);
    return -1;
  }
  int status = case_in_dwarf(&dwarf, binary, case_file, problem);
  dwarf_info_close(&dwarf);
  return status;
}

/* ---- every source the verdict depends on ---- */

/* The files read so far (by real path), each once whatever how many units name it. */
struct read_files {
  struct case_file *files;
  size_t count, capacity;
};

static const struct case_file *read_once(struct read_files *read, const char *real) {
  for (size_t i = 0; i < read->count; i++)
    if (strcmp(read->files[i].real ? read->files[i].real : read->files[i].path, real) == 0)
      return &read->files[i];
  char *error = NULL;
  struct case_file file;
  if (case_file_read(real, &file, &error) != 0) {
    free(error);
    case_file_free(&file);
    return NULL;
  }
  GROW(read->files, read->count, read->capacity);
  read->files[read->count] = file;
  return &read->files[read->count++];
}

static void read_files_free(struct read_files *read) {
  for (size_t i = 0; i < read->count; i++)
    case_file_free(&read->files[i]);
  free(read->files);
}

/* Whether `path` is `tail`, or ends with "/" and `tail`. */
static bool ends_with_path(const char *path, const char *tail) {
  size_t length = strlen(path), tail_length = strlen(tail);
  return tail_length <= length && strcmp(path + length - tail_length, tail) == 0 &&
         (tail_length == length || path[length - tail_length - 1] == '/');
}

/* The unit's folder on this machine when its DW_AT_comp_dir is relative (a prefix map): found from the unit's file
 * that is the case (its MD5 the case's; without MD5s, its name), whose relative path the case's real path ends with.
 * NULL when no file of the unit places it. */
static char *unit_folder_here(const struct dwarf_unit *unit, const struct case_file *case_file) {
  for (size_t s = 0; case_file->real && s < unit->source_count; s++) {
    const struct dwarf_source *source = &unit->sources[s];
    if (source->resolved || source->path[0] == '/' || !source->path[0])
      continue;
    bool is_case = source->has_md5 ? case_file->has_md5 && memcmp(source->md5, case_file->md5, 16) == 0
                                   : strcmp(path_base_name(source->path), case_file->base) == 0;
    char *tail = lexical_path(source->path);
    char *folder = NULL;
    if (is_case && !starts_with(tail, "../") && strlen(case_file->real) > strlen(tail) &&
        ends_with_path(case_file->real, tail))
      folder = xstrndup(case_file->real, strlen(case_file->real) - strlen(tail) - 1); /* without its last "/" */
    free(tail);
    if (folder)
      return folder;
  }
  return NULL;
}

/* A unit's file where it is on this machine (absolute, lexical), or NULL when it cannot be placed. */
static char *source_here(const struct dwarf_source *source, const char *folder) {
  if (source->resolved)
    return xstrdup(source->resolved);
  if (!folder || !source->path[0])
    return NULL;
  char *whole = xprintf("%s/%s", folder, source->path);
  char *path = lexical_path(whole);
  free(whole);
  return path;
}

struct unit_files {
  char **here;  /* per source: where it is (lexical), or NULL */
  char **real;  /* per source: its real path, or NULL when it does not exist */
  char *folder; /* the unit's folder found from the case, or NULL */
};

static void unit_files_free(struct unit_files *files, size_t count) {
  for (size_t i = 0; i < count; i++) {
    free(files->here[i]);
    free(files->real[i]);
  }
  free(files->here);
  free(files->real);
  free(files->folder);
}

static bool is_the_case(const struct dwarf_source *source, const char *real, const struct case_file *case_file) {
  return (real && case_file->real && strcmp(real, case_file->real) == 0) ||
         (source->has_md5 && case_file->has_md5 && memcmp(source->md5, case_file->md5, 16) == 0);
}

/* Why the unit is under test, beyond every_source: it names the case or a file the verdict depends on, or defines a
 * pinned function. */
static bool unit_under_test(const struct dwarf_info *dwarf, const struct dwarf_unit *unit,
                            const struct unit_files *files, const struct case_file *case_file, char **depended,
                            size_t depended_count, const struct verdict_sources *also) {
  for (size_t s = 0; s < unit->source_count; s++) {
    if (is_the_case(&unit->sources[s], files->real[s], case_file))
      return true;
    for (size_t d = 0; files->real[s] && d < depended_count; d++)
      if (strcmp(files->real[s], depended[d]) == 0)
        return true;
  }
  for (size_t f = 0; f < also->function_count; f++)
    if (dwarf_info_unit_has_function(dwarf, unit, also->functions[f]))
      return true;
  return false;
}

static bool md5_is_the_cases(const struct dwarf_source *source, const struct case_file *case_file) {
  return source->has_md5 && case_file->has_md5 && memcmp(source->md5, case_file->md5, 16) == 0;
}

/* The first file of a unit under test that is not what the binary was built from, as a problem; NULL when none. With
 * case_judged_apart (the module is the program, whose case case_in_dwarf judged with its own words) the case is left
 * out; in any other image it is one file of the unit like the others. */
static char *stale_file_of_unit(const struct dwarf_info *dwarf, const struct dwarf_unit *unit,
                                const struct unit_files *files, const struct case_file *case_file, const char *module,
                                struct timespec module_time, bool missing_counts, bool case_judged_apart,
                                struct read_files *read) {
  for (size_t s = 0; s < unit->source_count; s++) {
    const struct dwarf_source *source = &unit->sources[s];
    bool is_case = is_the_case(source, files->real[s], case_file);
    if (!source->path[0] || (is_case && (case_judged_apart || md5_is_the_cases(source, case_file))))
      continue; /* judged apart, or the compiler read exactly the case's bytes */
    /* A file that is not here counts when the binary's code came from it: a file only declarations point to may be
     * none (gcc's "<built-in>"). */
    bool gone_counts =
        (!files->here[s] || !files->real[s]) && missing_counts && dwarf_info_source_has_lines(dwarf, unit, source);
    if (!files->here[s]) {
      if (gone_counts)
        return xprintf("%s, a file of compile unit %s (DW_AT_comp_dir %s) that %s was built from, is no file on this "
                       "machine (a relative path in a relative folder, and no file of the unit is the case to place "
                       "it by): whether it changed since cannot be known",
                       source->path, unit->name, unit->comp_dir ? unit->comp_dir : "(none)", module);
      continue;
    }
    if (!files->real[s]) {
      if (gone_counts)
        return xprintf("%s, a file of compile unit %s that %s was built from, no longer exists: rebuild it",
                       files->here[s], unit->name, module);
      continue;
    }
    const struct case_file *now = read_once(read, files->real[s]);
    if (!now) {
      if (missing_counts)
        return xprintf("%s, a file of compile unit %s that %s was built from, cannot be read to compare",
                       files->here[s], unit->name, module);
      continue;
    }
    if (source->has_md5 && now->has_md5 && memcmp(source->md5, now->md5, 16) != 0)
      return xprintf("%s changed after %s was built: its MD5 differs from the one the binary records (compile unit "
                     "%s): rebuild it",
                     files->here[s], module, unit->name);
    if (!source->has_md5 && newer(now->modified, module_time))
      return xprintf("%s changed after %s was built: the file is newer than the binary, which records no MD5 of it "
                     "(compile unit %s): rebuild it",
                     files->here[s], module, unit->name);
  }
  return NULL;
}

/* The first stale file of the units under test of one module's DWARF, as a problem; NULL when none. */
static char *stale_file_of_module(const struct dwarf_info *dwarf, const char *module, const struct case_file *case_file,
                                  char **depended, size_t depended_count, const struct verdict_sources *also,
                                  bool case_judged_apart, struct read_files *read) {
  struct stat info;
  if (stat(module, &info) != 0)
    return xprintf("%s cannot be read (%s): whether it was built from the sources as they are cannot be known", module,
                   strerror(errno));
  char *problem = NULL;
  for (size_t u = 0; u < dwarf->unit_count && !problem; u++) {
    const struct dwarf_unit *unit = &dwarf->units[u];
    struct unit_files files = {xcalloc(unit->source_count + 1, sizeof(char *)),
                               xcalloc(unit->source_count + 1, sizeof(char *)), NULL};
    bool relative = false;
    for (size_t s = 0; s < unit->source_count; s++)
      relative |= !unit->sources[s].resolved;
    if (relative)
      files.folder = unit_folder_here(unit, case_file);
    char real[PATH_MAX];
    for (size_t s = 0; s < unit->source_count; s++) {
      files.here[s] = source_here(&unit->sources[s], files.folder);
      files.real[s] = files.here[s] && realpath(files.here[s], real) ? xstrdup(real) : NULL;
    }
    bool under_test = unit_under_test(dwarf, unit, &files, case_file, depended, depended_count, also);
    if (under_test || also->every_source)
      problem =
          stale_file_of_unit(dwarf, unit, &files, case_file, module, info.st_mtim, under_test, case_judged_apart, read);
    unit_files_free(&files, unit->source_count);
  }
  return problem;
}

/* Whether `path` is the file `file` was stat'ed from (its device and inode): one file reached by two paths (the
 * program as it was started, and as /proc names the image) is one image. */
static bool is_file(const char *path, const struct stat *file) {
  struct stat info;
  return stat(path, &info) == 0 && info.st_dev == file->st_dev && info.st_ino == file->st_ino;
}

/* Whether `path` is one of the modules of `identity`. */
static bool among_modules(const struct source_identity *identity, const char *path) {
  struct stat file;
  if (stat(path, &file) != 0)
    return false;
  for (size_t m = 0; m < identity->module_count; m++)
    if (is_file(identity->modules[m].path, &file))
      return true;
  return false;
}

/* The first stale file of a shared library's units under test, as a problem; NULL when none. A library that was read
 * as the project's (its DWARF names a source here) and cannot be read now is a problem too. */
static char *stale_file_of_library(const char *library, const struct case_file *case_file, char **depended,
                                   size_t depended_count, const struct verdict_sources *also, struct read_files *read) {
  struct dwarf_info dwarf;
  char *error = NULL;
  if (dwarf_info_open(library, &dwarf, &error) != 0) {
    char *problem = xprintf("%s, a shared library of the project the program loaded: %s; whether it was built from the "
                            "sources as they are cannot be known",
                            library, error);
    free(error);
    return problem;
  }
  char *problem = stale_file_of_module(&dwarf, library, case_file, depended, depended_count, also, false, read);
  dwarf_info_close(&dwarf);
  return problem;
}

int binary_built_from_sources(struct source_identity *identity, const char *binary, const struct verdict_sources *also,
                              char **problem) {
  *problem = NULL;
  if (!also->program_built_here) {
    const struct dwarf_info *program = NULL;
    for (size_t m = 0; m < identity->module_count && !program; m++)
      if (strcmp(identity->modules[m].path, binary) == 0)
        program = source_module_dwarf(&identity->modules[m]);
    if (!program) /* not a module, or no DWARF: the one reading that names why */
      return binary_built_from_case(binary, &identity->case_file, problem);
    if (case_in_dwarf(program, binary, &identity->case_file, problem) != 0)
      return -1;
  }
  struct stat program_file;
  bool program_known = stat(binary, &program_file) == 0;
  /* The files the verdict depends on, by real path: a file that is not here is the pins' own check to name. */
  char **depended = xcalloc(also->file_count + 1, sizeof *depended);
  size_t depended_count = 0;
  char real[PATH_MAX];
  for (size_t i = 0; i < also->file_count; i++)
    if (realpath(also->files[i], real))
      depended[depended_count++] = xstrdup(real);
  struct read_files read = {0};
  for (size_t m = 0; m < identity->module_count && !*problem; m++) {
    const char *module = identity->modules[m].path;
    bool is_program = program_known && is_file(module, &program_file);
    if (is_program && also->program_built_here)
      continue;
    const struct dwarf_info *dwarf = source_module_dwarf(&identity->modules[m]);
    if (dwarf)
      *problem =
          stale_file_of_module(dwarf, module, &identity->case_file, depended, depended_count, also, is_program, &read);
  }
  for (size_t l = 0; l < also->library_count && !*problem; l++) {
    const char *library = also->libraries[l];
    if ((program_known && is_file(library, &program_file)) || among_modules(identity, library))
      continue; /* an executable the run ran is judged above (a TSan program the case execs is among the loaded) */
    *problem = stale_file_of_library(library, &identity->case_file, depended, depended_count, also, &read);
  }
  read_files_free(&read);
  for (size_t i = 0; i < depended_count; i++)
    free(depended[i]);
  free(depended);
  return *problem ? -1 : 0;
}
