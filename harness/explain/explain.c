/* explain.c: the reading of a report in plain words, and the patterns its structure shows. */
#include "explain/explain.h"

#include "base/util.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void say(struct explanation *explanation, const char *format, ...) __attribute__((format(printf, 2, 3)));
static void say(struct explanation *explanation, const char *format, ...) {
  va_list args;
  va_start(args, format);
  char *line = xvprintf(format, args);
  va_end(args);
  line[0] = (char)toupper((unsigned char)line[0]);
  GROW(explanation->reading, explanation->reading_count, explanation->reading_capacity);
  explanation->reading[explanation->reading_count++] = line;
}

/* "in worker at race.c:15", "in memcpy (no source line), called from main at race.c:9", or "at an unknown place". */
static char *place(const struct tsan_section *section) {
  const struct tsan_frame *source = section_source_frame(section);
  if (!section->frame_count)
    return xstrdup("at an unknown place");
  const struct tsan_frame *inner = &section->frames[0];
  if (source == inner)
    return xprintf("in %s at %s:%d", inner->function, inner->file, inner->line);
  if (!source)
    return xprintf("in %s (no source line)", inner->function);
  return xprintf("in %s (no source line), called from %s at %s:%d", inner->function, source->function, source->file,
                 source->line);
}

static void read_access(struct explanation *explanation, const struct tsan_section *section, const char *at,
                        bool earlier) {
  const struct tsan_access *access = &section->access;
  const char *thread = access->thread ? access->thread : "an unnamed thread";
  char *size = access->size > 0 ? xprintf(" %d byte%s", access->size, access->size == 1 ? "" : "s")
                                : xstrdup(" a tagged object");
  char *locks =
      access->mutexes && *access->mutexes ? xprintf("holding %s", access->mutexes) : xstrdup("holding no mutex");
  say(explanation, "%s%s %s%s%s %s, %s.", earlier ? "before that, " : "", thread, access->atomic ? "atomically " : "",
      access->write ? "wrote" : "read", size, at, locks);
  free(size);
  free(locks);
}

static void read_location(struct explanation *explanation, const struct tsan_section *section, const char *at) {
  const struct tsan_location *location = &section->location;
  if (strcmp(location->kind, "global") == 0) {
    char *size = location->size >= 0 ? xprintf(" (%ld bytes)", location->size) : xstrdup("");
    say(explanation, "the memory is the global '%s'%s.", location->name ? location->name : "?", size);
    free(size);
  } else if (strcmp(location->kind, "heap block") == 0) {
    const char *by = strstr(section->title, " allocated by ");
    char *who =
        by ? xstrndup(by + strlen(" allocated by "), strcspn(by + strlen(" allocated by "), ":")) : xstrdup("a thread");
    size_t length = strlen(who);
    if (length > 3 && strcmp(who + length - 3, " at") == 0)
      who[length - 3] = '\0';
    say(explanation, "the memory is a heap block of %ld bytes, allocated by %s %s.", location->size, who, at);
    free(who);
  } else if (strcmp(location->kind, "stack") == 0 || strcmp(location->kind, "TLS") == 0) {
    char *owner = location_owner(section);
    say(explanation, "the memory is on the %s of %s.",
        strcmp(location->kind, "TLS") == 0 ? "thread-local storage (TLS)" : "stack", owner ? owner : "a thread");
    free(owner);
  } else if (strcmp(location->kind, "file descriptor") == 0) {
    say(explanation, "the memory is TSan's record of a file descriptor (\"%s\"), created %s.", section->title, at);
  } else {
    say(explanation, "TSan says: \"%s\".", section->title);
  }
}

/* "Thread T1 (tid=3033, finished) created by main thread at:": who, by whom, where, and whether it still ran. */
static void read_thread_creation(struct explanation *explanation, const struct tsan_section *section, const char *at) {
  const char *title = section->title;
  size_t name_length = strcspn(title, "(:");
  while (name_length && title[name_length - 1] == ' ')
    name_length--;
  const char *by = strstr(title, " created by ");
  char *creator =
      by ? xstrndup(by + strlen(" created by "), strcspn(by + strlen(" created by "), ":")) : xstrdup("another thread");
  size_t length = strlen(creator);
  if (length > 3 && strcmp(creator + length - 3, " at") == 0)
    creator[length - 3] = '\0';
  const char *state = strstr(title, ", finished)")  ? "; it had finished when TSan reported"
                      : strstr(title, ", running)") ? "; it was still running when TSan reported"
                                                    : "";
  /* The place where the creating call was made: the first frame with a source line, even when it is the inner one. */
  const struct tsan_frame *source = section_source_frame(section);
  char *where = source ? xprintf("in %s at %s:%d", source->function, source->file, source->line) : NULL;
  say(explanation, "%.*s was created by %s %s%s.", (int)name_length, title, creator, where ? where : at, state);
  free(where);
  free(creator);
}

/* Why nothing orders the two accesses, from what the report shows of them. */
static void read_why_unordered(struct explanation *explanation, const struct tsan_access *a,
                               const struct tsan_access *b) {
  bool a_locked = a->mutexes && *a->mutexes, b_locked = b->mutexes && *b->mutexes;
  const char *locks = !a_locked && !b_locked   ? "neither holds a mutex"
                      : !a_locked || !b_locked ? "only one of them holds a mutex, so no unlock of it comes before "
                                                 "the other access's lock"
                                               : "both hold mutexes, and TSan found no unlock of one that comes "
                                                 "before a lock by the other";
  const char *atomics = a->atomic && b->atomic   ? "both are atomic"
                        : a->atomic || b->atomic ? "only one is atomic, and an atomic access orders nothing against "
                                                   "a plain one"
                                                 : "neither is atomic";
  say(explanation,
      "nothing orders the two accesses: %s; %s; and TSan saw no other happens-before edge between them (a thread's "
      "creation or join, a release and the acquire that reads it, a semaphore or condition signal).",
      locks, atomics);
}

static void read_report(struct explanation *explanation, const struct tsan_report *report) {
  const struct tsan_section *current, *previous;
  bool race = report_access_pair(report, &current, &previous);
  say(explanation, "TSan reports a %s%s.", report->kind ? report->kind : "report of no kind",
      race ? " between two accesses to the same memory" : "");
  for (size_t i = 0; i < report->section_count; i++) {
    const struct tsan_section *section = &report->sections[i];
    char *at = place(section);
    switch (section->kind) {
    case SECTION_ACCESS: read_access(explanation, section, at, section->access.previous); break;
    case SECTION_LOCATION: read_location(explanation, section, at); break;
    case SECTION_MUTEX_CREATION: {
      size_t length = strcspn(section->title + strlen("Mutex "), " ");
      say(explanation, "mutex %.*s was created %s.", (int)length, section->title + strlen("Mutex "), at);
      break;
    }
    case SECTION_THREAD_CREATION: read_thread_creation(explanation, section, at); break;
    case SECTION_SLEEP:
      say(explanation,
          "TSan noticed a sleep %s: a sleep orders nothing; TSan says the accesses only look as if it were meant to.",
          at);
      break;
    case SECTION_STACK: say(explanation, "%s %s.", i == 0 ? "it happened" : "and", at); break;
    default: {
      size_t length = strlen(section->title);
      if (length && section->title[length - 1] == ':')
        length--;
      if (section->frame_count)
        say(explanation, "TSan says: \"%.*s\", %s.", (int)length, section->title, at);
      else
        say(explanation, "TSan says: \"%.*s\".", (int)length, section->title);
      break;
    }
    }
    free(at);
  }
  if (race)
    read_why_unordered(explanation, &current->access, &previous->access);
}

/* Whether the premise of `pattern` holds of `report`: tested first without words, then, for a pattern that matches,
 * again with the evidence of each term (most premises fail, and words cost more than the test). */
static bool match_pattern(const struct pattern *pattern, const struct tsan_report *report,
                          struct pattern_match *match) {
  for (size_t i = 0; i < pattern->term_count; i++) {
    const struct pattern_term *term = &pattern->terms[i];
    if (predicate_holds(term->predicate, term->argument, report, NULL) == term->negated)
      return false;
  }
  *match = (struct pattern_match){.pattern = pattern, .because = xcalloc(pattern->term_count, sizeof(char *))};
  for (size_t i = 0; i < pattern->term_count; i++) {
    const struct pattern_term *term = &pattern->terms[i];
    char *evidence = NULL;
    predicate_holds(term->predicate, term->argument, report, term->negated ? NULL : &evidence);
    match->because[match->because_count++] =
        term->negated ? xprintf("not the case: %s", term->predicate->meaning) : evidence;
  }
  return true;
}

static void match_free(struct pattern_match *match) {
  for (size_t i = 0; i < match->because_count; i++)
    free(match->because[i]);
  free(match->because);
}

void explain_report(const struct tsan_report *report, const struct pattern_set *patterns,
                    struct explanation *explanation) {
  *explanation = (struct explanation){.report = report};
  read_report(explanation, report);
  for (size_t i = 0; patterns && i < patterns->count; i++) {
    struct pattern_match match;
    if (match_pattern(&patterns->patterns[i], report, &match)) {
      GROW(explanation->matches, explanation->match_count, explanation->match_capacity);
      explanation->matches[explanation->match_count++] = match;
    }
  }
}

void explanation_free(struct explanation *explanation) {
  for (size_t i = 0; i < explanation->reading_count; i++)
    free(explanation->reading[i]);
  free(explanation->reading);
  for (size_t i = 0; i < explanation->match_count; i++)
    match_free(&explanation->matches[i]);
  free(explanation->matches);
  *explanation = (struct explanation){0};
}

const char explain_cut_report[] = "the log is damaged and this report may be cut short: what it lacks cannot be told "
                                  "from what TSan did not print, so no pattern is tried";

char *case_site_page(const char *case_name) { return xprintf("%s.html", case_name); }
