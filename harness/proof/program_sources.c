/* program_sources.c: which source files of a program hold its markers, from its DWARF (see program_sources.h). */
#include "proof/program_sources.h"
#include "base/md5.h"
#include "base/readfile.h"
#include "base/util.h"
#include "binary/dwarfinfo.h"
#include "source/dialect.h"
#include "source/markers.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Real paths already read, so that a header named by every unit is read once. */
struct seen {
  char **paths;
  size_t count, capacity;
};

static bool seen_before(struct seen *seen, const char *real) {
  for (size_t i = 0; i < seen->count; i++)
    if (strcmp(seen->paths[i], real) == 0)
      return true;
  GROW(seen->paths, seen->count, seen->capacity);
  seen->paths[seen->count++] = xstrdup(real);
  return false;
}

int marked_sources_find(const char *exe, struct marked_sources *sources, char **error) {
  *sources = (struct marked_sources){0};
  struct dwarf_info info;
  if (dwarf_info_open(exe, &info, error) != 0)
    return -1;
  int status_code = marked_sources_find_in(&info, exe, sources, error);
  dwarf_info_close(&info);
  return status_code;
}

int marked_sources_find_in(const struct dwarf_info *info, const char *exe, struct marked_sources *sources,
                           char **error) {
  return marked_sources_find_with(info, exe, NULL, NULL, sources, error);
}

void marker_search_answers_add(struct marker_search_answers *answers, const char *real, const unsigned char md5[16],
                               bool holds) {
  GROW(answers->items, answers->count, answers->capacity);
  struct marker_search_answer *answer = &answers->items[answers->count++];
  answer->real = xstrdup(real);
  memcpy(answer->md5, md5, 16);
  answer->holds = holds;
}

void marker_search_answers_free(struct marker_search_answers *answers) {
  for (size_t i = 0; i < answers->count; i++)
    free(answers->items[i].real);
  free(answers->items);
  *answers = (struct marker_search_answers){0};
}

/* Whether the file at `real`, whose text is `text`, holds markers: the known answer for the same path and MD5, else
 * the reader's. */
static bool text_holds_marker(const char *real, const char *text, size_t length,
                              const struct marker_search_answers *known, struct marker_search_answers *found) {
  unsigned char md5[16];
  bool need_md5 = known || found;
  if (need_md5)
    bytes_md5(text, length, md5);
  int holds = -1;
  for (size_t i = 0; known && i < known->count && holds < 0; i++)
    if (strcmp(known->items[i].real, real) == 0 && memcmp(known->items[i].md5, md5, 16) == 0)
      holds = known->items[i].holds;
  if (holds < 0)
    holds = source_text_holds_marker(text, length);
  if (found)
    marker_search_answers_add(found, real, md5, holds);
  return holds;
}

int marked_sources_find_with(const struct dwarf_info *info, const char *exe, const struct marker_search_answers *known,
                             struct marker_search_answers *found, struct marked_sources *sources, char **error) {
  *sources = (struct marked_sources){0};
  struct seen seen = {0};
  size_t capacity = 0;
  int status_code = 0;
  for (size_t u = 0; u < info->unit_count && status_code == 0; u++) {
    const struct dwarf_unit *unit = &info->units[u];
    for (size_t s = 0; s < unit->source_count; s++) {
      const struct dwarf_source *source = &unit->sources[s];
      /* Only a name DWARF places (absolute, or under its unit's DW_AT_comp_dir): a bare relative name would be
       * read from whatever folder the harness runs in. A file that is gone, or no regular file, holds nothing. */
      const char *path = source->resolved;
      char real[PATH_MAX];
      struct stat status;
      if (!path || !realpath(path, real) || stat(real, &status) != 0 || !S_ISREG(status.st_mode) ||
          seen_before(&seen, real))
        continue;
      sources->read_count++;
      struct strbuf text;
      if (read_whole_file(real, &text, error) != 0) {
        /* A file of the program that cannot be read may hold its markers: nothing can be said without it. */
        char *why = *error;
        *error = xprintf("%s, a source file %s's debug information names (%s)", why, exe, path);
        free(why);
        status_code = -1;
        break;
      }
      bool marked = text_holds_marker(real, text.data, text.length, known, found);
      strbuf_free(&text);
      if (!marked)
        continue;
      GROW(sources->paths, sources->count, capacity);
      sources->paths[sources->count++] = xstrdup(path);
    }
  }
  for (size_t i = 0; i < seen.count; i++)
    free(seen.paths[i]);
  free(seen.paths);
  if (status_code != 0)
    marked_sources_free(sources);
  return status_code;
}

void marked_sources_free(struct marked_sources *sources) {
  for (size_t i = 0; i < sources->count; i++)
    free(sources->paths[i]);
  free(sources->paths);
  *sources = (struct marked_sources){0};
}
