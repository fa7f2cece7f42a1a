/* parse.c: TSan's text output -> struct tsan_log.
 *
 * A report runs from "WARNING: ThreadSanitizer: KIND (pid=N)" to the "==================" that closes it.
 * Inside, a line indented by two spaces opens a section, "    #N ..." lines are its stack, and a blank line
 * ends it. Lines outside reports are program output or runtime chatter and are ignored, except the few the
 * harness needs as proof that the runtime started and finished. */
#include "report.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const tsan_known_kinds[] = {
    "data race",
    "heap-use-after-free",
    "thread leak",
    "destroy of a locked mutex",
    "double lock of a mutex",
    "use of an invalid mutex (e.g. uninitialized or destroyed)",
    "unlock of an unlocked mutex (or by a wrong thread)",
    "read lock of a write locked mutex",
    "read unlock of a write locked mutex",
    "signal-unsafe call inside of a signal",
    "signal handler spoils errno",
    "lock-order-inversion (potential deadlock)",
    "race on external object",
    "mutex held in the wrong context",
    "data race on vptr (ctor/dtor vs virtual call)",
    "heap-use-after-free (virtual call vs free)",
    NULL,
};

static const char separator[] = "==================";

const char *section_kind_name(enum section_kind kind) {
  switch (kind) {
  case SECTION_ACCESS: return "access";
  case SECTION_LOCATION: return "location";
  case SECTION_MUTEX_CREATION: return "mutex-creation";
  case SECTION_MUTEX: return "mutex";
  case SECTION_LOCK_CYCLE: return "lock-cycle";
  case SECTION_LOCK_ACQUIRE: return "lock-acquire";
  case SECTION_THREAD_CREATION: return "thread-creation";
  case SECTION_SLEEP: return "sleep";
  case SECTION_STACK: return "stack";
  case SECTION_OTHER: return "other";
  }
  return "other";
}

/* strtol on a line that is not NUL-terminated: the digits are copied out first. */
static long number_at(const char *text, const char *end) {
  char digits[32];
  size_t n = 0;
  if (text < end && (*text == '-' || *text == '+'))
    digits[n++] = *text++;
  while (text < end && n + 1 < sizeof digits && isdigit((unsigned char)*text))
    digits[n++] = *text++;
  digits[n] = '\0';
  return strtol(digits, NULL, 10);
}

const struct tsan_frame *section_source_frame(const struct tsan_section *section) {
  for (size_t f = 0; f < section->frame_count; f++)
    if (section->frames[f].file && section->frames[f].line > 0)
      return &section->frames[f];
  return NULL;
}

static bool line_is(const char *line, size_t length, const char *text) {
  return length == strlen(text) && memcmp(line, text, length) == 0;
}

static bool line_starts(const char *line, size_t length, const char *prefix) {
  size_t n = strlen(prefix);
  return length >= n && memcmp(line, prefix, n) == 0;
}

/* "Write of size 4 at 0x7b04 by thread T1 (mutexes: write M0):" and its Previous/atomic variants. */
static bool parse_access_title(const char *title, struct tsan_access *access) {
  const char *p = title;
  *access = (struct tsan_access){0};
  if (starts_with(p, "Previous ")) {
    access->previous = true;
    p += strlen("Previous ");
  }
  if (starts_with(p, "Atomic ") || starts_with(p, "atomic ")) {
    access->atomic = true;
    p += strlen("atomic ");
  }
  if (starts_with(p, "Write ") || starts_with(p, "write "))
    access->write = true;
  else if (!starts_with(p, "Read ") && !starts_with(p, "read "))
    return false;
  p = strchr(p, ' ') + 1;
  if (!starts_with(p, "of size "))
    return false;
  char *after_size;
  access->size = (int)strtol(p + strlen("of size "), &after_size, 10);
  const char *by = strstr(after_size, " by ");
  if (!by)
    return false;
  by += strlen(" by ");
  const char *mutexes = strstr(by, " (mutexes: ");
  const char *end = mutexes ? mutexes : by + strlen(by);
  if (end > by && end[-1] == ':')
    end--;
  access->thread = xstrndup(by, (size_t)(end - by));
  if (mutexes) {
    mutexes += strlen(" (mutexes: ");
    const char *close = strchr(mutexes, ')');
    access->mutexes = xstrndup(mutexes, close ? (size_t)(close - mutexes) : strlen(mutexes));
  }
  return true;
}

/* "Location is global 'g' of size 4 at 0x...", "Location is heap block of size 4 at ...",
 * "Location is stack of thread T1.", "Location is TLS of main thread.", "Location is file descriptor 3 ..." */
static void parse_location_title(const char *title, struct tsan_location *location) {
  const char *p = title + strlen("Location is ");
  location->size = -1;
  static const char *const kinds[] = {"global", "heap block", "stack", "TLS", "file descriptor", NULL};
  for (int i = 0; kinds[i]; i++)
    if (starts_with(p, kinds[i]))
      location->kind = xstrdup(kinds[i]);
  if (!location->kind) {
    const char *space = strchr(p, ' ');
    location->kind = space ? xstrndup(p, (size_t)(space - p)) : xstrdup(p);
  }
  const char *quote = strchr(p, '\'');
  if (quote && starts_with(p, "global")) {
    const char *close = strchr(quote + 1, '\'');
    if (close)
      location->name = xstrndup(quote + 1, (size_t)(close - quote - 1));
  }
  const char *size = strstr(p, "of size ");
  if (size)
    location->size = strtol(size + strlen("of size "), NULL, 10);
}

static enum section_kind classify_title(const char *title) {
  if (starts_with(title, "Location is "))
    return SECTION_LOCATION;
  if (starts_with(title, "Cycle in lock order graph"))
    return SECTION_LOCK_CYCLE;
  if (starts_with(title, "Mutex ")) {
    if (strstr(title, " acquired here while holding ") || strstr(title, " previously acquired by "))
      return SECTION_LOCK_ACQUIRE;
    if (strstr(title, ") created at:"))
      return SECTION_MUTEX_CREATION;
    return SECTION_MUTEX;
  }
  if (starts_with(title, "Thread T") && strstr(title, " created by "))
    return SECTION_THREAD_CREATION;
  if (starts_with(title, "As if synchronized via sleep"))
    return SECTION_SLEEP;
  return SECTION_OTHER;
}

static void parse_section_title(struct tsan_section *section, const char *title) {
  section->title = xstrdup(title);
  section->kind = classify_title(title);
  if (section->kind == SECTION_OTHER && parse_access_title(title, &section->access))
    section->kind = SECTION_ACCESS;
  if (section->kind == SECTION_LOCATION)
    parse_location_title(title, &section->location);
}

/* Removes a trailing " (...)" group that starts with `prefix` (or any group when prefix is NULL). */
static bool strip_trailing_group(char *text, const char *prefix, char **group) {
  size_t length = strlen(text);
  if (length < 3 || text[length - 1] != ')')
    return false;
  char *open = strrchr(text, '(');
  if (!open || open == text || open[-1] != ' ')
    return false;
  if (prefix && !starts_with(open + 1, prefix))
    return false;
  if (group)
    *group = xstrndup(open + 1, (size_t)(text + length - 1 - open - 1));
  open[-1] = '\0';
  return true;
}

/* Parses "123" at the very end of text after a ':'; returns the position of that ':' or NULL. */
static char *trailing_number(char *text, int *number) {
  char *colon = strrchr(text, ':');
  if (!colon || !colon[1])
    return NULL;
  for (const char *d = colon + 1; *d; d++)
    if (!isdigit((unsigned char)*d))
      return NULL;
  *number = atoi(colon + 1);
  return colon;
}

/* "#1 update /path/case.c:20:15 (case+0xd0101) (BuildId: ab12)", "#0 free <null> (case+0x4fbf1)",
 * "#2 <null> <null> (libc.so.6+0x29d8f)", "#0 main /path/case.c (case+0x12)". */
static int parse_frame(const char *text, struct tsan_frame *frame) {
  *frame = (struct tsan_frame){0};
  if (*text != '#' || !isdigit((unsigned char)text[1]))
    return -1;
  char *end;
  frame->index = (int)strtol(text + 1, &end, 10);
  while (*end == ' ')
    end++;
  char *rest = xstrdup(end);
  strip_trailing_group(rest, "BuildId: ", NULL);
  strip_trailing_group(rest, NULL, &frame->module);
  /* The function ends at the first space outside parentheses: C++ runtime frames such as
   * "__tsan::CallUserSignalHandler(__tsan::ThreadState*, int, ...)" hold spaces in their argument list. */
  char *space = NULL;
  int depth = 0;
  for (char *c = rest; *c && !space; c++) {
    if (*c == '(')
      depth++;
    else if (*c == ')' && depth > 0)
      depth--;
    else if (*c == ' ' && depth == 0)
      space = c;
  }
  if (!space) {
    frame->function = xstrdup(*rest ? rest : "<null>");
    free(rest);
    return 0;
  }
  frame->function = xstrndup(rest, (size_t)(space - rest));
  char *where = space + 1;
  if (strcmp(where, "<null>") != 0 && *where) {
    int number = 0;
    char *colon = trailing_number(where, &number);
    if (colon) {
      *colon = '\0';
      int first = number;
      colon = trailing_number(where, &number);
      if (colon) {
        *colon = '\0';
        frame->line = number;
        frame->column = first;
      } else {
        frame->line = first;
      }
    }
    frame->file = xstrdup(where);
  }
  free(rest);
  return 0;
}

static struct tsan_section *add_section(struct tsan_report *report) {
  GROW(report->sections, report->section_count, report->section_capacity);
  struct tsan_section *section = &report->sections[report->section_count++];
  *section = (struct tsan_section){0};
  return section;
}

/* "WARNING: ThreadSanitizer: data race (pid=1914)" -> kind "data race", pid 1914. */
static void parse_headline(const char *line, size_t length, struct tsan_report *report) {
  const char *kind = line + strlen("WARNING: ThreadSanitizer: ");
  size_t kind_length = length - (size_t)(kind - line);
  report->pid = -1;
  const char *pid = NULL;
  for (const char *p = kind; p + 6 <= kind + kind_length; p++)
    if (memcmp(p, " (pid=", 6) == 0)
      pid = p;
  if (pid) {
    report->pid = number_at(pid + 6, kind + kind_length);
    kind_length = (size_t)(pid - kind);
  }
  report->kind = xstrndup(kind, kind_length);
}

static void note_fatal(struct tsan_log *log, const char *line, size_t length, size_t number) {
  /* "ThreadSanitizer:DEADLYSIGNAL" only announces the "==PID==ERROR: ThreadSanitizer: SEGV on ..." line that
   * follows it, which is the one that says what happened. */
  if (log->fatal && strcmp(log->fatal, "ThreadSanitizer:DEADLYSIGNAL") == 0 &&
      !line_starts(line, length, "ThreadSanitizer:DEADLYSIGNAL")) {
    free(log->fatal);
    log->fatal = NULL;
  }
  if (!log->fatal) {
    log->fatal = xstrndup(line, length);
    log->fatal_line = number;
  }
}

static bool has_substring(const char *line, size_t length, const char *needle) {
  size_t n = strlen(needle);
  for (size_t i = 0; i + n <= length; i++)
    if (memcmp(line + i, needle, n) == 0)
      return true;
  return false;
}

/* Lines outside any report that tell the harness about the runtime itself. */
static void note_runtime_line(struct tsan_log *log, const char *line, size_t length, size_t number) {
  if (line_starts(line, length, "***** Running under ThreadSanitizer ")) {
    log->runtime_started = true;
    const char *version = line + strlen("***** Running under ThreadSanitizer ");
    const char *space = memchr(version, ' ', length - (size_t)(version - line));
    free(log->runtime_version);
    log->runtime_version = xstrndup(version, space ? (size_t)(space - version) : 0);
  } else if (line_starts(line, length, "Stats: LargeMmapAllocator") ||
             line_starts(line, length, "Stats: SizeClassAllocator")) {
    log->runtime_finished = true;
  } else if (line_starts(line, length, "ThreadSanitizer: reported ")) {
    log->warnings_reported = number_at(line + strlen("ThreadSanitizer: reported "), line + length);
  } else if (line_starts(line, length, "FATAL: ThreadSanitizer") ||
             line_starts(line, length, "ThreadSanitizer: CHECK failed") ||
             line_starts(line, length, "ThreadSanitizer:DEADLYSIGNAL") ||
             (line_starts(line, length, "==") && has_substring(line, length, "ERROR: ThreadSanitizer"))) {
    note_fatal(log, line, length, number);
  }
}

int tsan_parse(const char *text, size_t length, struct tsan_log *log, char **error) {
  *log = (struct tsan_log){.warnings_reported = -1};
  const char *cursor = text, *end = text + length, *line;
  size_t line_length, number = 0;
  struct tsan_report *report = NULL;
  struct tsan_section *section = NULL;
  while (next_line(&cursor, end, &line, &line_length)) {
    number++;
    if (!report) {
      if (line_starts(line, line_length, "WARNING: ThreadSanitizer: ")) {
        GROW(log->reports, log->report_count, log->report_capacity);
        report = &log->reports[log->report_count++];
        *report = (struct tsan_report){0};
        parse_headline(line, line_length, report);
        report->first_line = number;
        section = NULL;
      } else {
        note_runtime_line(log, line, line_length, number);
      }
      continue;
    }
    if (line_is(line, line_length, separator)) {
      report = NULL;
      continue;
    }
    if (line_length == 0) {
      section = NULL;
      continue;
    }
    if (line_starts(line, line_length, "SUMMARY: ThreadSanitizer: ")) {
      free(report->summary);
      report->summary =
          xstrndup(line + strlen("SUMMARY: ThreadSanitizer: "), line_length - strlen("SUMMARY: ThreadSanitizer: "));
      continue;
    }
    if (line_starts(line, line_length, "WARNING: ThreadSanitizer: ")) {
      *error = xprintf("line %zu: a new report starts before the report of line %zu ended", number, report->first_line);
      return -1;
    }
    size_t indent = 0;
    while (indent < line_length && line[indent] == ' ')
      indent++;
    if (indent >= 2 && indent < line_length && line[indent] == '#') {
      char *frame_text = xstrndup(line + indent, line_length - indent);
      if (!section) {
        section = add_section(report);
        section->kind = SECTION_STACK;
        section->title = xstrdup("");
      }
      GROW(section->frames, section->frame_count, section->frame_capacity);
      int status = parse_frame(frame_text, &section->frames[section->frame_count]);
      free(frame_text);
      if (status != 0) {
        *error = xprintf("line %zu: malformed stack frame in the report of line %zu", number, report->first_line);
        return -1;
      }
      section->frame_count++;
      continue;
    }
    if (indent >= 2) {
      char *title = xstrndup(line + indent, line_length - indent);
      section = add_section(report);
      parse_section_title(section, title);
      free(title);
      continue;
    }
    *error = xprintf("line %zu: text that is not TSan's inside the report of line %zu (interleaved output?)", number,
                     report->first_line);
    return -1;
  }
  if (report) {
    *error =
        xprintf("line %zu: the report of line %zu is cut off (no closing %s)", number, report->first_line, separator);
    return -1;
  }
  return 0;
}

static void frame_free(struct tsan_frame *frame) {
  free(frame->function);
  free(frame->file);
  free(frame->module);
}

static void section_free(struct tsan_section *section) {
  for (size_t i = 0; i < section->frame_count; i++)
    frame_free(&section->frames[i]);
  free(section->frames);
  free(section->title);
  free(section->access.thread);
  free(section->access.mutexes);
  free(section->location.kind);
  free(section->location.name);
}

void tsan_log_free(struct tsan_log *log) {
  for (size_t i = 0; i < log->report_count; i++) {
    struct tsan_report *report = &log->reports[i];
    for (size_t j = 0; j < report->section_count; j++)
      section_free(&report->sections[j]);
    free(report->sections);
    free(report->kind);
    free(report->summary);
  }
  free(log->reports);
  free(log->runtime_version);
  free(log->fatal);
  *log = (struct tsan_log){.warnings_reported = -1};
}

int tsan_log_read(const char *path, struct tsan_log *log, char **error) {
  *log = (struct tsan_log){.warnings_reported = -1};
  bool from_stdin = strcmp(path, "-") == 0;
  FILE *file = from_stdin ? stdin : fopen(path, "rb");
  if (!file) {
    *error = xprintf("%s: cannot read: %s", path, strerror(errno));
    return -1;
  }
  struct strbuf text = {0};
  bool failed = read_stream(file, 0, &text) != 0;
  if (!from_stdin)
    fclose(file);
  if (failed) {
    *error = xprintf("%s: cannot read: %s", path, strerror(errno));
    strbuf_free(&text);
    return -1;
  }
  char *why = NULL;
  int status = tsan_parse(text.data ? text.data : "", text.length, log, &why);
  if (status != 0) {
    *error = xprintf("%s:%s", from_stdin ? "<stdin>" : path, why + strlen("line "));
    free(why);
  }
  strbuf_free(&text);
  return status;
}
