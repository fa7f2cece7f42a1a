/* suggest.c: the nearest valid word, by edit distance (Levenshtein, with a swap of neighbours as one edit), for
 * messages that offer a correction. */
#include "report/suggest.h"
#include "base/util.h"
#include "report/report.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

size_t edit_distance(const char *a, const char *b) {
  size_t m = strlen(a), n = strlen(b);
  size_t *d = xcalloc((m + 1) * (n + 1), sizeof *d);
#define D(i, j) d[(i) * (n + 1) + (j)]
  for (size_t i = 0; i <= m; i++)
    D(i, 0) = i;
  for (size_t j = 0; j <= n; j++)
    D(0, j) = j;
  for (size_t i = 1; i <= m; i++)
    for (size_t j = 1; j <= n; j++) {
      char x = (char)tolower((unsigned char)a[i - 1]), y = (char)tolower((unsigned char)b[j - 1]);
      size_t best = D(i - 1, j - 1) + (x != y);
      if (D(i - 1, j) + 1 < best)
        best = D(i - 1, j) + 1;
      if (D(i, j - 1) + 1 < best)
        best = D(i, j - 1) + 1;
      /* Two neighbours swapped ("jsno" for "json") is one edit. */
      if (i > 1 && j > 1 && x == tolower((unsigned char)b[j - 2]) && tolower((unsigned char)a[i - 2]) == y &&
          D(i - 2, j - 2) + 1 < best)
        best = D(i - 2, j - 2) + 1;
      D(i, j) = best;
    }
  size_t distance = D(m, n);
#undef D
  free(d);
  return distance;
}

static bool is_prefix_ignoring_case(const char *prefix, const char *text) {
  size_t n = strlen(prefix);
  return n > 0 && strncasecmp(prefix, text, n) == 0;
}

const char *closest_word(const char *word, const char *const *choices) {
  size_t length = strlen(word);
  size_t allowed = length / 3;
  if (allowed < 1)
    allowed = 1;
  if (allowed > 3)
    allowed = 3;
  const char *best = NULL;
  size_t best_distance = (size_t)-1;
  for (size_t i = 0; choices[i]; i++) {
    size_t distance = edit_distance(word, choices[i]);
    if (distance < best_distance) {
      best_distance = distance;
      best = choices[i];
    }
  }
  if (best && best_distance <= allowed)
    return best;
  /* "heap-use" for "heap-use-after-free", "data races" for "data race". */
  for (size_t i = 0; choices[i]; i++)
    if (length >= 3 && (is_prefix_ignoring_case(word, choices[i]) || is_prefix_ignoring_case(choices[i], word)))
      return choices[i];
  return NULL;
}

char *join_words(const char *const *choices) {
  struct strbuf out = {0};
  for (size_t i = 0; choices[i]; i++)
    strbuf_printf(&out, "%s%s", i ? ", " : "", choices[i]);
  return strbuf_release(&out);
}

char *unknown_kind_hint(const char *kind) {
  size_t count = 0;
  while (tsan_known_kinds[count])
    count++;
  const char **choices = xcalloc(count + 2, sizeof *choices);
  choices[0] = "none";
  for (size_t i = 0; i < count; i++)
    choices[i + 1] = tsan_known_kinds[i];
  char *list = join_words(choices);
  struct strbuf out = {0};
  for (size_t i = 0; choices[i]; i++) {
    size_t n = strlen(choices[i]);
    if (strncmp(kind, choices[i], n) == 0 && kind[n] && strchr(" :;,-(", kind[n])) {
      const char *note = kind + n;
      while (*note && strchr(" :;,-", *note))
        note++;
      strbuf_printf(&out, "; a note needs \" -- \" before it, as in \"%s -- %s\"", choices[i], note);
      break;
    }
  }
  if (!out.length) {
    const char *near = closest_word(kind, choices);
    if (near)
      strbuf_printf(&out, "; did you mean \"%s\"?", near);
  }
  strbuf_printf(&out, "; valid kinds: %s", list);
  free(list);
  free(choices);
  return strbuf_release(&out);
}
