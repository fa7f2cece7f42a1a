/* explain_output.c: explanations as text and as JSON. */
#include "explain/explain_output.h"

#include "base/util.h"
#include "output/json_string.h"

#include <stdlib.h>

static const char *bold(bool color) { return color ? "\033[1m" : ""; }
static const char *cyan(bool color) { return color ? "\033[36m" : ""; }
static const char *plain(bool color) { return color ? "\033[0m" : ""; }

/* The lesson lines of `pattern`: written once per pattern and output, whatever the number of reports. */
static char *lessons_text(const struct pattern *pattern, const char *indent, bool color) {
  char *text = NULL;
  size_t length = 0;
  FILE *out = open_memstream(&text, &length);
  if (!out)
    return xstrdup("");
  for (size_t j = 0; j < pattern->case_count; j++) {
    const struct pattern_case *item = &pattern->cases[j];
    char *page = case_site_page(item->fix);
    fprintf(out, "%s  %slesson:%s %s, fixed in %s: %s (site page %s)\n", indent, bold(color), plain(color),
            item->mistake, item->fix, item->fix_line, page);
    free(page);
  }
  fclose(out);
  return text;
}

static char *lessons_json(const struct pattern *pattern) {
  char *text = NULL;
  size_t length = 0;
  FILE *out = open_memstream(&text, &length);
  if (!out)
    return xstrdup("[]");
  fputc('[', out);
  for (size_t j = 0; j < pattern->case_count; j++) {
    const struct pattern_case *item = &pattern->cases[j];
    char *page = case_site_page(item->fix);
    fputs(j ? ",{\"mistake\":" : "{\"mistake\":", out);
    write_json_string(out, item->mistake);
    fputs(",\"fix\":", out);
    write_json_string(out, item->fix);
    fputs(",\"fix_line\":", out);
    write_json_string(out, item->fix_line);
    fprintf(out, ",\"fix_line_from\":\"%s\",\"page\":", item->fix_line_from_header ? "case header" : "patterns file");
    write_json_string(out, page);
    fputc('}', out);
    free(page);
  }
  fputc(']', out);
  fclose(out);
  return text;
}

/* Each pattern's lessons, rendered at first use: a log of many reports repeats a few patterns. */
struct lesson_cache {
  const struct pattern_set *patterns;
  char **texts;
};

static const char *cached_lessons(struct lesson_cache *cache, const struct pattern *pattern, const char *indent,
                                  bool color, bool json) {
  size_t index = (size_t)(pattern - cache->patterns->patterns);
  if (!cache->texts[index])
    cache->texts[index] = json ? lessons_json(pattern) : lessons_text(pattern, indent, color);
  return cache->texts[index];
}

static void lesson_cache_free(struct lesson_cache *cache) {
  for (size_t i = 0; i < cache->patterns->count; i++)
    free(cache->texts[i]);
  free(cache->texts);
}

/* indent, label and text on a line of their own: the lines of a 50 MB log's explanations are millions. */
static void write_line(FILE *out, const char *indent, const char *label, const char *text) {
  fputs(indent, out);
  fputs(label, out);
  fputs(text, out);
  putc('\n', out);
}

static void write_text_with(FILE *out, const struct explanation *explanation, const char *indent, bool color,
                            struct lesson_cache *cache) {
  fprintf(out, "%s%sreading:%s\n", indent, bold(color), plain(color));
  for (size_t i = 0; i < explanation->reading_count; i++)
    write_line(out, indent, "  ", explanation->reading[i]);
  if (explanation->not_matched) {
    fprintf(out, "%s%spattern:%s not tried: %s\n", indent, bold(color), plain(color), explanation->not_matched);
    return;
  }
  if (explanation->match_count == 0) {
    fprintf(out, "%s%spattern:%s no specific pattern (no documented premise holds of this report's structure)\n",
            indent, bold(color), plain(color));
    return;
  }
  for (size_t i = 0; i < explanation->match_count; i++) {
    const struct pattern_match *match = &explanation->matches[i];
    const struct pattern *pattern = match->pattern;
    fprintf(out, "%s%spattern:%s %s%s%s: %s\n", indent, bold(color), plain(color), cyan(color), pattern->id,
            plain(color), pattern->words);
    for (size_t j = 0; j < match->because_count; j++)
      write_line(out, indent, "  because: ", match->because[j]);
    if (cache) {
      fputs(cached_lessons(cache, pattern, indent, color, false), out);
    } else {
      char *lessons = lessons_text(pattern, indent, color);
      fputs(lessons, out);
      free(lessons);
    }
  }
}

void write_explanation_text(FILE *out, const struct explanation *explanation, const char *indent, bool color) {
  write_text_with(out, explanation, indent, color, NULL);
}

/* The explanation of report `i` of `log`; the last one of a damaged log is only read. */
static void explain_nth(const struct tsan_log *log, size_t i, const struct pattern_set *patterns, bool damaged,
                        struct explanation *explanation) {
  bool cut = damaged && i + 1 == log->report_count;
  explain_report(&log->reports[i], cut ? NULL : patterns, explanation);
  if (cut)
    explanation->not_matched = explain_cut_report;
}

void write_explanations_text(FILE *out, const struct tsan_log *log, const struct pattern_set *patterns, bool damaged,
                             bool color) {
  struct lesson_cache cache = {patterns, xcalloc(patterns->count + 1, sizeof(char *))};
  for (size_t i = 0; i < log->report_count; i++) {
    const struct tsan_report *report = &log->reports[i];
    struct explanation explanation;
    explain_nth(log, i, patterns, damaged, &explanation);
    fprintf(out, "%sreport %zu (line %zu): %s%s\n", bold(color), i + 1, report->first_line,
            report->kind ? report->kind : "?", plain(color));
    write_text_with(out, &explanation, "  ", color, &cache);
    explanation_free(&explanation);
  }
  lesson_cache_free(&cache);
}

static void write_string_array(FILE *out, char *const *items, size_t count) {
  fputc('[', out);
  for (size_t i = 0; i < count; i++) {
    if (i)
      fputc(',', out);
    write_json_string(out, items[i]);
  }
  fputc(']', out);
}

static void write_json_with(FILE *out, const struct explanation *explanation, struct lesson_cache *cache) {
  const struct tsan_report *report = explanation->report;
  fputs("{\"kind\":", out);
  write_json_string(out, report->kind ? report->kind : "");
  fprintf(out, ",\"first_line\":%zu,\"reading\":", report->first_line);
  write_string_array(out, explanation->reading, explanation->reading_count);
  if (explanation->not_matched) {
    fputs(",\"not_matched\":", out);
    write_json_string(out, explanation->not_matched);
  }
  fputs(",\"patterns\":[", out);
  for (size_t i = 0; i < explanation->match_count; i++) {
    const struct pattern_match *match = &explanation->matches[i];
    if (i)
      fputc(',', out);
    fputs("{\"id\":", out);
    write_json_string(out, match->pattern->id);
    fputs(",\"words\":", out);
    write_json_string(out, match->pattern->words);
    fputs(",\"because\":", out);
    write_string_array(out, match->because, match->because_count);
    fputs(",\"cases\":", out);
    if (cache) {
      fputs(cached_lessons(cache, match->pattern, "", false, true), out);
    } else {
      char *lessons = lessons_json(match->pattern);
      fputs(lessons, out);
      free(lessons);
    }
    fputc('}', out);
  }
  fputs("]}", out);
}

void write_explanation_json(FILE *out, const struct explanation *explanation) {
  write_json_with(out, explanation, NULL);
}

void write_explanations_json(FILE *out, const struct tsan_log *log, const struct pattern_set *patterns, bool damaged) {
  fputs("{\"patterns_file\":", out);
  write_json_string(out, patterns->path ? patterns->path : "");
  fputs(",\"explanations\":[", out);
  struct lesson_cache cache = {patterns, xcalloc(patterns->count + 1, sizeof(char *))};
  for (size_t i = 0; i < log->report_count; i++) {
    struct explanation explanation;
    explain_nth(log, i, patterns, damaged, &explanation);
    if (i)
      fputc(',', out);
    write_json_with(out, &explanation, &cache);
    explanation_free(&explanation);
  }
  lesson_cache_free(&cache);
  fputs("]}\n", out);
}
