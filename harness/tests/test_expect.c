/* test_expect.c: expect.c, the matcher, on the parsed fixtures and specs written in memory.
 *
 * The fixtures' frames hold the absolute paths of the machine that captured them. The specs here use the relative
 * path "fixtures/programs/NAME.c", which no frame equals but every frame ends with: same_source_file's suffix
 * fallback (for logs from another machine) is what makes them match, wherever the repository is. */
#include "expect.h"
#include "support.h"
#include "util.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DATA_RACE_CASE "fixtures/programs/data_race.c"
#define INVERSION_CASE "fixtures/programs/lock_order_inversion.c"
#define STR_OR_NULL(s) ((s) ? (s) : "(null)")

static struct case_spec spec;
static struct tsan_log log_;
static struct verdict verdict;

static void cleanup(void) {
  case_spec_free(&spec);
  tsan_log_free(&log_);
  verdict_free(&verdict);
}

TestSuite(expect, .fini = cleanup);
TestSuite(expect_frames, .fini = cleanup);

static struct toolchain toolchain_of(const char *id) {
  struct toolchain toolchain;
  cr_assert_eq(toolchain_parse(id, &toolchain), 0, "%s is a toolchain", id);
  return toolchain;
}

static void spec_from_text(const char *path, const char *text) {
  char *error = NULL;
  cr_assert_eq(case_spec_parse(path, text, strlen(text), &spec, &error), 0, "the spec should parse: %s",
               STR_OR_NULL(error));
}

/* A spec as long as the fixture program, with markers on the given lines ("28: data race;29[gcc]: data race"). */
static void spec_with_markers(const char *path, const char *markers) {
  char *text = case_text_with_markers(40, markers);
  spec_from_text(path, text);
  free(text);
}

static enum outcome check(const char *toolchain_id, const char *program_stdout) {
  struct toolchain toolchain = toolchain_of(toolchain_id);
  expect_check(&spec, &log_, &toolchain, program_stdout, &verdict);
  return verdict.outcome;
}

/* The diagnostic at `line`, which must exist. */
static const struct diagnostic *diagnostic_at(size_t line) {
  for (size_t i = 0; i < verdict.diagnostic_count; i++)
    if (verdict.diagnostics[i].line == line)
      return &verdict.diagnostics[i];
  cr_assert_fail("no diagnostic at line %zu (there are %zu, the first: %s)", line, verdict.diagnostic_count,
                 verdict.diagnostic_count ? verdict.diagnostics[0].message : "none");
  return NULL;
}

static void assert_met(enum outcome outcome) {
  cr_assert_eq(outcome, OUTCOME_MET, "expected met, got %s: %s", outcome_name(outcome),
               verdict.diagnostic_count ? verdict.diagnostics[0].message : "(no diagnostic)");
  cr_assert_eq(verdict.diagnostic_count, 0, "a met verdict has no diagnostic");
}

/* ---- verdicts ---- */

Test(expect, is_met_when_every_report_hits_a_marker_and_every_marker_is_hit) {
  parse_fixture("clang14-data-race.txt", &log_);
  spec_with_markers(DATA_RACE_CASE, "28: data race;29: data race");
  assert_met(check("clang-14", ""));
  cr_assert_eq(verdict.report_marker[0], 0, "report 0 (line 28) hits marker 0, got %d", verdict.report_marker[0]);
  cr_assert_eq(verdict.report_marker[1], 1, "report 1 (line 29) hits marker 1, got %d", verdict.report_marker[1]);
  cr_assert_eq(verdict.marker_report[0], 0, "marker 0 is hit by report 0, got %d", verdict.marker_report[0]);
  cr_assert_eq(verdict.marker_report[1], 1, "marker 1 is hit by report 1, got %d", verdict.marker_report[1]);
}

Test(expect, is_met_on_gcc_output_with_the_same_markers) {
  parse_fixture("gcc12-data-race.txt", &log_);
  spec_with_markers(DATA_RACE_CASE, "28: data race;29: data race");
  assert_met(check("gcc-12", ""));
}

Test(expect, counts_a_hit_in_any_stack_of_the_report) {
  /* Lines 15 and 17 are the worker's previous accesses, not the main thread's current ones. */
  parse_fixture("clang14-data-race.txt", &log_);
  spec_with_markers(DATA_RACE_CASE, "15: data race;17: data race");
  assert_met(check("clang-14", ""));
}

Test(expect, is_not_met_by_an_unexpected_report) {
  parse_fixture("clang14-data-race.txt", &log_);
  spec_with_markers(DATA_RACE_CASE, "28: data race");
  cr_assert_eq(check("clang-14", ""), OUTCOME_NOT_MET, "the race at line 29 has no marker");
  cr_assert_eq(verdict.diagnostic_count, 1, "one diagnostic, got %zu", verdict.diagnostic_count);
  const struct diagnostic *d = &verdict.diagnostics[0];
  cr_assert_str_eq(STR_OR_NULL(d->file), DATA_RACE_CASE, "the diagnostic names the case, got %s", STR_OR_NULL(d->file));
  cr_assert_eq(d->line, 29, "the diagnostic points at the racing line 29, got %zu", d->line);
  cr_assert(starts_with(d->message, "unexpected data race: "), "the message names the kind: %s", d->message);
  cr_assert(contains(d->message, "read at data_race.c:29 (main thread)"), "the message names file:line: %s",
            d->message);
  cr_assert(contains(d->message, "previous atomic write at data_race.c:17 (thread T1)"),
            "the message names the other access: %s", d->message);
  cr_assert_eq(verdict.report_marker[1], -1, "report 1 hits no marker");
}

Test(expect, is_not_met_when_a_marker_is_not_hit) {
  parse_fixture("clang14-data-race.txt", &log_);
  spec_with_markers(DATA_RACE_CASE, "28: data race;29: data race;33: data race");
  cr_assert_eq(check("clang-14", ""), OUTCOME_NOT_MET, "nothing races at line 33");
  cr_assert_eq(verdict.diagnostic_count, 1, "one diagnostic, got %zu", verdict.diagnostic_count);
  const struct diagnostic *d = diagnostic_at(33);
  cr_assert_str_eq(d->message, "expected data race, TSan reported nothing here", "got %s", d->message);
  cr_assert_eq(verdict.marker_report[2], -1, "marker 2 is hit by no report, got %d", verdict.marker_report[2]);
}

Test(expect, is_not_met_when_none_was_expected_and_tsan_reported) {
  parse_fixture("clang14-data-race.txt", &log_);
  spec_from_text(DATA_RACE_CASE, "// expect-tsan: none\nint x;\n");
  cr_assert_eq(check("clang-14", ""), OUTCOME_NOT_MET, "none, yet two reports");
  cr_assert_eq(verdict.diagnostic_count, 2, "one diagnostic per report, got %zu", verdict.diagnostic_count);
  cr_assert(starts_with(diagnostic_at(28)->message, "expected no report, TSan reported data race: "), "got %s",
            diagnostic_at(28)->message);
  cr_assert(starts_with(diagnostic_at(29)->message, "expected no report, TSan reported data race: "), "got %s",
            diagnostic_at(29)->message);
}

Test(expect, is_met_when_none_was_expected_and_tsan_reported_nothing) {
  parse_fixture("clang14-clean.txt", &log_);
  spec_from_text("fixtures/programs/clean.c", "// expect-tsan: none\nint x;\n");
  assert_met(check("clang-14", ""));
}

Test(expect, is_not_met_when_expected_output_is_missing) {
  parse_fixture("clang14-clean.txt", &log_);
  spec_from_text("fixtures/programs/clean.c", "// expect-tsan: none\nint x;\n// expect-output: total=200\n");
  cr_assert_eq(check("clang-14", "total=199\n"), OUTCOME_NOT_MET, "total=200 is not in the output");
  const struct diagnostic *d = diagnostic_at(3);
  cr_assert_str_eq(d->message, "expected output \"total=200\", not in the program's stdout", "got %s", d->message);
}

Test(expect, is_met_when_expected_output_is_anywhere_in_stdout) {
  parse_fixture("clang14-clean.txt", &log_);
  spec_from_text("fixtures/programs/clean.c", "// expect-tsan: none\nint x;\n// expect-output: total=200\n");
  assert_met(check("clang-14", "starting\nclean: total=200\ndone\n"));
}

Test(expect, matches_a_kind_that_is_a_prefix_of_the_headline) {
  parse_fixture("clang14-lock-order-inversion.txt", &log_);
  spec_with_markers(INVERSION_CASE, "19: lock-order-inversion");
  assert_met(check("clang-14", ""));
}

Test(expect, does_not_match_a_report_of_another_kind) {
  parse_fixture("clang14-lock-order-inversion.txt", &log_);
  spec_with_markers(INVERSION_CASE, "19: data race");
  cr_assert_eq(check("clang-14", ""), OUTCOME_NOT_MET, "a data race marker is not hit by a lock-order-inversion");
  bool unexpected = false, missing = false;
  for (size_t i = 0; i < verdict.diagnostic_count; i++) {
    unexpected |= starts_with(verdict.diagnostics[i].message, "unexpected lock-order-inversion (potential deadlock): ");
    missing |= strcmp(verdict.diagnostics[i].message, "expected data race, TSan reported nothing here") == 0;
  }
  cr_assert(unexpected, "the inversion is reported as unexpected");
  cr_assert(missing, "the data race marker is reported as not hit");
}

Test(expect, ignores_markers_whose_selector_does_not_apply) {
  parse_fixture("clang14-data-race.txt", &log_);
  spec_with_markers(DATA_RACE_CASE, "28[gcc]: data race;29: data race");
  cr_assert_eq(check("clang-14", ""), OUTCOME_NOT_MET, "on clang, the [gcc] marker does not cover line 28");
  cr_assert_eq(verdict.marker_report[0], -2, "a marker that does not apply is -2, got %d", verdict.marker_report[0]);
  cr_assert(starts_with(diagnostic_at(28)->message, "unexpected data race: "), "got %s", diagnostic_at(28)->message);
}

Test(expect, uses_markers_whose_selector_applies) {
  parse_fixture("gcc12-data-race.txt", &log_);
  spec_with_markers(DATA_RACE_CASE, "28[gcc]: data race;29[gcc<13]: data race");
  assert_met(check("gcc-12", ""));
}

Test(expect, cannot_check_when_no_marker_applies) {
  parse_fixture("clang14-data-race.txt", &log_);
  spec_with_markers(DATA_RACE_CASE, "28[gcc]: data race;29[clang>=18]: data race");
  cr_assert_eq(check("clang-14", ""), OUTCOME_CANNOT_CHECK, "no marker says anything about clang-14");
  cr_assert_str_eq(verdict.diagnostics[0].message, "no expect-tsan marker applies to toolchain clang-14", "got %s",
                   verdict.diagnostics[0].message);
}

/* ---- which frames count ---- */

Test(expect_frames, skips_interceptor_frames_without_a_file) {
  /* "#0 free <null>" is the innermost frame of the free's stack; release() at line 11 is the case's. */
  parse_fixture("clang14-heap-use-after-free.txt", &log_);
  spec_with_markers("fixtures/programs/heap_use_after_free.c", "11: heap-use-after-free");
  assert_met(check("clang-14", ""));
}

Test(expect_frames, skips_interceptor_frames_with_a_runtime_file) {
  /* gcc's interceptor frames name libsanitizer's sources with a line: they are not the case's file. */
  parse_fixture("gcc12-lock-order-inversion.txt", &log_);
  spec_with_markers(INVERSION_CASE, "19: lock-order-inversion");
  assert_met(check("gcc-12", ""));
  const struct tsan_frame *frame = innermost_case_frame(section_at(&log_, 0, 1), INVERSION_CASE);
  cr_assert_not_null(frame, "the lock section has a frame in the case");
  cr_assert_str_eq(frame->function, "main", "the first frame in the case is main's, got %s", frame->function);
  cr_assert_eq(frame->line, 19, "at line 19, got %d", frame->line);
}

Test(expect_frames, skips_frames_in_casebook_h) {
  size_t length;
  char *text = read_fixture("clang14-data-race.txt", &length);
  char *changed = replace_first(text, "    #0 main /",
                                "    #0 casebook_helper /src/cases/casebook.h:99:5 (data_race+0x1)\n    #1 main /");
  parse_text(changed, &log_);
  cr_assert_str_eq(frame_at(&log_, 0, 0, 0)->function, "casebook_helper", "the helper is now the innermost frame");
  spec_with_markers(DATA_RACE_CASE, "28: data race;29: data race");
  assert_met(check("clang-14", ""));
  const struct tsan_frame *frame = innermost_case_frame(section_at(&log_, 0, 0), DATA_RACE_CASE);
  cr_assert_not_null(frame, "main's frame is found under the helper's");
  cr_assert_eq(frame->line, 28, "at line 28, got %d", frame->line);
  free(changed);
  free(text);
}

Test(expect_frames, does_not_match_a_frame_in_the_case_without_a_line) {
  size_t length;
  char *text = read_fixture("clang14-data-race.txt", &length);
  char *changed = replace_first(text, "data_race.c:28:14 (", "data_race.c (");
  parse_text(changed, &log_);
  const struct tsan_frame *lineless = frame_at(&log_, 0, 0, 0);
  cr_assert_not_null(lineless->file, "the frame keeps its file");
  cr_assert_eq(lineless->line, 0, "and has no line");
  cr_assert_null(innermost_case_frame(section_at(&log_, 0, 0), DATA_RACE_CASE),
                 "a frame without a line is no case frame");
  spec_with_markers(DATA_RACE_CASE, "28: data race;29: data race");
  cr_assert_eq(check("clang-14", ""), OUTCOME_NOT_MET, "nothing places report 0 at line 28 any more");
  cr_assert_str_eq(diagnostic_at(28)->message, "expected data race, TSan reported nothing here", "got %s",
                   diagnostic_at(28)->message);
  free(changed);
  free(text);
}

Test(expect_frames, does_not_match_a_frame_in_another_file) {
  parse_fixture("clang14-data-race.txt", &log_);
  spec_with_markers("fixtures/programs/other.c", "28: data race;29: data race");
  cr_assert_eq(check("clang-14", ""), OUTCOME_NOT_MET, "the reports are in data_race.c, not other.c");
  cr_assert_eq(verdict.marker_report[0], -1, "marker 0 is not hit");
}

/* ---- same_source_file ---- */

Test(expect_frames, compares_paths_lexically_when_they_do_not_exist) {
  cr_assert(same_source_file("/nowhere/cases/locks/a.c", "/nowhere/cases/locks/a.c"), "the same path");
  cr_assert(same_source_file("/nowhere/cases/./locks/../locks/a.c", "/nowhere/cases/locks/a.c"),
            "\".\" and \"..\" are resolved");
  cr_assert(!same_source_file("/nowhere/cases/locks/a.c", "/nowhere/cases/locks/b.c"), "another base name");
  cr_assert(!same_source_file("/nowhere/one/a.c", "/nowhere/two/a.c"), "two absolute paths must be equal");
}

Test(expect_frames, matches_a_relative_case_path_by_its_suffix) {
  cr_assert(same_source_file("/build/machine/cases/locks/a.c", "cases/locks/a.c"), "the frame ends with the path");
  cr_assert(same_source_file("/build/machine/cases/locks/a.c", "a.c"), "a bare file name is a suffix too");
  cr_assert(!same_source_file("/build/machine/cases/locks/a.c", "other/locks/a.c"), "another folder");
  cr_assert(!same_source_file("/build/machine/mycases/locks/a.c", "cases/locks/a.c"), "a suffix must start at a '/'");
}

Test(expect_frames, matches_a_relative_frame_path_against_an_absolute_case_path) {
  /* gcc records the path it was given: "harness/x/a.c" when built from the top, checked as /repo/harness/x/a.c. */
  cr_assert(same_source_file("cases/locks/a.c", "/nowhere/repo/cases/locks/a.c"), "the case ends with the frame");
  cr_assert(!same_source_file("cases/locks/a.c", "/nowhere/repo/other/locks/a.c"), "another folder");
  cr_assert(!same_source_file("ses/locks/a.c", "/nowhere/repo/cases/locks/a.c"), "a suffix must start at a '/'");
}

Test(expect_frames, resolves_symlinks_when_both_paths_exist) {
  char *folder = make_scratch_dir();
  char *real = xprintf("%s/real.c", folder), *link = xprintf("%s/link/real.c", folder);
  char *link_dir = xprintf("%s/link", folder);
  write_file_or_fail(real, "int x;\n", 7);
  cr_assert_eq(symlink(folder, link_dir), 0, "cannot create a symlink");
  cr_assert(same_source_file(link, real), "%s and %s are the same file", link, real);
  free(real);
  free(link);
  free(link_dir);
  remove_scratch_dir(folder);
}
