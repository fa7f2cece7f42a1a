#include "cli/catalog.h"
#include "base/util.h"
#include "output/output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int catalog_read(const char *path, struct catalog *catalog, char **error) {
  *catalog = (struct catalog){0};
  FILE *file = fopen(path, "r");
  if (!file) {
    *error = xprintf("%s:1: cannot read the manifest: %s", path, strerror(errno));
    return -1;
  }
  char *line = NULL;
  size_t capacity = 0, number = 0;
  ssize_t length;
  int status = 0;
  while ((length = getline(&line, &capacity, file)) >= 0) {
    number++;
    while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r'))
      line[--length] = '\0';
    if (length == 0 || line[0] == '#')
      continue;
    /* Every tab separates two fields: a line of 2 or 5 fields is an error that says how many it has, never
     * a line read short or with its tail dropped. */
    size_t field_count = 1;
    for (const char *p = line; *p; p++)
      field_count += *p == '\t';
    static const char *const field_names[] = {"NAME", "BINARY", "SOURCE", "TOOLCHAIN"};
    if (field_count < 3 || field_count > 4) {
      *error = xprintf("%s:%zu: %zu tab-separated field%s, expected 3 or 4: NAME<TAB>BINARY<TAB>SOURCE[<TAB>TOOLCHAIN]",
                       path, number, field_count, field_count == 1 ? "" : "s");
      status = -1;
      break;
    }
    char *fields[4] = {0};
    char *cursor = line;
    for (size_t i = 0; i < field_count; i++) {
      fields[i] = cursor;
      char *tab = strchr(cursor, '\t');
      if (tab)
        *tab = '\0';
      cursor = tab ? tab + 1 : NULL;
    }
    int empty = !*fields[0] ? 0 : !*fields[1] ? 1 : !*fields[2] ? 2 : -1;
    if (empty >= 0) {
      *error = xprintf("%s:%zu: the %s field is empty: expected NAME<TAB>BINARY<TAB>SOURCE[<TAB>TOOLCHAIN]", path,
                       number, field_names[empty]);
      status = -1;
      break;
    }
    GROW(catalog->entries, catalog->count, catalog->capacity);
    catalog->entries[catalog->count++] =
        (struct catalog_entry){xstrdup(fields[0]), xstrdup(fields[1]), xstrdup(fields[2]),
                               fields[3] && *fields[3] ? xstrdup(fields[3]) : NULL};
  }
  free(line);
  fclose(file);
  return status;
}

void catalog_free(struct catalog *catalog) {
  for (size_t i = 0; i < catalog->count; i++) {
    free(catalog->entries[i].name);
    free(catalog->entries[i].binary);
    free(catalog->entries[i].source);
    free(catalog->entries[i].toolchain);
  }
  free(catalog->entries);
  *catalog = (struct catalog){0};
}

size_t catalog_count_matching(const struct catalog *catalog, const char *filter) {
  size_t count = 0;
  for (size_t i = 0; i < catalog->count; i++)
    count += !filter || strstr(catalog->entries[i].name, filter);
  return count;
}

struct row {
  char *name, *expected, *reported, *verdict, *detail;
  enum outcome outcome;
};

static const char *paint(enum outcome outcome, bool color) {
  if (!color)
    return "";
  return outcome == OUTCOME_MET ? "\033[32m" : outcome == OUTCOME_SKIPPED ? "\033[33m" : "\033[31m";
}

static void pad(FILE *out, const char *text, size_t width) {
  fputs(text, out);
  for (size_t n = strlen(text); n < width; n++)
    fputc(' ', out);
}

/* "-O1" when the binary's folder is named O0, O1, O2, O3, Os, Oz, Og or Ofast, else NULL. */
static char *level_of_folder(const char *binary) {
  static const char *const levels[] = {"O0", "O1", "O2", "O3", "Os", "Oz", "Og", "Ofast", NULL};
  const char *slash = binary ? strrchr(binary, '/') : NULL;
  if (!slash)
    return NULL;
  const char *start = slash;
  while (start > binary && start[-1] != '/')
    start--;
  for (size_t i = 0; levels[i]; i++)
    if ((size_t)(slash - start) == strlen(levels[i]) && strncmp(start, levels[i], strlen(levels[i])) == 0)
      return xprintf("-%s", levels[i]);
  return NULL;
}

enum outcome catalog_run(const struct catalog *catalog, const struct verify_request *base, const char *filter,
                         FILE *out, bool color, int *interrupted_by) {
  struct row *rows = xcalloc(catalog->count + 1, sizeof *rows);
  size_t count = 0, passed = 0, failed = 0, skipped = 0;
  size_t widths[3] = {strlen("case"), strlen("expected"), strlen("reported")};
  enum outcome worst = OUTCOME_MET;
  for (size_t i = 0; i < catalog->count; i++) {
    const struct catalog_entry *entry = &catalog->entries[i];
    if (filter && !strstr(entry->name, filter))
      continue;
    struct verify_request request = *base;
    request.case_path = entry->source;
    request.binary = entry->binary;
    request.toolchain = entry->toolchain ? entry->toolchain : base->toolchain;
    /* A manifest's binaries sit in a folder named after their level (cases/O1/...): level-qualified markers need it. */
    char *level = level_of_folder(entry->binary);
    if (!request.opt_level)
      request.opt_level = level;
    struct case_result result;
    enum outcome outcome = verify_case(&request, &result);
    free(level);
    struct row *row = &rows[count++];
    row->name = xstrdup(entry->name);
    row->expected = summarize_expected(&result.spec, &result.toolchain);
    row->reported = result.ran ? summarize_reports(&result.log) : xstrdup("-");
    row->outcome = outcome;
    row->verdict = xstrdup(outcome == OUTCOME_MET ? "pass" : outcome == OUTCOME_SKIPPED ? "skip" : "FAIL");
    if (outcome != OUTCOME_MET && result.verdict.diagnostic_count)
      row->detail = xstrdup(result.verdict.diagnostics[0].message);
    passed += outcome == OUTCOME_MET;
    skipped += outcome == OUTCOME_SKIPPED;
    if (outcome != OUTCOME_MET && outcome != OUTCOME_SKIPPED) {
      failed++;
      if (outcome == OUTCOME_CANNOT_CHECK || worst == OUTCOME_MET)
        worst = outcome;
    }
    const char *cells[3] = {row->name, row->expected, row->reported};
    for (int c = 0; c < 3; c++)
      if (strlen(cells[c]) > widths[c])
        widths[c] = strlen(cells[c]);
    *interrupted_by = result.interrupted_by;
    case_result_free(&result);
    if (*interrupted_by)
      break;
  }
  pad(out, "case", widths[0] + 2);
  pad(out, "expected", widths[1] + 2);
  pad(out, "reported", widths[2] + 2);
  fputs("verdict\n", out);
  for (size_t i = 0; i < count; i++) {
    struct row *row = &rows[i];
    pad(out, row->name, widths[0] + 2);
    pad(out, row->expected, widths[1] + 2);
    pad(out, row->reported, widths[2] + 2);
    fprintf(out, "%s%s%s", paint(row->outcome, color), row->verdict, color ? "\033[0m" : "");
    if (row->detail)
      fprintf(out, "  %s", row->detail);
    fputc('\n', out);
    free(row->name);
    free(row->expected);
    free(row->reported);
    free(row->verdict);
    free(row->detail);
  }
  fprintf(out, "%zu passed, %zu failed", passed, failed);
  if (skipped)
    fprintf(out, ", %zu skipped", skipped);
  fputc('\n', out);
  free(rows);
  return worst;
}
