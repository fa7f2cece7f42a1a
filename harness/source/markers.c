/* markers.c: reads `// expect-tsan: ...` and friends out of a C file, the way the compiler reads it. */
#include "source/markers.h"
#include "base/md5.h"
#include "base/readfile.h"
#include "base/util.h"
#include "report/report.h"
#include "report/suggest.h"
#include "source/confusable.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <nettle/md5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { MAX_CASE_BYTES = 16 * 1024 * 1024 };

enum directive {
  EXPECT_TSAN,
  EXPECT_OUTPUT,
  TSAN_OPTIONS,
  REQUIRES_TSAN,
  EXPECT_BUG,
  EXPECT_EXIT,
  EXPECT_TSAN_DIES,
  TSAN_HIDES,
  EXPECT_SUPPRESSED,
  LINK_LIBRARIES,
  USES_OPENMP,
  EXPECT_CANNOT_CHECK,
  LINK_OPTIONS,
  DIRECTIVE_COUNT
};
static const char *const directives[] = {
    "expect-tsan", "expect-output",       "tsan-options", "requires-tsan",     "expect-bug",
    "expect-exit", "expect-tsan-dies",    "tsan-hides",   "expect-suppressed", "link-libraries",
    "uses-openmp", "expect-cannot-check", "link-options"};
static const char *const hiding_kinds[] = {"uninstrumented",   "ignore-annotations", "default-options", "report-hook",
                                           "sync-annotations", "multithreaded-fork", "called-from-lib", "fibers",
                                           "flush-memory",     "runtime-calls"};

const char *hiding_kind_name(enum hiding_kind kind) { return hiding_kinds[kind]; }

/* Bug classes that are no data race and have no TSan headline: ground truth names them all the same. */
const char *const bug_only_kinds[] = {"atomicity violation",
                                      "torn write",
                                      "ABA",
                                      "shared state",
                                      "unchecked wakeup",
                                      "stolen wakeup",
                                      "lost wakeup",
                                      "self-deadlock",
                                      "fork misuse",
                                      "deadlock",
                                      "wrong deadline",
                                      "double free",
                                      NULL};

/* ---- the file as the compiler's first translation phases see it ---- */

/* A cursor over the text: line splices (a backslash, optional blanks, a line end) vanish, and every line end (LF,
 * CR LF, CR) reads as one '\n'. `line` is the physical line of the character under the cursor. */
struct source {
  const char *p, *end;
  size_t line;
};

static size_t line_end_length(const char *p, const char *end) {
  if (p >= end)
    return 0;
  if (*p == '\n')
    return 1;
  if (*p == '\r')
    return p + 1 < end && p[1] == '\n' ? 2 : 1;
  return 0;
}

/* gcc and clang both splice a backslash and a line end with blanks between (with a warning): so do we. */
static void skip_splices(struct source *s) {
  while (s->p < s->end && *s->p == '\\') {
    const char *q = s->p + 1;
    while (q < s->end && (*q == ' ' || *q == '\t'))
      q++;
    size_t n = line_end_length(q, s->end);
    if (n == 0)
      return;
    s->p = q + n;
    s->line++;
  }
}

/* The next character, '\n' for any line end, -1 at the end of the text. */
static int peek(struct source *s) {
  skip_splices(s);
  if (s->p >= s->end)
    return -1;
  return line_end_length(s->p, s->end) ? '\n' : (unsigned char)*s->p;
}

static void advance(struct source *s) {
  skip_splices(s);
  if (s->p >= s->end)
    return;
  size_t n = line_end_length(s->p, s->end);
  if (n) {
    s->p += n;
    s->line++;
  } else {
    s->p++;
  }
}

/* The character after the next one. */
static int peek_second(const struct source *s) {
  struct source t = *s;
  peek(&t);
  advance(&t);
  return peek(&t);
}

/* A comment's text (after its opening // or slash-star, splices removed) and where its physical lines begin in it. */
struct line_start {
  size_t offset; /* in the text */
  size_t line;
};

struct comment {
  struct strbuf text;
  size_t line; /* the line of its opening // or / * */
  struct line_start *starts;
  size_t start_count, start_capacity;
  bool block;
};

static void comment_add(struct comment *comment, const struct source *s, int c) {
  size_t last = comment->start_count ? comment->starts[comment->start_count - 1].line : comment->line;
  if (s->line != last) {
    GROW(comment->starts, comment->start_count, comment->start_capacity);
    comment->starts[comment->start_count++] = (struct line_start){comment->text.length, s->line};
  }
  char byte = (char)c;
  strbuf_append(&comment->text, &byte, 1);
}

/* The physical line of the comment's text at `offset`. */
static size_t comment_line_at(const struct comment *comment, size_t offset) {
  size_t line = comment->line;
  for (size_t i = 0; i < comment->start_count && comment->starts[i].offset <= offset; i++)
    line = comment->starts[i].line;
  return line;
}

static void comment_free(struct comment *comment) {
  strbuf_free(&comment->text);
  free(comment->starts);
}

/* ---- markers ---- */

static char *trim(const char *text, size_t length) {
  while (length && isspace((unsigned char)*text))
    text++, length--;
  while (length && isspace((unsigned char)text[length - 1]))
    length--;
  return xstrndup(text, length);
}

/* What is wrong with a tsan-hides declaration, `body` (WHAT, then FUNCTION or LIBRARY for `uninstrumented`) and the
 * `note` after its " -- ", as a message; NULL when it is one, with *hiding filled (line 0; the strings copied). One
 * rule for a marker and for a declaration given outside the source (declared_hiding_parse). */
static char *hiding_problem(const char *body, const char *note, struct declared_hiding *hiding) {
  size_t word = strcspn(body, " \t"), kind = 0;
  while (kind < sizeof hiding_kinds / sizeof *hiding_kinds &&
         !(strlen(hiding_kinds[kind]) == word && strncmp(body, hiding_kinds[kind], word) == 0))
    kind++;
  const char *argument = body + word + strspn(body + word, " \t");
  if (kind == sizeof hiding_kinds / sizeof *hiding_kinds) {
    struct strbuf known = {0};
    for (size_t k = 0; k < sizeof hiding_kinds / sizeof *hiding_kinds; k++)
      strbuf_printf(&known, "%s%s%s", k ? ", " : "", hiding_kinds[k], k == HIDES_UNINSTRUMENTED ? " FUNCTION" : "");
    char *problem = xprintf("tsan-hides: unknown \"%.*s\" (expected one of: %s)", (int)word, body, known.data);
    strbuf_free(&known);
    return problem;
  }
  if (kind == HIDES_UNINSTRUMENTED && (!*argument || argument[strcspn(argument, " \t")]))
    return xstrdup("tsan-hides: uninstrumented takes one function name (tsan-hides: uninstrumented FUNCTION -- "
                   "reason)");
  if (kind != HIDES_UNINSTRUMENTED && *argument)
    return xprintf("tsan-hides: %s takes no argument; did you mean \" -- \" before \"%s\"? (the reason follows "
                   "\" -- \")",
                   hiding_kinds[kind], argument);
  if (!note || !*note)
    return xprintf("tsan-hides needs a reason: tsan-hides: %s -- why the case hides reports this way", body);
  *hiding = (struct declared_hiding){(enum hiding_kind)kind, kind == HIDES_UNINSTRUMENTED ? xstrdup(argument) : NULL,
                                     xstrdup(note), 0};
  return NULL;
}

int declared_hiding_parse(const char *text, struct declared_hiding *hiding, char **error) {
  const char *dashes = strstr(text, " -- ");
  char *body = trim(text, dashes ? (size_t)(dashes - text) : strlen(text));
  char *note = dashes ? trim(dashes + 4, strlen(dashes + 4)) : NULL;
  *error = hiding_problem(body, note, hiding);
  free(body);
  free(note);
  return *error ? -1 : 0;
}

static bool kind_is_known(const char *kind, bool bug) {
  for (int i = 0; tsan_known_kinds[i]; i++)
    if (starts_with(tsan_known_kinds[i], kind))
      return true;
  for (int i = 0; bug && bug_only_kinds[i]; i++)
    if (starts_with(bug_only_kinds[i], kind))
      return true;
  return false;
}

/* Whether `kind` is a whole marker kind: a headline, or one up to its parenthesis ("lock-order-inversion"). */
static bool kind_is_whole(const char *kind, bool bug) {
  size_t n = strlen(kind);
  if (strcmp(kind, "none") == 0)
    return true;
  for (int pass = 0; pass < 2; pass++)
    for (const char *const *k = pass ? bug_only_kinds : tsan_known_kinds; *k && (bug || !pass); k++)
      if (strncmp(*k, kind, n) == 0 && ((*k)[n] == '\0' || ((*k)[n] == ' ' && (*k)[n + 1] == '(')))
        return true;
  return false;
}

/* For a kind that is not one: when it starts with a kind (or "none") and goes on, the marker most likely lacks
 * the " -- " before its note. Returns `KIND -- NOTE`, or NULL. */
static char *note_hint(const char *body, bool bug) {
  size_t longest = 0; /* no kind is longer than the longest headline */
  for (int i = 0; tsan_known_kinds[i]; i++)
    longest = strlen(tsan_known_kinds[i]) > longest ? strlen(tsan_known_kinds[i]) : longest;
  for (size_t length = strlen(body) < longest ? strlen(body) : longest; length > 0; length--) {
    if (isalnum((unsigned char)body[length]) || !isalnum((unsigned char)body[length - 1]))
      continue;
    char *prefix = xstrndup(body, length);
    bool known = kind_is_whole(prefix, bug);
    free(prefix);
    if (!known)
      continue;
    const char *rest = body + length;
    while (*rest && (isspace((unsigned char)*rest) || strchr("-:,;.", *rest)))
      rest++;
    return *rest ? xprintf("%.*s -- %s", (int)length, body, rest) : NULL;
  }
  return NULL;
}

static bool is_word_char(int c) { return isalnum(c) || c == '-' || c == '_'; }

/* Whether `word` is spelt like a directive (case, '_' for '-', or at most two typing slips away from one):
 * its index, else -1. Exact spellings are not asked about here. */
static int directive_lookalike(const char *word, size_t length) {
  if (length < 6 || length > 20)
    return -1;
  char folded[24];
  for (size_t i = 0; i < length; i++)
    folded[i] = word[i] == '_' ? '-' : (char)tolower((unsigned char)word[i]);
  folded[length] = '\0';
  int best = -1;
  size_t best_distance = 3;
  for (int d = 0; d < DIRECTIVE_COUNT; d++) {
    /* Damerau-Levenshtein distance (optimal string alignment), small strings only. */
    const char *a = folded, *b = directives[d];
    size_t n = length, m = strlen(b), rows[3][24];
    for (size_t j = 0; j <= m; j++)
      rows[0][j] = j;
    for (size_t i = 1; i <= n; i++) {
      size_t *row = rows[i % 3], *up = rows[(i - 1) % 3], *up2 = rows[(i + 1) % 3];
      row[0] = i;
      for (size_t j = 1; j <= m; j++) {
        size_t cost = a[i - 1] != b[j - 1];
        size_t best_here = up[j - 1] + cost;
        if (up[j] + 1 < best_here)
          best_here = up[j] + 1;
        if (row[j - 1] + 1 < best_here)
          best_here = row[j - 1] + 1;
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && up2[j - 2] + 1 < best_here)
          best_here = up2[j - 2] + 1;
        row[j] = best_here;
      }
    }
    if (rows[n % 3][m] < best_distance) {
      best_distance = rows[n % 3][m];
      best = d;
    }
  }
  return best;
}

/* Whether text[at] starts a directive's name in any case or with '_' for '-', and then (after an
 * optional [selector]) a colon: a marker written where the harness does not read markers. */
static int directive_mention(const char *text, size_t length, size_t at) {
  if (at > 0 && is_word_char((unsigned char)text[at - 1]))
    return -1;
  for (int d = 0; d < DIRECTIVE_COUNT; d++) {
    size_t n = strlen(directives[d]), i;
    if (length - at < n)
      continue;
    for (i = 0; i < n; i++) {
      char c = (char)tolower((unsigned char)text[at + i]);
      if (c != directives[d][i] && !(directives[d][i] == '-' && c == '_'))
        break;
    }
    size_t j = at + n;
    if (i < n || (j < length && is_word_char((unsigned char)text[j])))
      continue;
    if (j < length && text[j] == '[') {
      const char *close = memchr(text + j, ']', length - j);
      if (!close)
        continue;
      j = (size_t)(close - text) + 1;
    }
    while (j < length && text[j] == ' ')
      j++;
    if (j < length && text[j] == ':')
      return d;
  }
  return -1;
}

struct pending {
  bool bug; /* in spec->bugs, else spec->markers */
  size_t index;
};

/* What one pass over a file builds. */
struct reader {
  const char *path;
  struct case_spec *spec;
  struct pending *pending; /* standalone markers waiting for the next line of code */
  size_t pending_count, pending_capacity;
  size_t last_code_line;
  struct strbuf options;
  struct strbuf libraries;    /* every link-libraries name, one blank between */
  struct strbuf link_options; /* every link-options word, one blank between */
  char *error;                /* the first error; reading stops there */
  /* The preprocessing directive being read: from its # (or %:) to the end of its logical line. */
  bool at_line_start; /* only blanks and comments so far on this logical line */
  bool in_directive;
  bool directive_named; /* its name has been read */
  size_t directive_line;
  int conditional_depth; /* #if groups open */
  size_t conditional_start;
  bool digit_separators, raw_strings; /* the dialect of this reading (trigraphs are replaced before it) */
  /* marker_comment_lines: only collect the lines of // comments that open with a marker's name, judge nothing. */
  bool collect;
  size_t *collected;
  size_t collected_count, collected_capacity;
  struct unicode *unicode; /* ICU, loaded at the first word outside ASCII */
};

static void fail(struct reader *r, size_t line, const char *format, ...) __attribute__((format(printf, 3, 4)));
static void fail(struct reader *r, size_t line, const char *format, ...) {
  if (r->error)
    return;
  va_list args;
  va_start(args, format);
  char *what = xvprintf(format, args);
  va_end(args);
  r->error = xprintf("%s:%zu: %s", r->path, line, what);
  free(what);
}

static void mark_line(struct reader *r, size_t line, unsigned flag) {
  if (line >= 1 && line <= r->spec->line_count)
    r->spec->line_flags[line - 1] |= (unsigned char)flag;
}

/* A token on `line`: code, unless it belongs to a preprocessing directive, which is no line TSan can report. */
static void code_on(struct reader *r, size_t line) {
  if (r->in_directive) {
    mark_line(r, line, LINE_DIRECTIVE);
    return;
  }
  mark_line(r, line, LINE_CODE);
  for (size_t i = 0; i < r->pending_count; i++) {
    struct pending *p = &r->pending[i];
    (p->bug ? r->spec->bugs : r->spec->markers)[p->index].line = line;
  }
  r->pending_count = 0;
  r->last_code_line = line;
}

static char *resolve_options(const char *path, const char *options) {
  /* suppressions=FILE is resolved against the case's folder, so the harness can run from anywhere. */
  struct strbuf out = {0};
  char *copy = xstrdup(path);
  const char *folder = dirname(copy);
  const char *p = options;
  while (*p) {
    const char *stop = p + strcspn(p, ": ");
    if (stop > p) {
      if (starts_with(p, "suppressions=") && p[strlen("suppressions=")] != '/') {
        const char *file = p + strlen("suppressions=");
        strbuf_printf(&out, "%ssuppressions=%s/%.*s", out.length ? ":" : "", folder, (int)(stop - file), file);
      } else {
        strbuf_printf(&out, "%s%.*s", out.length ? ":" : "", (int)(stop - p), p);
      }
    }
    p = *stop ? stop + 1 : stop;
  }
  free(copy);
  return strbuf_release(&out);
}

/* Every item of a tsan-options body must be NAME=VALUE; 0, or -1 with the offending item's offset. */
static int check_options(const char *body, size_t *bad_at) {
  for (const char *p = body; *p;) {
    size_t length = strcspn(p, ": ");
    size_t name = 0;
    while (name < length && (isalnum((unsigned char)p[name]) || p[name] == '_'))
      name++;
    if (length > 0 && (name == 0 || name == length || p[name] != '=')) {
      *bad_at = (size_t)(p - body);
      return -1;
    }
    p += length;
    if (*p)
      p++;
  }
  return 0;
}

static void add_pending(struct reader *r, bool bug, size_t index) {
  GROW(r->pending, r->pending_count, r->pending_capacity);
  r->pending[r->pending_count++] = (struct pending){bug, index};
}

/* An expect-tsan or expect-bug marker's body: a kind, "none", or an error. */
static bool check_kind(struct reader *r, size_t line, const char *directive, const char *body, bool standalone,
                       bool bug) {
  if (!*body) {
    fail(r, line, "marker names no kind (expected e.g. \"data race\" or \"none\")");
  } else if (strcmp(body, "none") != 0 && !kind_is_known(body, bug)) {
    char *hint = note_hint(body, bug);
    if (hint)
      fail(r, line, "unknown kind \"%s\"; did you mean \"%s\"? (a note follows \" -- \")", body, hint);
    else {
      char *more = unknown_kind_hint(body); /* "did you mean ...?" and the list of valid kinds */
      fail(r, line, "unknown kind \"%s\" (not the start of any TSan headline%s)%s", body,
           bug ? " nor a bug class of expect-bug (docs/MARKERS.md)" : "", more);
      free(more);
    }
    free(hint);
  } else if (strcmp(body, "none") == 0 && !standalone) {
    fail(r, line, "'%s: none' is about the whole program: put it on a line of its own", directive);
  }
  return !r->error;
}

/* The last " in " or " at " of `body` after which a kind ends, or NULL: `KIND in FUNCTION`, `KIND at FILE:LINE`. A
 * body that is a kind as it stands is one, pin or not ("mutex held in the wrong context"). */
static char *pin_word(const char *body) {
  if (strcmp(body, "none") == 0 || kind_is_known(body, false))
    return NULL;
  for (size_t at = strlen(body); at-- > 0;) {
    if (strncmp(body + at, " in ", 4) != 0 && strncmp(body + at, " at ", 4) != 0)
      continue;
    char *kind = xstrndup(body, at);
    bool known = kind_is_known(kind, false);
    free(kind);
    if (known)
      return (char *)body + at;
  }
  return NULL;
}

/* Splits a pin off an expect-tsan marker's body (`data race in bump`, `data race at src/counter.c:42`) into
 * `marker`, leaving the kind in `body`. Returns false after an error. */
static bool read_pin(struct reader *r, size_t line, char *body, bool standalone, struct marker *marker) {
  char *word = pin_word(body);
  if (!word)
    return true;
  bool in = word[1] == 'i';
  char *argument = trim(word + 4, strlen(word + 4));
  *word = '\0';
  bool ok = false;
  if (!*argument || argument[strcspn(argument, " \t")]) {
    fail(r, line, "'%s %s' takes one %s, not \"%s\"", body, in ? "in" : "at", in ? "function name" : "FILE:LINE",
         argument);
  } else if (!standalone) {
    fail(r, line,
         "a marker pinned with '%s' stands on a line of its own: the line it would trail plays no part in it (put it "
         "above the code, or drop '%s %s' to pin this line)",
         in ? "in" : "at", in ? "in" : "at", argument);
  } else if (in) {
    marker->pin = PIN_FUNCTION;
    marker->pin_function = argument, argument = NULL;
    ok = true;
  } else {
    char *colon = strrchr(argument, ':');
    char *end = NULL;
    unsigned long number = colon && isdigit((unsigned char)colon[1]) ? strtoul(colon + 1, &end, 10) : 0;
    if (!colon || colon == argument || !end || *end || number == 0 || number > INT_MAX) {
      fail(r, line, "'at' takes FILE:LINE (a path suffix of one source of the program, and a line from 1), not \"%s\"",
           argument);
    } else {
      marker->pin = PIN_FRAME;
      marker->pin_file = xstrndup(argument, (size_t)(colon - argument));
      marker->pin_line = number;
      ok = true;
    }
  }
  free(argument);
  return ok;
}

/* `uses-openmp: threads=N [tool=archer]`: the program is built with -fopenmp and run with OMP_NUM_THREADS=N (every
 * other OpenMP variable of the harness's environment left out), and with the Archer tool when asked. */
static void read_openmp(struct reader *r, size_t line, const char *body, bool standalone) {
  struct case_spec *spec = r->spec;
  if (!standalone) {
    fail(r, line, "uses-openmp is about the whole program: put it on a line of its own");
    return;
  }
  if (spec->openmp_line) {
    fail(r, line, "a second uses-openmp marker (line %zu has one)", spec->openmp_line);
    return;
  }
  unsigned threads = 0;
  bool archer = false;
  for (const char *word = body + strspn(body, " \t"); *word && !r->error; word += strspn(word, " \t")) {
    size_t size = strcspn(word, " \t");
    char *item = xstrndup(word, size);
    word += size;
    char *end = NULL;
    unsigned long number =
        starts_with(item, "threads=") && isdigit((unsigned char)item[8]) ? strtoul(item + 8, &end, 10) : 0;
    if (starts_with(item, "threads=")) {
      if (threads)
        fail(r, line, "uses-openmp gives threads= twice");
      else if (!end || *end || number < 1 || number > 256)
        fail(r, line, "uses-openmp: threads= takes the team size, 1 to 256, not \"%s\"", item + 8);
      else
        threads = (unsigned)number;
    } else if (strcmp(item, "tool=archer") == 0) {
      archer = true;
    } else if (starts_with(item, "tool=")) {
      fail(r, line, "uses-openmp: the only tool the harness loads is archer (LLVM's, for libomp), not \"%s\"",
           item + 5);
    } else {
      fail(r, line,
           "uses-openmp takes threads=N and tool=archer, not \"%s\"%s (uses-openmp: threads=2 tool=archer -- why)",
           item, threads || archer ? "; did you mean \" -- \" before it? (a note follows \" -- \")" : "");
    }
    free(item);
  }
  if (r->error)
    return;
  if (!threads) {
    /* Left to the runtime, the team is as large as the machine has processors: the run would differ from machine to
     * machine. */
    fail(r, line, "uses-openmp needs threads=N: the team size a run has must not depend on the machine");
    return;
  }
  spec->openmp_line = line;
  spec->openmp_threads = threads;
  spec->openmp_archer = archer;
}

/* Whether `word` (`size` bytes) is a link option known to leave TSan's instrumentation and its runtime's view as they
 * are: -static and -no-pie (how the program is loaded), or -Wl,--section-start=SECTION=0xADDRESS (where the linker puts
 * one section); nothing that names a library, a file or a flag of the compiler. */
static bool known_link_option(const char *word, size_t size) {
  static const char *const known[] = {"-static", "-no-pie", NULL};
  for (size_t k = 0; known[k]; k++)
    if (strlen(known[k]) == size && strncmp(known[k], word, size) == 0)
      return true;
  static const char section_start[] = "-Wl,--section-start=";
  size_t prefix = sizeof section_start - 1;
  if (size <= prefix || strncmp(word, section_start, prefix) != 0)
    return false;
  size_t name = 0;
  while (prefix + name < size &&
         (isalnum((unsigned char)word[prefix + name]) || word[prefix + name] == '.' || word[prefix + name] == '_'))
    name++;
  size_t at = prefix + name;
  if (name == 0 || size < at + 4 || strncmp(word + at, "=0x", 3) != 0)
    return false;
  for (size_t i = at + 3; i < size; i++)
    if (!isxdigit((unsigned char)word[i]))
      return false;
  return true;
}

/* `link-options: OPTION...`: options the program is linked with, after the case and its libraries. Only options known
 * to leave TSan's instrumentation and its runtime's view as they are: a flag that turned either off would make the
 * check prove nothing, and the marker cannot slip one to the linker. */
static void read_link_options(struct reader *r, size_t line, const char *body, bool standalone) {
  const char *bad = NULL;
  size_t bad_length = 0;
  for (const char *word = body + strspn(body, " \t"); *word && !bad; word += strspn(word, " \t")) {
    size_t size = strcspn(word, " \t");
    if (!known_link_option(word, size))
      bad = word, bad_length = size;
    word += size;
  }
  if (!standalone)
    fail(r, line, "link-options is about the whole program: put it on a line of its own");
  else if (!*body)
    fail(r, line, "link-options names no option (link-options: -static -- why the case needs it)");
  else if (bad)
    fail(r, line,
         "link-options takes only the options the harness knows to leave TSan's view of the program as it is "
         "(-static, -no-pie, -Wl,--section-start=SECTION=0xADDRESS), not \"%.*s\"",
         (int)bad_length, bad);
  else
    for (const char *word = body + strspn(body, " \t"); *word; word += strspn(word, " \t")) {
      size_t size = strcspn(word, " \t");
      if (!r->spec->link_options_line)
        r->spec->link_options_line = line;
      strbuf_printf(&r->link_options, "%s%.*s", r->link_options.length ? " " : "", (int)size, word);
      word += size;
    }
}

/* The marker that opens a // comment: `text` is what follows the directive's name. */
static void read_marker(struct reader *r, enum directive directive, const char *text, size_t line, bool standalone) {
  struct case_spec *spec = r->spec;
  const char *p = text, *stop = text + strlen(text);
  char *selector = NULL;
  if (*p == '[') {
    const char *close = strchr(p, ']');
    if (!close) {
      fail(r, line, "unclosed '[' in the marker's toolchain selector");
      return;
    }
    selector = trim(p + 1, (size_t)(close - p - 1));
    char *why = NULL;
    if (directive != EXPECT_TSAN && directive != EXPECT_SUPPRESSED)
      fail(r, line, "only expect-tsan and expect-suppressed markers take a [toolchain] selector%s",
           directive == EXPECT_BUG ? " (expect-bug states the truth, the same for every toolchain)" : "");
    else if (selector_check(selector, &why) != 0)
      fail(r, line, "%s", why);
    free(why);
    p = close + 1;
  }
  while (!r->error && p < stop && (*p == ' ' || *p == '\t'))
    p++;
  if (!r->error && *p != ':')
    fail(r, line, "malformed marker: expected ':' after %s", directives[directive]);
  if (r->error) {
    free(selector);
    return;
  }
  p++;
  char *body = trim(p, (size_t)(stop - p)), *note = NULL;
  char *dashes = strstr(body, " -- ");
  if (dashes) {
    note = trim(dashes + 4, strlen(dashes + 4));
    *dashes = '\0';
    char *trimmed = trim(body, strlen(body));
    free(body);
    body = trimmed;
  }
  switch (directive) {
  case EXPECT_TSAN:
  case EXPECT_BUG: {
    bool bug = directive == EXPECT_BUG;
    struct marker marker = {.line = line, .comment_line = line, .pin = PIN_LINE};
    if (!bug && !read_pin(r, line, body, standalone, &marker))
      break;
    if (!check_kind(r, line, directives[directive], body, standalone, bug)) {
      free(marker.pin_function);
      free(marker.pin_file);
      break;
    }
    marker.kind = body, marker.note = note, marker.selector = selector;
    body = note = selector = NULL;
    size_t index;
    if (bug) {
      GROW(spec->bugs, spec->bug_count, spec->bug_capacity);
      spec->bugs[index = spec->bug_count++] = marker;
    } else {
      GROW(spec->markers, spec->marker_count, spec->marker_capacity);
      spec->markers[index = spec->marker_count++] = marker;
    }
    if (standalone && strcmp(marker.kind, "none") != 0 && marker.pin == PIN_LINE)
      add_pending(r, bug, index);
    break;
  }
  case EXPECT_OUTPUT:
    if (!*body) {
      fail(r, line, "expect-output names no text");
      break;
    }
    GROW(spec->outputs, spec->output_count, spec->output_capacity);
    /* The text is kept whole, " -- " included: output may contain it. */
    spec->outputs[spec->output_count++] = (struct expected_output){line, trim(p, (size_t)(stop - p))};
    break;
  case TSAN_OPTIONS: {
    size_t bad_at = 0;
    if (!*body) {
      fail(r, line, "tsan-options names no option");
    } else if (check_options(body, &bad_at) != 0) {
      size_t length = strcspn(body + bad_at, ": ");
      if (bad_at > 0)
        fail(r, line,
             "tsan-options item \"%.*s\" is not NAME=VALUE; did you mean \" -- \" before \"%s\"? (a note "
             "follows \" -- \")",
             (int)length, body + bad_at, body + bad_at);
      else
        fail(r, line, "tsan-options item \"%.*s\" is not NAME=VALUE", (int)length, body + bad_at);
      break;
    }
    if (r->error)
      break;
    char *resolved = resolve_options(r->path, body);
    if (!spec->tsan_options_line)
      spec->tsan_options_line = line;
    strbuf_printf(&r->options, "%s%s", r->options.length ? ":" : "", resolved);
    free(resolved);
    break;
  }
  case EXPECT_EXIT: {
    char *stop_at = NULL;
    long status = strtol(body, &stop_at, 10);
    if (spec->expects_exit)
      fail(r, line, "a second expect-exit marker (line %zu has one)", spec->expected_exit_line);
    else if (!*body || *stop_at || !isdigit((unsigned char)body[0]) || status > 255)
      fail(r, line, "expect-exit takes the exit status the program ends with, 0 to 255, not \"%s\"", body);
    else {
      spec->expects_exit = true;
      spec->expected_exit = (int)status;
      spec->expected_exit_line = line;
    }
    break;
  }
  case REQUIRES_TSAN: {
    char *why = NULL;
    size_t word = strcspn(body, " \t");
    char *first = xstrndup(body, word), *unused = NULL;
    if (spec->requires) {
      fail(r, line, "a second requires-tsan marker (line %zu has one)", spec->requires_line);
    } else if (selector_check(body, &why) != 0) {
      if (body[word] && selector_check(first, &unused) == 0)
        fail(r, line, "%s; did you mean \"%s -- %s\"? (a note follows \" -- \")", why, first, body + word + 1);
      else
        fail(r, line, "%s", why);
    } else if (selector_names_level(body)) {
      fail(r, line,
           "requires-tsan names toolchains, not optimization levels (qualify expect-tsan markers with the "
           "level instead)");
    } else {
      spec->requires = body;
      spec->requires_reason = note;
      spec->requires_line = line;
      body = note = NULL;
    }
    free(why);
    free(unused);
    free(first);
    break;
  }
  case EXPECT_TSAN_DIES: {
    /* The start of a line the runtime prints as it kills a process for what the program did. */
    bool known = false;
    for (size_t i = 0; *body && tsan_death_notices[i] && !known; i++)
      known = starts_with(tsan_death_notices[i], body);
    if (!known) {
      struct strbuf list = {0};
      for (size_t i = 0; tsan_death_notices[i]; i++)
        strbuf_printf(&list, "%s\"%s\"", i ? ", " : "", tsan_death_notices[i]);
      fail(r, line, "expect-tsan-dies names \"%s\", the start of no line TSan prints as it kills a process (known: %s)",
           body, list.data);
      strbuf_free(&list);
      break;
    }
    GROW(spec->deaths, spec->death_count, spec->death_capacity);
    spec->deaths[spec->death_count++] = (struct marker){.line = line, .comment_line = line, .kind = body, .note = note};
    body = note = NULL;
    break;
  }
  case TSAN_HIDES: {
    struct declared_hiding hiding;
    char *problem = NULL;
    if (!standalone)
      fail(r, line, "tsan-hides is about the whole program: put it on a line of its own");
    else if ((problem = hiding_problem(body, note, &hiding)) != NULL)
      fail(r, line, "%s", problem);
    else {
      hiding.line = line;
      GROW(spec->hidings, spec->hiding_count, spec->hiding_capacity);
      spec->hidings[spec->hiding_count++] = hiding;
    }
    free(problem);
    break;
  }
  case EXPECT_SUPPRESSED: {
    /* RULE COUNT: the rule as the case's suppressions file spells it, and how many reports it hides. */
    char *blank = strrchr(body, ' ');
    char *tab = strrchr(body, '\t');
    if (tab > blank)
      blank = tab;
    char *end = NULL;
    long count = blank && isdigit((unsigned char)blank[1]) ? strtol(blank + 1, &end, 10) : 0;
    if (!standalone)
      fail(r, line, "expect-suppressed is about the whole program: put it on a line of its own");
    else if (!blank || !end || *end || count <= 0)
      fail(r, line,
           "expect-suppressed takes a rule of the case's suppressions file and how many reports it hides "
           "(expect-suppressed: race:update 2 -- reason), not \"%s\"",
           body);
    else {
      char *rule = trim(body, (size_t)(blank - body));
      if (!strchr(rule, ':') || rule[strcspn(rule, " \t")])
        fail(r, line, "expect-suppressed: \"%s\" is not a suppression rule (TYPE:PATTERN, as in race:update)", rule);
      else {
        GROW(spec->suppressed, spec->suppressed_count, spec->suppressed_capacity);
        spec->suppressed[spec->suppressed_count++] = (struct declared_suppression){rule, count, line, selector};
        rule = selector = NULL;
      }
      free(rule);
    }
    break;
  }
  case LINK_LIBRARIES: {
    /* Names as -l takes them: the harness links the case with -lNAME, and so does tsan_verify_add_test. A word
     * that is a flag or a path would reach the linker as something else, so it is an error here. */
    size_t bad = 0, length = 0;
    for (const char *word = body; *word && !length; word += strspn(word, " \t")) {
      size_t size = strcspn(word, " \t");
      if (word[0] == '-' || strspn(word, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+.-") < size)
        bad = (size_t)(word - body), length = size;
      word += size;
    }
    if (!standalone)
      fail(r, line, "link-libraries is about the whole program: put it on a line of its own");
    else if (!*body)
      fail(r, line, "link-libraries names no library (link-libraries: atomic -- why the case needs it)");
    else if (length)
      fail(r, line, "link-libraries takes library names as -l takes them (\"atomic\" for -latomic), not \"%.*s\"",
           (int)length, body + bad);
    else
      for (const char *word = body + strspn(body, " \t"); *word; word += strspn(word, " \t")) {
        size_t size = strcspn(word, " \t");
        if (!spec->link_libraries_line)
          spec->link_libraries_line = line;
        strbuf_printf(&r->libraries, "%s%.*s", r->libraries.length ? " " : "", (int)size, word);
        word += size;
      }
    break;
  }
  case USES_OPENMP: read_openmp(r, line, body, standalone); break;
  case EXPECT_CANNOT_CHECK:
    /* The words one of the harness's reasons for "cannot check" must hold: the case is about such a reason. */
    if (!standalone)
      fail(r, line, "expect-cannot-check is about the whole program: put it on a line of its own");
    else if (spec->cannot_check_line)
      fail(r, line, "a second expect-cannot-check marker (line %zu has one)", spec->cannot_check_line);
    else if (strlen(body) < 8)
      fail(r, line,
           "expect-cannot-check takes the words the harness's reason must hold, at least 8 characters "
           "(expect-cannot-check: is linked statically -- why), not \"%s\"",
           body);
    else {
      spec->cannot_check_line = line;
      spec->cannot_check_text = body;
      body = NULL;
    }
    break;
  case LINK_OPTIONS: read_link_options(r, line, body, standalone); break;
  case DIRECTIVE_COUNT: break;
  }
  free(body);
  free(note);
  free(selector);
}

/* A marker-like text where no marker is read: inside the comment, anywhere but at the opening of a // comment. */
static void reject_mentions(struct reader *r, const struct comment *comment, size_t from) {
  const char *text = comment->text.data ? comment->text.data : "";
  size_t length = comment->text.length;
  for (size_t at = from; at < length && !r->error; at++) {
    int d = directive_mention(text, length, at);
    if (d < 0)
      continue;
    size_t line = comment_line_at(comment, at);
    if (comment->block)
      fail(r, line, "\"%.*s\" in a /* */ comment is not read as a marker: markers are // comments",
           (int)strlen(directives[d]), text + at);
    else
      fail(r, line, "\"%.*s\" inside a // comment is not read as a marker: a marker must open its own // comment",
           (int)strlen(directives[d]), text + at);
  }
}

/* The word at text[at] (after blanks), when it is spelt like a directive but is not one: an error. */
static bool reject_lookalike(struct reader *r, const struct comment *comment, size_t at, bool *exact,
                             size_t *word_end) {
  const char *text = comment->text.data ? comment->text.data : "";
  size_t length = comment->text.length, end = at;
  while (end < length && is_word_char((unsigned char)text[end]))
    end++;
  *word_end = end;
  *exact = false;
  for (int d = 0; d < DIRECTIVE_COUNT; d++)
    if (strlen(directives[d]) == end - at && memcmp(text + at, directives[d], end - at) == 0)
      *exact = true;
  if (*exact && !comment->block)
    return false;
  /* Prose may start with a word like TSAN_OPTIONS: only a colon (after an optional [selector]) makes it a marker. */
  size_t after = end;
  while (after < length && (text[after] == ' ' || text[after] == '\t'))
    after++;
  if (after < length && text[after] == '[') {
    const char *close = memchr(text + after, ']', length - after);
    after = close ? (size_t)(close - text) + 1 : length;
  }
  while (after < length && (text[after] == ' ' || text[after] == '\t'))
    after++;
  if (after >= length || text[after] != ':')
    return false;
  int d = *exact ? -1 : directive_lookalike(text + at, end - at);
  size_t line = comment_line_at(comment, at);
  if (*exact || (d >= 0 && comment->block))
    fail(r, line, "\"%.*s\" in a /* */ comment is not read as a marker: markers are // comments", (int)(end - at),
         text + at);
  else if (d >= 0)
    fail(r, line,
         "\"%.*s\" looks like a marker but is not one; did you mean \"%s\"? (markers are spelt exactly so, "
         "in lower case)",
         (int)(end - at), text + at, directives[d]);
  return r->error != NULL;
}

static size_t skip_blanks(const struct comment *comment, size_t at, bool stars) {
  const char *text = comment->text.data;
  while (at < comment->text.length &&
         (text[at] == ' ' || text[at] == '\t' || text[at] == '\f' || text[at] == '\v' || (stars && text[at] == '*')))
    at++;
  return at;
}

/* A word of the comment that, read as what it looks like (Unicode confusables), is a directive's name or within two
 * typing slips of one, yet holds characters outside ASCII: "expect-tsan" spelt with a Cyrillic e (U+0435), with a
 * typographic hyphen (U+2010), with fullwidth letters. The reader would not read it as a marker; the person reading it
 * would. */
static void reject_unicode_lookalikes(struct reader *r, const struct comment *comment) {
  const char *text = comment->text.data ? comment->text.data : "";
  size_t length = comment->text.length;
  for (size_t at = 0; at < length && !r->error;) {
    while (at < length && isspace((unsigned char)text[at]))
      at++;
    size_t end = at;
    bool wide = false;
    while (end < length && !isspace((unsigned char)text[end]))
      wide |= (unsigned char)text[end++] >= 0x80;
    if (!wide) {
      at = end;
      continue;
    }
    if (!r->unicode) {
      char *why = NULL;
      r->unicode = unicode_open(&why);
      if (!r->unicode) {
        fail(r, comment_line_at(comment, at),
             "\"%.*s\" holds characters outside ASCII, and whether it looks like a marker cannot be judged: %s",
             (int)(end - at), text + at, why);
        free(why);
        return;
      }
    }
    char *skeleton = confusable_skeleton(r->unicode, text + at, end - at);
    size_t word = 0;
    while (skeleton && (isalnum((unsigned char)skeleton[word]) || skeleton[word] == '-' || skeleton[word] == '_'))
      word++;
    int d = word ? directive_lookalike(skeleton, word) : -1;
    for (int e = 0; d < 0 && word && e < DIRECTIVE_COUNT; e++)
      if (strlen(directives[e]) == word && strncmp(skeleton, directives[e], word) == 0)
        d = e;
    if (d >= 0) {
      char *which = first_non_ascii_character(r->unicode, text + at, end - at);
      fail(r, comment_line_at(comment, at),
           "\"%.*s\" looks like the marker \"%s\" but is spelt with %s: markers are plain ASCII, so it would not be "
           "read",
           (int)(end - at), text + at, directives[d], which);
      free(which);
    }
    free(skeleton);
    at = end;
  }
}

static void read_line_comment(struct reader *r, const struct comment *comment, bool standalone) {
  size_t at = skip_blanks(comment, 0, false), word_end;
  bool exact;
  reject_unicode_lookalikes(r, comment);
  if (r->error || reject_lookalike(r, comment, at, &exact, &word_end))
    return;
  if (!exact) {
    reject_mentions(r, comment, 0);
    return;
  }
  /* A marker whose comment a backslash continues: what the next lines hold is its note, never a marker. */
  if (comment->start_count > 0)
    reject_mentions(r, comment, comment->starts[0].offset);
  if (r->error)
    return;
  /* The preprocessor drops a directive's comments with it, and a directive is no line TSan reports. */
  if (r->in_directive) {
    fail(r, comment->line,
         "a marker on the line of a preprocessing directive (line %zu) applies to no code: put it on the line of code "
         "it is about, or alone on the line above that",
         r->directive_line);
    return;
  }
  for (int d = 0; d < DIRECTIVE_COUNT; d++)
    if (strlen(directives[d]) == word_end - at && memcmp(comment->text.data + at, directives[d], word_end - at) == 0)
      read_marker(r, (enum directive)d, comment->text.data + word_end, comment->line, standalone);
  if (!r->error)
    mark_line(r, comment->line, LINE_MARKER);
}

static void read_block_comment(struct reader *r, const struct comment *comment) {
  /* A marker-like word opening the comment or one of its lines (after the customary " * ") is an error. */
  bool exact;
  size_t word_end;
  reject_unicode_lookalikes(r, comment);
  for (size_t at = 0; at <= comment->text.length && !r->error;) {
    size_t start = skip_blanks(comment, at, true);
    if (reject_lookalike(r, comment, start, &exact, &word_end))
      return;
    const char *newline = memchr(comment->text.data + start, '\n', comment->text.length - start);
    if (!newline)
      break;
    at = (size_t)(newline - comment->text.data) + 1;
  }
  reject_mentions(r, comment, 0);
}

/* The raw string whose opening quote is under the cursor (its R prefix already read): R"delim( ... )delim". Its text
 * is raw, splices included, so it is searched for in the bytes themselves. False when what follows the quote is no
 * raw string's opening (the compiler rejects it; the reader reads an ordinary literal). */
static bool read_raw_string(struct reader *r, struct source *s) {
  const char *open = s->p + 1, *paren = open;
  while (paren < s->end && paren - open <= 16 && *paren != '(' && !strchr(" ()\\\t\v\f\r\n\"", *paren))
    paren++;
  if (paren >= s->end || *paren != '(' || paren - open > 16)
    return false;
  size_t delimiter = (size_t)(paren - open), line = s->line;
  const char *close = paren + 1;
  for (;; close++) {
    if (close + delimiter + 2 > s->end) {
      fail(r, line, "unterminated raw string literal");
      return true;
    }
    if (*close == ')' && memcmp(close + 1, open, delimiter) == 0 && close[delimiter + 1] == '"')
      break;
  }
  for (const char *p = s->p; p < close;) {
    size_t n = line_end_length(p, close);
    code_on(r, s->line);
    s->line += n ? 1 : 0;
    p += n ? n : 1;
  }
  code_on(r, s->line);
  s->p = close + delimiter + 2;
  return true;
}

static bool raw_string_prefix(const char *word, size_t length) {
  static const char *const prefixes[] = {"R", "LR", "uR", "UR", "u8R", NULL};
  for (int i = 0; prefixes[i]; i++)
    if (strlen(prefixes[i]) == length && memcmp(word, prefixes[i], length) == 0)
      return true;
  return false;
}

/* The name of the directive whose # (or %:) was read: a #line in any spelling (%:line, a comment between the # and
 * line, the "# 15" linemarker form) renumbers the lines; conditional groups are tracked for the line-map checks. */
static void read_directive_name(struct reader *r, struct source *s) {
  char name[16];
  size_t length = 0;
  bool digits = isdigit(peek(s));
  for (int c; (c = peek(s)) != -1 && (isalnum(c) || c == '_');) {
    if (length < sizeof name - 1)
      name[length++] = (char)c;
    code_on(r, s->line);
    advance(s);
  }
  name[length] = '\0';
  r->directive_named = true;
  if (r->collect) {
    return;
  } else if (digits || strcmp(name, "line") == 0) {
    fail(r, r->directive_line,
         "a #line directive renumbers the lines TSan reports, and markers are about the file's own lines: remove it");
  } else if (strcmp(name, "if") == 0 || strcmp(name, "ifdef") == 0 || strcmp(name, "ifndef") == 0) {
    if (r->conditional_depth++ == 0)
      r->conditional_start = r->directive_line;
  } else if (strcmp(name, "endif") == 0 && r->conditional_depth > 0) {
    if (--r->conditional_depth == 0)
      for (size_t line = r->conditional_start; line <= s->line; line++)
        mark_line(r, line, LINE_CONDITIONAL);
  } else if (strcmp(name, "pragma") == 0 || strcmp(name, "ident") == 0 || strcmp(name, "sccs") == 0) {
    mark_line(r, r->directive_line, LINE_KEPT_DIRECTIVE);
  }
}

static void collect_line(struct reader *r, size_t line) {
  GROW(r->collected, r->collected_count, r->collected_capacity);
  r->collected[r->collected_count++] = line;
}

/* While collecting: whether the comment holds what the reader would refuse as marker-like (a look-alike of a
 * directive's name, in ASCII or Unicode, a directive mentioned inside a comment or in a block comment). Such a file
 * is a marker file too: read as one, the reader names the look-alike, where a file left unread would let it pass. */
static bool looks_like_a_marker(struct reader *r, const struct comment *comment) {
  if (comment->block) {
    read_block_comment(r, comment);
  } else {
    size_t at = skip_blanks(comment, 0, false), word_end;
    bool exact;
    reject_unicode_lookalikes(r, comment);
    if (!r->error && !reject_lookalike(r, comment, at, &exact, &word_end))
      reject_mentions(r, comment, 0);
  }
  bool looks = r->error != NULL;
  free(r->error);
  r->error = NULL;
  return looks;
}

/* One pass over the text: literals and code mark lines as holding code; comments are read for markers. */
static void read_source(struct reader *r, const char *text, size_t length) {
  struct source s = {text, text + length, 1};
  if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) /* a UTF-8 byte order mark */
    s.p += 3;
  int c, previous = ' ';
  bool number = false; /* inside a preprocessing number, where C23's ' separates digits (1'000) */
  char word[4];        /* the identifier just read, for a raw string's prefix */
  size_t word_length = 0;
  r->at_line_start = true;
  while (!r->error && (c = peek(&s)) != -1) {
    size_t line = s.line;
    if (isdigit(c) && !is_word_char(previous) && previous != '.')
      number = true;
    else if (!(is_word_char(c) || c == '.' ||
               (r->digit_separators && number && c == '\'' && is_word_char(peek_second(&s)))))
      number = false;
    previous = c;
    bool raw = c == '"' && r->raw_strings && raw_string_prefix(word, word_length);
    if (isalnum(c) || c == '_') {
      if (word_length < sizeof word)
        word[word_length] = (char)c;
      word_length++;
    } else {
      word_length = 0;
    }
    int second = c == '/' ? peek_second(&s) : 0;
    if (c == '/' && (second == '/' || second == '*')) {
      struct comment comment = {.line = line, .block = second == '*'};
      bool standalone = r->last_code_line != line;
      strbuf_append(&comment.text, "", 0);
      advance(&s);
      advance(&s);
      for (int d; (d = peek(&s)) != -1;) {
        if (comment.block ? d == '*' && peek_second(&s) == '/' : d == '\n')
          break;
        comment_add(&comment, &s, d);
        mark_line(r, s.line, LINE_COMMENT);
        advance(&s);
      }
      mark_line(r, line, LINE_COMMENT);
      if (r->in_directive)
        for (size_t l = line; l <= s.line; l++)
          mark_line(r, l, LINE_DIRECTIVE);
      if (comment.block) {
        if (peek(&s) == -1)
          fail(r, line, "unterminated /* comment");
        advance(&s);
        advance(&s);
        if (!r->collect)
          read_block_comment(r, &comment);
        else if (looks_like_a_marker(r, &comment))
          collect_line(r, line);
      } else if (r->collect) {
        size_t at = skip_blanks(&comment, 0, false), end = at;
        while (end < comment.text.length && is_word_char((unsigned char)comment.text.data[end]))
          end++;
        bool exact = false;
        for (int d = 0; d < DIRECTIVE_COUNT; d++)
          exact |= strlen(directives[d]) == end - at && memcmp(comment.text.data + at, directives[d], end - at) == 0;
        if (exact || looks_like_a_marker(r, &comment))
          collect_line(r, line);
      } else {
        read_line_comment(r, &comment, standalone);
      }
      comment_free(&comment);
    } else if (raw && read_raw_string(r, &s)) {
      r->at_line_start = false;
    } else if (c == '"' || (c == '\'' && !number)) {
      /* A literal ends at its closing quote or, unterminated, at the end of its (spliced) line. */
      r->at_line_start = false;
      code_on(r, line);
      advance(&s);
      for (int d; (d = peek(&s)) != -1 && d != '\n';) {
        code_on(r, s.line);
        advance(&s);
        if (d == c)
          break;
        if (d == '\\' && peek(&s) != '\n' && peek(&s) != -1)
          advance(&s);
      }
    } else if (c == '\n') {
      r->in_directive = false;
      r->at_line_start = true;
      advance(&s);
    } else if (isspace(c)) {
      advance(&s);
    } else if (r->at_line_start && (c == '#' || (c == '%' && peek_second(&s) == ':'))) {
      /* A directive: # or the digraph %: (a trigraph ??= was made a # before reading), first on its logical line. */
      r->at_line_start = false;
      r->in_directive = true;
      r->directive_named = false;
      r->directive_line = line;
      code_on(r, line);
      if (c == '%')
        advance(&s);
      advance(&s);
    } else if (r->in_directive && !r->directive_named) {
      read_directive_name(r, &s);
    } else {
      r->at_line_start = false;
      code_on(r, line);
      advance(&s);
    }
  }
  if (r->conditional_depth > 0)
    for (size_t line = r->conditional_start; line <= r->spec->line_count; line++)
      mark_line(r, line, LINE_CONDITIONAL);
}

/* The checks that need the whole file. */
static void check_spec(struct reader *r) {
  struct case_spec *spec = r->spec;
  if (r->pending_count > 0) {
    const struct pending *p = &r->pending[0];
    fail(r, (p->bug ? spec->bugs : spec->markers)[p->index].comment_line,
         "marker after the last line of code: it applies to no line");
  }
  /* A case about a reason the harness cannot check the program expects no report: TSan's words play no part. */
  if (spec->cannot_check_line && spec->marker_count > 0)
    fail(r, spec->markers[0].comment_line,
         "an expect-tsan marker beside expect-cannot-check (line %zu): the case expects the harness not to check the "
         "program, so no report of TSan's plays a part",
         spec->cannot_check_line);
  if (spec->marker_count == 0 && !spec->cannot_check_line)
    fail(r, 1, "no expect-tsan marker: say what TSan should report (or '// expect-tsan: none')");
  /* `none` mixed with other markers that apply to the same toolchain cannot both hold: whether two selectors
   * overlap is decided over the toolchains they match, not their text. */
  for (size_t i = 0; !r->error && i < spec->marker_count; i++) {
    const struct marker *a = &spec->markers[i];
    if (strcmp(a->kind, "none") != 0)
      continue;
    for (size_t j = 0; !r->error && j < spec->marker_count; j++) {
      const struct marker *b = &spec->markers[j];
      struct toolchain both;
      if (j == i || strcmp(b->kind, "none") == 0 || !selectors_overlap(a->selector, b->selector, &both))
        continue;
      if (a->selector && b->selector)
        fail(r, a->comment_line, "'expect-tsan: none' mixed with '%s' on line %zu (both apply to %s-%d at -%s)",
             b->kind, b->comment_line, both.family, both.major, opt_level_name(both.opt_level));
      else
        fail(r, a->comment_line, "'expect-tsan: none' mixed with '%s' on line %zu", b->kind, b->comment_line);
    }
  }
  /* One count per rule for each toolchain and level: two declarations of a rule that apply to one would contradict
   * each other, or say the same twice. */
  for (size_t i = 0; !r->error && i < spec->suppressed_count; i++)
    for (size_t j = i + 1; !r->error && j < spec->suppressed_count; j++) {
      const struct declared_suppression *a = &spec->suppressed[i], *b = &spec->suppressed[j];
      struct toolchain both;
      if (strcmp(a->rule, b->rule) != 0 || !selectors_overlap(a->selector, b->selector, &both))
        continue;
      if (a->selector && b->selector)
        fail(r, b->line,
             "a second expect-suppressed marker for \"%s\" (line %zu's) applies to %s-%d at -%s too: give "
             "each toolchain one count",
             b->rule, a->line, both.family, both.major, opt_level_name(both.opt_level));
      else
        fail(r, b->line,
             "a second expect-suppressed marker for \"%s\" (line %zu has one): give each toolchain one "
             "count, with [toolchain] selectors that do not overlap",
             b->rule, a->line);
    }
  for (size_t i = 0; !r->error && i < spec->bug_count; i++) {
    if (strcmp(spec->bugs[i].kind, "none") != 0)
      continue;
    for (size_t j = 0; !r->error && j < spec->bug_count; j++)
      if (strcmp(spec->bugs[j].kind, "none") != 0)
        fail(r, spec->bugs[i].comment_line, "'expect-bug: none' says the program is correct, yet line %zu states a %s",
             spec->bugs[j].comment_line, spec->bugs[j].kind);
  }
}

/* Physical lines, as the compiler counts them: every LF, CR LF or lone CR ends one. */
static size_t count_lines(const char *text, size_t length) {
  size_t lines = 0;
  for (size_t i = 0; i < length;) {
    size_t n = line_end_length(text + i, text + length);
    lines += n ? 1 : 0;
    i += n ? n : 1;
  }
  return lines + (length > 0 && !line_end_length(text + length - 1, text + length));
}

/* Translation phase 1 under trigraphs: each ??X becomes its one character. Line ends stay where they are. */
static char *replace_trigraphs(const char *text, size_t length, size_t *out_length) {
  static const char from[] = "=/'()!<>-", to[] = "#\\^[]|{}~";
  char *out = xmalloc(length + 1);
  size_t n = 0;
  for (size_t i = 0; i < length; i++) {
    const char *which =
        i + 2 < length && text[i] == '?' && text[i + 1] == '?' && text[i + 2] ? strchr(from, text[i + 2]) : NULL;
    if (which) {
      out[n++] = to[which - from];
      i += 2;
    } else {
      out[n++] = text[i];
    }
  }
  out[n] = '\0';
  *out_length = n;
  return out;
}

/* One reading of the text with every feature decided (on or off). */
static int parse_once(const char *path, const char *text, size_t length, bool trigraphs, bool digit_separators,
                      bool raw_strings, struct case_spec *spec, char **error) {
  *spec = (struct case_spec){0};
  spec->path = xstrdup(path);
  size_t translated_length = length;
  char *translated = trigraphs ? replace_trigraphs(text, length, &translated_length) : NULL;
  if (translated)
    text = translated, length = translated_length;
  spec->line_count = count_lines(text, length);
  spec->line_flags = xcalloc(spec->line_count + 1, 1);
  struct reader r = {.path = path, .spec = spec, .digit_separators = digit_separators, .raw_strings = raw_strings};
  if (memchr(text, '\0', length))
    fail(&r, 1, "not a text file (it holds NUL bytes)");
  else
    read_source(&r, text, length);
  if (!r.error)
    check_spec(&r);
  free(translated);
  unicode_close(r.unicode);
  spec->tsan_options = r.options.length ? strbuf_release(&r.options) : NULL;
  strbuf_free(&r.options);
  spec->link_libraries = r.libraries.length ? strbuf_release(&r.libraries) : NULL;
  strbuf_free(&r.libraries);
  spec->link_options = r.link_options.length ? strbuf_release(&r.link_options) : NULL;
  strbuf_free(&r.link_options);
  free(r.pending);
  if (r.error) {
    *error = r.error;
    return -1;
  }
  return 0;
}

static bool same_text(const char *a, const char *b) { return a == b || (a && b && strcmp(a, b) == 0); }

static bool same_markers(const struct marker *a, const struct marker *b, size_t count) {
  for (size_t i = 0; i < count; i++)
    if (a[i].line != b[i].line || a[i].comment_line != b[i].comment_line || !same_text(a[i].kind, b[i].kind) ||
        !same_text(a[i].selector, b[i].selector) || !same_text(a[i].note, b[i].note) || a[i].pin != b[i].pin ||
        !same_text(a[i].pin_function, b[i].pin_function) || !same_text(a[i].pin_file, b[i].pin_file) ||
        a[i].pin_line != b[i].pin_line)
      return false;
  return true;
}

/* The first line where two readings of one file differ, or 0 when they agree. */
static size_t first_difference(const struct case_spec *a, const char *error_a, const struct case_spec *b,
                               const char *error_b) {
  size_t lines = a->line_count < b->line_count ? a->line_count : b->line_count;
  for (size_t i = 0; i < lines; i++)
    if (a->line_flags[i] != b->line_flags[i])
      return i + 1;
  bool same = same_text(error_a, error_b) && a->marker_count == b->marker_count && a->bug_count == b->bug_count &&
              a->output_count == b->output_count && same_markers(a->markers, b->markers, a->marker_count) &&
              same_markers(a->bugs, b->bugs, a->bug_count) && same_text(a->tsan_options, b->tsan_options) &&
              same_text(a->requires, b->requires) && same_text(a->link_libraries, b->link_libraries) &&
              a->openmp_line == b->openmp_line && a->openmp_threads == b->openmp_threads &&
              a->openmp_archer == b->openmp_archer && a->cannot_check_line == b->cannot_check_line &&
              same_text(a->cannot_check_text, b->cannot_check_text) && same_text(a->link_options, b->link_options);
  for (size_t i = 0; same && i < a->output_count; i++)
    same = a->outputs[i].line == b->outputs[i].line && same_text(a->outputs[i].text, b->outputs[i].text);
  if (same)
    return 0;
  for (size_t i = 0; i < a->marker_count && i < b->marker_count; i++)
    if (!same_markers(a->markers + i, b->markers + i, 1))
      return a->markers[i].comment_line < b->markers[i].comment_line ? a->markers[i].comment_line
                                                                     : b->markers[i].comment_line;
  const struct case_spec *longer = a->marker_count > b->marker_count ? a : b;
  size_t shorter = a->marker_count < b->marker_count ? a->marker_count : b->marker_count;
  return shorter < longer->marker_count ? longer->markers[shorter].comment_line : 1;
}

/* The text with its line splices removed (translation phase 2, as the reader's peek sees it), or NULL when it has
 * none. */
static char *without_splices(const char *text, size_t length, size_t *folded_length) {
  if (!memchr(text, '\\', length))
    return NULL;
  char *folded = xmalloc(length + 1);
  size_t n = 0;
  struct source cursor = {text, text + length, 1};
  for (;;) {
    skip_splices(&cursor);
    if (cursor.p >= cursor.end)
      break;
    folded[n++] = *cursor.p++;
  }
  *folded_length = n;
  return folded;
}

/* Whether the quote at `quote` may separate digits: it ends a preprocessing number (C23 6.4.8: pp-number ' digit,
 * pp-number ' nondigit), and a number holds a digit. Walks back over everything a pp-number may hold (signs,
 * universal character names, `$` and bytes of UTF-8 identifiers included), so it errs towards yes. */
static bool may_separate_digits(const char *text, const char *quote) {
  for (const char *p = quote; p > text; p--) {
    unsigned char c = (unsigned char)p[-1];
    if (isdigit(c))
      return true;
    if (!isalpha(c) && c < 0x80 && !strchr("_.'+-$\\", c))
      return false;
  }
  return false;
}

/* Whether the text holds what a feature changes the reading of: without it, both readings are the same. Trigraphs
 * are replaced before lines are spliced (phase 1), so they are looked for in the text as it is; a digit separator or
 * a raw string's R" may be spliced, so those are looked for with the splices removed. */
static bool may_depend_on(int feature, const char *text, size_t length) {
  if (feature == 0) {
    for (const char *p = text; (p = memmem(p, length - (size_t)(p - text), "??", 2)) != NULL; p++)
      if (p + 2 < text + length && p[2] && strchr("=/'()!<>-", p[2]))
        return true;
    return false;
  }
  size_t folded_length = length;
  char *folded = without_splices(text, length, &folded_length);
  const char *t = folded ? folded : text;
  bool depends = false;
  if (feature == 1) {
    for (const char *q = t; !depends && (q = memchr(q, '\'', folded_length - (size_t)(q - t))) != NULL; q++)
      depends = may_separate_digits(t, q);
  } else {
    depends = memmem(t, folded_length, "R\"", 2) != NULL;
  }
  free(folded);
  return depends;
}

int case_spec_parse_as(const char *path, const char *text, size_t length, const struct c_dialect *dialect,
                       struct case_spec *spec, char **error) {
  const enum dialect_feature features[3] = {dialect->trigraphs, dialect->digit_separators, dialect->raw_strings};
  bool base[3];
  for (int f = 0; f < 3; f++)
    base[f] = features[f] == FEATURE_ON;
  int status = parse_once(path, text, length, base[0], base[1], base[2], spec, error);
  /* A feature the dialect leaves unknown is read the other way too: where the two readings differ, the compiler's
   * reading of the file depends on the -std in force, and the reader cannot know which it is. */
  for (int f = 0; f < 3; f++) {
    if (features[f] != FEATURE_UNKNOWN || !may_depend_on(f, text, length))
      continue;
    bool other[3] = {base[0], base[1], base[2]};
    other[f] = true;
    struct case_spec alternative;
    char *alternative_error = NULL;
    parse_once(path, text, length, other[0], other[1], other[2], &alternative, &alternative_error);
    size_t line = first_difference(spec, status ? *error : NULL, &alternative, alternative_error);
    case_spec_free(&alternative);
    free(alternative_error);
    if (line == 0)
      continue;
    if (status != 0)
      free(*error);
    case_spec_free(spec);
    spec->path = xstrdup(path);
    *error = xprintf("%s:%zu: this line reads differently with and without %s, and which the compiler uses depends on "
                     "the -std in force, which is unknown here: give the case's flags (--cflags, and --cc) so the "
                     "harness can ask the compiler",
                     path, line, dialect_feature_name(f));
    return -1;
  }
  return status;
}

size_t marker_comment_lines(const char *text, size_t length, const struct c_dialect *dialect, size_t **lines) {
  struct case_spec scratch = {0};
  scratch.line_count = count_lines(text, length);
  scratch.line_flags = xcalloc(scratch.line_count + 1, 1);
  size_t translated_length = length;
  char *translated = dialect->trigraphs == FEATURE_ON ? replace_trigraphs(text, length, &translated_length) : NULL;
  struct reader r = {.path = "",
                     .spec = &scratch,
                     .digit_separators = dialect->digit_separators == FEATURE_ON,
                     .raw_strings = dialect->raw_strings == FEATURE_ON,
                     .collect = true};
  read_source(&r, translated ? translated : text, translated ? translated_length : length);
  free(translated);
  unicode_close(r.unicode);
  free(r.error);
  free(r.pending);
  free(scratch.line_flags);
  *lines = r.collected;
  return r.collected_count;
}

int case_spec_parse(const char *path, const char *text, size_t length, struct case_spec *spec, char **error) {
  struct c_dialect unknown = c_dialect_unknown();
  return case_spec_parse_as(path, text, length, &unknown, spec, error);
}

int case_spec_read(const char *path, struct case_spec *spec, char **error) {
  struct c_dialect unknown = c_dialect_unknown();
  return case_spec_read_as(path, &unknown, spec, error);
}

int case_spec_read_as(const char *path, const struct c_dialect *dialect, struct case_spec *spec, char **error) {
  *spec = (struct case_spec){0};
  /* O_NONBLOCK: opening a FIFO that no one writes to would otherwise wait forever. */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  struct stat info;
  if (fd >= 0 && fstat(fd, &info) == 0 && !S_ISREG(info.st_mode) && !S_ISDIR(info.st_mode)) {
    close(fd);
    *error = xprintf("%s:1: cannot read the case: not a regular file (a FIFO, a device or a socket)", path);
    spec->path = xstrdup(path);
    return -1;
  }
  FILE *file = fd >= 0 ? fdopen(fd, "rb") : NULL;
  if (!file) {
    *error = xprintf("%s:1: cannot read the case: %s", path, strerror(errno));
    if (fd >= 0)
      close(fd);
    spec->path = xstrdup(path);
    return -1;
  }
  struct strbuf text = {0};
  int status = 0;
  int read = read_stream(file, MAX_CASE_BYTES, &text);
  if (read > 0) {
    *error = xprintf("%s:1: the case is larger than %d MiB; not a case file?", path, MAX_CASE_BYTES >> 20);
    status = -1;
  } else if (read < 0) {
    *error = xprintf("%s:1: cannot read the case: %s", path, strerror(errno));
    status = -1;
  }
  fclose(file);
  if (status == 0)
    status = case_spec_parse_as(path, text.data ? text.data : "", text.length, dialect, spec, error);
  else
    spec->path = xstrdup(path);
  if (status == 0) {
    struct md5_ctx md5;
    md5_init(&md5);
    md5_update(&md5, text.length, (const uint8_t *)(text.data ? text.data : ""));
    md5_digest(&md5, sizeof spec->text_md5, spec->text_md5);
    spec->has_text_md5 = true;
  }
  strbuf_free(&text);
  return status;
}

int case_spec_text_unchanged(const struct case_spec *spec, size_t which) {
  const char *path = which == 0 ? spec->path : spec->marker_files[which - 1];
  const unsigned char *kept = which == 0 ? spec->text_md5 : spec->marker_file_md5s[which - 1];
  if (!spec->has_text_md5)
    return -1;
  FILE *stream = fopen_regular(path);
  if (!stream)
    return -1;
  unsigned char now[16];
  bool failed = stream_md5(stream, now) != 0;
  fclose(stream);
  return failed ? -1 : memcmp(now, kept, sizeof now) == 0;
}

static void free_markers(struct marker *markers, size_t count, bool whole) {
  for (size_t i = 0; i < count; i++) {
    free(markers[i].file);
    free(markers[i].kind);
    free(markers[i].note);
    free(markers[i].selector);
    free(markers[i].pin_function);
    free(markers[i].pin_file);
  }
  if (whole)
    free(markers);
}

void case_spec_free(struct case_spec *spec) {
  for (size_t i = 0; i < spec->suppressed_count; i++) {
    free(spec->suppressed[i].rule);
    free(spec->suppressed[i].selector);
  }
  free(spec->suppressed);
  free_markers(spec->markers, spec->marker_count, true);
  free_markers(spec->bugs, spec->bug_count, true);
  free_markers(spec->deaths, spec->death_count, true);
  for (size_t i = 0; i < spec->output_count; i++)
    free(spec->outputs[i].text);
  free(spec->outputs);
  free(spec->tsan_options);
  free(spec->link_libraries);
  free(spec->link_options);
  free(spec->cannot_check_text);
  free(spec->requires);
  free(spec->requires_reason);
  free(spec->line_flags);
  for (size_t i = 0; i < spec->hiding_count; i++) {
    free(spec->hidings[i].function);
    free(spec->hidings[i].reason);
  }
  free(spec->hidings);
  for (size_t i = 0; i < spec->marker_file_count; i++)
    free(spec->marker_files[i]);
  free(spec->marker_files);
  free(spec->marker_file_md5s);
  free(spec->path);
  *spec = (struct case_spec){0};
}

bool marker_applies(const struct marker *marker, const struct toolchain *toolchain) {
  return !marker->selector || selector_matches(marker->selector, toolchain);
}

bool spec_expects_none(const struct case_spec *spec, const struct toolchain *toolchain) {
  for (size_t i = 0; i < spec->marker_count; i++)
    if (marker_applies(&spec->markers[i], toolchain) && strcmp(spec->markers[i].kind, "none") == 0)
      return true;
  return false;
}

const struct marker *spec_level_marker(const struct case_spec *spec) {
  for (size_t i = 0; i < spec->marker_count; i++)
    if (spec->markers[i].selector && selector_names_level(spec->markers[i].selector))
      return &spec->markers[i];
  return NULL;
}

const char *marker_file_of(const struct case_spec *spec, const struct marker *marker) {
  return marker->file ? marker->file : spec->path;
}

/* Whether the text may hold anything the marker reader would read as a marker or refuse as marker-like: a byte outside
 * ASCII (a Unicode look-alike), a trigraph line splice (??/), a directive's stem in any case ("expect", "tsan",
 * "requires", "link-lib", "link_lib", "uses-openmp", "uses_openmp", "link-opt", "link_opt", splices removed), or a word
 * within two slips of a directive's name that opens a comment or a line and is followed by a colon. Text without any of
 * these holds no marker in any dialect: most of the sources a program's DWARF names are system headers, which then need
 * no reading as C. */
static bool may_look_like_a_marker(const char *text, size_t length) {
  for (size_t i = 0; i < length; i++)
    if ((unsigned char)text[i] >= 0x80)
      return true;
  if (memmem(text, length, "?\?/", 3))
    return true;
  char *folded = xmalloc(length + 1);
  size_t folded_length = 0;
  struct source cursor = {text, text + length, 1};
  for (;;) {
    skip_splices(&cursor);
    if (cursor.p >= cursor.end)
      break;
    folded[folded_length++] = (char)tolower((unsigned char)*cursor.p++);
  }
  static const char *const stems[] = {"expect",   "tsan",        "requires",   "link-lib",
                                      "link_lib", "uses-openmp", "uses_openmp"};
  bool found = false;
  for (size_t i = 0; i < sizeof stems / sizeof *stems && !found; i++)
    found = memmem(folded, folded_length, stems[i], strlen(stems[i])) != NULL;
  /* A word opening a comment or a line (after blanks and a block comment's stars), then a colon. */
  for (size_t at = 0; !found && at < folded_length; at++) {
    bool opens = at == 0 || folded[at - 1] == '\n' || folded[at - 1] == '\r' ||
                 (at >= 2 && folded[at - 2] == '/' && (folded[at - 1] == '/' || folded[at - 1] == '*'));
    if (!opens)
      continue;
    size_t word = at;
    while (word < folded_length && (folded[word] == ' ' || folded[word] == '\t' || folded[word] == '*'))
      word++;
    size_t end = word;
    while (end < folded_length && is_word_char((unsigned char)folded[end]))
      end++;
    size_t after = end;
    while (after < folded_length && (folded[after] == ' ' || folded[after] == '\t'))
      after++;
    if (after < folded_length && folded[after] == '[') {
      const char *close = memchr(folded + after, ']', folded_length - after);
      after = close ? (size_t)(close - folded) + 1 : folded_length;
    }
    while (after < folded_length && (folded[after] == ' ' || folded[after] == '\t'))
      after++;
    found = after < folded_length && folded[after] == ':' && directive_lookalike(folded + word, end - word) >= 0;
  }
  free(folded);
  return found;
}

bool source_text_holds_marker(const char *text, size_t length) {
  if (!may_look_like_a_marker(text, length))
    return false;
  /* Read in every dialect: the program's flags are not known here, and a marker may show only with trigraphs, only
   * with C23's digit separators, only without raw strings (or the other way round). One that any reading sees makes
   * the file a marker file, which the reader then reads with the flags in force, and refuses where readings differ.
   * A feature whose two readings cannot differ is read one way only: most files hold no trigraph, no number before
   * a quote and no R". */
  int may_matter = 0;
  for (int f = 0; f < 3; f++)
    may_matter |= may_depend_on(f, text, length) << f;
  /* A trigraph may make a splice, a quote or a backslash that the two other tests did not see: then every reading. */
  if (may_matter & 1)
    may_matter = 7;
  size_t count = 0;
  for (int combination = 0; combination < 8 && count == 0; combination++) {
    if (combination & ~may_matter)
      continue;
    struct c_dialect dialect = {.trigraphs = combination & 1 ? FEATURE_ON : FEATURE_OFF,
                                .digit_separators = combination & 2 ? FEATURE_ON : FEATURE_OFF,
                                .raw_strings = combination & 4 ? FEATURE_ON : FEATURE_OFF};
    size_t *lines = NULL;
    count = marker_comment_lines(text, length, &dialect, &lines);
    free(lines);
  }
  return count > 0;
}

int source_holds_marker(const char *path, char **error) {
  struct strbuf text;
  if (read_whole_file(path, &text, error) != 0)
    return -1;
  bool holds = text.data && source_text_holds_marker(text.data, text.length);
  strbuf_free(&text);
  return holds;
}

/* Whether two paths name one file: the same real path (a file that cannot be resolved is compared by its text). */
static bool same_file(const char *a, const char *b) {
  char real_a[PATH_MAX], real_b[PATH_MAX];
  if (realpath(a, real_a) && realpath(b, real_b))
    return strcmp(real_a, real_b) == 0;
  return strcmp(a, b) == 0;
}

/* What a marker file may not hold, as "directive on line N", or NULL: whatever is said once for the whole program,
 * and whatever the verdict names by a line of the case. */
static char *directive_for_the_case(const struct case_spec *file) {
  if (file->tsan_options_line)
    return xprintf("%zu: tsan-options", file->tsan_options_line);
  if (file->output_count)
    return xprintf("%zu: expect-output", file->outputs[0].line);
  if (file->expects_exit)
    return xprintf("%zu: expect-exit", file->expected_exit_line);
  if (file->requires)
    return xprintf("%zu: requires-tsan", file->requires_line);
  if (file->link_libraries_line)
    return xprintf("%zu: link-libraries", file->link_libraries_line);
  if (file->openmp_line)
    return xprintf("%zu: uses-openmp", file->openmp_line);
  if (file->link_options_line)
    return xprintf("%zu: link-options", file->link_options_line);
  if (file->cannot_check_line)
    return xprintf("%zu: expect-cannot-check", file->cannot_check_line);
  if (file->bug_count)
    return xprintf("%zu: expect-bug", file->bugs[0].comment_line);
  if (file->death_count)
    return xprintf("%zu: expect-tsan-dies", file->deaths[0].comment_line);
  if (file->hiding_count)
    return xprintf("%zu: tsan-hides", file->hidings[0].line);
  if (file->suppressed_count)
    return xprintf("%zu: expect-suppressed", file->suppressed[0].line);
  return NULL;
}

/* `none` in one file beside a marker of another that applies to the same toolchain: both cannot hold. */
static char *none_across_files(const struct case_spec *spec) {
  for (size_t i = 0; i < spec->marker_count; i++) {
    const struct marker *a = &spec->markers[i];
    if (strcmp(a->kind, "none") != 0)
      continue;
    for (size_t j = 0; j < spec->marker_count; j++) {
      const struct marker *b = &spec->markers[j];
      struct toolchain both;
      if (strcmp(b->kind, "none") == 0 || strcmp(marker_file_of(spec, a), marker_file_of(spec, b)) == 0 ||
          !selectors_overlap(a->selector, b->selector, &both))
        continue;
      return xprintf("%s:%zu: 'expect-tsan: none' mixed with '%s' on line %zu of %s: the program cannot both report "
                     "nothing and report that",
                     marker_file_of(spec, a), a->comment_line, b->kind, b->comment_line, marker_file_of(spec, b));
    }
  }
  return NULL;
}

int case_spec_add_marker_file(struct case_spec *spec, const char *path, const struct c_dialect *dialect, char **error) {
  if (same_file(path, spec->path)) {
    *error = xprintf("%s:1: the case itself, given again as a marker file", path);
    return -1;
  }
  for (size_t i = 0; i < spec->marker_file_count; i++)
    if (same_file(path, spec->marker_files[i])) {
      *error = xprintf("%s:1: a marker file given twice (also as %s)", path, spec->marker_files[i]);
      return -1;
    }
  struct case_spec file;
  if (case_spec_read_as(path, dialect, &file, error) != 0) {
    case_spec_free(&file);
    return -1;
  }
  char *misplaced = directive_for_the_case(&file);
  if (misplaced) {
    *error = xprintf("%s:%s marker in %s, a marker file besides the case: it belongs in the case, %s (a marker file "
                     "holds expect-tsan markers only; what is said once for the program, and what the verdict names "
                     "by a line of the case, stands in the case)",
                     path, misplaced, path, spec->path);
    free(misplaced);
    case_spec_free(&file);
    return -1;
  }
  unsigned char file_md5[16];
  memcpy(file_md5, file.text_md5, sizeof file_md5);
  size_t first = spec->marker_count;
  for (size_t i = 0; i < file.marker_count; i++) {
    GROW(spec->markers, spec->marker_count, spec->marker_capacity);
    spec->markers[spec->marker_count] = file.markers[i];
    spec->markers[spec->marker_count++].file = xstrdup(path);
  }
  file.marker_count = 0; /* each marker's strings now belong to `spec` */
  case_spec_free(&file);
  char *mixed = none_across_files(spec);
  if (mixed) {
    /* Refused whole: the spec stays as it was. */
    free_markers(spec->markers + first, spec->marker_count - first, false);
    spec->marker_count = first;
    *error = mixed;
    return -1;
  }
  spec->marker_files = xrealloc(spec->marker_files, (spec->marker_file_count + 1) * sizeof *spec->marker_files);
  spec->marker_file_md5s =
      xrealloc(spec->marker_file_md5s, (spec->marker_file_count + 1) * sizeof *spec->marker_file_md5s);
  memcpy(spec->marker_file_md5s[spec->marker_file_count], file_md5, sizeof file_md5);
  spec->marker_files[spec->marker_file_count++] = xstrdup(path);
  return 0;
}
