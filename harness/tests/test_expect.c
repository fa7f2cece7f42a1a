/* test_expect.c: expect.c, the matcher, on the parsed fixtures and specs written in memory.
 *
 * The fixtures' frames hold the absolute paths of the machine that captured them. The specs here use the relative
 * path "fixtures/programs/NAME.c", which no frame equals but every frame ends with: same_source_file's suffix
 * fallback (for logs from another machine) is what makes them match, wherever the repository is. */
#include "base/util.h"
#include "check/verify.h"
#include "source/expect.h"
#include "support.h"

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
  cr_assert(contains(d->message, "read in main at data_race.c:29 (main thread)"),
            "the message names the function and file:line: %s", d->message);
  cr_assert(contains(d->message, "previous atomic write in worker at data_race.c:17 (thread T1)"),
            "the message names the other access: %s", d->message);
  cr_assert(contains(d->message, "on global 'flag' of size 4; context: thread-creation at data_race.c:25"),
            "the message names the memory, then the context: %s", d->message);
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

/* ---- optimization levels ---- */

static enum outcome check_at(const char *toolchain_id, int level) {
  struct toolchain toolchain = toolchain_of(toolchain_id);
  toolchain.opt_level = level;
  expect_check(&spec, &log_, &toolchain, "", &verdict);
  return verdict.outcome;
}

Test(expect, cannot_check_a_level_qualified_marker_at_an_unknown_level) {
  parse_fixture("clang14-data-race.txt", &log_);
  spec_with_markers(DATA_RACE_CASE, "28[clang,O1]: data race;29: data race");
  cr_assert_eq(check("clang-14", ""), OUTCOME_CANNOT_CHECK, "the level decides whether line 28's marker applies");
  cr_assert_str_eq(diagnostic_at(28)->message,
                   "the marker is qualified with an optimization level, and the level is unknown: pass --opt", "got %s",
                   diagnostic_at(28)->message);
}

Test(expect, uses_a_level_qualified_marker_at_its_level_only) {
  parse_fixture("clang14-data-race.txt", &log_);
  spec_with_markers(DATA_RACE_CASE, "28[clang,O1]: data race;29: data race");
  assert_met(check_at("clang-14", OPT_O1));
  verdict_free(&verdict);
  cr_assert_eq(check_at("clang-14", OPT_O2), OUTCOME_NOT_MET, "at -O2 the marker on line 28 does not apply");
  cr_assert(starts_with(diagnostic_at(28)->message, "unexpected data race: "), "got %s", diagnostic_at(28)->message);
}

/* ---- ground truth stays out of the verdict ---- */

Test(expect, ignores_expect_bug_markers) {
  parse_fixture("clang14-data-race.txt", &log_);
  /* Line 28 is reported; an expect-bug there does not stand in for an expect-tsan marker... */
  char *text = case_text_with_markers(40, "29: data race");
  char *with_bug = replace_first(text, "  step(28);", "  step(28); // expect-bug: data race");
  char *with_miss = replace_first(with_bug, "  step(5);", "  step(5); // expect-bug: data race");
  spec_from_text(DATA_RACE_CASE, with_miss);
  cr_assert_eq(spec.bug_count, 2, "the spec holds the two expect-bug markers");
  cr_assert_eq(check("clang-14", ""), OUTCOME_NOT_MET, "line 28's report is still unexpected");
  cr_assert(starts_with(diagnostic_at(28)->message, "unexpected data race: "), "got %s", diagnostic_at(28)->message);
  /* ...and one on a line TSan says nothing about (line 5) is not a marker left unhit. */
  cr_assert_eq(verdict.diagnostic_count, 1, "one diagnostic only, got %zu", verdict.diagnostic_count);
  free(text);
  free(with_bug);
  free(with_miss);
}

/* ---- the loop counter, on the real compilers: gcc -O1 reports it on the `for` line, the rest in the body ---- */

static struct case_result result;

static void release_result(void) {
  case_result_free(&result);
  result = (struct case_result){0};
}

static void result_cleanup(void) {
  release_result();
  cleanup();
}

static void quiet_environment(void) {
  unsetenv("TSAN_OPTIONS");
  unsetenv("UBSAN_OPTIONS");
  unsetenv("CC");
}

TestSuite(expect_levels, .init = quiet_environment, .fini = result_cleanup, .timeout = 120);

static enum outcome verify_loop(const char *compiler, const char *level, const char *binary) {
  char *path = program_path("loop_counter_by_level.c");
  struct verify_request request = {
      .case_path = path, .compiler = compiler, .opt_level = level, .binary = binary, .timeout_seconds = 30};
  release_result();
  enum outcome outcome = verify_case(&request, &result);
  free(path);
  return outcome;
}

static char *all_diagnostics(void) {
  struct strbuf out = {0};
  for (size_t i = 0; i < result.verdict.diagnostic_count; i++)
    strbuf_printf(&out, "\n  line %zu: %s", result.verdict.diagnostics[i].line, result.verdict.diagnostics[i].message);
  return strbuf_release(&out);
}

static void assert_loop_met(const char *compiler, const char *level) {
  enum outcome outcome = verify_loop(compiler, level, NULL);
  char *why = all_diagnostics();
  cr_assert_eq(outcome, OUTCOME_MET, "%s %s: expected met, got %s:%s", compiler, level, outcome_name(outcome), why);
  free(why);
  release_result();
}

Test(expect_levels, meets_the_loop_counter_markers_with_gcc_at_every_level) {
  assert_loop_met("gcc-12", "-O0");
  assert_loop_met("gcc-12", "-O1");
  assert_loop_met("gcc-12", "-O2");
}

Test(expect_levels, meets_the_loop_counter_markers_with_clang) {
  assert_loop_met("clang", "-O1");
  assert_loop_met("clang", "-O2");
}

Test(expect_levels, finds_the_gcc_O1_report_on_the_for_line) {
  /* Built at -O1 and said to be -O2: the body's marker applies and is not hit, the `for` line's report is
   * unexpected. This is what the level selector is for. */
  char *scratch = make_scratch_dir(), *binary = xprintf("%s/loop", scratch);
  char *source = program_path("loop_counter_by_level.c");
  char *command = xprintf("gcc-12 -fsanitize=thread -g -O1 -pthread -o '%s' '%s'", binary, source);
  cr_assert_eq(system(command), 0, "cannot build: %s", command);
  enum outcome outcome = verify_loop("gcc-12", "-O2", binary);
  char *why = all_diagnostics();
  cr_assert_eq(outcome, OUTCOME_NOT_MET, "a gcc -O1 binary checked as -O2: not met, got %s:%s", outcome_name(outcome),
               why);
  cr_assert(contains(why, "line 19: unexpected data race"), "the report is on the `for` line:%s", why);
  cr_assert(contains(why, "line 22: expected data race, TSan reported nothing here"), "the body is not hit:%s", why);
  free(why);
  release_result();
  /* The same binary with the level it was built at is met; without a level it cannot be checked. */
  cr_assert_eq(verify_loop("gcc-12", "O1", binary), OUTCOME_MET, "the binary's own level, written without the dash");
  release_result();
  cr_assert_eq(verify_loop("gcc-12", NULL, binary), OUTCOME_CANNOT_CHECK, "--binary without --opt: level unknown");
  why = all_diagnostics();
  cr_assert(contains(why, "line 19: the marker is qualified with an optimization level, and the level is unknown: "
                          "pass --opt"),
            "the diagnostic names the marker's line:%s", why);
  free(why);
  free(command);
  free(source);
  free(binary);
  remove_scratch_dir(scratch);
}
