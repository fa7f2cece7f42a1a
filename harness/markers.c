/* markers.c: reads `// expect-tsan: ...` and friends out of a C file, the way the compiler reads it. */
#include "markers.h"
#include "report.h"
#include "suggest.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
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
  DIRECTIVE_COUNT
};
static const char *const directives[] = {"expect-tsan", "expect-output", "tsan-options",    "requires-tsan",
                                         "expect-bug",  "expect-exit",   "expect-tsan-dies"};

/* Bug classes that are no data race and have no TSan headline: ground truth names them all the same. */
const char *const bug_only_kinds[] = {"atomicity violation", "torn write",    "ABA",
                                      "shared state",        "stolen wakeup", "lost wakeup",
                                      "self-deadlock",       "fork misuse",   NULL};

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
  char *error; /* the first error; reading stops there */
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

static void code_on(struct reader *r, size_t line) {
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
    if (directive != EXPECT_TSAN)
      fail(r, line, "only expect-tsan markers take a [toolchain] selector%s",
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
    if (!check_kind(r, line, directives[directive], body, standalone, bug))
      break;
    struct marker marker = {line, line, body, note, selector};
    body = note = selector = NULL;
    size_t index;
    if (bug) {
      GROW(spec->bugs, spec->bug_count, spec->bug_capacity);
      spec->bugs[index = spec->bug_count++] = marker;
    } else {
      GROW(spec->markers, spec->marker_count, spec->marker_capacity);
      spec->markers[index = spec->marker_count++] = marker;
    }
    if (standalone && strcmp(marker.kind, "none") != 0)
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
    spec->deaths[spec->death_count++] = (struct marker){line, line, body, note, NULL};
    body = note = NULL;
    break;
  }
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

static void read_line_comment(struct reader *r, const struct comment *comment, bool standalone) {
  size_t at = skip_blanks(comment, 0, false), word_end;
  bool exact;
  if (reject_lookalike(r, comment, at, &exact, &word_end))
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
  for (int d = 0; d < DIRECTIVE_COUNT; d++)
    if (strlen(directives[d]) == word_end - at && memcmp(comment->text.data + at, directives[d], word_end - at) == 0)
      read_marker(r, (enum directive)d, comment->text.data + word_end, comment->line, standalone);
}

static void read_block_comment(struct reader *r, const struct comment *comment) {
  /* A marker-like word opening the comment or one of its lines (after the customary " * ") is an error. */
  bool exact;
  size_t word_end;
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

/* One pass over the text: literals and code mark lines as holding code; comments are read for markers. */
static void read_source(struct reader *r, const char *text, size_t length) {
  struct source s = {text, text + length, 1};
  if (length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) /* a UTF-8 byte order mark */
    s.p += 3;
  int c, previous = ' ';
  bool number = false; /* inside a preprocessing number, where C23's ' separates digits (1'000) */
  while (!r->error && (c = peek(&s)) != -1) {
    size_t line = s.line;
    if (isdigit(c) && !is_word_char(previous) && previous != '.')
      number = true;
    else if (!(is_word_char(c) || c == '.' || (number && c == '\'' && is_word_char(peek_second(&s)))))
      number = false;
    previous = c;
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
        advance(&s);
      }
      if (comment.block) {
        if (peek(&s) == -1)
          fail(r, line, "unterminated /* comment");
        advance(&s);
        advance(&s);
        read_block_comment(r, &comment);
      } else {
        read_line_comment(r, &comment, standalone);
      }
      comment_free(&comment);
    } else if (c == '"' || (c == '\'' && !number)) {
      /* A literal ends at its closing quote or, unterminated, at the end of its (spliced) line. */
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
    } else {
      if (!isspace(c))
        code_on(r, line);
      advance(&s);
    }
  }
}

/* The checks that need the whole file. */
static void check_spec(struct reader *r) {
  struct case_spec *spec = r->spec;
  if (r->pending_count > 0) {
    const struct pending *p = &r->pending[0];
    fail(r, (p->bug ? spec->bugs : spec->markers)[p->index].comment_line,
         "marker after the last line of code: it applies to no line");
  }
  if (spec->marker_count == 0)
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
  for (size_t i = 0; !r->error && i < spec->bug_count; i++) {
    if (strcmp(spec->bugs[i].kind, "none") != 0)
      continue;
    for (size_t j = 0; !r->error && j < spec->bug_count; j++)
      if (strcmp(spec->bugs[j].kind, "none") != 0)
        fail(r, spec->bugs[i].comment_line, "'expect-bug: none' says the program is correct, yet line %zu states a %s",
             spec->bugs[j].comment_line, spec->bugs[j].kind);
  }
}

/* A #line directive (or the "# 15" form cpp writes) renumbers the lines the compiler records, so TSan would
 * report lines that are not the file's: markers hold physical lines. Returns the first such line, or 0. */
static size_t line_directive(const char *text, size_t length) {
  const char *cursor = text, *end = text + length, *line;
  size_t line_length, number = 0;
  while (next_line(&cursor, end, &line, &line_length)) {
    number++;
    size_t i = 0;
    while (i < line_length && (line[i] == ' ' || line[i] == '\t'))
      i++;
    if (i == line_length || line[i] != '#')
      continue;
    i++;
    while (i < line_length && (line[i] == ' ' || line[i] == '\t'))
      i++;
    bool named = line_length - i >= 4 && memcmp(line + i, "line", 4) == 0 &&
                 (line_length - i == 4 || line[i + 4] == ' ' || line[i + 4] == '\t');
    if (named || (i < line_length && isdigit((unsigned char)line[i]) && i > 1 && line[i - 1] == ' '))
      return number;
  }
  return 0;
}

int case_spec_parse(const char *path, const char *text, size_t length, struct case_spec *spec, char **error) {
  *spec = (struct case_spec){0};
  spec->path = xstrdup(path);
  struct reader r = {.path = path, .spec = spec};
  size_t renumbered = 0;
  if (memchr(text, '\0', length))
    fail(&r, 1, "not a text file (it holds NUL bytes)");
  else if ((renumbered = line_directive(text, length)) != 0)
    fail(&r, renumbered,
         "a #line directive renumbers the lines TSan reports, and markers are about the file's own lines: remove it");
  else
    read_source(&r, text, length);
  if (!r.error)
    check_spec(&r);
  spec->tsan_options = r.options.length ? strbuf_release(&r.options) : NULL;
  strbuf_free(&r.options);
  free(r.pending);
  if (r.error) {
    *error = r.error;
    return -1;
  }
  return 0;
}

int case_spec_read(const char *path, struct case_spec *spec, char **error) {
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
    status = case_spec_parse(path, text.data ? text.data : "", text.length, spec, error);
  else
    spec->path = xstrdup(path);
  strbuf_free(&text);
  return status;
}

static void free_markers(struct marker *markers, size_t count) {
  for (size_t i = 0; i < count; i++) {
    free(markers[i].kind);
    free(markers[i].note);
    free(markers[i].selector);
  }
  free(markers);
}

void case_spec_free(struct case_spec *spec) {
  free_markers(spec->markers, spec->marker_count);
  free_markers(spec->bugs, spec->bug_count);
  free_markers(spec->deaths, spec->death_count);
  for (size_t i = 0; i < spec->output_count; i++)
    free(spec->outputs[i].text);
  free(spec->outputs);
  free(spec->tsan_options);
  free(spec->requires);
  free(spec->requires_reason);
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
