/* valgrind.c: Valgrind's XML (Helgrind, DRD) into struct tsan_log, through expat and a small element tree. */
#include "score/valgrind.h"
#include "base/readfile.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

/* The Valgrind part is optional (CMake option TSAN_VERIFY_VALGRIND, off when expat is missing), so that a project
 * fetching tsan-verify to check TSan needs no XML library. */
#if TSAN_VERIFY_HAVE_EXPAT
#include <ctype.h>
#include <errno.h>
#include <expat.h>
#include <stdint.h>

struct element {
  char *name;
  struct strbuf text; /* the element's own character data */
  size_t line;
  bool closed; /* its end tag was read: a document cut short (its image exec'd) ends inside unclosed elements */
  struct element *parent;
  struct element **children;
  size_t child_count;
  size_t child_capacity;
};

struct tree_builder {
  struct element *root;
  struct element *current;
  XML_Parser parser;
};

static void element_free(struct element *element) {
  if (!element)
    return;
  for (size_t i = 0; i < element->child_count; i++)
    element_free(element->children[i]);
  free(element->children);
  free(element->name);
  strbuf_free(&element->text);
  free(element);
}

static void on_start(void *data, const XML_Char *name, const XML_Char **attributes) {
  (void)attributes;
  struct tree_builder *builder = data;
  struct element *element = xcalloc(1, sizeof *element);
  element->name = xstrdup(name);
  element->line = (size_t)XML_GetCurrentLineNumber(builder->parser);
  element->parent = builder->current;
  if (builder->current) {
    struct element *parent = builder->current;
    GROW(parent->children, parent->child_count, parent->child_capacity);
    parent->children[parent->child_count++] = element;
  } else {
    builder->root = element;
  }
  builder->current = element;
}

static void on_end(void *data, const XML_Char *name) {
  (void)name;
  struct tree_builder *builder = data;
  builder->current->closed = true;
  builder->current = builder->current->parent;
}

static void on_text(void *data, const XML_Char *text, int length) {
  struct tree_builder *builder = data;
  if (builder->current)
    strbuf_append(&builder->current->text, text, (size_t)length);
}

static struct element *child(const struct element *element, const char *name) {
  for (size_t i = 0; element && i < element->child_count; i++)
    if (strcmp(element->children[i]->name, name) == 0)
      return element->children[i];
  return NULL;
}

/* The element's own character data, trimmed in place. */
static const char *own_text(struct element *element) {
  struct strbuf *text = &element->text;
  if (!text->data)
    strbuf_puts(text, "");
  size_t start = 0, end = text->length;
  while (start < end && isspace((unsigned char)text->data[start]))
    start++;
  while (end > start && isspace((unsigned char)text->data[end - 1]))
    end--;
  memmove(text->data, text->data + start, end - start);
  text->data[end - start] = '\0';
  text->length = end - start;
  return text->data;
}

/* The trimmed text of the named child, or NULL when there is none. */
static const char *child_text(const struct element *element, const char *name) {
  struct element *found = child(element, name);
  return found ? own_text(found) : NULL;
}

static void read_frames(const struct element *stack, struct tsan_section *section) {
  for (size_t i = 0; stack && i < stack->child_count; i++) {
    const struct element *frame = stack->children[i];
    if (strcmp(frame->name, "frame") != 0)
      continue;
    GROW(section->frames, section->frame_count, section->frame_capacity);
    struct tsan_frame *out = &section->frames[section->frame_count];
    const char *function = child_text(frame, "fn"), *dir = child_text(frame, "dir"), *file = child_text(frame, "file");
    const char *line = child_text(frame, "line"), *object = child_text(frame, "obj"), *ip = child_text(frame, "ip");
    *out = (struct tsan_frame){.index = (int)section->frame_count, .function = xstrdup(function ? function : "<null>")};
    if (file)
      out->file = dir && file[0] != '/' ? xprintf("%s/%s", dir, file) : xstrdup(file);
    out->line = line ? atoi(line) : 0;
    if (object) {
      out->module = xprintf("%s+%s", path_base_name(object), ip ? ip : "0x0");
    }
    section->frame_count++;
  }
}

static struct tsan_section *add_section(struct tsan_report *report, enum section_kind kind, const char *title) {
  GROW(report->sections, report->section_count, report->section_capacity);
  struct tsan_section *section = &report->sections[report->section_count++];
  *section = (struct tsan_section){.kind = kind, .title = xstrdup(title ? title : ""), .location.size = -1};
  return section;
}

/* "thread #3" (Helgrind) or "thread 3" (DRD) as TSan names threads: Valgrind counts main as 1, TSan as T0, so
 * Valgrind's thread 3 is TSan's "thread T2". */
static char *thread_name(const char *text) {
  const char *at = strstr(text, "by thread ");
  if (!at)
    return NULL;
  at += strlen("by thread ");
  if (*at == '#')
    at++;
  long number = strtol(at, NULL, 10);
  return number == 1 ? xstrdup("main thread") : xprintf("thread T%ld", number - 1);
}

/* "... during write of size 4 at ... by thread #2", "Conflicting store by thread 2 at 0x... size 4". */
static void read_access(const char *text, struct tsan_access *access) {
  access->write = strstr(text, "write") || strstr(text, "store");
  const char *size = strstr(text, "size ");
  access->size = size ? atoi(size + strlen("size ")) : 0;
  access->thread = thread_name(text);
}

static bool contains(const char *text, const char *needle) { return text && strstr(text, needle); }

/* TSan's headline for what the tool says, or the tool's own words. */
static char *report_kind(const char *tool_kind, const char *what) {
  if (strcmp(tool_kind, "Race") == 0 || strcmp(tool_kind, "ConflictingAccess") == 0)
    return xstrdup("data race");
  if (strcmp(tool_kind, "LockOrder") == 0)
    return xstrdup("lock-order-inversion (potential deadlock)");
  if (strcmp(tool_kind, "UnlockUnlocked") == 0 || strcmp(tool_kind, "UnlockForeign") == 0 ||
      contains(what, "not locked"))
    return xstrdup("unlock of an unlocked mutex (or by a wrong thread)");
  if (strcmp(tool_kind, "UnlockBogus") == 0 || contains(what, "is not a mutex") || contains(what, "not a lock") ||
      contains(what, "invalid") || contains(what, "uninitialised") || contains(what, "not a rwlock"))
    return xstrdup("use of an invalid mutex (e.g. uninitialized or destroyed)");
  if (contains(what, "destroy of a locked") || contains(what, "Destroying locked"))
    return xstrdup("destroy of a locked mutex");
  if (contains(what, "re-lock a non-recursive") || contains(what, "Recursive locking not allowed"))
    return xstrdup("double lock of a mutex");
  if (!what || !*what)
    return xstrdup(tool_kind);
  /* Helgrind's own words, without the thread it names first: "Thread #3: Exiting thread still holds 1 lock". */
  const char *colon = starts_with(what, "Thread #") ? strstr(what, ": ") : NULL;
  return xstrdup(colon ? colon + 2 : what);
}

static void read_error(const struct element *error, struct tsan_report *report) {
  const char *tool_kind = child_text(error, "kind");
  const struct element *xwhat = child(error, "xwhat");
  const char *what = xwhat ? child_text(xwhat, "text") : child_text(error, "what");
  report->kind = report_kind(tool_kind ? tool_kind : "", what);
  report->first_line = error->line;
  bool race = strcmp(report->kind, "data race") == 0;
  bool lock_order = starts_with(report->kind, "lock-order-inversion");
  const char *pending_title = NULL; /* an auxwhat that introduces the next stack */
  bool pending_previous = false, first_stack = true;
  for (size_t i = 0; i < error->child_count; i++) {
    const struct element *item = error->children[i];
    if (strcmp(item->name, "stack") == 0) {
      struct tsan_section *section;
      if (first_stack) {
        section = add_section(report, race ? SECTION_ACCESS : SECTION_STACK, race ? what : "");
        if (race)
          read_access(what ? what : "", &section->access);
        first_stack = false;
      } else if (pending_previous) {
        section = add_section(report, SECTION_ACCESS, pending_title);
        read_access(pending_title, &section->access);
        section->access.previous = true;
      } else if (contains(pending_title, "was first observed")) {
        section = add_section(report, SECTION_MUTEX_CREATION, pending_title);
      } else if (contains(pending_title, "alloc'd") || contains(pending_title, "Allocation context")) {
        section = add_section(report, SECTION_LOCATION, pending_title);
        section->location.kind = xstrdup("heap block");
      } else {
        section = add_section(report, lock_order ? SECTION_LOCK_ACQUIRE : SECTION_OTHER, pending_title);
      }
      read_frames(item, section);
      pending_title = NULL;
      pending_previous = false;
    } else if (strcmp(item->name, "xauxwhat") == 0 || strcmp(item->name, "auxwhat") == 0) {
      const char *text = strcmp(item->name, "xauxwhat") == 0 ? child_text(item, "text") : own_text(error->children[i]);
      pending_title = text;
      pending_previous = contains(text, "conflicts with a previous");
      const char *symbol = text ? strstr(text, "inside data symbol \"") : NULL;
      if (symbol) {
        struct tsan_section *section = add_section(report, SECTION_LOCATION, text);
        section->location.kind = xstrdup("global");
        symbol += strlen("inside data symbol \"");
        const char *end = strchr(symbol, '"');
        section->location.name = xstrndup(symbol, end ? (size_t)(end - symbol) : strlen(symbol));
        pending_title = NULL;
      }
    } else if (strcmp(item->name, "other_segment_start") == 0 || strcmp(item->name, "other_segment_end") == 0) {
      /* DRD: where the other thread's segment began or ended, not an access. */
      struct tsan_section *section = add_section(report, SECTION_OTHER, item->name);
      read_frames(child(item, "stack"), section);
    }
  }
}

static int convert(const struct element *root, struct tsan_log *log, long *pid_named, char **error) {
  if (strcmp(root->name, "valgrindoutput") != 0) {
    *error = xprintf("line %zu: <%s> is not Valgrind's <valgrindoutput>", root->line, root->name);
    return -1;
  }
  const char *tool = child_text(root, "tool");
  const struct element *preamble = child(root, "preamble");
  const char *version = NULL;
  for (size_t i = 0; preamble && i < preamble->child_count && !version; i++) {
    const char *at = strstr(own_text(preamble->children[i]), "Valgrind-");
    if (at)
      version = at + strlen("Valgrind-");
  }
  if (!tool) {
    *error = xprintf("line %zu: no <tool> in Valgrind's output", root->line);
    return -1;
  }
  if (version) {
    size_t length = strcspn(version, " ");
    char *number = xstrndup(version, length);
    log->runtime_version = xprintf("%s %s", tool, number);
    free(number);
  } else {
    log->runtime_version = xstrdup(tool);
  }
  const char *pid = child_text(root, "pid");
  *pid_named = pid ? atol(pid) : 0;
  for (size_t i = 0; i < root->child_count; i++) {
    const struct element *item = root->children[i];
    if (!item->closed)
      continue; /* the end of a document cut short: what was being written when the image was replaced */
    if (strcmp(item->name, "status") == 0) {
      const char *state = child_text(item, "state");
      log->runtime_started |= state && strcmp(state, "RUNNING") == 0;
      log->runtime_finished |= state && strcmp(state, "FINISHED") == 0;
    } else if (strcmp(item->name, "error") == 0) {
      GROW(log->reports, log->report_count, log->report_capacity);
      struct tsan_report *report = &log->reports[log->report_count++];
      *report = (struct tsan_report){.pid = pid ? atol(pid) : 0};
      read_error(item, report);
    } else if (strcmp(item->name, "fatal_signal") == 0 && !log->fatal) {
      const char *name = child_text(item, "signame");
      log->fatal = xprintf("fatal signal %s", name ? name : "(unnamed)");
      log->fatal_line = item->line;
    }
  }
  return 0;
}

/* `cut`: the document may stop after any element (its image exec'd): expat is not told that the text is final, so an
 * element left open is no error, and convert reads the closed ones only. */
static int parse_document(const char *text, size_t length, bool cut, struct tsan_log *log, long *pid, char **error) {
  *log = (struct tsan_log){.warnings_reported = -1};
  *pid = 0;
  struct tree_builder builder = {0};
  builder.parser = XML_ParserCreate("UTF-8");
  if (!builder.parser) {
    *error = xstrdup("line 1: cannot create an XML parser (out of memory)");
    return -1;
  }
  XML_SetUserData(builder.parser, &builder);
  XML_SetElementHandler(builder.parser, on_start, on_end);
  XML_SetCharacterDataHandler(builder.parser, on_text);
  int status = 0;
  if (length > (size_t)INT32_MAX) {
    *error = xstrdup("line 1: the XML log is larger than 2 GiB");
    status = -1;
  } else if (XML_Parse(builder.parser, text, (int)length, !cut) == XML_STATUS_ERROR) {
    *error = xprintf("line %lu: %s", (unsigned long)XML_GetCurrentLineNumber(builder.parser),
                     XML_ErrorString(XML_GetErrorCode(builder.parser)));
    status = -1;
  } else if (!builder.root) {
    *error = xstrdup("line 1: no XML element");
    status = -1;
  } else {
    status = convert(builder.root, log, pid, error);
  }
  XML_ParserFree(builder.parser);
  element_free(builder.root);
  if (status != 0)
    tsan_log_free(log);
  return status;
}

int valgrind_xml_parse(const char *text, size_t length, struct tsan_log *log, char **error) {
  long pid;
  return parse_document(text, length, false, log, &pid, error);
}

static int read_document(const char *path, bool cut, struct tsan_log *log, long *pid, char **error) {
  *log = (struct tsan_log){.warnings_reported = -1};
  *pid = 0;
  struct strbuf text;
  if (read_whole_file(path, &text, error) != 0)
    return -1;
  char *why = NULL;
  int status = parse_document(text.data ? text.data : "", text.length, cut, log, pid, &why);
  if (status != 0) {
    *error = xprintf("%s:%s", path, why + strlen("line "));
    free(why);
  }
  strbuf_free(&text);
  return status;
}

int valgrind_xml_read(const char *path, struct tsan_log *log, char **error) {
  long pid;
  return read_document(path, false, log, &pid, error);
}

int valgrind_xml_read_image(const char *path, bool replaced, struct tsan_log *log, long *pid, char **error) {
  return read_document(path, replaced, log, pid, error);
}

const char *valgrind_xml_unavailable(void) { return NULL; }

#else

static const char without_expat[] =
    "this tsan-verify was built without its Valgrind part (TSAN_VERIFY_VALGRIND=OFF: expat was not found, or the "
    "option was turned off), so it cannot read Helgrind's or DRD's XML output";

const char *valgrind_xml_unavailable(void) { return without_expat; }

int valgrind_xml_parse(const char *text, size_t length, struct tsan_log *log, char **error) {
  (void)text;
  (void)length;
  *log = (struct tsan_log){.warnings_reported = -1};
  *error = xprintf("line 1: %s", without_expat);
  return -1;
}

int valgrind_xml_read(const char *path, struct tsan_log *log, char **error) {
  *log = (struct tsan_log){.warnings_reported = -1};
  *error = xprintf("%s: %s", path, without_expat);
  return -1;
}

int valgrind_xml_read_image(const char *path, bool replaced, struct tsan_log *log, long *pid, char **error) {
  (void)replaced;
  *pid = 0;
  return valgrind_xml_read(path, log, error);
}
#endif
