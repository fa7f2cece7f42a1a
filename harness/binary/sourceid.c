/* sourceid.c: a frame placed in its file by the binary's own DWARF (see sourceid.h). */
#include "binary/sourceid.h"
#include "base/md5.h"
#include "base/readfile.h"
#include "base/util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int case_file_read(const char *path, struct case_file *file, char **error) {
  *file = (struct case_file){.path = xstrdup(path)};
  file->base = path_base_name(file->path);
  char real[PATH_MAX];
  if (realpath(path, real))
    file->real = xstrdup(real);
  FILE *stream = fopen_regular(path);
  struct stat info;
  if (!stream || fstat(fileno(stream), &info) != 0) {
    *error = xprintf("%s:1: cannot read the case: %s", path, strerror(errno));
    if (stream)
      fclose(stream);
    return -1;
  }
  file->modified = info.st_mtim;
  file->has_md5 = stream_md5(stream, file->md5) == 0;
  fclose(stream);
  return 0;
}

void case_file_free(struct case_file *file) {
  free(file->path);
  free(file->real);
  *file = (struct case_file){0};
}

int source_identity_init(struct source_identity *identity, const char *case_path, char **error) {
  *identity = (struct source_identity){0};
  return case_file_read(case_path, &identity->case_file, error);
}

static void add_module_to(struct source_module **modules, size_t *count, size_t *capacity, const char *elf_path) {
  for (size_t i = 0; i < *count; i++)
    if (strcmp((*modules)[i].path, elf_path) == 0)
      return;
  GROW(*modules, *count, *capacity);
  struct source_module *module = &(*modules)[(*count)++];
  *module = (struct source_module){.path = xstrdup(elf_path)};
  module->base = path_base_name(module->path);
}

void source_identity_add_module(struct source_identity *identity, const char *elf_path) {
  add_module_to(&identity->modules, &identity->module_count, &identity->module_capacity, elf_path);
}

void source_identity_add_library(struct source_identity *identity, const char *elf_path, const char *alias) {
  size_t before = identity->library_count;
  add_module_to(&identity->libraries, &identity->library_count, &identity->library_capacity, elf_path);
  if (identity->library_count > before && alias)
    identity->libraries[before].alias = xstrdup(alias);
}

const struct dwarf_info *source_module_dwarf(struct source_module *module) {
  if (!module->opened) {
    char *error = NULL;
    module->opened = true;
    module->has_dwarf = dwarf_info_open(module->path, &module->dwarf, &error) == 0;
    free(error);
  }
  return module->has_dwarf ? &module->dwarf : NULL;
}

/* The one executable the run ran that TSan calls `name` ("prog" of "prog+0x1234"), its DWARF read, or NULL: none, or
 * two different files of that name (a frame could be in either). */
static struct source_module *find_module(struct source_identity *identity, const char *name, size_t length) {
  struct source_module *found = NULL;
  char found_real[PATH_MAX], real[PATH_MAX];
  for (size_t i = 0; i < identity->module_count; i++) {
    struct source_module *module = &identity->modules[i];
    if (strlen(module->base) != length || strncmp(module->base, name, length) != 0)
      continue;
    if (!found) {
      found = module;
      if (!realpath(module->path, found_real))
        snprintf(found_real, sizeof found_real, "%s", module->path);
    } else if (!realpath(module->path, real) || strcmp(real, found_real) != 0) {
      return NULL;
    }
  }
  if (!found)
    return NULL;
  source_module_dwarf(found);
  return found;
}

/* The one project library TSan calls `name` (its file's base name, or the name the program asked for), its DWARF
 * read, or NULL: none, or two different files of that name. */
static struct source_module *find_library(struct source_identity *identity, const char *name, size_t length) {
  struct source_module *found = NULL;
  for (size_t i = 0; i < identity->library_count; i++) {
    struct source_module *library = &identity->libraries[i];
    bool named = (strlen(library->base) == length && strncmp(library->base, name, length) == 0) ||
                 (library->alias && strlen(library->alias) == length && strncmp(library->alias, name, length) == 0);
    if (!named)
      continue;
    if (found)
      return NULL;
    found = library;
  }
  if (found)
    source_module_dwarf(found);
  return found;
}

/* The DWARF of that module (an executable the run ran, else a project library), or NULL: no such module, or none
 * readable. */
static const struct dwarf_info *module_dwarf(struct source_identity *identity, const char *name, size_t length) {
  const struct source_module *module = find_module(identity, name, length);
  if (!module)
    module = find_library(identity, name, length);
  return module && module->has_dwarf ? &module->dwarf : NULL;
}

/* Where one file of a compile unit's line table is: its resolved real path first, then its MD5. */
static enum frame_place place_source(const struct case_file *case_file, const struct dwarf_unit *unit,
                                     const struct dwarf_source *source, char **why) {
  char real[PATH_MAX];
  if (source->resolved && realpath(source->resolved, real))
    return case_file->real && strcmp(real, case_file->real) == 0 ? FRAME_IN_CASE : FRAME_ELSEWHERE;
  if (source->has_md5 && case_file->has_md5)
    return memcmp(source->md5, case_file->md5, sizeof source->md5) == 0 ? FRAME_IN_CASE : FRAME_ELSEWHERE;
  /* A prefix map rewrites folders, not the files' own names: a file of another name is another file. */
  if (strcmp(path_base_name(source->path), case_file->base) != 0)
    return FRAME_ELSEWHERE;
  if (why)
    *why = xprintf("its file %s (compile unit %s, DW_AT_comp_dir %s) is no file on this machine%s, and the compiler "
                   "recorded no MD5 of it to compare with the case's",
                   source->path, unit->name, unit->comp_dir ? unit->comp_dir : "(none)",
                   source->resolved ? "" : " (a relative path, and the compile unit's folder is relative too)");
  return FRAME_UNRESOLVED;
}

/* The frame's path, without the help of any DWARF: a real path, or a name that is not the case's. */
static enum frame_place place_by_path(const struct case_file *case_file, const char *file, char **why) {
  char real[PATH_MAX];
  if (file[0] == '/' && realpath(file, real))
    return case_file->real && strcmp(real, case_file->real) == 0 ? FRAME_IN_CASE : FRAME_ELSEWHERE;
  if (strcmp(path_base_name(file), case_file->base) != 0)
    return FRAME_ELSEWHERE;
  if (why)
    *why = xprintf("its file %s is %s, and no DWARF of the module that ran it says which file it is", file,
                   file[0] == '/' ? "no file on this machine" : "a relative path");
  return FRAME_UNRESOLVED;
}

/* The "+0x" of a frame's "prog+0x1234", or NULL. */
static const char *module_offset(const struct tsan_frame *frame) {
  const char *offset = frame->module ? strstr(frame->module, "+0x") : NULL;
  while (offset && strstr(offset + 1, "+0x"))
    offset = strstr(offset + 1, "+0x");
  return offset;
}

enum frame_debug_info source_identity_debug_info(struct source_identity *identity, const struct tsan_frame *frame) {
  const char *offset = module_offset(frame);
  const struct source_module *module =
      offset ? find_module(identity, frame->module, (size_t)(offset - frame->module)) : NULL;
  if (!module)
    return FRAME_NOT_IN_AN_EXECUTABLE;
  if (!module->has_dwarf)
    return FRAME_MODULE_WITHOUT_DWARF;
  return dwarf_info_unit_at(&module->dwarf, strtoull(offset + 3, NULL, 16)) ? FRAME_ADDRESS_IN_UNIT
                                                                            : FRAME_ADDRESS_WITHOUT_UNIT;
}

/* The compile unit at the frame's address ("prog+0x1234": the offset is the address in prog's own ELF, TSan subtracts
 * the module's load base), or NULL; with its module's DWARF and the address when asked (*dwarf NULL: the frame names
 * no module this identity knows with DWARF). */
static const struct dwarf_unit *unit_of_frame_in(struct source_identity *identity, const struct tsan_frame *frame,
                                                 const struct dwarf_info **dwarf, uint64_t *address) {
  const char *offset = module_offset(frame);
  const struct dwarf_info *module =
      offset ? module_dwarf(identity, frame->module, (size_t)(offset - frame->module)) : NULL;
  uint64_t at = offset ? strtoull(offset + 3, NULL, 16) : 0;
  if (dwarf)
    *dwarf = module, *address = at;
  return module ? dwarf_info_unit_at(module, at) : NULL;
}

static const struct dwarf_unit *unit_of_frame(struct source_identity *identity, const struct tsan_frame *frame) {
  return unit_of_frame_in(identity, frame, NULL, NULL);
}

/* Whether the DWARF of the module that ran the frame's code gives its line at its address. TSan prints the module and
 * offset itself (sanitizer_common's module list), while file and line come from a symbolizer: one a program or a
 * case's options may replace (external_symbolizer_path, the internal symbolizer's hooks), or a log rewritten after the
 * run. So a frame placed in the case must stand where the binary's own line table (and, for an inlined call, the call
 * line of its inlined scope) puts that address; else no marker may be judged by it. */
static bool line_held(const struct case_file *case_file, const struct dwarf_unit *unit, uint64_t address,
                      const struct tsan_frame *frame, char **why) {
  struct dwarf_code_place *places;
  size_t depths;
  size_t count = unit ? dwarf_info_code_places(unit, address, &places, &depths) : 0;
  bool held = false;
  size_t depth = count ? (size_t)frame->same_address_above % depths : 0;
  int first_line = -1;
  for (size_t i = 0; i < count && !held; i++) {
    if (places[i].depth != depth)
      continue;
    if (first_line < 0)
      first_line = places[i].line;
    held = places[i].line == frame->line && places[i].source &&
           place_source(case_file, unit, places[i].source, NULL) == FRAME_IN_CASE;
  }
  if (count)
    free(places);
  if (!held && why) {
    char *said = first_line >= 0 ? xprintf("line %d", first_line) : xstrdup("no line of the case");
    *why = xprintf("TSan's symbolizer put it at %s:%d, but the debug information of %s gives %s to its code (0x%llx%s):"
                   " the line was not read from this binary (another symbolizer, or a rewritten log)",
                   frame->file, frame->line, frame->module, said, (unsigned long long)address,
                   depth ? ", an inlined call" : "");
    free(said);
  }
  return held;
}

/* Whether the printed path `file` names a file: one of `unit`'s line table, else (no unit) an existing absolute path.
 */
static bool names_a_file(const struct dwarf_unit *unit, const char *file) {
  if (!unit) {
    char real[PATH_MAX];
    return file[0] == '/' && realpath(file, real) != NULL;
  }
  char *printed = lexical_path(file);
  bool named = false;
  for (size_t i = 0; i < unit->source_count && !named; i++) {
    const struct dwarf_source *source = &unit->sources[i];
    char *rendered = lexical_path(source->path);
    named = strcmp(rendered, printed) == 0 || (source->resolved && strcmp(source->resolved, printed) == 0);
    free(rendered);
  }
  free(printed);
  return named;
}

static void settle_location(struct source_identity *identity, struct tsan_frame *frame) {
  if (!frame->file_may_end_in_line || !frame->file)
    return;
  const struct dwarf_unit *unit = unit_of_frame(identity, frame);
  char *longer = xprintf("%s:%d", frame->file, frame->line);
  bool as_printed = names_a_file(unit, frame->file), as_longer = names_a_file(unit, longer);
  if (as_longer && !as_printed) {
    free(frame->file);
    frame->file = longer;
    frame->line = frame->column;
    frame->column = 0;
    longer = NULL;
  }
  frame->file_may_end_in_line = as_longer && as_printed; /* both: undecided, unresolved when placed */
  free(longer);
}

void source_identity_settle_locations(struct source_identity *identity, struct tsan_log *log) {
  for (size_t r = 0; r < log->report_count; r++)
    for (size_t s = 0; s < log->reports[r].section_count; s++) {
      struct tsan_section *section = &log->reports[r].sections[s];
      for (size_t f = 0; f < section->frame_count; f++)
        settle_location(identity, &section->frames[f]);
    }
}

enum frame_place source_identity_place(struct source_identity *identity, const struct tsan_frame *frame, char **why) {
  return source_identity_place_in(identity, &identity->case_file, frame, why);
}

enum frame_place source_identity_place_in(struct source_identity *identity, const struct case_file *case_file,
                                          const struct tsan_frame *frame, char **why) {
  if (!frame->file)
    return FRAME_ELSEWHERE;
  if (frame->file_may_end_in_line) {
    /* Both readings name a file (settle_location): the frame is where both put it, or no one knows where. */
    struct tsan_frame printed = *frame, longer = *frame;
    printed.file_may_end_in_line = longer.file_may_end_in_line = false;
    longer.file = xprintf("%s:%d", frame->file, frame->line);
    longer.line = frame->column;
    longer.column = 0;
    enum frame_place place = source_identity_place(identity, &printed, NULL);
    if (source_identity_place(identity, &longer, NULL) != place) {
      place = FRAME_UNRESOLVED;
      if (why)
        *why = xprintf("its location %s:%d:%d reads as file %s, line %d, column %d, or as file %s, line %d (TSan "
                       "prints a column only when it knows one), and both files exist, one of them the case",
                       frame->file, frame->line, frame->column, frame->file, frame->line, frame->column, longer.file,
                       longer.line);
    }
    free(longer.file);
    return place;
  }
  const struct dwarf_info *dwarf;
  uint64_t address;
  const struct dwarf_unit *unit = unit_of_frame_in(identity, frame, &dwarf, &address);
  if (!unit) {
    enum frame_place place = place_by_path(case_file, frame->file, why);
    /* The module is known and has DWARF, yet no unit of it holds the address: no line of the case was read from it. */
    if (place == FRAME_IN_CASE && dwarf && !line_held(case_file, NULL, address, frame, why))
      place = FRAME_UNRESOLVED;
    return place;
  }
  char *printed = lexical_path(frame->file);
  size_t candidates = 0;
  bool in_case = false, elsewhere = false, unresolved = false;
  char *first_why = NULL;
  for (size_t i = 0; i < unit->source_count; i++) {
    const struct dwarf_source *source = &unit->sources[i];
    char *rendered = lexical_path(source->path);
    bool named = strcmp(rendered, printed) == 0 || (source->resolved && strcmp(source->resolved, printed) == 0);
    free(rendered);
    if (!named)
      continue;
    candidates++;
    char *reason = NULL;
    enum frame_place place = place_source(case_file, unit, source, &reason);
    in_case |= place == FRAME_IN_CASE;
    elsewhere |= place == FRAME_ELSEWHERE;
    unresolved |= place == FRAME_UNRESOLVED;
    if (!first_why)
      first_why = reason;
    else
      free(reason);
  }
  free(printed);
  enum frame_place place;
  if (candidates == 0) {
    place = place_by_path(case_file, frame->file, why); /* a path the unit's line table does not hold as printed */
  } else if (unresolved || (in_case && elsewhere)) {
    place = FRAME_UNRESOLVED;
    if (why && !unresolved)
      *why = xprintf("its file %s names %zu files of compile unit %s, the case and another", frame->file, candidates,
                     unit->name);
    else if (why)
      *why = first_why, first_why = NULL;
  } else {
    place = in_case ? FRAME_IN_CASE : FRAME_ELSEWHERE;
  }
  free(first_why);
  if (place == FRAME_IN_CASE && !line_held(case_file, unit, address, frame, why))
    place = FRAME_UNRESOLVED;
  return place;
}

/* Whether `path` is `suffix` or ends with "/" and `suffix` (both lexical). */
static bool path_ends_with(const char *path, const char *suffix) {
  size_t length = strlen(path), suffix_length = strlen(suffix);
  if (suffix_length > length)
    return false;
  if (strcmp(path + length - suffix_length, suffix) != 0)
    return false;
  return suffix_length == length || path[length - suffix_length - 1] == '/';
}

size_t source_identity_find_sources(struct source_identity *identity, const char *suffix, char ***paths) {
  char *wanted = lexical_path(suffix);
  size_t count = 0, capacity = 0;
  *paths = NULL;
  for (size_t m = 0; m < identity->module_count + identity->library_count; m++) {
    struct source_module *module =
        m < identity->module_count ? &identity->modules[m] : &identity->libraries[m - identity->module_count];
    const struct dwarf_info *dwarf = source_module_dwarf(module);
    for (size_t u = 0; dwarf && u < dwarf->unit_count; u++)
      for (size_t i = 0; i < dwarf->units[u].source_count; i++) {
        const struct dwarf_source *source = &dwarf->units[u].sources[i];
        char *lexical = lexical_path(source->resolved ? source->resolved : source->path);
        char real[PATH_MAX]; /* a relative path is never resolved against the harness's own folder */
        char *name = path_ends_with(lexical, wanted)
                         ? xstrdup(lexical[0] == '/' && realpath(lexical, real) ? real : lexical)
                         : NULL;
        free(lexical);
        for (size_t k = 0; name && k < count; k++)
          if (strcmp((*paths)[k], name) == 0) {
            free(name);
            name = NULL;
          }
        if (!name)
          continue;
        GROW(*paths, count, capacity);
        (*paths)[count++] = name;
      }
  }
  free(wanted);
  return count;
}

void source_identity_free(struct source_identity *identity) {
  for (size_t i = 0; i < identity->module_count; i++) {
    if (identity->modules[i].has_dwarf)
      dwarf_info_close(&identity->modules[i].dwarf);
    free(identity->modules[i].path);
  }
  free(identity->modules);
  for (size_t i = 0; i < identity->library_count; i++) {
    if (identity->libraries[i].has_dwarf)
      dwarf_info_close(&identity->libraries[i].dwarf);
    free(identity->libraries[i].path);
    free(identity->libraries[i].alias);
  }
  free(identity->libraries);
  case_file_free(&identity->case_file);
  *identity = (struct source_identity){0};
}
