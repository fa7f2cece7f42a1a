#include "support.h"
#include "base/util.h"

#define STR_OR_NULL(s) ((s) ? (s) : "(null)")

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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

/* ---- end to end: verify_case on a case ---- */

void unset_user_environment(void) {
  unsetenv("TSAN_OPTIONS");
  unsetenv("UBSAN_OPTIONS");
  unsetenv("TSAN_SYMBOLIZER_PATH");
  unsetenv("UBSAN_SYMBOLIZER_PATH");
  unsetenv("CC");
}

enum outcome verify_path(const char *path, const char *compiler, double timeout_seconds, struct case_result *result) {
  struct verify_request request = {.case_path = path, .compiler = compiler, .timeout_seconds = timeout_seconds};
  return verify_case(&request, result);
}

enum outcome verify_program(const char *name, const char *compiler, double timeout_seconds,
                            struct case_result *result) {
  char *path = program_path(name);
  enum outcome outcome = verify_path(path, compiler, timeout_seconds, result);
  free(path);
  return outcome;
}

char *verdict_diagnostics(const struct verdict *verdict) {
  struct strbuf out = {0};
  strbuf_puts(&out, "");
  for (size_t i = 0; i < verdict->diagnostic_count; i++)
    strbuf_printf(&out, "\n  %s:%zu: %s", STR_OR_NULL(verdict->diagnostics[i].file), verdict->diagnostics[i].line,
                  verdict->diagnostics[i].message);
  return strbuf_release(&out);
}

char *result_diagnostics(const struct case_result *result) {
  char *said = verdict_diagnostics(&result->verdict);
  if (!result->ran)
    return said;
  char *all = xprintf("%s\n  stdout: %s\n  stderr:\n%s", said, STR_OR_NULL(result->run.out.data),
                      STR_OR_NULL(result->run.err.data));
  free(said);
  return all;
}

void assert_outcome(const struct case_result *result, enum outcome expected) {
  char *why = result_diagnostics(result);
  cr_assert_eq(result->verdict.outcome, expected, "expected %s, got %s:%s", outcome_name(expected),
               outcome_name(result->verdict.outcome), why);
  free(why);
}

void assert_diagnostic(const struct case_result *result, const char *text) {
  assert_diagnostic_about(result, NULL, text, NULL);
}

void assert_diagnostic_about(const struct case_result *result, const char *file, const char *text, const char *also) {
  for (size_t i = 0; i < result->verdict.diagnostic_count; i++) {
    const struct diagnostic *d = &result->verdict.diagnostics[i];
    if ((!file || (d->file && ends_with(d->file, file))) && contains(d->message, text) &&
        (!also || contains(d->message, also)))
      return;
  }
  char *why = result_diagnostics(result);
  cr_assert_fail("a diagnostic%s%s should say \"%s\"%s%s; they are:%s", file ? " about " : "", file ? file : "", text,
                 also ? " and " : "", also ? also : "", why);
  free(why);
}

/* ---- programs the tests run ---- */

char *copy_program(const char *name, const char *folder, const char *as) {
  char *source = program_path(name);
  size_t length;
  char *text = read_file_or_fail(source, &length);
  char *path = xprintf("%s/%s", folder, as);
  write_file_or_fail(path, text, length);
  free(text);
  free(source);
  return path;
}

char *write_scratch_file(char **scratch, const char *name, const char *text) {
  if (!*scratch)
    *scratch = make_scratch_dir();
  char *path = xprintf("%s/%s", *scratch, name);
  write_file_or_fail(path, text, strlen(text));
  return path;
}

void run_command(const char *command, const char *const *arguments, const char *working_directory,
                 double timeout_seconds, struct run_result *run) {
  size_t count = 0;
  while (arguments[count])
    count++;
  char **argv = xcalloc(count + 2, sizeof *argv);
  argv[0] = (char *)command;
  for (size_t i = 0; i < count; i++)
    argv[i + 1] = (char *)arguments[i];
  struct run_request request = {.argv = argv,
                                .timeout_seconds = timeout_seconds,
                                .capture_limit = 1 << 20,
                                .working_directory = working_directory};
  char *error = NULL;
  cr_assert_eq(run_program(&request, run, &error), 0, "cannot run %s: %s", command, STR_OR_NULL(error));
  free(argv);
}

void run_harness(const char *const *arguments, const char *working_directory, double timeout_seconds,
                 struct run_result *run) {
  run_command(TSAN_VERIFY_EXE, arguments, working_directory, timeout_seconds, run);
}

void run_or_fail(char *const *argv, double timeout_seconds) {
  struct run_request request = {.argv = argv, .timeout_seconds = timeout_seconds, .capture_limit = 1 << 16};
  struct run_result run;
  char *error = NULL;
  cr_assert_eq(run_program(&request, &run, &error), 0, "cannot run %s: %s", argv[0], STR_OR_NULL(error));
  struct strbuf command = {0};
  for (size_t i = 0; argv[i]; i++)
    strbuf_printf(&command, "%s%s", i ? " " : "", argv[i]);
  cr_assert(run.end == RUN_EXITED && run.code == 0, "`%s` failed: %s", command.data, run.err.data);
  strbuf_free(&command);
  run_result_free(&run);
}

struct cli_result run_parse_cli(const char *option, const char *path) {
  char *scratch = make_scratch_dir();
  char *out_path = xprintf("%s/out", scratch), *err_path = xprintf("%s/err", scratch);
  char *folder = fixture_path("");
  pid_t child = fork();
  cr_assert_neq(child, -1, "fork failed");
  if (child == 0) {
    int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600),
        err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0 || err < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0 || chdir(folder) != 0)
      _exit(126);
    if (option)
      execl(TSAN_VERIFY_EXE, TSAN_VERIFY_EXE, "parse", option, path, (char *)NULL);
    else
      execl(TSAN_VERIFY_EXE, TSAN_VERIFY_EXE, "parse", path, (char *)NULL);
    _exit(127);
  }
  int status = 0;
  cr_assert_eq(waitpid(child, &status, 0), child, "waitpid failed");
  cr_assert(WIFEXITED(status), "tsan-verify parse %s should exit, not die by a signal", path);
  size_t length;
  struct cli_result result = {WEXITSTATUS(status), read_file_or_fail(out_path, &length),
                              read_file_or_fail(err_path, &length)};
  remove_scratch_dir(scratch);
  free(folder);
  free(err_path);
  free(out_path);
  return result;
}

void cli_result_free(struct cli_result *result) {
  free(result->out);
  free(result->err);
}
