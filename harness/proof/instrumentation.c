/* instrumentation.c: reads the binary's DWARF and code for the facts of instrumentation.h. */
#include "proof/instrumentation.h"
#include "base/util.h"
#include "binary/dwarfinfo.h"
#include "binary/elfinfo.h"
#include "binary/sourceid.h"
#include "proof/compile_units.h"
#include "proof/libraries.h"
#include "proof/off_flags.h"
#include "proof/reachability.h"
#include "proof/returned_string.h"
#include "proof/runtime_archive.h"
#include "proof/runtime_code.h"
#include "proof/runtime_interface.h"
#include "proof/value_numbering.h"

#include <capstone/capstone.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The runtime's weak hooks a program may replace to see, drop or rewrite reports (compiler-rt tsan_rtl_report.cpp:
 * OnReport, whose true return drops the report, and __tsan_on_report; tsan_rtl.cpp: OnFinalize, whose return is
 * the exit's "failed"; tsan_symbolize.cpp: __tsan_symbolize_external(_ex), which may name any file and line; and the
 * internal symbolizer's weak hooks, which the runtime asks for every frame's file and line when the program defines
 * them instead of starting llvm-symbolizer: sanitizer_symbolizer.h, sanitizer_symbolizer_posix_libcdep.cpp
 * InternalSymbolizer). */
static const char *const report_hooks[] = {"_ZN6__tsan8OnReportEPKNS_10ReportDescEb",
                                           "__tsan_on_report",
                                           "_ZN6__tsan10OnFinalizeEb",
                                           "__tsan_symbolize_external",
                                           "__tsan_symbolize_external_ex",
                                           "__sanitizer_symbolize_code",
                                           "__sanitizer_symbolize_data",
                                           "__sanitizer_symbolize_frame",
                                           "__sanitizer_symbolize_demangle",
                                           "__sanitizer_symbolize_set_inline_frames"};
static const char *const report_hook_names[] = {"__tsan::OnReport",
                                                "__tsan_on_report",
                                                "__tsan::OnFinalize",
                                                "__tsan_symbolize_external",
                                                "__tsan_symbolize_external_ex",
                                                "__sanitizer_symbolize_code",
                                                "__sanitizer_symbolize_data",
                                                "__sanitizer_symbolize_frame",
                                                "__sanitizer_symbolize_demangle",
                                                "__sanitizer_symbolize_set_inline_frames"};
/* The runtime's weak option strings (tsan_flags.cpp: __tsan_default_options; ubsan_flags.cpp, parsed after it in
 * clang's runtime: __ubsan_default_options). */
static const char *const option_hooks[] = {"__tsan_default_options", "__ubsan_default_options"};

/* The file under test whose content is the one the unit at `unit_offset` records for its own source (its line
 * table's first file, with an MD5: clang's DWARF 5), or `count` when none is. */
static size_t file_by_content(const struct dwarf_info *recorded, uint64_t unit_offset, const struct case_file *contents,
                              size_t count) {
  for (size_t u = 0; u < recorded->unit_count; u++) {
    const struct dwarf_unit *unit = &recorded->units[u];
    if (unit->die_offset != unit_offset || unit->source_count == 0 || !unit->sources[0].has_md5)
      continue;
    for (size_t f = 0; f < count; f++)
      if (contents[f].has_md5 && memcmp(contents[f].md5, unit->sources[0].md5, sizeof contents[f].md5) == 0)
        return f;
  }
  return count;
}

int instrumentation_read(const char *binary, const char *const *files, struct instrumentation *facts, char **error) {
  *facts = (struct instrumentation){0};
  struct image image;
  if (open_image(binary, &image, error) != 0) {
    close_image(&image);
    return -1;
  }
  struct off_flag_rules *rules = off_flag_rules_new(error);
  if (!rules) {
    close_image(&image);
    return -1;
  }
  image.static_runtime = program_size_of("__tsan_init", &image) >= 0;
  if (image.static_runtime)
    image.archive = runtime_archive_find(program_size_of, &image, &facts->runtime_unknown);
  image.libc_archive = runtime_archive_libc_nonshared();
  check_hook_definitions(&image, facts);
  size_t file_count = 0;
  while (files[file_count])
    file_count++;
  struct stat *identities = xcalloc(file_count + 1, sizeof *identities);
  bool *found = xcalloc(file_count + 1, sizeof *found);
  for (size_t f = 0; f < file_count; f++)
    if (stat(files[f], &identities[f]) != 0)
      identities[f] = (struct stat){0};
  /* A unit whose file cannot be found by its path (a reproducible build's -ffile-prefix-map names a folder that
   * exists only on the build machine) is a file under test when the MD5 its line table records (DWARF 5) is that
   * file's: the content the compiler read. */
  struct case_file *contents = xcalloc(file_count + 1, sizeof *contents);
  for (size_t f = 0; f < file_count; f++) {
    char *ignored = NULL;
    if (case_file_read(files[f], &contents[f], &ignored) != 0)
      contents[f] = (struct case_file){0};
    free(ignored);
  }
  struct dwarf_info recorded = {0};
  char *no_dwarf = NULL;
  bool recorded_read = dwarf_info_open(binary, &recorded, &no_dwarf) == 0;
  free(no_dwarf);
  int status = 0;
  struct program_scan scan = {.facts = facts};
  Dwarf_CU *cu = NULL;
  Dwarf_Die skeleton, split;
  uint8_t unit_type;
  while (status == 0 && dwarf_get_units(image.dwarf, cu, &cu, NULL, &unit_type, &skeleton, &split) == 0) {
    if (unit_type != DW_UT_compile && unit_type != DW_UT_skeleton)
      continue;
    /* -gsplit-dwarf: the functions are in the split unit libdw found beside (the .dwo, by DW_AT_comp_dir and
     * DW_AT_dwo_name); a skeleton whose split unit is gone cannot be read. */
    bool split_found = unit_type == DW_UT_skeleton && dwarf_tag(&split) == DW_TAG_compile_unit;
    Dwarf_Die *unit = split_found ? &split : &skeleton;
    char *path = unit_path(unit, &skeleton);
    size_t f = 0;
    while (f < file_count && !(identities[f].st_ino && same_file(path, &identities[f])))
      f++;
    struct stat unit_file;
    if (f == file_count && path && stat(path, &unit_file) != 0 && recorded_read)
      f = file_by_content(&recorded, dwarf_dieoffset(unit), contents, file_count);
    if (unit_type == DW_UT_skeleton && !split_found) {
      Dwarf_Attribute attribute;
      const char *dwo = dwarf_formstring(dwarf_attr(&skeleton, DW_AT_dwo_name, &attribute));
      *error = xprintf("%s keeps debug information in a separate file (-gsplit-dwarf), %s, which cannot be read",
                       binary, dwo ? dwo : "(unnamed)");
      status = -1;
    } else {
      char *off_flag = recorded_off_flag(rules, unit);
      struct unit_walk walk = {.image = &image,
                               .facts = facts,
                               .scan = &scan,
                               .file = f < file_count ? files[f] : NULL,
                               .judge_stores = stores_need_hooks(unit),
                               .off_flag = off_flag};
      size_t first_range = scan.described.count;
      dwarf_getfuncs(unit, visit_function, &walk, 0);
      read_variable_ranges(unit, &scan.variables);
      if (f < file_count)
        found[f] = true;
      else if ((!walk.any_tsan_call || off_flag) && walk.any_code_to_watch && path &&
               !list_holds(facts->uninstrumented_units, path)) {
        size_t index = 0;
        while (facts->uninstrumented_units && facts->uninstrumented_units[index])
          index++;
        add_unit(&facts->uninstrumented_units, &facts->uninstrumented_unit_functions, &facts->uninstrumented_unit_flags,
                 path, walk.names, off_flag);
        push_string(&facts->uninstrumented_unit_callers, xstrdup(""));
        GROW(scan.spans, scan.span_count, scan.span_capacity);
        scan.spans[scan.span_count++] = (struct unit_span){index, first_range, scan.described.count};
        walk.names = NULL;
      } else if (f == file_count && walk.gap_count && path) {
        /* A unit of the program TSan instrumented, but for some of its functions (no_sanitize("thread") on one,
         * an ignorelist's fun: entry): what those do in the run is unwatched, whoever reaches them, as in a file
         * under test. */
        unit_walk_take_gaps(&walk, path, facts);
      }
      unit_walk_free_gaps(&walk);
      free_list(walk.names);
      free(off_flag);
    }
    free(path);
  }
  for (size_t f = 0; f < file_count; f++) {
    if (!found[f])
      push_string(&facts->files_without_unit, xstrdup(files[f]));
    case_file_free(&contents[f]);
  }
  free(contents);
  if (recorded_read)
    dwarf_info_close(&recorded);
  if (status == 0 && !facts->runtime_unknown) {
    if (file_count)
      note_code_in_variables(&image, files[0], &scan);
    follow_code_targets(&image, facts, &scan);
  }
  /* A program that looks functions up by name calls every runtime function whose name its code points at. */
  for (size_t i = 0; i < scan.named_count; i++) {
    enum hiding_kind kind;
    if (scan.lookup && runtime_call_class(scan.named[i].name, &kind) == RUNTIME_CALL_HIDES)
      add_hiding_call(facts, kind, scan.named[i].name,
                      xprintf("%s, by name through %s in %s", scan.named[i].holder, scan.lookup, scan.lookup_caller));
  }
  program_scan_free(&scan);
  /* A strong definition in the program replaces the runtime's weak one (in a static runtime the weak one is gone). */
  enum {
    REPORT_HOOKS = sizeof report_hooks / sizeof *report_hooks,
    OPTION_HOOKS = sizeof option_hooks / sizeof *option_hooks
  };
  const char *hooks[REPORT_HOOKS + OPTION_HOOKS];
  bool defined[REPORT_HOOKS + OPTION_HOOKS];
  for (size_t h = 0; h < REPORT_HOOKS; h++)
    hooks[h] = report_hooks[h];
  for (size_t h = 0; h < OPTION_HOOKS; h++)
    hooks[REPORT_HOOKS + h] = option_hooks[h];
  elf_defines_symbols_in(image.elf, hooks, REPORT_HOOKS + OPTION_HOOKS, defined);
  for (size_t h = 0; h < REPORT_HOOKS; h++)
    if (defined[h])
      push_string(&facts->report_hooks, xstrdup(report_hook_names[h]));
  for (size_t h = 0; h < OPTION_HOOKS; h++)
    if (defined[REPORT_HOOKS + h])
      push_string(&facts->default_options, xstrdup(option_hooks[h]));
  /* The program's own suppressions: their counted rules show in TSan's "Matched" list, a called_from_lib rule never
   * does, so the rules themselves are read from the code that returns them. */
  const char *suppressions_hook = "__tsan_default_suppressions";
  bool suppressions_defined = false;
  elf_defines_symbols_in(image.elf, &suppressions_hook, 1, &suppressions_defined);
  if (suppressions_defined)
    facts->default_suppressions = returned_string(&image, suppressions_hook, &facts->default_suppressions_unread);
  read_libraries(binary, &image, facts, rules);
  off_flag_rules_free(rules);
  free(identities);
  free(found);
  close_image(&image);
  if (status != 0)
    instrumentation_free(facts);
  return status;
}

void instrumentation_add_loaded(struct instrumentation *facts, const char *binary, const char *const *loaded) {
  char *error = NULL;
  struct off_flag_rules *rules = off_flag_rules_new(&error);
  free(error);
  struct stat program;
  bool program_known = stat(binary, &program) == 0;
  for (size_t i = 0; rules && loaded && loaded[i]; i++) {
    struct stat file;
    if (stat(loaded[i], &file) != 0 || !S_ISREG(file.st_mode) ||
        (program_known && file.st_dev == program.st_dev && file.st_ino == program.st_ino))
      continue;
    bool listed = false;
    for (size_t l = 0; l < facts->library_count && !listed; l++)
      listed = same_file(facts->libraries[l].path, &file);
    for (size_t d = 0; d < facts->dropped_count && !listed; d++)
      listed = facts->dropped_files[d].device == file.st_dev && facts->dropped_files[d].inode == file.st_ino;
    if (listed)
      continue;
    /* The name the program asked the loader for is the library's DT_SONAME (the map holds the file the symbolic
     * links lead to, libpool.so.0.0.0 for libpool.so.0); its file name when it has none. A system library (libc,
     * the TSan runtime) shows no source of this machine: the runtime intercepts what matters of it, as of the
     * libraries the loader finds in its default folders. */
    if (!add_library(facts, loaded[i], NULL, true, rules)) {
      GROW(facts->dropped_files, facts->dropped_count, facts->dropped_capacity);
      facts->dropped_files[facts->dropped_count++] = (struct file_identity){file.st_dev, file.st_ino};
    }
  }
  off_flag_rules_free(rules);
}
