/* build_inputs.c: the files the program's build read for a unit, held against those the compiler's reading read
 * (build_inputs.h). */
#include "check/build_inputs.h"
#include "base/md5.h"
#include "base/readfile.h"
#include "base/util.h"
#include "check/reading_record.h"
#include "source/expect.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* The files the reading read, by real path and name, with their MD5s read when first asked for. */
struct read_files {
  char **real; /* NULL where the name is no file here */
  char **names;
  unsigned char (*md5)[16];
  char *md5_state; /* 0 not read yet, 1 read, -1 cannot be read */
  size_t count;
};

static bool md5_of(struct read_files *files, size_t i) {
  if (files->md5_state[i] == 0) {
    FILE *file = files->real[i] ? fopen_regular(files->real[i]) : NULL;
    files->md5_state[i] = file && stream_md5(file, files->md5[i]) == 0 ? 1 : -1;
    if (file)
      fclose(file);
  }
  return files->md5_state[i] == 1;
}

static void read_files_of(const char *text, size_t length, const char *folder, struct read_files *files) {
  char **names = NULL;
  size_t count = 0;
  line_marker_files(text, length, &names, &count);
  *files = (struct read_files){.real = xcalloc(count + 1, sizeof(char *)),
                               .names = names,
                               .md5 = xcalloc(count + 1, 16),
                               .md5_state = xcalloc(count + 1, 1),
                               .count = count};
  for (size_t i = 0; i < count; i++) {
    char *path = path_in_folder(folder, names[i]);
    char resolved[PATH_MAX];
    if (realpath(path, resolved))
      files->real[i] = xstrdup(resolved);
    free(path);
  }
}

static void read_files_free(struct read_files *files) {
  for (size_t i = 0; i < files->count; i++) {
    free(files->real[i]);
    free(files->names[i]);
  }
  free(files->real);
  free(files->names);
  free(files->md5);
  free(files->md5_state);
}

/* Whether the reading read the unit's file `source`. */
static bool was_read(struct read_files *files, const struct dwarf_source *source) {
  char resolved[PATH_MAX];
  if (source->resolved && realpath(source->resolved, resolved)) {
    for (size_t i = 0; i < files->count; i++)
      if (files->real[i] && strcmp(files->real[i], resolved) == 0)
        return true;
    return false;
  }
  if (source->has_md5) {
    for (size_t i = 0; i < files->count; i++)
      if (md5_of(files, i) && memcmp(files->md5[i], source->md5, 16) == 0)
        return true;
    return false;
  }
  const char *base = path_base_name(source->path);
  for (size_t i = 0; i < files->count; i++)
    if (strcmp(path_base_name(files->names[i]), base) == 0)
      return true;
  return false;
}

int build_inputs_check(const struct dwarf_info *info, const char *source, const char *text, size_t length,
                       const char *folder, char **error) {
  const struct dwarf_unit *unit = NULL;
  for (size_t u = 0; u < info->unit_count && !unit; u++) {
    char *path = dwarf_file_path(info->units[u].name, info->units[u].comp_dir);
    if (same_source_file(path, source))
      unit = &info->units[u];
    free(path);
  }
  if (!unit)
    return 0;
  struct read_files files;
  read_files_of(text, length, folder, &files);
  int status = 0;
  for (size_t s = 0; s < unit->source_count && status == 0; s++) {
    const struct dwarf_source *file = &unit->sources[s];
    if (!file->path || path_base_name(file->path)[0] == '<' || was_read(&files, file))
      continue; /* "<built-in>": gcc's name for its own declarations (under the unit's folder), no file */
    *error = xprintf("%s:1: the program's build read %s (its debug information names it among the files of this "
                     "file's unit), and the compiler's reading of the file with the flags the harness was given did "
                     "not: the build ran with other flags or in another environment (another configuration, a "
                     "launcher's variables or defines, CPATH), so the lines it recorded cannot be held against this "
                     "reading",
                     source, file->resolved ? file->resolved : file->path);
    status = -1;
  }
  read_files_free(&files);
  return status;
}
