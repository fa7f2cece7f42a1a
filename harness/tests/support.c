#include "support.h"
#include "util.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *fixture_path(const char *name) { return xprintf("%s/%s", HARNESS_FIXTURES_DIR, name); }

char *program_path(const char *name) { return xprintf("%s/%s", HARNESS_PROGRAMS_DIR, name); }

char *read_file_or_fail(const char *path, size_t *length) {
  FILE *file = fopen(path, "rb");
  cr_assert_not_null(file, "cannot open %s: %s", path, strerror(errno));
  struct strbuf text = {0};
  char chunk[65536];
  size_t got;
  while ((got = fread(chunk, 1, sizeof chunk, file)) > 0)
    strbuf_append(&text, chunk, got);
  cr_assert(!ferror(file), "cannot read %s", path);
  fclose(file);
  if (length)
    *length = text.length;
  return strbuf_release(&text);
}

char *read_fixture(const char *name, size_t *length) {
  char *path = fixture_path(name);
  char *text = read_file_or_fail(path, length);
  free(path);
  return text;
}

void parse_fixture(const char *name, struct tsan_log *log) {
  size_t length;
  char *text = read_fixture(name, &length);
  char *error = NULL;
  int status = tsan_parse(text, length, log, &error);
  cr_assert_eq(status, 0, "fixture %s should parse, got: %s", name, error ? error : "(no message)");
  free(text);
}

void parse_text(const char *text, struct tsan_log *log) {
  char *error = NULL;
  int status = tsan_parse(text, strlen(text), log, &error);
  cr_assert_eq(status, 0, "the text should parse, got: %s", error ? error : "(no message)");
}

char *make_scratch_dir(void) {
  const char *tmp = getenv("TMPDIR");
  char *path = xprintf("%s/harness-test.XXXXXX", tmp && *tmp ? tmp : "/tmp");
  cr_assert_not_null(mkdtemp(path), "cannot create a scratch folder %s: %s", path, strerror(errno));
  return path;
}

static int remove_entry(const char *path, const struct stat *info, int flag, struct FTW *walk) {
  (void)info, (void)flag, (void)walk;
  return remove(path);
}

void remove_scratch_dir(char *path) {
  if (!path)
    return;
  nftw(path, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
  free(path);
}

void write_file_or_fail(const char *path, const char *text, size_t length) {
  FILE *file = fopen(path, "wb");
  cr_assert_not_null(file, "cannot create %s: %s", path, strerror(errno));
  cr_assert_eq(fwrite(text, 1, length, file), length, "cannot write %s", path);
  cr_assert_eq(fclose(file), 0, "cannot close %s", path);
}

char *replace_first(const char *text, const char *from, const char *to) {
  const char *at = strstr(text, from);
  cr_assert_not_null(at, "the text to change holds no \"%s\"", from);
  return xprintf("%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
}

char *replace_all(const char *text, const char *from, const char *to) {
  struct strbuf out = {0};
  size_t n = strlen(from);
  const char *p = text;
  for (const char *at; n && (at = strstr(p, from)); p = at + n) {
    strbuf_append(&out, p, (size_t)(at - p));
    strbuf_puts(&out, to);
  }
  strbuf_puts(&out, p);
  return strbuf_release(&out);
}

bool ends_with(const char *text, const char *suffix) {
  size_t t = strlen(text), s = strlen(suffix);
  return t >= s && strcmp(text + t - s, suffix) == 0;
}

bool contains(const char *text, const char *needle) { return text && strstr(text, needle) != NULL; }

const struct tsan_section *section_at(const struct tsan_log *log, size_t report, size_t section) {
  cr_assert_lt(report, log->report_count, "report %zu asked for, the log has %zu", report, log->report_count);
  const struct tsan_report *r = &log->reports[report];
  cr_assert_lt(section, r->section_count, "section %zu of report %zu asked for, it has %zu", section, report,
               r->section_count);
  return &r->sections[section];
}

const struct tsan_frame *frame_at(const struct tsan_log *log, size_t report, size_t section, size_t index) {
  const struct tsan_section *s = section_at(log, report, section);
  cr_assert_lt(index, s->frame_count, "frame %zu of section %zu (\"%s\") of report %zu asked for, it has %zu", index,
               section, s->title, report, s->frame_count);
  return &s->frames[index];
}

char *case_text_with_markers(size_t lines, const char *markers) {
  struct strbuf out = {0};
  for (size_t line = 1; line <= lines; line++) {
    strbuf_printf(&out, "  step(%zu);", line);
    /* Finds "LINE" followed by '[' or ':' at the start of an item of `markers`. */
    for (const char *item = markers; item && *item;) {
      char *after;
      unsigned long number = strtoul(item, &after, 10);
      const char *stop = strchr(item, ';');
      size_t length = stop ? (size_t)(stop - after) : strlen(after);
      if (number == line && after != item)
        strbuf_printf(&out, " // expect-tsan%.*s", (int)length, after);
      item = stop ? stop + 1 : NULL;
    }
    strbuf_puts(&out, "\n");
  }
  return strbuf_release(&out);
}

static int by_name(const void *a, const void *b) {
  return strcmp(((const struct raw_input *)a)->name, ((const struct raw_input *)b)->name);
}

size_t read_fuzz_regressions(struct raw_input **inputs) {
  DIR *folder = opendir(HARNESS_FUZZ_REGRESSIONS_DIR);
  cr_assert_not_null(folder, "cannot list %s: %s", HARNESS_FUZZ_REGRESSIONS_DIR, strerror(errno));
  size_t count = 0, capacity = 0;
  *inputs = NULL;
  struct dirent *entry;
  while ((entry = readdir(folder))) {
    if (entry->d_name[0] == '.')
      continue;
    char *path = xprintf("%s/%s", HARNESS_FUZZ_REGRESSIONS_DIR, entry->d_name);
    size_t length;
    char *text = read_file_or_fail(path, &length);
    GROW(*inputs, count, capacity);
    struct raw_input *input = &(*inputs)[count++];
    input->name = xstrdup(entry->d_name);
    input->bytes = xmalloc(length ? length : 1);
    memcpy(input->bytes, text, length);
    input->length = length;
    free(text);
    free(path);
  }
  closedir(folder);
  cr_assert_gt(count, 0, "%s holds no regression input", HARNESS_FUZZ_REGRESSIONS_DIR);
  qsort(*inputs, count, sizeof **inputs, by_name);
  return count;
}

void free_raw_inputs(struct raw_input *inputs, size_t count) {
  for (size_t i = 0; i < count; i++) {
    free(inputs[i].name);
    free(inputs[i].bytes);
  }
  free(inputs);
}
