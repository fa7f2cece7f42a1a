/* expect.c: the verdict's core, as docs/MARKERS.md states it. */
#include "source/expect.h"
#include "base/util.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

bool same_source_file(const char *frame_file, const char *case_path) {
  if (strcmp(path_base_name(frame_file), path_base_name(case_path)) != 0)
    return false;
  char frame_real[PATH_MAX], case_real[PATH_MAX];
  if (realpath(frame_file, frame_real) && realpath(case_path, case_real))
    return strcmp(frame_real, case_real) == 0;
  /* Built on another machine or in another folder: compare what both paths end with. */
  char *frame = lexical_path(frame_file), *want = lexical_path(case_path);
  size_t fl = strlen(frame), wl = strlen(want);
  /* A relative path (gcc records the one it was given, relative to where it ran) names the file its absolute
   * twin ends with, whichever side it is on. */
  bool same = strcmp(frame, want) == 0 ||
              (wl < fl && want[0] != '/' && strcmp(frame + fl - wl, want) == 0 && frame[fl - wl - 1] == '/') ||
              (fl < wl && frame[0] != '/' && strcmp(want + wl - fl, frame) == 0 && want[wl - fl - 1] == '/');
  free(frame);
  free(want);
  return same;
}

/* How frames are matched to the case: by the binary's DWARF when there is an identity (a run), else by the paths
 * alone (a log from elsewhere). */
struct case_matcher {
  const char *case_path;
  struct source_identity *identity;
  struct case_file *pinned; /* per marker: the source its `at FILE:LINE` names (with an identity), else unused */
  const struct case_spec *spec;
  /* per marker file of the spec (spec->marker_files), read when there is an identity: the file as it is now */
  struct case_file *marker_files;
};

/* The index in spec->marker_files of the file a marker stands in; -1 for the case's own file. */
static long marker_file_index(const struct case_spec *spec, const struct marker *marker) {
  for (size_t i = 0; marker->file && i < spec->marker_file_count; i++)
    if (strcmp(spec->marker_files[i], marker->file) == 0)
      return (long)i;
  return -1;
}

/* Whether a stack of the report is one of what the report is about, which alone can hit a marker (PrintReport,
 * compiler-rt tsan_report.cpp): the accesses (rep->mops: both accesses of a race, the access and the free of a
 * heap-use-after-free), the report's own stacks (rep->stacks: the misused lock call and its "and:" second stack, the
 * signal-unsafe call, the handler that spoils errno), the lock acquisitions of a lock-order inversion, and the
 * thread creation of a thread leak (its only stack). Never the context: where the memory was allocated, where a
 * mutex was created, where a thread that made an access was created, a sleep. */
bool report_section_is_about(const struct tsan_report *report, const struct tsan_section *section) {
  switch (section->kind) {
  case SECTION_ACCESS:
  case SECTION_STACK:
  case SECTION_LOCK_ACQUIRE: return true;
  case SECTION_THREAD_CREATION: return starts_with(report->kind, "thread leak");
  default: return false;
  }
}

/* Whether TSan's function name is `function`: the same, or for C++ the same up to its parameter list. */
static bool same_function(const char *printed, const char *function) {
  size_t length = strlen(function);
  return printed && strncmp(printed, function, length) == 0 && (printed[length] == '\0' || printed[length] == '(');
}

/* A frame in the source a marker pins with `at FILE:LINE`: by the binary's DWARF when there is an identity, else by
 * the printed path ending with FILE. */
static bool frame_in_pinned_file(const struct tsan_frame *frame, const struct marker *marker, size_t index,
                                 const struct case_matcher *matcher) {
  if (matcher->identity)
    return source_identity_place_in(matcher->identity, &matcher->pinned[index], frame, NULL) == FRAME_IN_CASE;
  char *printed = lexical_path(frame->file), *wanted = lexical_path(marker->pin_file);
  size_t pl = strlen(printed), wl = strlen(wanted);
  bool same = pl >= wl && strcmp(printed + pl - wl, wanted) == 0 && (pl == wl || printed[pl - wl - 1] == '/');
  free(printed);
  free(wanted);
  return same;
}

/* The innermost frame in the case with a line, or NULL; with an identity, *unresolved (when given) is set to a frame
 * inside it (or in a stack without one) whose file cannot be placed, and *why to the reason. */
static const struct tsan_frame *frame_in_file(const struct tsan_section *section, const struct case_matcher *matcher,
                                              long file_index, const struct tsan_frame **unresolved, char **why) {
  const char *path = file_index < 0 ? matcher->case_path : matcher->spec->marker_files[file_index];
  for (size_t i = 0; i < section->frame_count; i++) {
    const struct tsan_frame *frame = &section->frames[i];
    if (!frame->file || frame->line <= 0)
      continue;
    if (!matcher->identity) {
      if (same_source_file(frame->file, path))
        return frame;
      continue;
    }
    /* A marker file is told from every other file by the identity rules that tell the case (sourceid.h): its real
     * path, the unit's comp_dir, its MD5; never its base name. */
    enum frame_place place = file_index < 0
                                 ? source_identity_place(matcher->identity, frame, unresolved ? why : NULL)
                                 : source_identity_place_in(matcher->identity, &matcher->marker_files[file_index],
                                                            frame, unresolved ? why : NULL);
    if (place == FRAME_IN_CASE)
      return frame;
    if (place == FRAME_UNRESOLVED) {
      if (unresolved)
        *unresolved = frame;
      return NULL;
    }
  }
  return NULL;
}

static const struct tsan_frame *case_frame(const struct tsan_section *section, const struct case_matcher *matcher,
                                           const struct tsan_frame **unresolved, char **why) {
  return frame_in_file(section, matcher, -1, unresolved, why);
}

const struct tsan_frame *innermost_case_frame(const struct tsan_section *section, const char *case_path) {
  struct case_matcher matcher = {.case_path = case_path};
  return case_frame(section, &matcher, NULL, NULL);
}

const struct tsan_frame *innermost_case_frame_identified(const struct tsan_section *section,
                                                         struct source_identity *identity) {
  struct case_matcher matcher = {.case_path = identity->case_file.path, .identity = identity};
  return case_frame(section, &matcher, NULL, NULL);
}

static bool section_hits(const struct tsan_section *section, const struct marker *marker, size_t index,
                         const struct case_matcher *matcher) {
  switch (marker->pin) {
  case PIN_LINE: {
    const struct tsan_frame *frame =
        frame_in_file(section, matcher, marker_file_index(matcher->spec, marker), NULL, NULL);
    return frame && (size_t)frame->line == marker->line;
  }
  case PIN_FUNCTION: {
    const struct tsan_frame *frame = section_source_frame(section);
    return frame && same_function(frame->function, marker->pin_function);
  }
  case PIN_FRAME:
    for (size_t f = 0; f < section->frame_count; f++) {
      const struct tsan_frame *frame = &section->frames[f];
      if (frame->file && frame->line > 0 && (size_t)frame->line == marker->pin_line &&
          frame_in_pinned_file(frame, marker, index, matcher))
        return true;
    }
    return false;
  }
  return false;
}

static bool report_hits(const struct tsan_report *report, const struct marker *marker, size_t index,
                        const struct case_matcher *matcher) {
  if (!starts_with(report->kind, marker->kind))
    return false;
  for (size_t i = 0; i < report->section_count; i++)
    if (report_section_is_about(report, &report->sections[i]) &&
        section_hits(&report->sections[i], marker, index, matcher))
      return true;
  return false;
}

/* "data race", "data race in bump", "data race at src/counter.c:42": what a marker expects, for messages. */
static char *marker_wording(const struct marker *marker) {
  switch (marker->pin) {
  case PIN_FUNCTION: return xprintf("%s in %s", marker->kind, marker->pin_function);
  case PIN_FRAME: return xprintf("%s at %s:%zu", marker->kind, marker->pin_file, marker->pin_line);
  case PIN_LINE: break;
  }
  return xstrdup(marker->kind);
}

/* Resolves the FILE of each applicable `at FILE:LINE` marker to the one source of the binary it names. Returns false
 * after a cannot-check diagnostic: no source of the program ends with FILE, several do, or the one that does cannot
 * be read. */
static bool resolve_pinned_files(const struct case_spec *spec, struct case_matcher *matcher, struct verdict *verdict) {
  matcher->pinned = xcalloc(spec->marker_count + 1, sizeof *matcher->pinned);
  for (size_t m = 0; matcher->identity && m < spec->marker_count; m++) {
    const struct marker *marker = &spec->markers[m];
    if (marker->pin != PIN_FRAME || verdict->marker_report[m] == -2)
      continue;
    char **paths = NULL;
    size_t count = source_identity_find_sources(matcher->identity, marker->pin_file, &paths);
    char *error = NULL;
    if (count == 0) {
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, spec->path, marker->comment_line,
                  "'at %s:%zu': no source file of the program (its DWARF) is %s or ends with /%s", marker->pin_file,
                  marker->pin_line, marker->pin_file, marker->pin_file);
    } else if (count > 1) {
      struct strbuf names = {0};
      for (size_t i = 0; i < count; i++)
        strbuf_printf(&names, "%s%s", i ? ", " : "", paths[i]);
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, spec->path, marker->comment_line,
                  "'at %s:%zu' is ambiguous: %zu source files of the program end with it (%s); give more of the "
                  "path",
                  marker->pin_file, marker->pin_line, count, names.data);
      strbuf_free(&names);
    } else if (case_file_read(paths[0], &matcher->pinned[m], &error) != 0) {
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, spec->path, marker->comment_line,
                  "'at %s:%zu' names %s, which cannot be read on this machine to place frames in it: %s",
                  marker->pin_file, marker->pin_line, paths[0], error);
      free(error);
    }
    for (size_t i = 0; i < count; i++)
      free(paths[i]);
    free(paths);
    if (verdict->outcome == OUTCOME_CANNOT_CHECK)
      return false;
  }
  return true;
}

/* Reads each marker file as it is now, to place frames in it by the binary's DWARF. Returns false after a cannot-check
 * diagnostic naming the file that cannot be read. */
static bool read_marker_files(const struct case_spec *spec, struct case_matcher *matcher, struct verdict *verdict) {
  matcher->marker_files = xcalloc(spec->marker_file_count + 1, sizeof *matcher->marker_files);
  for (size_t i = 0; matcher->identity && i < spec->marker_file_count; i++) {
    char *error = NULL;
    if (case_file_read(spec->marker_files[i], &matcher->marker_files[i], &error) != 0) {
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, spec->marker_files[i], 0,
                  "the marker file cannot be read to place frames in it: %s", error);
      free(error);
      for (size_t j = 0; j < i; j++)
        case_file_free(&matcher->marker_files[j]);
      free(matcher->marker_files);
      matcher->marker_files = NULL;
      return false;
    }
  }
  return true;
}

static void free_marker_files(const struct case_spec *spec, struct case_matcher *matcher) {
  for (size_t i = 0; matcher->identity && matcher->marker_files && i < spec->marker_file_count; i++)
    case_file_free(&matcher->marker_files[i]);
  free(matcher->marker_files);
  matcher->marker_files = NULL;
}

static void free_pinned_files(const struct case_spec *spec, struct case_matcher *matcher) {
  for (size_t m = 0; matcher->pinned && m < spec->marker_count; m++)
    case_file_free(&matcher->pinned[m]);
  free(matcher->pinned);
}

/* "global 'counter' of size 4" of "Location is global 'counter' of size 4 at 0x... (prog+0x...)": the title up to its
 * address. */
static void describe_location(struct strbuf *out, const struct tsan_section *section) {
  const char *what = section->title + (starts_with(section->title, "Location is ") ? strlen("Location is ") : 0);
  const char *address = strstr(what, " at 0x");
  strbuf_printf(out, "%.*s", (int)(address ? (size_t)(address - what) : strlen(what)), what);
}

static void describe_frame(struct strbuf *out, const struct tsan_section *section, const struct tsan_frame *frame) {
  if (frame)
    strbuf_printf(out, " at %s:%d", path_base_name(frame->file), frame->line);
  else
    strbuf_printf(out, " at %s (no source line)", section->frames[0].function);
}

/* The innermost frame of the section in the case, else in the first marker file that holds one, or NULL; *file_index
 * (when given) says which file: -1 for the case, else the index in spec->marker_files. */
static const struct tsan_frame *frame_under_test(const struct tsan_section *section, const struct case_matcher *matcher,
                                                 long *file_index) {
  long marker_files = matcher->spec ? (long)matcher->spec->marker_file_count : 0;
  for (long file = -1; file < marker_files; file++) {
    const struct tsan_frame *frame = frame_in_file(section, matcher, file, NULL, NULL);
    if (frame) {
      if (file_index)
        *file_index = file;
      return frame;
    }
  }
  return NULL;
}

/* What an unexpected report is, for its diagnostic: the stacks it is about, each by its racing frame (the innermost
 * with a source line: the function and file:line the runtime blames) and, when that is not in the case or a marker
 * file, the line of theirs that led there; then the memory; then the context stacks by their line in the case or a
 * marker file. "write in update at no_lock.c:16 (thread T2), previous read in main at no_lock.c:13 (main thread), on
 * global 'counter' of size 4; context: thread-creation at no_lock.c:30". */
static char *describe_stacks(const struct tsan_report *report, const struct case_matcher *matcher) {
  struct strbuf out = {0};
  for (size_t i = 0; i < report->section_count; i++) {
    const struct tsan_section *section = &report->sections[i];
    if (section->frame_count == 0 || !report_section_is_about(report, section))
      continue;
    const struct tsan_frame *racing = section_source_frame(section);
    const struct tsan_frame *in_case = frame_under_test(section, matcher, NULL);
    strbuf_puts(&out, out.length ? ", " : "");
    if (section->kind == SECTION_ACCESS)
      strbuf_printf(&out, "%s%s%s", section->access.previous ? "previous " : "",
                    section->access.atomic ? "atomic " : "", section->access.write ? "write" : "read");
    else
      strbuf_puts(&out, section_kind_name(section->kind));
    if (racing && racing->function)
      strbuf_printf(&out, " in %s", racing->function);
    describe_frame(&out, section, racing);
    if (in_case && racing && in_case != racing)
      strbuf_printf(&out, " via %s:%d", path_base_name(in_case->file), in_case->line);
    if (section->kind == SECTION_ACCESS && section->access.thread)
      strbuf_printf(&out, " (%s)", section->access.thread);
  }
  for (size_t i = 0; i < report->section_count; i++)
    if (report->sections[i].kind == SECTION_LOCATION) {
      strbuf_puts(&out, out.length ? ", on " : "on ");
      describe_location(&out, &report->sections[i]);
    }
  bool context = false;
  for (size_t i = 0; i < report->section_count; i++) {
    const struct tsan_section *section = &report->sections[i];
    if (section->frame_count == 0 || report_section_is_about(report, section) || section->kind == SECTION_LOCATION)
      continue;
    const struct tsan_frame *frame = frame_under_test(section, matcher, NULL);
    if (!frame)
      frame = section_source_frame(section);
    strbuf_puts(&out, context ? ", " : out.length ? "; context: " : "context: ");
    context = true;
    strbuf_puts(&out, section_kind_name(section->kind));
    describe_frame(&out, section, frame);
  }
  return strbuf_release(&out);
}

/* Where a diagnostic about an unexpected report points: the line of the code under test it is about. The stacks the
 * report is about come first, then its context (where its threads were created, its memory allocated); in each, the
 * case before the marker files. So a report that lies in a marker file alone (a library's own threads) is named by
 * that file and the line of its frame there, and by the case's path and line 0 only when no stack reaches a file
 * whose markers are read. Returns the line; *file is the case's path or a marker file's. */
static size_t report_place(const struct tsan_report *report, const struct case_matcher *matcher, const char **file) {
  *file = matcher->case_path;
  long marker_files = (long)matcher->spec->marker_file_count;
  for (int about = 1; about >= 0; about--)
    for (long index = -1; index < marker_files; index++)
      for (size_t i = 0; i < report->section_count; i++) {
        const struct tsan_section *section = &report->sections[i];
        if (report_section_is_about(report, section) != (about == 1))
          continue;
        const struct tsan_frame *frame = frame_in_file(section, matcher, index, NULL, NULL);
        if (frame) {
          *file = index < 0 ? matcher->case_path : matcher->spec->marker_files[index];
          return (size_t)frame->line;
        }
      }
  return 0;
}

/* A report whose stacks hold a frame that cannot be placed before any frame in the case: which line of the case it
 * is about cannot be known. Returns true after adding that diagnostic. */
static bool unplaceable_frame(const struct tsan_log *log, const struct case_matcher *matcher, struct verdict *verdict) {
  for (size_t r = 0; matcher->identity && r < log->report_count; r++) {
    const struct tsan_report *report = &log->reports[r];
    for (size_t s = 0; s < report->section_count; s++)
      for (long file = -1; file < (long)matcher->spec->marker_file_count; file++) {
        const struct tsan_frame *unresolved = NULL;
        char *why = NULL;
        frame_in_file(&report->sections[s], matcher, file, &unresolved, &why);
        if (!unresolved) {
          free(why);
          continue;
        }
        if (file < 0)
          verdict_add(verdict, OUTCOME_CANNOT_CHECK, matcher->case_path, 0,
                      "frame #%d (%s %s:%d) of TSan's %s report (pid %ld) may or may not be in the case: %s",
                      unresolved->index, unresolved->function ? unresolved->function : "?", unresolved->file,
                      unresolved->line, report->kind, report->pid, why ? why : "its file cannot be resolved");
        else
          verdict_add(verdict, OUTCOME_CANNOT_CHECK, matcher->spec->marker_files[file], 0,
                      "frame #%d (%s %s:%d) of TSan's %s report (pid %ld) may or may not be in the marker file %s: %s",
                      unresolved->index, unresolved->function ? unresolved->function : "?", unresolved->file,
                      unresolved->line, report->kind, report->pid, matcher->spec->marker_files[file],
                      why ? why : "its file cannot be resolved");
        free(why);
        return true;
      }
  }
  return false;
}

void expect_check(const struct case_spec *spec, const struct tsan_log *log, const struct toolchain *toolchain,
                  const char *program_stdout, struct verdict *verdict) {
  expect_check_identified(spec, log, toolchain, program_stdout, NULL, verdict);
}

void expect_check_identified(const struct case_spec *spec, const struct tsan_log *log,
                             const struct toolchain *toolchain, const char *program_stdout,
                             struct source_identity *identity, struct verdict *verdict) {
  const char *path = spec->path;
  struct case_matcher matcher = {.case_path = path, .identity = identity, .spec = spec};
  verdict->report_marker = xcalloc(log->report_count + 1, sizeof *verdict->report_marker);
  verdict->marker_report = xcalloc(spec->marker_count + 1, sizeof *verdict->marker_report);
  size_t applicable = 0;
  for (size_t m = 0; m < spec->marker_count; m++) {
    verdict->marker_report[m] = marker_applies(&spec->markers[m], toolchain) ? -1 : -2;
    applicable += verdict->marker_report[m] == -1;
  }
  const struct marker *leveled = spec_level_marker(spec);
  if (leveled && (toolchain->opt_level < 0 || toolchain->opt_level >= OPT_LEVEL_COUNT)) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, leveled->comment_line,
                "the marker is qualified with an optimization level, and the level is unknown: pass --opt");
    return;
  }
  /* A case that expects the harness not to check it (expect-cannot-check) holds no expect-tsan marker: a program the
   * harness could check after all is judged as one expecting no report, and verify.c says it was checked. */
  if (applicable == 0 && !spec->cannot_check_line) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 1, "no expect-tsan marker applies to toolchain %s%s%d",
                toolchain->family[0] ? toolchain->family : "(unknown)", toolchain->major ? "-" : "", toolchain->major);
    return;
  }
  if (!read_marker_files(spec, &matcher, verdict))
    return;
  if (unplaceable_frame(log, &matcher, verdict)) {
    free_marker_files(spec, &matcher);
    return;
  }
  if (!resolve_pinned_files(spec, &matcher, verdict)) {
    free_pinned_files(spec, &matcher);
    free_marker_files(spec, &matcher);
    return;
  }
  bool none = spec_expects_none(spec, toolchain);
  for (size_t r = 0; r < log->report_count; r++) {
    const struct tsan_report *report = &log->reports[r];
    verdict->report_marker[r] = -1;
    for (size_t m = 0; !none && m < spec->marker_count; m++) {
      if (verdict->marker_report[m] == -2 || !report_hits(report, &spec->markers[m], m, &matcher))
        continue;
      if (verdict->report_marker[r] < 0)
        verdict->report_marker[r] = (int)m;
      if (verdict->marker_report[m] < 0)
        verdict->marker_report[m] = (int)r;
    }
    if (verdict->report_marker[r] >= 0)
      continue;
    char *stacks = describe_stacks(report, &matcher);
    const char *file;
    size_t line = report_place(report, &matcher, &file);
    if (none)
      verdict_add_about(verdict, OUTCOME_NOT_MET, file, line, r + 1, 0, "expected no report, TSan reported %s: %s",
                        report->kind, stacks);
    else
      verdict_add_about(verdict, OUTCOME_NOT_MET, file, line, r + 1, 0, "unexpected %s: %s", report->kind, stacks);
    free(stacks);
  }
  /* A known race, declared with a tracking note, shows as known each time it is reported, not as a silent pass. */
  for (size_t m = 0; !none && m < spec->marker_count; m++) {
    const struct marker *marker = &spec->markers[m];
    if (verdict->marker_report[m] < 0 || !marker->note || !starts_with(marker->note, "tracked:"))
      continue;
    char *wording = marker_wording(marker);
    verdict_add_about(verdict, OUTCOME_MET, marker_file_of(spec, marker), marker->line,
                      (size_t)verdict->marker_report[m] + 1, m + 1, "note: reported as expected, a known %s (%s)",
                      wording, marker->note);
    free(wording);
  }
  for (size_t m = 0; !none && m < spec->marker_count; m++) {
    if (verdict->marker_report[m] != -1)
      continue;
    const struct marker *marker = &spec->markers[m];
    char *wording = marker_wording(marker);
    if (marker->pin == PIN_LINE)
      verdict_add_about(verdict, OUTCOME_NOT_MET, marker_file_of(spec, marker), marker->line, 0, m + 1,
                        "expected %s, TSan reported nothing here", wording);
    else
      verdict_add_about(verdict, OUTCOME_NOT_MET, marker_file_of(spec, marker), marker->line, 0, m + 1,
                        "expected %s, and no stack TSan reported is there (in the stacks of what a report is about: "
                        "its accesses, or its own operation)",
                        wording);
    free(wording);
  }
  free_pinned_files(spec, &matcher);
  free_marker_files(spec, &matcher);
  for (size_t o = 0; program_stdout && o < spec->output_count; o++)
    if (!strstr(program_stdout, spec->outputs[o].text))
      verdict_add(verdict, OUTCOME_NOT_MET, path, spec->outputs[o].line,
                  "expected output \"%s\", not in the program's stdout", spec->outputs[o].text);
}

bool report_touches_markers(const struct case_spec *spec, const struct tsan_report *report,
                            struct source_identity *identity, const struct case_file *under_test,
                            size_t under_test_count) {
  struct case_matcher by_path = {.case_path = spec->path, .spec = spec};
  for (size_t s = 0; s < report->section_count; s++) {
    const struct tsan_section *section = &report->sections[s];
    if (!report_section_is_about(report, section))
      continue;
    for (size_t f = 0; f < section->frame_count; f++) {
      const struct tsan_frame *frame = &section->frames[f];
      if (!frame->file)
        continue;
      if (identity ? source_identity_place(identity, frame, NULL) != FRAME_ELSEWHERE
                   : same_source_file(frame->file, spec->path))
        return true;
      for (size_t i = 0; i < under_test_count; i++)
        if (identity ? source_identity_place_in(identity, &under_test[i], frame, NULL) != FRAME_ELSEWHERE
                     : same_source_file(frame->file, under_test[i].path))
          return true;
      for (size_t m = 0; m < spec->marker_count; m++) {
        const struct marker *marker = &spec->markers[m];
        if ((marker->pin == PIN_FUNCTION && same_function(frame->function, marker->pin_function)) ||
            (marker->pin == PIN_FRAME && frame_in_pinned_file(frame, marker, m, &by_path)))
          return true;
      }
    }
  }
  return false;
}
