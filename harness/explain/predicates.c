/* predicates.c: the vocabulary of mistake patterns, each a question about a parsed report's structure. */
#include "explain/predicates.h"

#include "base/util.h"

#include <stdlib.h>
#include <string.h>

/* The vocabulary's entries by their place in explain_predicates (the same order): a term's predicate is told by its
 * entry, not by comparing its name at each of a log's reports. */
enum predicate_id {
  PREDICATE_KIND,
  PREDICATE_KIND_PREFIX,
  PREDICATE_TWO_ACCESSES,
  PREDICATE_NO_MUTEX,
  PREDICATE_ONE_SIDE_LOCKED,
  PREDICATE_DIFFERENT_MUTEXES,
  PREDICATE_WRITE_UNDER_READ_LOCK,
  PREDICATE_SLEEP,
  PREDICATE_ATOMIC_VS_PLAIN,
  PREDICATE_BOTH_PLAIN,
  PREDICATE_BOTH_WRITES,
  PREDICATE_DIFFERENT_SIZES,
  PREDICATE_SAME_FUNCTION,
  PREDICATE_LOCATION,
  PREDICATE_NO_LOCATION,
  PREDICATE_ACCESS_IN,
  PREDICATE_ACCESS_OUTSIDE_SOURCE,
  PREDICATE_BOTH_OUTSIDE_SOURCE,
  PREDICATE_ACCESS_IS_ALLOCATION,
  PREDICATE_STACK_OF_OTHER_THREAD,
  PREDICATE_COUNT
};

const struct predicate_info explain_predicates[] = {
    {"kind", ARGUMENT_TEXT, "the report's headline is exactly the argument"},
    {"kind_prefix", ARGUMENT_TEXT, "the report's headline starts with the argument"},
    {"two_accesses", ARGUMENT_NONE, "the report shows two accesses (the current one and the previous one)"},
    {"no_mutex", ARGUMENT_NONE, "two accesses, and neither holds a mutex"},
    {"one_side_locked", ARGUMENT_NONE, "two accesses, and exactly one of them holds a mutex"},
    {"different_mutexes", ARGUMENT_NONE, "two accesses, both hold mutexes, and no mutex is held by both"},
    {"write_under_read_lock", ARGUMENT_NONE,
     "two accesses hold the same mutex, and a write holds it only for reading (read mode of a rwlock)"},
    {"sleep", ARGUMENT_NONE, "TSan noticed a sleep between the accesses (\"As if synchronized via sleep\")"},
    {"atomic_vs_plain", ARGUMENT_NONE, "two accesses, exactly one of them atomic"},
    {"both_plain", ARGUMENT_NONE, "two accesses, neither atomic"},
    {"both_writes", ARGUMENT_NONE, "two accesses, both writes"},
    {"different_sizes", ARGUMENT_NONE, "two accesses of different sizes"},
    {"same_function", ARGUMENT_NONE, "two accesses whose innermost source frames are in the same function"},
    {"location", ARGUMENT_NAMES,
     "the report's location is of one of the kinds named (global, heap block, stack, TLS, file descriptor)"},
    {"no_location", ARGUMENT_NONE, "the report names no location (a freed heap block has none)"},
    {"access_in", ARGUMENT_NAMES,
     "an access's innermost frame is one of the functions named (the runtime's interceptor), its parameter list "
     "aside (a C++ frame is printed with it: \"operator delete(void*)\" is operator delete)"},
    {"access_outside_source", ARGUMENT_NONE,
     "an access's innermost frame has no source line: an intercepted libc function or a library without debug "
     "information did the access"},
    {"both_outside_source", ARGUMENT_NONE,
     "two accesses, each with a stack, and no frame of either stack has a source line: both were made in code "
     "built without debug information, such as a library not built with TSan calling functions TSan intercepts"},
    {"access_is_allocation", ARGUMENT_NONE,
     "an access is the allocation of the heap block itself (its innermost frame is the allocation stack's)"},
    {"stack_of_other_thread", ARGUMENT_NONE,
     "the location is the stack or TLS of one thread, and the other access is by another thread"},
    {NULL, 0, NULL},
};
_Static_assert(sizeof explain_predicates / sizeof *explain_predicates == PREDICATE_COUNT + 1,
               "one predicate_id per entry of explain_predicates, in its order");

const struct predicate_info *predicate_find(const char *name) {
  for (const struct predicate_info *info = explain_predicates; info->name; info++)
    if (strcmp(info->name, name) == 0)
      return info;
  return NULL;
}

const struct tsan_section *report_section(const struct tsan_report *report, enum section_kind kind) {
  for (size_t i = 0; i < report->section_count; i++)
    if (report->sections[i].kind == kind)
      return &report->sections[i];
  return NULL;
}

bool report_access_pair(const struct tsan_report *report, const struct tsan_section **current,
                        const struct tsan_section **previous) {
  *current = *previous = NULL;
  for (size_t i = 0; i < report->section_count; i++) {
    const struct tsan_section *section = &report->sections[i];
    if (section->kind != SECTION_ACCESS)
      continue;
    if (section->access.previous && !*previous)
      *previous = section;
    else if (!section->access.previous && !*current)
      *current = section;
  }
  return *current && *previous;
}

char *access_phrase(const struct tsan_access *access) {
  return xprintf("the %s%s by %s", access->atomic ? "atomic " : "", access->write ? "write" : "read",
                 access->thread ? access->thread : "an unnamed thread");
}

/* The mode ('w' or 'r') in which `access` holds mutex `id` ("M0"), or 0. TSan prints the set as "write M0, read M1"
 * (compiler-rt tsan_report.cpp, PrintMutexSet). */
static char held_mode(const struct tsan_access *access, const char *id) {
  if (!access->mutexes)
    return 0;
  size_t id_length = strlen(id);
  for (const char *p = access->mutexes; *p;) {
    while (*p == ' ' || *p == ',')
      p++;
    const char *end = p + strcspn(p, ",");
    const char *space = memchr(p, ' ', (size_t)(end - p));
    const char *name = space ? space + 1 : p;
    if ((size_t)(end - name) == id_length && memcmp(name, id, id_length) == 0)
      return starts_with(p, "read ") ? 'r' : 'w';
    p = end;
  }
  return 0;
}

/* Calls `each` for every mutex id of `access`; stops when it returns true. */
static bool any_mutex(const struct tsan_access *access, bool (*each)(const char *id, const void *data),
                      const void *data) {
  if (!access->mutexes)
    return false;
  for (const char *p = access->mutexes; *p;) {
    while (*p == ' ' || *p == ',')
      p++;
    const char *end = p + strcspn(p, ",");
    const char *space = memchr(p, ' ', (size_t)(end - p));
    const char *name = space ? space + 1 : p;
    if (end > name) {
      char *id = xstrndup(name, (size_t)(end - name));
      bool stop = each(id, data);
      free(id);
      if (stop)
        return true;
    }
    p = end;
  }
  return false;
}

static bool held_by(const char *id, const void *other) { return held_mode(other, id) != 0; }

struct read_held_write {
  const struct tsan_access *writer, *other;
};

static bool write_holds_for_reading(const char *id, const void *data) {
  const struct read_held_write *pair = data;
  return held_mode(pair->writer, id) == 'r' && held_mode(pair->other, id) != 0;
}

static bool holds_mutex(const struct tsan_access *access) { return access->mutexes && *access->mutexes; }

static char *holding_phrase(const struct tsan_access *access) {
  char *who = access_phrase(access);
  char *text = holds_mutex(access) ? xprintf("%s holds %s", who, access->mutexes) : xprintf("%s holds no mutex", who);
  free(who);
  return text;
}

static char *both_holding(const struct tsan_access *a, const struct tsan_access *b) {
  char *first = holding_phrase(a), *second = holding_phrase(b);
  char *text = xprintf("%s; %s", first, second);
  free(first);
  free(second);
  return text;
}

/* The length of a frame's function name without its parameter list. TSan prints a C++ function demangled, with its
 * parameters ("operator delete(void*, unsigned long)"); the names a premise gives are the functions' own. A name
 * that starts with a parenthesis ("(anonymous namespace)::f") is kept whole. */
static size_t bare_name_length(const char *name) {
  const char *open = strchr(name, '(');
  return open && open > name ? (size_t)(open - name) : strlen(name);
}

/* Whether `name`, its parameter list aside, is one of the comma-separated `names`. */
static bool among(const char *name, const char *names) {
  if (!name)
    return false;
  size_t length = bare_name_length(name);
  for (const char *p = names; *p;) {
    const char *end = p + strcspn(p, ",");
    if ((size_t)(end - p) == length && memcmp(p, name, length) == 0)
      return true;
    p = *end ? end + 1 : end;
  }
  return false;
}

static const char *innermost_function(const struct tsan_section *section) {
  return section->frame_count ? section->frames[0].function : NULL;
}

static char *where(const struct tsan_frame *frame) {
  if (!frame)
    return xstrdup("at no source line");
  return xprintf("in %s at %s:%d", frame->function, frame->file, frame->line);
}

char *location_owner(const struct tsan_section *location) {
  if (!location || !location->location.kind)
    return NULL;
  if (strcmp(location->location.kind, "stack") != 0 && strcmp(location->location.kind, "TLS") != 0)
    return NULL;
  const char *of = strstr(location->title, " of ");
  if (!of)
    return NULL;
  of += strlen(" of ");
  size_t length = strcspn(of, ".");
  return length ? xstrndup(of, length) : NULL;
}

/* "the write by thread T12, in pthread_mutex_init called from libomp.so.5": the access, its innermost function and
 * the module of the first frame outside it (the code that called it), as far as the report shows them. */
static char *outside_source_phrase(const struct tsan_section *section) {
  char *who = access_phrase(&section->access);
  const struct tsan_frame *inner = &section->frames[0];
  const struct tsan_frame *caller = section->frame_count > 1 ? &section->frames[1] : NULL;
  char *module = caller && caller->module ? xstrndup(caller->module, strcspn(caller->module, "+")) : NULL;
  char *text = module ? xprintf("%s, in %s called from %s", who, inner->function, module)
                      : xprintf("%s, in %s", who, inner->function);
  free(module);
  free(who);
  return text;
}

static bool access_predicate(enum predicate_id id, const char *argument, const struct tsan_report *report,
                             const struct tsan_section *current, const struct tsan_section *previous, char **evidence) {
  const struct tsan_access *a = &current->access, *b = &previous->access;
  if (id == PREDICATE_TWO_ACCESSES) {
    if (!evidence)
      return true;
    char *first = access_phrase(a), *second = access_phrase(b);
    *evidence = xprintf("%s and %s (previous)", first, second);
    free(first);
    free(second);
    return true;
  }
  if (id == PREDICATE_NO_MUTEX) {
    if (holds_mutex(a) || holds_mutex(b))
      return false;
    if (!evidence)
      return true;
    *evidence = both_holding(a, b);
    return true;
  }
  if (id == PREDICATE_ONE_SIDE_LOCKED) {
    if (holds_mutex(a) == holds_mutex(b))
      return false;
    if (!evidence)
      return true;
    *evidence = both_holding(a, b);
    return true;
  }
  if (id == PREDICATE_DIFFERENT_MUTEXES) {
    if (!holds_mutex(a) || !holds_mutex(b) || any_mutex(a, held_by, b))
      return false;
    if (!evidence)
      return true;
    char *both = both_holding(a, b);
    *evidence = xprintf("%s: no mutex is held by both", both);
    free(both);
    return true;
  }
  if (id == PREDICATE_WRITE_UNDER_READ_LOCK) {
    for (int side = 0; side < 2; side++) {
      const struct tsan_access *writer = side ? b : a, *other = side ? a : b;
      struct read_held_write pair = {writer, other};
      if (writer->write && any_mutex(writer, write_holds_for_reading, &pair)) {
        if (!evidence)
          return true;
        char *both = both_holding(a, b);
        *evidence = xprintf("%s: the write holds its mutex only for reading, which other readers share", both);
        free(both);
        return true;
      }
    }
    return false;
  }
  if (id == PREDICATE_ATOMIC_VS_PLAIN || id == PREDICATE_BOTH_PLAIN) {
    bool wanted_mixed = id == PREDICATE_ATOMIC_VS_PLAIN;
    if (wanted_mixed ? a->atomic == b->atomic : (a->atomic || b->atomic))
      return false;
    if (!evidence)
      return true;
    char *first = access_phrase(a), *second = access_phrase(b);
    *evidence = wanted_mixed ? xprintf("%s and %s: one is atomic, the other a plain access", first, second)
                             : xprintf("%s and %s: neither is atomic", first, second);
    free(first);
    free(second);
    return true;
  }
  if (id == PREDICATE_BOTH_WRITES) {
    if (!a->write || !b->write)
      return false;
    if (!evidence)
      return true;
    char *first = access_phrase(a), *second = access_phrase(b);
    *evidence = xprintf("%s and %s are both writes", first, second);
    free(first);
    free(second);
    return true;
  }
  if (id == PREDICATE_DIFFERENT_SIZES) {
    if (a->size == b->size || a->size <= 0 || b->size <= 0)
      return false;
    if (!evidence)
      return true;
    char *first = access_phrase(a), *second = access_phrase(b);
    *evidence = xprintf("%s is of %d bytes, %s of %d", first, a->size, second, b->size);
    free(first);
    free(second);
    return true;
  }
  if (id == PREDICATE_SAME_FUNCTION) {
    const struct tsan_frame *fa = section_source_frame(current), *fb = section_source_frame(previous);
    if (!fa || !fb || strcmp(fa->function, fb->function) != 0)
      return false;
    if (!evidence)
      return true;
    *evidence = xprintf("both accesses are in %s (%s:%d and %s:%d): two threads run the same code", fa->function,
                        fa->file, fa->line, fb->file, fb->line);
    return true;
  }
  if (id == PREDICATE_ACCESS_IN || id == PREDICATE_ACCESS_OUTSIDE_SOURCE) {
    bool by_name = id == PREDICATE_ACCESS_IN;
    for (int side = 0; side < 2; side++) {
      const struct tsan_section *section = side ? previous : current;
      const char *function = innermost_function(section);
      if (!function || !section->frame_count)
        continue;
      if (by_name ? !among(function, argument) : section->frames[0].file && !frame_in_runtime(&section->frames[0]))
        continue;
      if (!evidence)
        return true;
      char *who = access_phrase(&section->access);
      char *caller = where(section_source_frame(section));
      *evidence = by_name ? xprintf("%s is inside %s, called %s", who, function, caller)
                          : xprintf("%s is inside %s, which has no source line (called %s)", who, function, caller);
      free(who);
      free(caller);
      return true;
    }
    return false;
  }
  if (id == PREDICATE_BOTH_OUTSIDE_SOURCE) {
    if (!current->frame_count || !previous->frame_count || section_source_frame(current) ||
        section_source_frame(previous))
      return false;
    if (!evidence)
      return true;
    char *first = outside_source_phrase(current), *second = outside_source_phrase(previous);
    *evidence = xprintf("%s and %s (previous): no frame of either stack has a source line", first, second);
    free(first);
    free(second);
    return true;
  }
  if (id == PREDICATE_ACCESS_IS_ALLOCATION) {
    const struct tsan_section *location = report_section(report, SECTION_LOCATION);
    if (!location || strcmp(location->location.kind, "heap block") != 0 || !location->frame_count)
      return false;
    const struct tsan_frame *allocation = &location->frames[0];
    for (int side = 0; side < 2; side++) {
      const struct tsan_section *section = side ? previous : current;
      if (!section->frame_count || strcmp(section->frames[0].function, allocation->function) != 0)
        continue;
      if (!evidence)
        return true;
      char *who = access_phrase(&section->access);
      char *caller = where(section_source_frame(section));
      *evidence = xprintf("%s is %s allocating the block, called %s", who, allocation->function, caller);
      free(who);
      free(caller);
      return true;
    }
    return false;
  }
  if (id == PREDICATE_STACK_OF_OTHER_THREAD) {
    char *owner = location_owner(report_section(report, SECTION_LOCATION));
    if (!owner)
      return false;
    bool holds = false;
    for (int side = 0; side < 2 && !holds; side++) {
      const struct tsan_access *access = side ? b : a;
      if (access->thread && strcmp(access->thread, owner) != 0) {
        holds = true;
        if (evidence) {
          char *who = access_phrase(access);
          *evidence = xprintf("the memory is on the stack or TLS of %s, and %s is by another thread", owner, who);
          free(who);
        }
      }
    }
    free(owner);
    return holds;
  }
  return false;
}

bool predicate_holds(const struct predicate_info *info, const char *argument, const struct tsan_report *report,
                     char **evidence) {
  if (evidence)
    *evidence = NULL;
  enum predicate_id id = (enum predicate_id)(info - explain_predicates);
  const char *kind = report->kind ? report->kind : "";
  if (id == PREDICATE_KIND || id == PREDICATE_KIND_PREFIX) {
    bool holds = id == PREDICATE_KIND ? strcmp(kind, argument) == 0 : starts_with(kind, argument);
    if (holds && evidence)
      *evidence = xprintf("TSan's headline is \"%s\"", kind);
    return holds;
  }
  if (id == PREDICATE_SLEEP) {
    const struct tsan_section *sleep = report_section(report, SECTION_SLEEP);
    if (!sleep)
      return false;
    if (!evidence)
      return true;
    char *at = where(section_source_frame(sleep));
    *evidence = xprintf("TSan noticed a sleep (%s, %s) and says the accesses look as if it were meant to order them",
                        sleep->frame_count ? sleep->frames[0].function : "?", at);
    free(at);
    return true;
  }
  if (id == PREDICATE_LOCATION || id == PREDICATE_NO_LOCATION) {
    const struct tsan_section *location = report_section(report, SECTION_LOCATION);
    if (id == PREDICATE_NO_LOCATION) {
      if (location)
        return false;
      if (!evidence)
        return true;
      *evidence = xstrdup("TSan names no location: the memory belongs to no live global, heap block, stack or "
                          "descriptor it knows (a freed block has none)");
      return true;
    }
    if (!location || !among(location->location.kind, argument))
      return false;
    if (!evidence)
      return true;
    *evidence = xprintf("\"%s\"", location->title);
    return true;
  }
  const struct tsan_section *current, *previous;
  if (!report_access_pair(report, &current, &previous))
    return false;
  return access_predicate(id, argument, report, current, previous, evidence);
}
