/* parse.c: TSan's text output -> struct tsan_log.
 *
 * A report runs from "WARNING: ThreadSanitizer: KIND (pid=N)" to the "==================" that closes it.
 * Inside, a line indented by two spaces opens a section, "    #N ..." lines are its stack, and a blank line
 * ends it; the runtime's own "==PID==" lines (a symbolizer's complaint, print_module_map=2's map after the
 * SUMMARY) and second_deadlock_stack=0's "Hint:" are skipped. Lines outside reports are program output or runtime
 * chatter and are ignored, except the few the harness needs as proof that the runtime started and finished, failed,
 * or counted its reports. Every line is first read as a terminal shows it (clean_line), under any CI timestamp.
 * tsan_log_check then says whether the log contradicts itself. */
#include "base/readfile.h"
#include "base/util.h"
#include "report/docker_log.h"
#include "report/report.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

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

/* Each is followed by Die(), which exits with the exitcode option and without the exit statistics. */
const char *const tsan_death_notices[] = {
    /* tsan_interceptors_posix.cpp, the pthread_create interceptor, in a child of a multithreaded fork */
    "starting new threads after multi-threaded fork is not supported. Dying",
    /* sanitizer_thread_registry.cpp, ThreadRegistry::CreateThread: "Thread limit (%u threads) exceeded. Dying." */
    "Thread limit (",
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

bool frame_in_runtime(const struct tsan_frame *frame) {
  if (frame->module) {
    const char *base = strrchr(frame->module, '/');
    base = base ? base + 1 : frame->module;
    if (starts_with(base, "libtsan.so") || starts_with(base, "libclang_rt.tsan"))
      return true;
  }
  return frame->file && (strstr(frame->file, "/libsanitizer/") || strstr(frame->file, "/compiler-rt/lib/tsan/") ||
                         strstr(frame->file, "/compiler-rt/lib/sanitizer_common/"));
}

/* The first frame with a source line of the program's own code: the runtime's interceptors are not where the program
 * did something, even when gcc prints their libsanitizer line. */
const struct tsan_frame *section_source_frame(const struct tsan_section *section) {
  for (size_t f = 0; f < section->frame_count; f++)
    if (section->frames[f].file && section->frames[f].line > 0 && !frame_in_runtime(&section->frames[f]))
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

/* An access to an object a library tagged with __tsan_external_register_tag: tsan_report.cpp's PrintMop prints
 * ExternalMopDesc ("Modifying", "Read-only", "Previous modifying", "Previous read-only"), then "access of TYPE at
 * 0x... by ..." and no size. `p` is past any "Previous "; returns what follows the object type, or NULL. */
static const char *external_access_rest(const char *p, struct tsan_access *access) {
  if (starts_with(p, "Modifying ") || starts_with(p, "modifying "))
    access->write = true;
  else if (!starts_with(p, "Read-only ") && !starts_with(p, "read-only "))
    return NULL;
  p = strchr(p, ' ') + 1;
  if (!starts_with(p, "access of "))
    return NULL;
  /* A normalized title (normalize.c) has no " at 0x..." and must read as the runtime's own does. */
  const char *at = strstr(p, " at ");
  return at ? at : strstr(p, " by ");
}

/* "Write of size 4 at 0x7b04 by thread T1 (mutexes: write M0):" and its Previous/atomic variants, and the
 * "Modifying access of Store at 0x7b04 by thread T1:" of an external (tagged) object, whose size is 0. */
static bool parse_access_title(const char *title, struct tsan_access *access) {
  const char *p = title;
  *access = (struct tsan_access){0};
  if (starts_with(p, "Previous ")) {
    access->previous = true;
    p += strlen("Previous ");
  }
  const char *after_size = external_access_rest(p, access);
  if (!after_size) {
    if (starts_with(p, "Atomic ") || starts_with(p, "atomic ")) {
      access->atomic = true;
      p += strlen("atomic ");
    }
    access->write = false;
    if (starts_with(p, "Write ") || starts_with(p, "write "))
      access->write = true;
    else if (!starts_with(p, "Read ") && !starts_with(p, "read "))
      return false;
    p = strchr(p, ' ') + 1;
    if (!starts_with(p, "of size "))
      return false;
    char *end_of_size;
    access->size = (int)strtol(p + strlen("of size "), &end_of_size, 10);
    after_size = end_of_size;
  }
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
  /* The report's own stacks after its first (PrintReport prints "and:" between them) and the stack of a handler that
   * spoils errno ("Signal N handler invoked at:"): compiler-rt tsan_report.cpp, PrintReport. */
  if (strcmp(title, "and:") == 0 || (starts_with(title, "Signal ") && strstr(title, " handler invoked at:")))
    return SECTION_STACK;
  return SECTION_OTHER;
}

/* Takes `title` (allocated) as the section's own. */
static void parse_section_title(struct tsan_section *section, char *title) {
  section->title = title;
  section->kind = classify_title(title);
  if (section->kind == SECTION_OTHER && parse_access_title(title, &section->access))
    section->kind = SECTION_ACCESS;
  if (section->kind == SECTION_LOCATION)
    parse_location_title(title, &section->location);
}

/* A frame line's text with its ends moved inward as parts are taken off; not NUL-terminated. */
struct span {
  const char *start, *end;
};

static bool span_ends_with(struct span text, const char *suffix) {
  size_t n = strlen(suffix);
  return (size_t)(text.end - text.start) >= n && memcmp(text.end - n, suffix, n) == 0;
}

static bool span_starts_with(struct span text, const char *prefix) {
  size_t n = strlen(prefix);
  return (size_t)(text.end - text.start) >= n && memcmp(text.start, prefix, n) == 0;
}

static void trim_right(struct span *text) {
  while (text->end > text->start && text->end[-1] == ' ')
    text->end--;
}

/* Takes a final " (...)" group off `text` when its content passes `accept`; the content goes to *group. */
static bool take_trailing_group(struct span *text, bool (*accept)(struct span), struct span *group) {
  if (text->end - text->start < 3 || text->end[-1] != ')')
    return false;
  for (const char *open = text->end - 2; open > text->start; open--) {
    if (*open != '(' || open[-1] != ' ')
      continue;
    struct span content = {open + 1, text->end - 1};
    if (!accept(content))
      return false;
    *group = content;
    text->end = open - 1;
    trim_right(text);
    return true;
  }
  return false;
}

static bool is_build_id(struct span content) { return span_starts_with(content, "BuildId: "); }

static bool is_hex_number(struct span text) {
  if (!span_starts_with(text, "0x") || text.end - text.start < 3)
    return false;
  for (const char *c = text.start + 2; c < text.end; c++)
    if (!isxdigit((unsigned char)*c))
      return false;
  return true;
}

/* "exe+0x1234", "libc.so.6+0x29d8f", "/full/path/exe+0x12" (asan-style %L), "exe:x86_64+0x12", or a bare "0x12"
 * (%M when the module is unknown). */
static bool is_module_location(struct span content) {
  for (const char *plus = content.end - 1; plus >= content.start; plus--)
    if (*plus == '+')
      return plus > content.start && is_hex_number((struct span){plus + 1, content.end});
  return is_hex_number(content);
}

/* Reads "line" or "line:column" (or vs-style "(line,column)") off the end of a source location. */
static void take_line_and_column(struct span *source, struct tsan_frame *frame) {
  const char *c = source->end;
  if (c > source->start && c[-1] == ')') { /* symbolize_vs_style=1: "file.c(28,14)" */
    const char *open = c - 1;
    while (open > source->start && *open != '(')
      open--;
    if (*open == '(' && open > source->start && isdigit((unsigned char)open[1])) {
      frame->line = (int)number_at(open + 1, c);
      const char *comma = memchr(open, ',', (size_t)(c - open));
      if (comma)
        frame->column = (int)number_at(comma + 1, c);
      source->end = open;
    }
    return;
  }
  int numbers[2], count = 0;
  while (count < 2) {
    const char *digits = c;
    while (digits > source->start && isdigit((unsigned char)digits[-1]))
      digits--;
    if (digits == c || digits - 1 <= source->start || digits[-1] != ':')
      break;
    numbers[count++] = (int)number_at(digits, c);
    c = digits - 1;
  }
  if (count == 0)
    return;
  frame->line = numbers[count - 1];
  frame->column = count == 2 ? numbers[0] : 0;
  frame->file_may_end_in_line = count == 2;
  source->end = c;
}

/* Whether a last word could be the source part of a frame rather than the end of a C++ name ("... const",
 * "f(std::string)"): a path, "file:line", or vs-style "file(line,column)"; never a qualified name. */
static bool looks_like_source(struct span word) {
  bool path = false;
  for (const char *c = word.start; c < word.end; c++) {
    if (*c == ':' && c + 1 < word.end && c[1] == ':')
      return false;
    if (*c == '(') {
      for (const char *d = c + 1; d + 1 < word.end; d++)
        if (!isdigit((unsigned char)*d) && *d != ',')
          return false;
      return c > word.start && word.end[-1] == ')' && isdigit((unsigned char)c[1]);
    }
    path |= *c == '/' || *c == '.' || *c == ':';
  }
  return path;
}

static char *span_dup(struct span text) { return xstrndup(text.start, (size_t)(text.end - text.start)); }

/* A stack frame, read from the right: TSan's default format is "#N FUNCTION SOURCE (MODULE+0xOFFSET)" with an
 * optional " (BuildId: ...)", where SOURCE is "<null>" or "file:line[:column]" and FUNCTION may hold spaces
 * ("void access3<0, 0>(bool, int, bool, char volatile*)", "main::$_0::operator()() const"). The module part is
 * missing for frames of pcs symbolized outside TSan (__tsan_symbolize_external), and asan-style layouts
 * ("#N 0xPC in FUNCTION SOURCE", stack_trace_format="    #%n %p %F %L") are read too. */
static int parse_frame(const char *line, size_t length, struct tsan_frame *frame) {
  *frame = (struct tsan_frame){0};
  struct span text = {line, line + length};
  if (length < 2 || *line != '#' || !isdigit((unsigned char)line[1]))
    return -1;
  const char *c = line + 1;
  while (c < text.end && isdigit((unsigned char)*c))
    c++;
  if (c < text.end && *c != ' ')
    return -1;
  frame->index = (int)number_at(line + 1, c);
  while (c < text.end && *c == ' ')
    c++;
  text.start = c;
  trim_right(&text);
  struct span group;
  take_trailing_group(&text, is_build_id, &group);
  if (take_trailing_group(&text, is_module_location, &group) && !is_hex_number(group))
    frame->module = span_dup(group);
  /* asan-style "0x55d1 in main ...": the pc goes, the function follows "in ". */
  const char *space = memchr(text.start, ' ', (size_t)(text.end - text.start));
  if (space && is_hex_number((struct span){text.start, space}) &&
      span_starts_with((struct span){space + 1, text.end}, "in "))
    text.start = space + 1 + strlen("in ");
  struct span source = {text.end, text.end};
  if (span_ends_with(text, " <null>")) {
    text.end -= strlen(" <null>");
  } else {
    /* The split is a space outside parentheses (argument lists hold spaces). An absolute path starts at the first
     * " /" (no demangled name holds one); otherwise the source is the last word, when it looks like one. */
    const char *split = NULL, *last_space = NULL;
    int depth = 0;
    for (const char *p = text.start; p < text.end && !split; p++) {
      if (*p == '(')
        depth++;
      else if (*p == ')' && depth > 0)
        depth--;
      else if (*p == ' ' && depth == 0) {
        if (p + 1 < text.end && p[1] == '/')
          split = p;
        last_space = p;
      }
    }
    if (!split && last_space && looks_like_source((struct span){last_space + 1, text.end}))
      split = last_space;
    if (split) {
      source = (struct span){split + 1, text.end};
      text.end = split;
      trim_right(&text);
    }
  }
  frame->function = text.end > text.start ? span_dup(text) : xstrdup("<null>");
  if (source.end > source.start) {
    take_line_and_column(&source, frame);
    if (source.end > source.start)
      frame->file = span_dup(source);
  }
  return 0;
}

/* Room for one more of `size`-byte items: a first allocation of `first` (most stacks and reports are short, and a
 * log of thousands of reports is held whole), then GROW's doubling. */
static void *room_for_one_more(void *items, size_t count, size_t *capacity, size_t size, size_t first) {
  if (*capacity == 0) {
    *capacity = first;
    return xmalloc(first * size);
  }
  if (count == *capacity) {
    *capacity *= 2;
    return xrealloc(items, *capacity * size);
  }
  return items;
}

static struct tsan_section *add_section(struct tsan_report *report) {
  report->sections = room_for_one_more(report->sections, report->section_count, &report->section_capacity,
                                       sizeof *report->sections, 6);
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

static size_t runtime_prefix_length(const char *line, size_t length);

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

/* A line in which the runtime says it did not watch all of the process (the words are the runtime's own; each line's
 * source is in docs/HOSTILE.md): it kills the process at once ("... Dying"), lets it run on with its thread ignored
 * ("... you are on your own"), or found a thread that ended inside an ignore annotation ("... finished with ignores
 * enabled", then it dies). */
static void note_stopped(struct tsan_log *log, const char *line, size_t length, size_t number) {
  size_t prefix = runtime_prefix_length(line, length);
  const char *text = line + prefix;
  size_t text_length = length - prefix;
  if (log->stopped || !line_starts(text, text_length, "ThreadSanitizer: "))
    return;
  bool dies = has_substring(text, text_length, "Dying");
  if (!dies && !has_substring(text, text_length, "you are on your own") &&
      !has_substring(text, text_length, "finished with ignores enabled"))
    return;
  log->stopped = xstrndup(text, text_length);
  log->stopped_line = number;
  log->stopped_dies = dies;
}

/* A line in which the runtime says it failed, outside any report: "FATAL: ThreadSanitizer ...", a CHECK, a deadly
 * signal, any "==PID==ERROR: ..." or "==PID==FATAL: ..." of Report() ("ERROR: Path is too long", "ERROR:
 * ThreadSanitizer failed to allocate ..."), "ThreadSanitizer: failed to read suppressions file", and the
 * "ERROR: Failed to mmap" it writes raw when a mapping fails while it reports one. */
static bool is_failure_line(const char *line, size_t length) {
  size_t prefix = runtime_prefix_length(line, length);
  if (prefix)
    return line_starts(line + prefix, length - prefix, "ERROR: ") ||
           line_starts(line + prefix, length - prefix, "FATAL: ");
  return line_starts(line, length, "FATAL: ThreadSanitizer") ||
         line_starts(line, length, "ThreadSanitizer: CHECK failed") ||
         line_starts(line, length, "ThreadSanitizer:DEADLYSIGNAL") ||
         line_starts(line, length, "ThreadSanitizer: failed to ") ||
         line_is(line, length, "ERROR: Failed to mmap"); /* RawWrite, no prefix (ReportMmapFailureAndDie) */
}

/* Parser state that lives only while one log is read. */
struct parse_state {
  struct tsan_report *report;
  struct tsan_section *section;
  bool in_module_map;
  size_t reports_at_last_count; /* reports parsed before the last "reported N warnings" line */
  size_t last_stats_line;       /* the last "Stats:" line of the allocator, printed as the runtime finishes */
  long counted_pid;             /* the pid of the last report the last count covered, or -1 */
  bool banner_since_count;      /* a runtime started after the last count: the next count is a new process's */
  struct strbuf line_prefix;    /* what a CI system or wrapper writes before each of TSan's lines, or empty */
};

/* Whether every report from `first` on was made by `pid`. */
static bool reports_all_of(const struct tsan_log *log, size_t first, long pid) {
  for (size_t r = first; r < log->report_count; r++)
    if (log->reports[r].pid != pid)
      return false;
  return true;
}

/* Whether the count `said` of a "reported N warnings" line agrees with the reports parsed before it. A process's
 * count is its runtime's total so far (tsan_rtl.cpp, Finalize: ctx->nreported), and Finalize can run twice in one
 * process: a JVM calls __tsan_java_fini, which runs it (tsan_interface_java.cpp), and the runtime's own atexit
 * runs it again. So a count either counts the reports since the previous count (a new process, or the first
 * count), or, when no runtime started in between and every report since the previous count is the same
 * process's, adds them to the previous count. After a fork, a child's count includes the reports its parent made
 * before the fork: only a count above all the reports seen so far contradicts them. */
static bool count_agrees(const struct tsan_log *log, const struct parse_state *state, long said) {
  if (said < 0)
    return false;
  if (log->forked_line)
    return (size_t)said <= log->report_count;
  size_t since = log->report_count - state->reports_at_last_count;
  if ((size_t)said == since)
    return true;
  bool same_process = log->warnings_reported_line && !state->banner_since_count && state->counted_pid >= 0 &&
                      reports_all_of(log, state->reports_at_last_count, state->counted_pid);
  return same_process && log->warnings_reported >= 0 && (size_t)said == (size_t)log->warnings_reported + since;
}

/* Lines outside any report that tell the harness about the runtime itself. */
static void note_runtime_line(struct tsan_log *log, const char *line, size_t length, size_t number,
                              struct parse_state *state) {
  if (line_starts(line, length, "***** Running under ThreadSanitizer ")) {
    log->runtime_started = true;
    state->banner_since_count = true;
    const char *version = line + strlen("***** Running under ThreadSanitizer ");
    const char *space = memchr(version, ' ', length - (size_t)(version - line));
    free(log->runtime_version);
    log->runtime_version = xstrndup(version, space ? (size_t)(space - version) : 0);
  } else if (line_starts(line, length, "Stats: LargeMmapAllocator") ||
             line_starts(line, length, "Stats: SizeClassAllocator")) {
    log->runtime_finished = true;
    state->last_stats_line = number;
  } else if (line_starts(line, length, "ThreadSanitizer: reported ")) {
    long said = number_at(line + strlen("ThreadSanitizer: reported "), line + length);
    bool forked = log->forked_line != 0;
    size_t parsed = forked ? log->report_count : log->report_count - state->reports_at_last_count;
    if (!log->count_mismatch_line && !count_agrees(log, state, said)) {
      log->count_mismatch_line = number;
      log->count_mismatch_since = forked ? 0 : log->warnings_reported_line;
      log->count_mismatch_reported = said;
      log->count_mismatch_parsed = parsed;
    }
    log->warnings_reported = said;
    log->warnings_reported_line = number;
    if (said > 0)
      log->counted_in_all += said;
    if (log->report_count > state->reports_at_last_count)
      state->counted_pid = log->reports[log->report_count - 1].pid;
    state->reports_at_last_count = log->report_count;
    state->banner_since_count = false;
  } else if (line_starts(line, length, "ThreadSanitizer: forked new process")) {
    if (!log->forked_line)
      log->forked_line = number;
    /* The child prints it (tsan_rtl.cpp ForkChildAfter) after the fork: its parent's reports are above it. */
    log->inheritable_reports += log->report_count;
  } else if (is_failure_line(line, length) ||
             (line_starts(line, length, "==") && has_substring(line, length, "ERROR: ThreadSanitizer"))) {
    note_fatal(log, line, length, number);
  } else {
    note_stopped(log, line, length, number);
  }
}

/* "2026-12-01T18:00:00.1234567Z " (GitHub Actions' raw logs; any number of fraction digits, or none): its length,
 * or 0. */
static size_t timestamp_length(const char *line, size_t length) {
  static const char shape[] = "dddd-dd-ddTdd:dd:dd";
  size_t n = sizeof shape - 1;
  if (length < n + 2)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (shape[i] == 'd' ? !isdigit((unsigned char)line[i]) : line[i] != shape[i])
      return 0;
  if (line[n] == '.')
    for (n++; n < length && isdigit((unsigned char)line[n]);)
      n++;
  if (n + 1 < length && line[n] == 'Z' && line[n + 1] == ' ')
    return n + 2;
  if (n + 1 == length && line[n] == 'Z')
    return n + 1;
  return 0;
}

/* The length of the escape sequence at line[0] (an ESC): CSI "ESC [ params final", OSC "ESC ] ... BEL|ESC \",
 * or a two-byte one; the whole rest of the line when it is cut off. */
static size_t escape_length(const char *line, size_t length) {
  if (length < 2)
    return length;
  size_t i = 2;
  if (line[1] == '[') {
    while (i < length && (unsigned char)line[i] >= 0x20 && (unsigned char)line[i] <= 0x3f)
      i++;
    return i < length ? i + 1 : length;
  }
  if (line[1] == ']') {
    for (; i < length; i++) {
      if (line[i] == '\a')
        return i + 1;
      if (line[i] == '\033' && i + 1 < length && line[i + 1] == '\\')
        return i + 2;
    }
    return length;
  }
  return 2;
}

/* The line as a terminal shows it: without escape sequences, and with what a carriage return sends back to the
 * start of the line overwritten (GitLab's section lines, progress output). Written to `clean`, which is reused. */
static void clean_line(const char *line, size_t length, struct strbuf *clean) {
  clean->length = 0;
  strbuf_append(clean, line, length); /* room for the whole line: what is kept is never longer */
  size_t kept = 0;
  for (size_t i = 0; i < length;) {
    const char *special = line + i;
    size_t rest = length - i, plain = 0;
    while (plain < rest && special[plain] != '\033' && special[plain] != '\r')
      plain++;
    memcpy(clean->data + kept, special, plain);
    kept += plain;
    i += plain;
    if (i == length)
      break;
    if (line[i] == '\r') {
      kept = 0;
      i++;
    } else {
      i += escape_length(line + i, length - i);
    }
  }
  clean->length = kept;
}

/* A CI log line that is no output of the program: GitHub Actions' "##[group]Run ...", "##[endgroup]",
 * "##[error]...", "##[command]..." */
static bool is_ci_line(const char *line, size_t length) {
  if (!line_starts(line, length, "##["))
    return false;
  for (size_t i = 3; i < length; i++) {
    if (line[i] == ']')
      return i > 3;
    if (!isalpha((unsigned char)line[i]))
      return false;
  }
  return false;
}

/* "==1234==": the prefix of the runtime's own messages; its length, or 0. */
static size_t runtime_prefix_length(const char *line, size_t length) {
  if (!line_starts(line, length, "==") || length < 5 || !isdigit((unsigned char)line[2]))
    return 0;
  size_t i = 2;
  while (i < length && isdigit((unsigned char)line[i]))
    i++;
  return i + 1 < length && line[i] == '=' && line[i + 1] == '=' ? i + 2 : 0;
}

/* Where TSan's own text starts in a line that something else wrote before it: the offset of a headline
 * ("WARNING: ThreadSanitizer: ") or of the banner ("***** Running under ThreadSanitizer "), which the runtime
 * always prints at the start of a line (tsan_report.cpp, PrintReport; tsan_rtl.cpp, Initialize), or 0 when the line
 * holds neither, or starts with one. */
static size_t tsan_text_offset(const char *line, size_t length) {
  /* Found by the rare 'z' of "ThreadSanitizer" (memchr is much faster than memmem on every line of a big log). */
  static const char before_z[] = "ThreadSaniti", warning[] = "WARNING: ", banner[] = "***** Running under ";
  const size_t before_length = sizeof before_z - 1, warning_length = sizeof warning - 1,
               banner_length = sizeof banner - 1;
  for (const char *z = memchr(line, 'z', length); z; z = memchr(z + 1, 'z', length - (size_t)(z + 1 - line))) {
    size_t at = (size_t)(z - line) - before_length; /* where "ThreadSanitizer" would start */
    if ((size_t)(z - line) < before_length || (size_t)(z - line) + 4 > length ||
        memcmp(line + at, before_z, before_length) != 0 || z[1] != 'e' || z[2] != 'r')
      continue;
    char after = z[3];
    if (at >= warning_length && after == ':' && memcmp(line + at - warning_length, warning, warning_length) == 0)
      return at - warning_length;
    if (at >= banner_length && after == ' ' && memcmp(line + at - banner_length, banner, banner_length) == 0)
      return at - banner_length;
  }
  return 0;
}

/* How much of `line` is a prefix of the shape of `prefix` (the same bytes, any digit for a digit: a test number,
 * a timestamp): its length, all of a line that is the prefix without its trailing blanks (an empty line, whose
 * writer trimmed the blanks), or 0. */
static size_t prefix_match(const struct strbuf *prefix, const char *line, size_t length) {
  size_t n = prefix->length, i = 0;
  for (; i < n && i < length; i++) {
    char want = prefix->data[i], got = line[i];
    if (isdigit((unsigned char)want) ? !isdigit((unsigned char)got) : got != want)
      return 0;
  }
  if (i == n)
    return n;
  for (size_t rest = i; rest < n; rest++)
    if (prefix->data[rest] != ' ' && prefix->data[rest] != '\t')
      return 0;
  return length;
}

/* Takes the CI system's or wrapper's prefix off a line ("3: " of ctest -V, "[2021-06-09T13:09:01.633Z] " of
 * Jenkins' timestamper, pytest's "E   "). The prefix is learned from a line where TSan's text starts after other
 * text (never the runtime's own "==PID==" prefix), and forgotten when TSan's text starts a line. */
static void take_line_prefix(struct parse_state *state, struct tsan_log *log, const char **line, size_t *length) {
  if (line_starts(*line, *length, "WARNING: ThreadSanitizer: ") ||
      line_starts(*line, *length, "***** Running under ThreadSanitizer ")) {
    state->line_prefix.length = 0;
    return;
  }
  size_t offset = tsan_text_offset(*line, *length);
  if (offset > 0 && runtime_prefix_length(*line, *length) != offset) {
    state->line_prefix.length = 0;
    strbuf_append(&state->line_prefix, *line, offset);
  }
  size_t strip = state->line_prefix.length ? prefix_match(&state->line_prefix, *line, *length) : 0;
  if (strip) {
    *line += strip;
    *length -= strip;
    log->prefixed_lines++;
  }
}

static bool has_substring_ignoring_case(const char *line, size_t length, const char *needle) {
  size_t n = strlen(needle);
  for (size_t i = 0; i + n <= length; i++)
    if (tolower((unsigned char)line[i]) == needle[0] && strncasecmp(line + i, needle, n) == 0)
      return true;
  return false;
}

/* A line outside every report that speaks of one: "data race" in any case (Go's race detector, which is TSan's
 * runtime built for Go, writes "WARNING: DATA RACE" and "Found N data race(s)"), or "ThreadSanitizer: " and a kind
 * TSan reports (a headline or SUMMARY that does not start its line). The runtime's own "==PID==" lines are not. */
static void note_unread_report(struct tsan_log *log, const char *line, size_t length, size_t number) {
  if (log->unread_report_line || runtime_prefix_length(line, length))
    return;
  bool speaks = has_substring_ignoring_case(line, length, "data race");
  for (const char *found = memmem(line, length, "ThreadSanitizer: ", 17); found && !speaks;
       found = memmem(found + 1, length - (size_t)(found + 1 - line), "ThreadSanitizer: ", 17)) {
    const char *kind = found + 17;
    for (size_t k = 0; tsan_known_kinds[k] && !speaks; k++)
      speaks = line_starts(kind, length - (size_t)(kind - line), tsan_known_kinds[k]);
  }
  if (speaks) {
    log->unread_report_line = number;
    log->unread_report = xstrndup(line, length < 200 ? length : 200);
  }
}

/* A line inside a report. Returns 0, or -1 with *error set. */
static int parse_report_line(struct tsan_log *log, struct parse_state *state, const char *line, size_t line_length,
                             size_t number, char **error) {
  struct tsan_report *report = state->report;
  if (line_is(line, line_length, separator)) {
    state->report = NULL;
    state->in_module_map = false;
    return 0;
  }
  size_t prefix = runtime_prefix_length(line, line_length);
  if (prefix) {
    /* The runtime's own messages: print_module_map=2 prints the map after the SUMMARY; a symbolizer complains. */
    if (has_substring(line, line_length, "Process memory map follows:"))
      state->in_module_map = true;
    else if (has_substring(line, line_length, "End of process memory map."))
      state->in_module_map = false;
    else if (has_substring(line, line_length, "ERROR: ThreadSanitizer"))
      note_fatal(log, line, line_length, number);
    log->module_map_lines += state->in_module_map;
    return 0;
  }
  if (state->in_module_map && line_length > 0 && line[0] == '\t') {
    log->module_map_lines++;
    return 0;
  }
  if (line_length == 0) {
    state->section = NULL;
    return 0;
  }
  if (line_starts(line, line_length, "SUMMARY: ThreadSanitizer: ")) {
    free(report->summary);
    report->summary =
        xstrndup(line + strlen("SUMMARY: ThreadSanitizer: "), line_length - strlen("SUMMARY: ThreadSanitizer: "));
    return 0;
  }
  if (line_starts(line, line_length, "WARNING: ThreadSanitizer: ")) {
    *error = xprintf("line %zu: a new report starts before the report of line %zu ended", number, report->first_line);
    return -1;
  }
  size_t indent = 0;
  while (indent < line_length && line[indent] == ' ')
    indent++;
  const char *text = line + indent;
  size_t text_length = line_length - indent;
  if (text_length > 0 && text[0] == '#') {
    struct tsan_section *section = state->section;
    if (!section) {
      section = state->section = add_section(report);
      section->kind = SECTION_STACK;
      section->title = xstrdup("");
    }
    section->frames =
        room_for_one_more(section->frames, section->frame_count, &section->frame_capacity, sizeof *section->frames, 3);
    if (parse_frame(text, text_length, &section->frames[section->frame_count]) != 0) {
      *error = xprintf("line %zu: malformed stack frame in the report of line %zu (a custom stack_trace_format in "
                       "TSAN_OPTIONS?)",
                       number, report->first_line);
      return -1;
    }
    struct tsan_frame *frame = &section->frames[section->frame_count];
    const struct tsan_frame *above = section->frame_count ? frame - 1 : NULL;
    if (above && above->module && frame->module && strcmp(above->module, frame->module) == 0)
      frame->same_address_above = above->same_address_above + 1;
    section->frame_count++;
    return 0;
  }
  if (line_starts(text, text_length, "Hint: ")) /* second_deadlock_stack=0 says how to get the other stack */
    return 0;
  /* In place of a stack the runtime could not rebuild (the old access left the history): gcc's and clang 13's v2
   * runtimes print the report anyway, with an empty stack. */
  if (line_starts(text, text_length, "[failed to restore the stack]"))
    return 0;
  if (state->section) {
    /* Right under a section's title or frame, TSan prints only frames. */
    *error = xprintf("line %zu: a stack frame this parser cannot read in the report of line %zu: frames are read in "
                     "TSan's default layout (\"#N function file:line\"); was TSAN_OPTIONS' stack_trace_format "
                     "changed? (or interleaved output)",
                     number, report->first_line);
    return -1;
  }
  if (indent >= 2) {
    state->section = add_section(report);
    parse_section_title(state->section, xstrndup(text, text_length));
    return 0;
  }
  *error = xprintf("line %zu: text that is not TSan's inside the report of line %zu (interleaved output?)", number,
                   report->first_line);
  return -1;
}

static size_t count_newlines(const char *text, size_t length) {
  size_t count = 0;
  for (const char *c = text; (c = memchr(c, '\n', length - (size_t)(c - text))) != NULL; c++)
    count++;
  return count;
}

int tsan_parse(const char *text, size_t length, struct tsan_log *log, char **error) {
  *log = (struct tsan_log){.warnings_reported = -1};
  const char *cursor = text, *end = text + length, *raw;
  size_t raw_length, number = 0;
  struct parse_state state = {.counted_pid = -1};
  struct strbuf clean = {0};
  int status = 0;
  const char *nul = memchr(text, '\0', length);
  if (nul) /* no TSan output holds one: said by tsan_log_check, after whatever the log holds is read */
    log->nul_line = 1 + count_newlines(text, (size_t)(nul - text));
  while (status == 0 && next_line(&cursor, end, &raw, &raw_length)) {
    number++;
    size_t stamp = timestamp_length(raw, raw_length);
    const char *line = raw + stamp;
    size_t line_length = raw_length - stamp;
    if (memchr(line, '\033', line_length) || memchr(line, '\r', line_length)) {
      clean_line(line, line_length, &clean);
      line = clean.data ? clean.data : "";
      line_length = clean.length;
    }
    take_line_prefix(&state, log, &line, &line_length);
    if (is_ci_line(line, line_length)) {
      log->ci_lines++;
      continue;
    }
    if (state.report) {
      status = parse_report_line(log, &state, line, line_length, number, error);
    } else if (line_starts(line, line_length, "WARNING: ThreadSanitizer: ")) {
      GROW(log->reports, log->report_count, log->report_capacity);
      state.report = &log->reports[log->report_count++];
      *state.report = (struct tsan_report){0};
      parse_headline(line, line_length, state.report);
      state.report->first_line = number;
      state.section = NULL;
    } else {
      note_runtime_line(log, line, line_length, number, &state);
      note_unread_report(log, line, line_length, number);
    }
  }
  strbuf_free(&clean);
  strbuf_free(&state.line_prefix);
  /* A runtime that finished after reports it did not count: its count line is missing (cut off), or the reports
   * are not its own. */
  if (status == 0 && !log->count_mismatch_line && log->report_count > state.reports_at_last_count &&
      state.last_stats_line > log->warnings_reported_line) {
    log->count_mismatch_line = state.last_stats_line;
    log->count_mismatch_since = log->warnings_reported_line;
    log->count_mismatch_reported = -1;
    log->count_mismatch_parsed = log->report_count - state.reports_at_last_count;
  }
  if (status == 0 && state.report) {
    *error = xprintf("line %zu: the report of line %zu is cut off (no closing %s)", number, state.report->first_line,
                     separator);
    status = -1;
  }
  return status;
}

/* Why a log that yields no report cannot be read as "0 reports", or NULL when it proves that TSan ran, finished
 * and reported nothing. */
static char *why_no_report_is_unproven(const struct tsan_log *log, const char *name) {
  if (log->unread_report_line &&
      (strstr(log->unread_report, "DATA RACE") || strstr(log->unread_report, "data race(s)")))
    return xprintf("%s:%zu: a report of Go's race detector (\"%s\"), which this parser does not read: it reads TSan's "
                   "reports of C and C++ programs (\"WARNING: ThreadSanitizer: ...\")",
                   name, log->unread_report_line, log->unread_report);
  if (log->unread_report_line)
    return xprintf("%s:%zu: this line speaks of a TSan report, but the log holds none that the parser could read: "
                   "\"%s\"",
                   name, log->unread_report_line, log->unread_report);
  if (!log->runtime_started)
    return xprintf("%s: no report, and no TSan banner (\"***** Running under ThreadSanitizer\", printed with "
                   "TSAN_OPTIONS=verbosity=1): nothing shows that TSan ran",
                   name);
  if (!log->runtime_finished)
    return xprintf("%s: no report, and the log ends before the statistics TSan prints at exit (verbosity=1): the run "
                   "was cut off or killed, and a report may be missing",
                   name);
  return NULL;
}

int tsan_log_check(const struct tsan_log *log, const char *path, char **error) {
  const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
  if (log->nul_line) {
    *error = xprintf("%s:%zu: the log holds a NUL byte, which TSan never writes: it is not text (a binary file, or "
                     "UTF-16 or UTF-32 text without its byte order mark?)",
                     name, log->nul_line);
    return -1;
  }
  if (log->fatal) {
    *error = xprintf("%s:%zu: the TSan runtime failed, so its reports cannot be trusted: %s", name, log->fatal_line,
                     log->fatal);
    return -1;
  }
  if (log->stopped) {
    *error = xprintf("%s:%zu: the TSan runtime stopped watching, so the log does not hold all there was to report: %s",
                     name, log->stopped_line, log->stopped);
    return -1;
  }
  if (log->count_mismatch_line && log->count_mismatch_reported < 0) {
    *error = xprintf("%s:%zu: the TSan runtime finished (its Stats), but no \"reported N warnings\" line counts "
                     "the %zu reports %s: the count is cut off, or the reports are not its own",
                     name, log->count_mismatch_line, log->count_mismatch_parsed,
                     log->count_mismatch_since ? "after the last count" : "of the log");
    return -1;
  }
  if (log->count_mismatch_line) {
    char *since =
        log->count_mismatch_since ? xprintf(" after the count of line %zu", log->count_mismatch_since) : xstrdup("");
    char *forked = log->forked_line && log->forked_line < log->count_mismatch_line
                       ? xprintf(" before it (a process forked on line %zu, and a forked child's count includes the "
                                 "reports its parent made, which may be in another log)",
                                 log->forked_line)
                       : xstrdup("");
    *error = xprintf("%s:%zu: TSan says it reported %ld warnings, but the log holds %s%zu reports%s%s", name,
                     log->count_mismatch_line, log->count_mismatch_reported, *forked ? "only " : "",
                     log->count_mismatch_parsed, since, forked);
    free(since);
    free(forked);
    return -1;
  }
  if (log->forked_line && log->counted_in_all >= 0 &&
      (size_t)log->counted_in_all > log->report_count + log->inheritable_reports) {
    *error =
        xprintf("%s:%zu: TSan's processes counted %ld warnings in all, but the log holds %zu reports, and the "
                "children forked (first on line %zu) can have counted at most %zu of their parents' (the reports "
                "above each fork line): at least %zu reports are missing",
                name, log->warnings_reported_line, log->counted_in_all, log->report_count, log->forked_line,
                log->inheritable_reports, (size_t)log->counted_in_all - log->report_count - log->inheritable_reports);
    return -1;
  }
  if (log->report_count == 0 && (*error = why_no_report_is_unproven(log, name)) != NULL)
    return -1;
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
  free(log->unread_report);
  free(log->stopped);
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
  struct stat status_of_file;
  if (!from_stdin && fstat(fileno(file), &status_of_file) == 0 && S_ISREG(status_of_file.st_mode) &&
      status_of_file.st_size > 0) {
    /* Room for the whole file at once: no copies while it grows, and no memory beyond it. */
    text.capacity = (size_t)status_of_file.st_size + 1;
    text.data = xmalloc(text.capacity);
  }
  bool failed = read_stream(file, 0, &text) != 0;
  if (!from_stdin)
    fclose(file);
  if (failed) {
    *error = xprintf("%s: cannot read: %s", path, strerror(errno));
    strbuf_free(&text);
    return -1;
  }
  return tsan_log_parse_text(&text, from_stdin ? "<stdin>" : path, log, error);
}

int tsan_log_parse_text(struct strbuf *text, const char *name, struct tsan_log *log, char **error) {
  *log = (struct tsan_log){.warnings_reported = -1};
  char *why = NULL;
  if (decode_marked_text(text, &why) != 0) {
    *error = xprintf("%s: cannot read: %s", name, why);
    free(why);
    strbuf_free(text);
    return -1;
  }
  /* Docker's json-file log holds the program's output inside JSON strings: read the text it stores. */
  struct strbuf unwrapped = {0};
  int docker = docker_log_decode(text->data ? text->data : "", text->length, &unwrapped, &why);
  if (docker < 0) {
    *error = xprintf("%s:%s", name, why + strlen("line "));
    free(why);
    strbuf_free(text);
    return -2;
  }
  if (docker == 0) {
    strbuf_free(text);
    *text = unwrapped;
  }
  int status = tsan_parse(text->data ? text->data : "", text->length, log, &why);
  if (status != 0) {
    *error = xprintf("%s:%s", name, why + strlen("line "));
    free(why);
    status = -2;
  }
  strbuf_free(text);
  return status;
}
