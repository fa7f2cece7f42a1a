/* p13_pinning.c: markers pin the race they describe (docs/MARKERS.md, "Matching"). A line marker is hit only by the
 * stacks a report is about (a race's accesses, not where its threads were created or its memory allocated); `in
 * FUNCTION` and `at FILE:LINE` pin an access outside the marker's own file; `--repeat` compares which markers were
 * hit, not the order of the reports. */
#include "base/util.h"
#include "check/testpoints.h"
#include "check/verify.h"
#include "output/output.h"
#include "output/runner_output.h"
#include "output/sarif.h"
#include "runner/suppressed.h"
#include "score/truth.h"
#include "source/markers.h"
#include "support.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STR_OR_EMPTY(s) ((s) ? (s) : "")

static struct case_result result;
static char *scratch;

static void setup(void) {
  unset_user_environment();
  scratch = make_scratch_dir();
}

static void cleanup(void) {
  case_result_free(&result);
  remove_scratch_dir(scratch);
  scratch = NULL;
}

TestSuite(pinning, .init = setup, .fini = cleanup, .timeout = 120);
TestSuite(pin_grammar);

/* programs/races_inside_a_library.c with its "  lib_run(); // PIN_HERE" line replaced by `line` (a marker above
 * it, or on it), built with its library into the scratch folder and checked as a --binary: the way a project's own
 * build makes a test program of a test file and a library file. */
static enum outcome verify_library_race_as(const char *line, const char *extra_source, bool library_under_test) {
  char *original = program_path("races_inside_a_library.c");
  char *text = read_file_or_fail(original, NULL);
  char *marked = replace_first(text, "  lib_run(); // PIN_HERE", line);
  char *case_path = write_scratch_file(&scratch, "races_inside_a_library.c", marked);
  char *library = program_path("races_inside_a_library_lib.c");
  char *include = xprintf("-I%s", scratch);
  char *programs = program_path("");
  char *include_programs = xprintf("-I%s", programs);
  char *binary = xprintf("%s/program", scratch);
  char *argv[] = {"clang", "-fsanitize=thread",  "-g", "-O1",  "-pthread", include, include_programs, case_path,
                  library, (char *)extra_source, "-o", binary, NULL};
  if (!extra_source) {
    argv[9] = "-o";
    argv[10] = binary;
    argv[11] = NULL;
  }
  run_or_fail(argv, 120);
  char *instrumented[] = {library_under_test ? library : NULL, NULL};
  struct verify_request request = {
      .case_path = case_path, .binary = binary, .timeout_seconds = 30, .instrumented_files = instrumented};
  enum outcome outcome = verify_case(&request, &result);
  free(original);
  free(text);
  free(marked);
  free(case_path);
  free(library);
  free(include);
  free(programs);
  free(include_programs);
  free(binary);
  return outcome;
}

static enum outcome verify_library_race(const char *line, const char *extra_source) {
  return verify_library_race_as(line, extra_source, true);
}

/* The only line of the test file in the report is in the stacks that created the library's threads: a marker there
 * describes no access, and must not be met by the race (it was, when any stack could hit a marker). */
Test(pinning, a_thread_creation_stack_does_not_meet_a_line_marker) {
  verify_library_race("  lib_run(); // expect-tsan: data race", NULL);
  assert_outcome(&result, OUTCOME_NOT_MET);
  assert_diagnostic(&result, "expected data race, TSan reported nothing here");
  assert_diagnostic(&result, "unexpected data race: write in lib_worker at races_inside_a_library_lib.c:12");
}

Test(pinning, in_function_pins_the_race_inside_the_library) {
  verify_library_race("  // expect-tsan: data race in lib_worker\n  lib_run();", NULL);
  assert_outcome(&result, OUTCOME_MET);
  char *json = NULL;
  size_t length = 0;
  FILE *out = open_memstream(&json, &length);
  write_json(out, &result, NULL);
  fclose(out);
  cr_assert(contains(json, "\"in\":\"lib_worker\",\"applies\":true,\"hit_by_report\":0"), "the JSON names the pin: %s",
            json);
  free(json);
}

Test(pinning, in_another_function_is_not_met) {
  verify_library_race("  // expect-tsan: data race in lib_run\n  lib_run();", NULL);
  assert_outcome(&result, OUTCOME_NOT_MET);
  assert_diagnostic(&result, "expected data race in lib_run, and no stack TSan reported is there");
}

Test(pinning, at_file_line_pins_the_access_by_a_path_suffix_of_a_source) {
  verify_library_race("  // expect-tsan: data race at programs/races_inside_a_library_lib.c:12\n  lib_run();", NULL);
  assert_outcome(&result, OUTCOME_MET);
}

Test(pinning, at_the_thread_creation_line_is_not_met) {
  verify_library_race("  // expect-tsan: data race at races_inside_a_library_lib.c:21\n  lib_run();", NULL);
  assert_outcome(&result, OUTCOME_NOT_MET);
}

Test(pinning, at_a_file_the_program_was_not_built_from_cannot_be_checked) {
  verify_library_race("  // expect-tsan: data race at lib.c:12\n  lib_run();", NULL);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "'at lib.c:12': no source file of the program (its DWARF) is lib.c or ends with /lib.c");
}

/* Two sources of the program end with the same path: the marker must say which, naming both. */
Test(pinning, an_ambiguous_file_cannot_be_checked_naming_the_candidates) {
  char *folder = xprintf("%s/other", scratch);
  char *mkdir_argv[] = {"mkdir", "-p", folder, NULL};
  run_or_fail(mkdir_argv, 10);
  char *twin_dir = folder;
  char *twin = xprintf("%s/races_inside_a_library_lib.c", twin_dir);
  const char *text = "int twin_answer(void) { return 42; }\n";
  write_file_or_fail(twin, text, strlen(text));
  verify_library_race("  // expect-tsan: data race at races_inside_a_library_lib.c:12\n  lib_run();", twin);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "is ambiguous: 2 source files of the program end with it");
  assert_diagnostic(&result, "other/races_inside_a_library_lib.c");
  free(twin);
  free(folder);
}

/* ---- the grammar ---- */

static int parse(const char *text, struct case_spec *spec, char **error) {
  return case_spec_parse("pins.c", text, strlen(text), spec, error);
}

Test(pin_grammar, reads_in_and_at) {
  struct case_spec spec = {0};
  char *error = NULL;
  int status = parse("// expect-tsan: data race in lib_worker -- tracked: #12\n"
                     "// expect-tsan[clang]: data race at src/counter.c:42\n"
                     "int main(void) { return 0; }\n",
                     &spec, &error);
  cr_assert_eq(status, 0, "%s", error ? error : "");
  cr_assert_eq(spec.marker_count, 2);
  cr_assert_eq(spec.markers[0].pin, PIN_FUNCTION);
  cr_assert_str_eq(spec.markers[0].kind, "data race");
  cr_assert_str_eq(spec.markers[0].pin_function, "lib_worker");
  cr_assert_str_eq(spec.markers[0].note, "tracked: #12");
  cr_assert_eq(spec.markers[1].pin, PIN_FRAME);
  cr_assert_str_eq(spec.markers[1].pin_file, "src/counter.c");
  cr_assert_eq(spec.markers[1].pin_line, 42);
  cr_assert_eq(spec.markers[1].line, 2, "a pinned marker applies to no line of code below it");
  case_spec_free(&spec);
}

/* A kind whose headline holds " in " is a kind, not a pin. */
Test(pin_grammar, a_headline_with_in_is_no_pin) {
  struct case_spec spec = {0};
  char *error = NULL;
  int status = parse("int main(void) { return 0; } // expect-tsan: mutex held in the wrong context\n", &spec, &error);
  cr_assert_eq(status, 0, "%s", error ? error : "");
  cr_assert_eq(spec.markers[0].pin, PIN_LINE);
  cr_assert_str_eq(spec.markers[0].kind, "mutex held in the wrong context");
  case_spec_free(&spec);
}

static void assert_parse_error(const char *text, const char *wanted) {
  struct case_spec spec = {0};
  char *error = NULL;
  cr_assert_neq(parse(text, &spec, &error), 0, "no error for: %s", text);
  cr_assert(contains(error, wanted), "expected \"%s\" in: %s", wanted, error);
  free(error);
  case_spec_free(&spec);
}

Test(pin_grammar, refuses_what_pins_nothing) {
  assert_parse_error("int x; // expect-tsan: data race in lib_worker\n", "stands on a line of its own");
  assert_parse_error("// expect-tsan: data race in lib worker\nint x;\n", "takes one function name");
  assert_parse_error("// expect-tsan: data race at counter.c\nint x;\n", "'at' takes FILE:LINE");
  assert_parse_error("// expect-tsan: data race at counter.c:0\nint x;\n", "'at' takes FILE:LINE");
  assert_parse_error("// expect-tsan: data race at :12\nint x;\n", "'at' takes FILE:LINE");
}

/* ---- what a verdict says ---- */

/* The same races reported in another order are the same verdict: --repeat compares the set of markers hit, and
 * names them by line. Before, run after run "differed" (17 of 20 runs of a stable test). The program flips a coin in
 * each run, so 6 runs that all came out in one order (1 in 32) would not show the old fault; they never fail now. */
Test(pinning, repeat_compares_the_set_of_markers_hit_not_the_order_of_reports, .timeout = 600) {
  char *case_path = program_path("reports_in_either_order.c");
  struct verify_request request = {.case_path = case_path, .timeout_seconds = 30};
  struct repeat_summary summary;
  enum outcome outcome = verify_repeated(&request, 6, &result, &summary);
  char *seen = result_diagnostics(&result);
  cr_assert_eq(outcome, OUTCOME_MET, "%u of %u runs differ: %s%s", summary.flips, summary.runs_done,
               summary.first_flip ? summary.first_flip : "", seen);
  cr_assert_eq(summary.runs_done, 6);
  char *fingerprint = verdict_fingerprint(&result);
  cr_assert(contains(fingerprint, "met; markers hit: data race on line 13, data race on line 14, data race on line "
                                  "21, data race on line 25"),
            "the markers are named by line: %s", fingerprint);
  free(fingerprint);
  free(seen);
  repeat_summary_free(&summary);
  free(case_path);
}

/* A report no marker expects names the frames it blames (function, file:line) and the memory, not only the test's
 * line: the race of the library shows lib_worker at its line and the global it is on. */
Test(pinning, an_unexpected_report_names_the_racing_frames_and_the_location) {
  verify_library_race("  lib_run(); // expect-tsan: data race", NULL);
  assert_diagnostic(&result, "write in lib_worker at races_inside_a_library_lib.c:12 (thread T");
  assert_diagnostic(&result,
                    "on global 'lib_counter' of size 4; context: thread-creation at races_inside_a_library.c:6");
}

static char *verdict_text(const struct case_result *checked) {
  char *text = NULL;
  size_t length = 0;
  FILE *out = open_memstream(&text, &length);
  write_text(out, checked, false);
  fclose(out);
  return text;
}

/* A loop over levels and binaries must not print identical verdict lines. */
Test(pinning, the_verdict_line_names_the_level_and_the_binary) {
  verify_library_race("  // expect-tsan: data race in lib_worker\n  lib_run();", NULL);
  char *text = verdict_text(&result);
  cr_assert(contains(text, "races_inside_a_library.c (binary "), "got: %s", text);
  cr_assert(contains(text, "/program): met (reported: data race)"), "got: %s", text);
  free(text);
  case_result_free(&result);
  char *case_path = program_path("racy.c");
  struct verify_request request = {.case_path = case_path, .opt_level = "-O2", .timeout_seconds = 30};
  verify_case(&request, &result);
  text = verdict_text(&result);
  cr_assert(contains(text, "racy.c (-O2): met (reported: data race)"), "got: %s", text);
  free(text);
  free(case_path);
}

/* A marker with a `-- tracked: ID` note shows the known race as known each time it is reported. */
Test(pinning, a_tracked_marker_says_its_race_is_known) {
  verify_library_race(
      "  // expect-tsan: data race in lib_worker -- tracked: https://example.org/issues/41\n  lib_run();", NULL);
  assert_outcome(&result, OUTCOME_MET);
  assert_diagnostic(
      &result, "note: reported as expected, a known data race in lib_worker (tracked: https://example.org/issues/41)");
}

/* ---- suppressions that cannot swallow the test ---- */

/* A `none` test of the library (its fixed twin) with a broad rule for the library's other known races: the rule hides
 * the race under test too. The case's suppressions file was declared, so the buggy library passed. */
static enum outcome verify_suppressed_library_race(const char *declaration, bool library_under_test) {
  char *rules = xprintf("%s/broad.supp", scratch);
  write_file_or_fail(rules, "race:lib_\n", strlen("race:lib_\n"));
  char *lines = xprintf("  // expect-tsan: none\n  // tsan-options: suppressions=broad.supp\n%s  lib_run();",
                        declaration ? declaration : "");
  enum outcome outcome = verify_library_race_as(lines, NULL, library_under_test);
  free(lines);
  free(rules);
  return outcome;
}

Test(pinning, a_suppression_that_hides_the_race_under_test_fails_the_test) {
  verify_suppressed_library_race(NULL, true);
  assert_outcome(&result, OUTCOME_NOT_MET);
  assert_diagnostic(&result,
                    "suppression \"race:lib_\" hid a report about the code under test (data race in lib_worker "
                    "at ");
  assert_diagnostic(&result, "declare it with `// expect-suppressed: race:lib_ 1 -- why`");
}

Test(pinning, a_declared_suppression_may_hide_the_race_under_test) {
  verify_suppressed_library_race("  // expect-suppressed: race:lib_ 1 -- tracked: the library's known race\n", true);
  assert_outcome(&result, OUTCOME_MET);
}

Test(pinning, a_declared_suppression_must_hide_as_many_reports_as_it_says) {
  verify_suppressed_library_race("  // expect-suppressed: race:lib_ 2 -- the library's known races\n", true);
  assert_outcome(&result, OUTCOME_NOT_MET);
  assert_diagnostic(&result, "expected suppression \"race:lib_\" to hide 2 reports, it hid 1");
}

/* How many reports a rule hides can differ by runtime as the reports do (limits/suppressed: one up to clang 14, two
 * from LLVM 15 on): a count with a [toolchain] selector holds where the selector matches, and only there. */
Test(pinning, a_declared_count_holds_for_the_toolchains_its_selector_names) {
  verify_suppressed_library_race("  // expect-suppressed[clang]: race:lib_ 1 -- the library's known race\n"
                                 "  // expect-suppressed[gcc]: race:lib_ 3 -- another runtime, another count\n",
                                 true);
  assert_outcome(&result, OUTCOME_MET);
}

Test(pinning, a_count_declared_for_another_toolchain_leaves_the_rule_undeclared) {
  verify_suppressed_library_race("  // expect-suppressed[gcc]: race:lib_ 1 -- gcc's runtime only\n", true);
  assert_outcome(&result, OUTCOME_NOT_MET);
  assert_diagnostic(&result, "declare it with `// expect-suppressed: race:lib_ 1 -- why`");
}

/* The same rule, when the library is not under test (no --instrumented names it and no marker pins it): hiding its
 * race is what the suppression is for. */
Test(pinning, a_suppression_of_code_not_under_test_needs_no_declaration) {
  verify_suppressed_library_race(NULL, false);
  assert_outcome(&result, OUTCOME_MET);
}

/* The runtime's glob, as sanitizer_common's TemplateMatch reads it. */
Test(pin_grammar, matches_suppression_patterns_as_the_runtime_does) {
  cr_assert(suppression_pattern_matches("lib_", "lib_worker"));
  cr_assert(suppression_pattern_matches("worker", "lib_worker"));
  cr_assert(!suppression_pattern_matches("^worker", "lib_worker"));
  cr_assert(suppression_pattern_matches("^lib_*er$", "lib_worker"));
  cr_assert(!suppression_pattern_matches("lib$", "lib_worker"));
  cr_assert(suppression_pattern_matches("*", "x"));
  cr_assert(!suppression_pattern_matches("x", ""));
}

Test(pin_grammar, reads_expect_suppressed) {
  struct case_spec spec = {0};
  char *error = NULL;
  int status = parse("// expect-suppressed: race:qthread_master 3 -- tracked: #7\nint main(void) { return 0; }\n"
                     "// expect-tsan: none\n",
                     &spec, &error);
  cr_assert_eq(status, 0, "%s", error ? error : "");
  cr_assert_eq(spec.suppressed_count, 1);
  cr_assert_str_eq(spec.suppressed[0].rule, "race:qthread_master");
  cr_assert_eq(spec.suppressed[0].count, 3);
  case_spec_free(&spec);
  assert_parse_error("// expect-tsan: none\n// expect-suppressed: race:update\nint x;\n",
                     "expect-suppressed takes a rule");
  assert_parse_error("// expect-tsan: none\n// expect-suppressed: update 2\nint x;\n", "is not a suppression rule");
  assert_parse_error("// expect-tsan: none\nint x; // expect-suppressed: race:update 2\n",
                     "put it on a line of its own");
  status = parse("// expect-suppressed[clang<15,gcc]: race:update 1\n// expect-suppressed[clang>=15]: race:update 2\n"
                 "// expect-tsan: none\nint main(void) { return 0; }\n",
                 &spec, &error);
  cr_assert_eq(status, 0, "%s", error ? error : "");
  cr_assert_eq(spec.suppressed_count, 2);
  cr_assert_str_eq(spec.suppressed[1].selector, "clang>=15");
  cr_assert_eq(spec.suppressed[1].count, 2);
  case_spec_free(&spec);
  assert_parse_error("// expect-tsan: none\n// expect-suppressed[clang]: race:update 1\n"
                     "// expect-suppressed[clang>=15]: race:update 2\nint x;\n",
                     "a second expect-suppressed marker for \"race:update\" (line 2's) applies to clang-15");
  assert_parse_error("// expect-tsan: none\n// expect-suppressed: race:update 1\n"
                     "// expect-suppressed[gcc]: race:update 2\nint x;\n",
                     "a second expect-suppressed marker for \"race:update\" (line 2 has one)");
  assert_parse_error("// expect-tsan: none\n// expect-suppressed[clang>>15]: race:update 1\nint x;\n",
                     "unknown toolchain selector");
  assert_parse_error("// expect-tsan: none\n// expect-bug[clang]: data race\nint x;\n",
                     "only expect-tsan and expect-suppressed markers take a [toolchain] selector");
}

/* A pinned marker names code that may be in another file: no line of the case is its truth; expect-bug says which. */
Test(pin_grammar, a_pinned_marker_adds_no_truth_line) {
  struct case_spec spec = {0};
  char *error = NULL;
  int status = parse("int main(void) { return 0; } // expect-bug: data race -- starts the library's threads\n"
                     "// expect-tsan: data race in ticket_note\n",
                     &spec, &error);
  cr_assert_eq(status, 0, "%s", error ? error : "");
  struct case_truth truth = {0};
  cr_assert_eq(case_truth_of(&spec, &truth, &error), 0, "%s", error ? error : "");
  cr_assert_eq(truth.line_count, 1);
  cr_assert_eq(truth.lines[0].line, 1, "the expect-bug line, not the pinned marker's line 2");
  case_truth_free(&truth);
  case_spec_free(&spec);
}

/* ---- markers in any source of the program ---- */

/* programs/marks_two_files.c and its _lib.c copied into the scratch folder, the library's text with `from` replaced
 * by `to` (NULL: as it is), built together and checked as a --binary whose second source is given with
 * --instrumented (as tsan_verify_add_test gives a test's other sources): a marked --instrumented file is a marker
 * file. */
static enum outcome verify_two_files(const char *from, const char *to) {
  char *case_path = copy_program("marks_two_files.c", scratch, "marks_two_files.c");
  char *original = program_path("marks_two_files_lib.c");
  char *text = read_file_or_fail(original, NULL);
  char *edited = from ? replace_first(text, from, to) : xstrdup(text);
  char *library = write_scratch_file(&scratch, "marks_two_files_lib.c", edited);
  char *programs = program_path("");
  char *include = xprintf("-I%s", programs);
  char *binary = xprintf("%s/program", scratch);
  char *argv[] = {"clang", "-fsanitize=thread", "-g", "-O1", "-pthread", include, case_path, library, "-o", binary,
                  NULL};
  run_or_fail(argv, 120);
  char *instrumented[] = {library, NULL};
  struct verify_request request = {
      .case_path = case_path, .binary = binary, .timeout_seconds = 30, .instrumented_files = instrumented};
  enum outcome outcome = verify_case(&request, &result);
  free(case_path);
  free(original);
  free(text);
  free(edited);
  free(library);
  free(programs);
  free(include);
  free(binary);
  return outcome;
}

/* Each file marks its own race; the library's race is hit by its own marker, at its line of its own file. Before:
 * not met ("unexpected data race", the library's marker unread). */
Test(pinning, markers_in_two_files_of_the_program_are_met) {
  verify_two_files(NULL, NULL);
  assert_outcome(&result, OUTCOME_MET);
  cr_assert_eq(result.spec.marker_count, 2, "%s", result_diagnostics(&result));
  cr_assert(result.spec.markers[1].file && ends_with(result.spec.markers[1].file, "marks_two_files_lib.c"));
  /* Every output names the marker by its own file:line. */
  char *json = NULL;
  size_t length = 0;
  FILE *out = open_memstream(&json, &length);
  write_json(out, &result, NULL);
  fclose(out);
  cr_assert(contains(json, "marks_two_files_lib.c\",\"line\":6,\"comment_line\":6,\"kind\":\"data race\""),
            "the JSON names the marker's file: %s", json);
  free(json);
  struct test_points points;
  test_points_of_case(&result, result.verdict.outcome, NULL, &points);
  bool named = false;
  for (size_t i = 0; i < points.count; i++)
    named |= contains(points.items[i].name, "marks_two_files_lib.c:6: data race");
  cr_assert(named, "a TAP/JUnit test point names the library's marker by its file:line");
  test_points_free(&points);
}

/* The library's race gone (its increment made atomic): its marker, in its file, is unhit. Before: met (the
 * library's marker was never read). */
Test(pinning, a_second_files_unhit_marker_is_not_met) {
  verify_two_files("  lib_counter++; // expect-tsan: data race",
                   "  __atomic_fetch_add(&lib_counter, 1, __ATOMIC_RELAXED); // expect-tsan: data race");
  assert_outcome(&result, OUTCOME_NOT_MET);
  assert_diagnostic_about(&result, "marks_two_files_lib.c", "expected data race, TSan reported nothing here", NULL);
}

/* What is said once for the program stands in the case: elsewhere it is an error naming the file and line. Before:
 * met (the library's tsan-options was never read). */
Test(pinning, tsan_options_in_a_marker_file_is_an_error_naming_it) {
  verify_two_files("int lib_counter;", "// tsan-options: history_size=4\nint lib_counter;");
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "marks_two_files_lib.c:3: tsan-options marker in ");
  assert_diagnostic(&result, "it belongs in the case, ");
}

/* The same for how the program is built and run: an OpenMP program says so in the case (uses-openmp). */
Test(pinning, uses_openmp_in_a_marker_file_is_an_error_naming_it) {
  verify_two_files("int lib_counter;", "// uses-openmp: threads=2\nint lib_counter;");
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "marks_two_files_lib.c:3: uses-openmp marker in ");
  assert_diagnostic(&result, "it belongs in the case, ");
}

/* A marker file is told from another file of the same base name as the case is (sourceid.h): a third counter.c
 * whose line 5 is marked is not hit by the race on line 5 of the library's counter.c (printed as ./counter.c under
 * its prefix map; clang's MD5 tells the files apart). Before: met (the third file's marker was never read); by base
 * name it would be met too. */
Test(pinning, a_marker_files_line_is_not_hit_by_another_file_of_its_base_name) {
  char *programs = program_path("same_name");
  char *command = xprintf("cp -r '%s/src' '%s/tests' '%s' && mkdir '%s/other'", programs, programs, scratch, scratch);
  char *shell_argv[] = {"sh", "-c", command, NULL};
  run_or_fail(shell_argv, 30);
  free(command);
  char *other = xprintf("%s/other/counter.c", scratch);
  const char *text = "/* A third counter.c: it never races. */\nint other_value;\n\nvoid other_touch(void) {\n"
                     "  other_value = 1; // expect-tsan: data race\n}\n";
  write_file_or_fail(other, text, strlen(text));
  command = xprintf("cd '%s/src' && clang -fsanitize=thread -g -O1 -ffile-prefix-map=$PWD=. -c counter.c -o counter.o "
                    "&& cd '%s/other' && clang -fsanitize=thread -g -O1 -c '%s/other/counter.c' -o counter.o && cd "
                    "'%s/tests' && clang -fsanitize=thread -g -O1 -pthread -ffile-prefix-map=$PWD=. counter.c "
                    "../src/counter.o ../other/counter.o -o prog",
                    scratch, scratch, scratch, scratch);
  char *build_argv[] = {"sh", "-c", command, NULL};
  run_or_fail(build_argv, 120);
  free(command);
  /* From the test's own folder, where "./counter.c" is the case (as p03's checks of the same programs). */
  char *tests = xprintf("%s/tests", scratch);
  cr_assert_eq(chdir(tests), 0, "chdir %s", tests);
  free(tests);
  char *case_path = xstrdup("counter.c");
  char *binary = xprintf("%s/tests/prog", scratch);
  char *instrumented[] = {other, NULL};
  struct verify_request request = {
      .case_path = case_path, .binary = binary, .timeout_seconds = 30, .instrumented_files = instrumented};
  verify_case(&request, &result);
  assert_outcome(&result, OUTCOME_NOT_MET);
  assert_diagnostic_about(&result, "other/counter.c", "expected data race, TSan reported nothing here", NULL);
  free(case_path);
  free(binary);
  free(other);
  free(programs);
}

/* The marker-file reader's own rules. */
Test(pin_grammar, a_marker_file_holds_expect_tsan_markers_only) {
  char *folder = make_scratch_dir();
  char *case_file = xprintf("%s/case.c", folder), *other = xprintf("%s/other.c", folder);
  const char *case_text = "int main(void) { return 0; } // expect-tsan: data race\n";
  write_file_or_fail(case_file, case_text, strlen(case_text));
  struct case_spec spec;
  char *error = NULL;
  cr_assert_eq(case_spec_read(case_file, &spec, &error), 0, "%s", error);
  const char *texts[] = {"// expect-exit: 3\nint f(void) { return 0; } // expect-tsan: data race\n",
                         "int f(void) { return 0; } // expect-tsan: data race\n// expect-output: hello\n",
                         "// requires-tsan: clang -- why\nint f(void) { return 0; } // expect-tsan: data race\n",
                         "// expect-tsan: none\nint f(void) { return 0; }\n", "int f(void) { return 0; }\n"};
  const char *errors[] = {"other.c:1: expect-exit marker in ", "other.c:2: expect-output marker in ",
                          "other.c:1: requires-tsan marker in ", "'expect-tsan: none' mixed with 'data race' on line 1",
                          "other.c:1: no expect-tsan marker"};
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    write_file_or_fail(other, texts[i], strlen(texts[i]));
    struct c_dialect unknown = c_dialect_unknown();
    cr_assert_neq(case_spec_add_marker_file(&spec, other, &unknown, &error), 0, "%s is refused", texts[i]);
    cr_assert(contains(error, errors[i]), "expected \"%s\" in: %s", errors[i], error);
    free(error);
    error = NULL;
    cr_assert_eq(spec.marker_count, 1, "a refused file adds no marker");
  }
  struct c_dialect unknown = c_dialect_unknown();
  cr_assert_neq(case_spec_add_marker_file(&spec, case_file, &unknown, &error), 0);
  cr_assert(contains(error, "the case itself"), "%s", error);
  free(error);
  case_spec_free(&spec);
  free(case_file);
  free(other);
  remove_scratch_dir(folder);
}

/* A marker file's lines are held against the reader's and the binary's readings as the case's are. A #line in it is
 * refused by the reader; one in a header it includes, naming it, is not seen by the reader, and the binary's line
 * table then puts the header's function on the library's comment line 2. Before: not met (the library's markers
 * unread, its race unexpected). */
Test(pinning, a_marker_files_lines_are_held_against_the_binarys_line_table) {
  verify_two_files("void lib_bump(void) {", "#line 1\nvoid lib_bump(void) {");
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "a #line directive renumbers the lines TSan reports");
  case_result_free(&result);
  result = (struct case_result){0};
  char *library = xprintf("%s/marks_two_files_lib.c", scratch);
  char *header = xprintf("#line 2 \"%s\"\nint lib_helper(void) { return 1; }\n", library);
  free(write_scratch_file(&scratch, "renumber_lib.h", header));
  verify_two_files("int lib_counter;", "#include \"renumber_lib.h\"\nint lib_counter;");
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "marks_two_files_lib.c:2: the debug information of");
  free(header);
  free(library);
}

/* ---- a report that lies in a marker file alone ---- */

/* programs/races_only_in_a_marker_file.c and its _lib.c copied into the scratch folder, built together, and checked as
 * a --binary with the library given as a marker file (--markers). The library's threads start in its constructor, so
 * no stack of its races holds a line of the case. */
static void verify_races_only_in_a_marker_file(void) {
  char *case_path = copy_program("races_only_in_a_marker_file.c", scratch, "races_only_in_a_marker_file.c");
  char *library = copy_program("races_only_in_a_marker_file_lib.c", scratch, "races_only_in_a_marker_file_lib.c");
  char *programs = program_path("");
  char *include = xprintf("-I%s", programs);
  char *binary = xprintf("%s/program", scratch);
  char *argv[] = {"clang", "-fsanitize=thread", "-g", "-O1", "-pthread", include, case_path, library, "-o", binary,
                  NULL};
  run_or_fail(argv, 120);
  char *marker_files[] = {library, NULL};
  struct verify_request request = {
      .case_path = case_path, .binary = binary, .timeout_seconds = 30, .marker_files = marker_files};
  verify_case(&request, &result);
  free(case_path);
  free(library);
  free(programs);
  free(include);
  free(binary);
}

/* Everything a FILE stream `write` writes, as one string; the caller frees it. */
static char *written(void (*write)(FILE *out, const struct case_result *checked), const struct case_result *checked) {
  char *text = NULL;
  size_t length = 0;
  FILE *out = open_memstream(&text, &length);
  write(out, checked);
  fclose(out);
  return text;
}

static void write_json_here(FILE *out, const struct case_result *checked) { write_json(out, checked, NULL); }

static void write_tap(FILE *out, const struct case_result *checked) {
  struct test_points points;
  test_points_of_case(checked, checked->verdict.outcome, NULL, &points);
  struct tap_writer tap;
  tap_begin(&tap, out);
  tap_write_case(&tap, &points);
  tap_end(&tap);
  test_points_free(&points);
}

/* The library's unmarked race on lib_total (line 20 of its file) is named by that file and line in every output, not
 * by the case's path and line 0. Before: "races_only_in_a_marker_file.c: unexpected data race: ..." with no line, in
 * the text, the JSON ("line":0), and the TAP and JUnit points. */
Test(pinning, a_report_only_in_a_marker_file_is_named_by_that_file_and_line) {
  verify_races_only_in_a_marker_file();
  assert_outcome(&result, OUTCOME_NOT_MET);
  const char *unexpected = "races_only_in_a_marker_file_lib.c:20: unexpected data race: ";
  char *text = verdict_text(&result);
  cr_assert(contains(text, unexpected), "the text names the library's line: %s", text);
  cr_assert(contains(text, " in lib_worker at races_only_in_a_marker_file_lib.c:20 (thread T"), "%s", text);
  free(text);
  char *json = written(write_json_here, &result);
  cr_assert(contains(json, "races_only_in_a_marker_file_lib.c\",\"line\":20,\"message\":\"unexpected data race: "),
            "the JSON diagnostic names the library's line: %s", json);
  cr_assert(!contains(json, "\"line\":0,\"message\":\"unexpected"), "no unexpected report at line 0: %s", json);
  free(json);
  char *tap = written(write_tap, &result);
  cr_assert(contains(tap, "not ok 3 - ") && contains(tap, unexpected), "the TAP point names the library's line: %s",
            tap); /* after the points of the two met markers */
  free(tap);
  struct test_points points;
  test_points_of_case(&result, result.verdict.outcome, NULL, &points);
  struct junit_case junit = {result.spec.path, &points};
  char *junit_path = xprintf("%s/report.xml", scratch);
  char *error = NULL;
  cr_assert_eq(junit_write(junit_path, &junit, 1, &error), 0, "%s", error ? error : "");
  char *xml = read_file_or_fail(junit_path, NULL);
  cr_assert(contains(xml, unexpected), "the JUnit testcase names the library's line: %s", xml);
  free(xml);
  free(junit_path);
  test_points_free(&points);
  char *sarif = NULL;
  size_t length = 0;
  FILE *out = open_memstream(&sarif, &length);
  write_sarif_cases(out, &result, 1, scratch);
  fclose(out);
  cr_assert(contains(sarif, "\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"races_only_in_a_"
                            "marker_file_lib.c\",\"uriBaseId\":\"SRCROOT\"},\"region\":{\"startLine\":20"),
            "the SARIF result of the report is at the library's line: %s", sarif);
  free(sarif);
}

/* Every marker of every file is in the SARIF at its own file and line: a met marker as the in-source suppression of a
 * report it met (at its comment), a marker no report met as a result of its own (at the line it is about, its comment
 * a related location). Before: the reports alone, with no word of any marker. */
Test(pinning, sarif_carries_every_marker_at_its_own_file_and_line) {
  verify_races_only_in_a_marker_file();
  assert_outcome(&result, OUTCOME_NOT_MET);
  char *sarif = NULL;
  size_t length = 0;
  FILE *out = open_memstream(&sarif, &length);
  write_sarif_cases(out, &result, 1, scratch);
  fclose(out);
  const char *library = "{\"artifactLocation\":{\"uri\":\"races_only_in_a_marker_file_lib.c\",\"uriBaseId\":"
                        "\"SRCROOT\"},\"region\":{\"startLine\":";
  const char *test = "{\"artifactLocation\":{\"uri\":\"races_only_in_a_marker_file.c\",\"uriBaseId\":"
                     "\"SRCROOT\"},\"region\":{\"startLine\":";
  char *case_marker = xprintf("\"suppressions\":[{\"kind\":\"inSource\",\"status\":\"accepted\",\"justification\":"
                              "\"expect-tsan: data race\",\"location\":{\"physicalLocation\":%s22}}",
                              test);
  char *library_marker = xprintf("\"suppressions\":[{\"kind\":\"inSource\",\"status\":\"accepted\",\"justification\":"
                                 "\"expect-tsan: data race\",\"location\":{\"physicalLocation\":%s19}}",
                                 library);
  cr_assert(contains(sarif, case_marker), "the case's met marker, at its line: %s", sarif);
  cr_assert(contains(sarif, library_marker), "the marker file's met marker, at its line: %s", sarif);
  char *unmet = xprintf("{\"ruleId\":\"tsan-verify/expected-report-missing\",\"ruleIndex\":1,\"kind\":\"fail\","
                        "\"level\":\"error\",\"message\":{\"text\":\"expected data race, TSan reported nothing "
                        "here\"},\"locations\":[{\"physicalLocation\":%s25}}",
                        library);
  cr_assert(contains(sarif, unmet), "the unmet marker is a result at the line it is about: %s", sarif);
  char *comment = xprintf("\"relatedLocations\":[{\"id\":0,\"physicalLocation\":%s24}}", library);
  cr_assert(contains(sarif, comment), "its comment's line is a related location: %s", sarif);
  cr_assert(contains(sarif, "{\"id\":\"tsan-verify/expected-report-missing\",\"shortDescription\""),
            "the rule of unmet markers is declared: %s", sarif);
  free(case_marker);
  free(library_marker);
  free(unmet);
  free(comment);
  free(sarif);
}

/* `at FILE:LINE` in the project's shared library, which TSan reports as `add_unlocked lib.c:9 (libpinned.so+...)`:
 * the library's DWARF names the file. Before: "no source file of the program (its DWARF) is ..." (blind round of
 * session 12, 77 and 78, through Make and Automake's libtool). */
Test(pinning, pins_a_race_in_the_projects_shared_library_by_its_file_and_line) {
  char *library_source = program_path("pins_a_race_in_its_shared_library_lib.c");
  char *case_path = program_path("pins_a_race_in_its_shared_library.c");
  char *library = xprintf("%s/libpinned.so", scratch);
  char *binary = xprintf("%s/pinned", scratch);
  char *include = xprintf("-I%s", HARNESS_PROGRAMS_DIR);
  char *library_argv[] = {"clang", "-fsanitize=thread", "-g", "-O1",   "-fPIC", "-shared",
                          include, library_source,      "-o", library, NULL};
  run_or_fail(library_argv, 120);
  char *search = xprintf("-L%s", scratch);
  char *runpath = xprintf("-Wl,-rpath,%s", scratch);
  char *program_argv[] = {
      "clang", "-fsanitize=thread", "-g", "-O1", case_path, search, "-lpinned", runpath, "-o", binary, NULL};
  run_or_fail(program_argv, 120);
  struct verify_request request = {
      .case_path = case_path, .binary = binary, .compiler = "clang", .timeout_seconds = 30};
  verify_case(&request, &result);
  assert_outcome(&result, OUTCOME_MET);
  free(library_source);
  free(case_path);
  free(library);
  free(binary);
  free(include);
  free(search);
  free(runpath);
}

/* The same library built as libtool and Make build one: its source named relatively (src/pool.c, placed by the unit's
 * DW_AT_comp_dir), its file libpinned.so.0.0.0 loaded through its soname libpinned.so.0, the name TSan's frames
 * give. Before: the frame "src/pool.c" in "libpinned.so.0" was never placed, and the test was not met (blind round 8,
 * 77, Automake with a libtool library). */
Test(pinning, pins_a_race_in_a_shared_library_whose_frames_name_it_relatively_and_by_its_soname) {
  char *library_source = program_path("pins_a_race_in_its_shared_library_lib.c");
  char *programs = program_path("");
  char *source_folder = xprintf("%s/src", scratch);
  cr_assert_eq(mkdir(source_folder, 0700), 0);
  char *copy = xprintf("%s/src/pins_a_race_in_its_shared_library_lib.c", scratch);
  char *copy_argv[] = {"cp", library_source, copy, NULL};
  run_or_fail(copy_argv, 30);
  char *include = xprintf("-I%s", programs);
  const char *library_arguments[] = {"-fsanitize=thread",
                                     "-g",
                                     "-O1",
                                     "-fPIC",
                                     "-shared",
                                     include,
                                     "-Wl,-soname,libpinned.so.0",
                                     "src/pins_a_race_in_its_shared_library_lib.c",
                                     "-o",
                                     "libpinned.so.0.0.0",
                                     NULL};
  struct run_result built;
  run_command("clang", library_arguments, scratch, 120, &built);
  cr_assert(built.end == RUN_EXITED && built.code == 0, "the library builds: %s", STR_OR_EMPTY(built.err.data));
  run_result_free(&built);
  char *link = xprintf("%s/libpinned.so.0", scratch);
  cr_assert_eq(symlink("libpinned.so.0.0.0", link), 0);
  char *case_path = program_path("pins_a_race_in_its_shared_library.c");
  char *binary = xprintf("%s/pinned", scratch);
  char *runpath = xprintf("-Wl,-rpath,%s", scratch);
  char *program_argv[] = {"clang", "-fsanitize=thread", "-g", "-O1", case_path, link, runpath, "-o", binary, NULL};
  run_or_fail(program_argv, 120);
  /* The marker names the file by the path the library's DWARF gives it. */
  struct verify_request request = {
      .case_path = case_path, .binary = binary, .compiler = "clang", .timeout_seconds = 30};
  verify_case(&request, &result);
  assert_outcome(&result, OUTCOME_MET);
  free(library_source);
  free(programs);
  free(source_folder);
  free(copy);
  free(include);
  free(link);
  free(case_path);
  free(binary);
  free(runpath);
}
