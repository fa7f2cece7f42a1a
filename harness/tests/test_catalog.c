/* test_catalog.c: catalog.c, the manifest reader and the verdict table. */
#include "base/util.h"
#include "cli/catalog.h"
#include "process/run.h"
#include "support.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STR_OR_NULL(s) ((s) ? (s) : "(null)")

static char *scratch;
static struct catalog catalog;
static char *error;

static void setup(void) {
  unsetenv("TSAN_OPTIONS");
  scratch = make_scratch_dir();
}

static void cleanup(void) {
  catalog_free(&catalog);
  free(error);
  error = NULL;
  remove_scratch_dir(scratch);
  scratch = NULL;
}

TestSuite(catalog, .init = setup, .fini = cleanup, .timeout = 60);

static char *write_manifest(const char *text) {
  char *path = xprintf("%s/manifest.tsv", scratch);
  write_file_or_fail(path, text, strlen(text));
  return path;
}

Test(catalog, reads_rows_and_skips_comments_and_blank_lines) {
  char *path = write_manifest("# name\tbinary\tsource\ttoolchain\n"
                              "\n"
                              "locks/a\t/b/a\t/s/a.c\tclang-14\n"
                              "locks/b\t/b/b\t/s/b.c\r\n");
  cr_assert_eq(catalog_read(path, &catalog, &error), 0, "the manifest should read: %s", STR_OR_NULL(error));
  cr_assert_eq(catalog.count, 2, "two rows, got %zu", catalog.count);
  cr_assert_str_eq(catalog.entries[0].name, "locks/a", "name");
  cr_assert_str_eq(catalog.entries[0].binary, "/b/a", "binary");
  cr_assert_str_eq(catalog.entries[0].source, "/s/a.c", "source");
  cr_assert_str_eq(STR_OR_NULL(catalog.entries[0].toolchain), "clang-14", "toolchain");
  cr_assert_str_eq(catalog.entries[1].source, "/s/b.c", "the CR of a CRLF line is not part of the source");
  cr_assert_null(catalog.entries[1].toolchain, "a row without a toolchain has NULL");
  free(path);
}

Test(catalog, rejects_a_row_with_missing_fields) {
  char *path = write_manifest("a\t/b/a\t/s/a.c\nb\t/b/b\n");
  cr_assert_eq(catalog_read(path, &catalog, &error), -1, "a row without a source is an error");
  char *expected =
      xprintf("%s:2: 2 tab-separated fields, expected 3 or 4: NAME<TAB>BINARY<TAB>SOURCE[<TAB>TOOLCHAIN]", path);
  cr_assert_str_eq(STR_OR_NULL(error), expected, "the error names the row, got %s", STR_OR_NULL(error));
  free(expected);
  free(path);
}

Test(catalog, rejects_a_row_with_an_empty_field) {
  char *path = write_manifest("a\t\t/s/a.c\n");
  cr_assert_eq(catalog_read(path, &catalog, &error), -1, "an empty binary is an error");
  cr_assert(ends_with(STR_OR_NULL(error),
                      ":1: the BINARY field is empty: expected NAME<TAB>BINARY<TAB>SOURCE[<TAB>TOOLCHAIN]"),
            "got %s", STR_OR_NULL(error));
  free(path);
}

Test(catalog, says_why_a_missing_manifest_cannot_be_read) {
  cr_assert_eq(catalog_read("/nonexistent/manifest.tsv", &catalog, &error), -1, "a missing manifest is an error");
  cr_assert_str_eq(STR_OR_NULL(error),
                   "/nonexistent/manifest.tsv:1: cannot read the manifest: No such file or directory", "got %s",
                   STR_OR_NULL(error));
}

/* programs/racy.c built with TSan into the scratch folder. */
/* programs/NAME.c built with TSan as NAME in the scratch folder. */
static char *build_named(const char *name) {
  char *file = xprintf("%s.c", name);
  char *source = program_path(file);
  free(file);
  char *binary = xprintf("%s/%s", scratch, name);
  char *argv[] = {"clang", "-fsanitize=thread", "-g", "-O1", "-pthread", source, "-o", binary, NULL};
  struct run_request request = {.argv = argv, .tsan_options = NULL, .timeout_seconds = 120, .capture_limit = 1 << 16};
  struct run_result run;
  char *why = NULL;
  cr_assert_eq(run_program(&request, &run, &why), 0, "cannot run clang: %s", STR_OR_NULL(why));
  cr_assert(run.end == RUN_EXITED && run.code == 0, "clang failed: %s", run.err.data);
  run_result_free(&run);
  free(source);
  return binary;
}

static char *build_racy(void) { return build_named("racy"); }

static char *run_table(const char *filter, bool color, enum outcome *worst) {
  char *text = NULL;
  size_t length = 0;
  FILE *out = open_memstream(&text, &length);
  cr_assert_not_null(out, "open_memstream failed");
  struct verify_request base = {.timeout_seconds = 20};
  int interrupted_by = -1;
  *worst = catalog_run(&catalog, &base, filter, out, color, &interrupted_by);
  fclose(out);
  cr_assert_eq(interrupted_by, 0, "no signal interrupted the run, got %d", interrupted_by);
  return text;
}

/* A manifest of: racy (passes), a racy program whose source claims `none` (fails), a clang>=18 case (skipped). Each
 * case's own program: a program's other sources are read for markers too. */
static void read_mixed_manifest(void) {
  char *binary = build_racy(), *claims_none = build_named("racy_marked_none"),
       *newer_binary = build_named("needs_clang18");
  char *racy = program_path("racy.c"), *none = program_path("racy_marked_none.c");
  char *newer = program_path("needs_clang18.c");
  char *text = xprintf("demo/racy\t%s\t%s\n"
                       "demo/claims_none\t%s\t%s\n"
                       "demo/newer\t%s\t%s\tclang-14\n",
                       binary, racy, claims_none, none, newer_binary, newer);
  char *path = write_manifest(text);
  cr_assert_eq(catalog_read(path, &catalog, &error), 0, "%s", STR_OR_NULL(error));
  free(path);
  free(text);
  free(newer);
  free(none);
  free(racy);
  free(claims_none);
  free(newer_binary);
  free(binary);
}

Test(catalog, prints_a_row_per_case_and_a_count) {
  read_mixed_manifest();
  enum outcome worst;
  char *table = run_table(NULL, false, &worst);
  cr_assert(starts_with(table, "case "), "the table starts with its header, got:\n%s", table);
  cr_assert(contains(table, "\ndemo/racy ") && contains(table, "data race  pass\n"), "the racy case passes, got:\n%s",
            table);
  cr_assert(contains(table, "\ndemo/claims_none ") && contains(table, "FAIL  expected no report"),
            "the case claiming none fails with its first diagnostic, got:\n%s", table);
  cr_assert(contains(table, "skip  skipped on clang-14"), "the clang>=18 case is skipped, got:\n%s", table);
  cr_assert(ends_with(table, "\n1 passed, 1 failed, 1 skipped\n"), "got:\n%s", table);
  cr_assert(!contains(table, "\033["), "no color codes when color is off");
  cr_assert_eq(worst, OUTCOME_NOT_MET, "the worst outcome is the failure, got %s", outcome_name(worst));
  free(table);
}

Test(catalog, runs_only_the_cases_matching_the_filter) {
  read_mixed_manifest();
  enum outcome worst;
  char *table = run_table("racy", true, &worst);
  cr_assert(contains(table, "demo/racy"), "the matching case runs, got:\n%s", table);
  cr_assert(!contains(table, "demo/claims_none"), "the others do not, got:\n%s", table);
  cr_assert(contains(table, "\033[32mpass\033[0m"), "a pass is green when color is on, got:\n%s", table);
  cr_assert(ends_with(table, "\n1 passed, 0 failed\n"), "no skip count without skips, got:\n%s", table);
  cr_assert_eq(worst, OUTCOME_MET, "all met, got %s", outcome_name(worst));
  free(table);
}

Test(catalog, does_not_fail_a_run_for_skipped_cases) {
  read_mixed_manifest();
  enum outcome worst;
  char *table = run_table("newer", false, &worst);
  cr_assert_eq(worst, OUTCOME_MET, "skips do not fail the run, got %s", outcome_name(worst));
  cr_assert(ends_with(table, "\n0 passed, 0 failed, 1 skipped\n"), "got:\n%s", table);
  free(table);
}

Test(catalog, reports_cannot_check_as_the_worst_outcome) {
  char *racy = program_path("racy.c"), *none = program_path("racy_marked_none.c");
  char *binary = build_racy();
  char *text = xprintf("demo/claims_none\t%s\t%s\n"
                       "demo/missing\t/nonexistent/binary\t%s\n",
                       binary, none, racy);
  char *path = write_manifest(text);
  cr_assert_eq(catalog_read(path, &catalog, &error), 0, "%s", STR_OR_NULL(error));
  enum outcome worst;
  char *table = run_table(NULL, false, &worst);
  cr_assert_eq(worst, OUTCOME_CANNOT_CHECK, "a binary that cannot start is worse than a failure, got %s",
               outcome_name(worst));
  cr_assert(ends_with(table, "\n0 passed, 2 failed\n"), "got:\n%s", table);
  free(table);
  free(path);
  free(text);
  free(binary);
  free(none);
  free(racy);
}
