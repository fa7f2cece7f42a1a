/* test_verify.c: verify.c end to end, with real compiles (clang) and real TSan runs of programs/. */
#include "support.h"
#include "util.h"
#include "verify.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STR_OR_NULL(s) ((s) ? (s) : "(null)")

static struct case_result result;
static char *case_path;
static char *scratch;

static void setup(void) {
  /* The user's TSAN_OPTIONS are added to every run: keep the developer's out of these tests. */
  unsetenv("TSAN_OPTIONS");
  unsetenv("CC");
}

static void cleanup(void) {
  case_result_free(&result);
  free(case_path);
  case_path = NULL;
  remove_scratch_dir(scratch);
  scratch = NULL;
}

TestSuite(verify, .init = setup, .fini = cleanup, .timeout = 60);
TestSuite(tsan_options, .init = setup);

static enum outcome verify_program(const char *name, const struct verify_request *overrides) {
  case_path = program_path(name);
  struct verify_request request = overrides ? *overrides : (struct verify_request){0};
  request.case_path = case_path;
  if (!request.compiler)
    request.compiler = "clang";
  if (request.timeout_seconds <= 0)
    request.timeout_seconds = 20;
  return verify_case(&request, &result);
}

/* Every diagnostic, one per line, for failure messages. */
static char *diagnostics(void) {
  struct strbuf out = {0};
  for (size_t i = 0; i < result.verdict.diagnostic_count; i++)
    strbuf_printf(&out, "\n  %s:%zu: %s", STR_OR_NULL(result.verdict.diagnostics[i].file),
                  result.verdict.diagnostics[i].line, result.verdict.diagnostics[i].message);
  if (result.ran)
    strbuf_printf(&out, "\n  stderr:\n%s", result.run.err.data);
  return strbuf_release(&out);
}

static void assert_outcome(enum outcome outcome, enum outcome expected) {
  char *why = diagnostics();
  cr_assert_eq(outcome, expected, "expected %s, got %s:%s", outcome_name(expected), outcome_name(outcome), why);
  cr_assert_eq(result.verdict.outcome, outcome, "verify_case returns the verdict's outcome");
  free(why);
}

static bool some_diagnostic_contains(const char *text) {
  for (size_t i = 0; i < result.verdict.diagnostic_count; i++)
    if (contains(result.verdict.diagnostics[i].message, text))
      return true;
  return false;
}

static void assert_diagnostic(const char *text) {
  char *why = diagnostics();
  cr_assert(some_diagnostic_contains(text), "a diagnostic should say \"%s\"; they are:%s", text, why);
  free(why);
}

Test(verify, meets_a_racy_program_with_correct_markers) {
  assert_outcome(verify_program("racy.c", NULL), OUTCOME_MET);
  cr_assert(result.ran, "the program ran");
  cr_assert_eq(result.log.report_count, 1, "one report, got %zu", result.log.report_count);
  cr_assert_str_eq(result.toolchain.family, "clang", "the toolchain is asked from the compiler, got \"%s\"",
                   result.toolchain.family);
  cr_assert_gt(result.toolchain.major, 0, "with its major version");
  cr_assert(result.log.runtime_started && result.log.runtime_finished, "TSan watched the whole run");
  cr_assert(contains(result.run.out.data, "counter="), "stdout is kept, got \"%s\"", result.run.out.data);
}

Test(verify, does_not_meet_a_racy_program_marked_none) {
  assert_outcome(verify_program("racy_marked_none.c", NULL), OUTCOME_NOT_MET);
  assert_diagnostic("expected no report, TSan reported data race");
}

Test(verify, does_not_meet_a_marker_on_a_line_that_does_not_race) {
  assert_outcome(verify_program("racy_wrong_line.c", NULL), OUTCOME_NOT_MET);
  assert_diagnostic("expected data race, TSan reported nothing here");
  assert_diagnostic("unexpected data race");
}

Test(verify, cannot_check_a_binary_built_without_tsan) {
  struct verify_request request = {.cflags = "-g -pthread"};
  assert_outcome(verify_program("racy.c", &request), OUTCOME_CANNOT_CHECK);
  assert_diagnostic("not TSan-instrumented");
  cr_assert(result.ran, "the program did run");
  cr_assert(!result.log.runtime_started, "no TSan banner");
}

Test(verify, cannot_check_a_program_that_hangs) {
  struct verify_request request = {.timeout_seconds = 0.5};
  assert_outcome(verify_program("hang.c", &request), OUTCOME_CANNOT_CHECK);
  assert_diagnostic("timed out after 0.5 s");
  cr_assert_eq(result.run.end, RUN_TIMED_OUT, "the run ended by the deadline");
}

Test(verify, cannot_check_a_program_whose_runtime_did_not_finish) {
  /* exit_group(2) called directly: no interceptor sees it, so TSan's atexit work never runs. */
  assert_outcome(verify_program("exit_group.c", NULL), OUTCOME_CANNOT_CHECK);
  assert_diagnostic("the TSan runtime did not finish (exit status 0");
  cr_assert(result.log.runtime_started, "TSan did start");
  cr_assert(!result.log.runtime_finished, "but never finished");
}

Test(verify, meets_a_program_that_calls_underscore_exit) {
  /* TSan intercepts _exit(0) and finishes there: unlike a raw exit_group, the run is fully watched. */
  assert_outcome(verify_program("underscore_exit.c", NULL), OUTCOME_MET);
  cr_assert(result.log.runtime_finished, "the runtime finished in its _exit interceptor");
}

Test(verify, skips_a_case_that_needs_a_newer_clang) {
  struct verify_request request = {.toolchain = "clang-14"};
  assert_outcome(verify_program("needs_clang18.c", &request), OUTCOME_SKIPPED);
  assert_diagnostic("skipped on clang-14: requires clang>=18 -- stands in for a case about a newer runtime");
  cr_assert(!result.ran, "a skipped case is not even compiled, let alone run");
}

Test(verify, cannot_check_a_case_that_does_not_compile) {
  assert_outcome(verify_program("compile_error.c", NULL), OUTCOME_CANNOT_CHECK);
  assert_diagnostic("compile error (clang): ");
  cr_assert(!result.ran, "nothing ran");
}

Test(verify, cannot_check_a_missing_case) {
  struct verify_request request = {.case_path = "/nonexistent/case.c", .compiler = "clang"};
  assert_outcome(verify_case(&request, &result), OUTCOME_CANNOT_CHECK);
  assert_diagnostic("/nonexistent/case.c:1: cannot read the case");
}

Test(verify, cannot_check_with_an_unknown_toolchain_name) {
  struct verify_request request = {.toolchain = "msvc-19"};
  assert_outcome(verify_program("racy.c", &request), OUTCOME_CANNOT_CHECK);
  assert_diagnostic("unknown toolchain \"msvc-19\"");
}

/* A copy of racy.c named `name` in a fresh scratch folder. */
static char *copy_racy_to(const char *folder, const char *name) {
  char *source = program_path("racy.c");
  size_t length;
  char *text = read_file_or_fail(source, &length);
  char *path = xprintf("%s/%s", folder, name);
  write_file_or_fail(path, text, length);
  free(text);
  free(source);
  return path;
}

#define AWKWARD_NAME "-racy copy 'quoted' \"double\" $(touch pwned) `touch pwned`.c"

Test(verify, checks_a_case_whose_file_name_needs_quoting_and_starts_with_a_dash) {
  scratch = make_scratch_dir();
  free(copy_racy_to(scratch, AWKWARD_NAME));
  cr_assert_eq(chdir(scratch), 0, "cannot enter %s", scratch);
  /* Relative, so the path itself starts with '-': it must not be taken for an option. */
  struct verify_request request = {.case_path = AWKWARD_NAME, .compiler = "clang", .timeout_seconds = 20};
  assert_outcome(verify_case(&request, &result), OUTCOME_MET);
  struct stat info;
  cr_assert_neq(stat("pwned", &info), 0, "no shell ever saw the name: $(touch pwned) did not run");
}

Test(verify, checks_a_case_in_a_folder_whose_name_needs_quoting) {
  scratch = make_scratch_dir();
  char *folder = xprintf("%s/dir with spaces; $(touch pwned) 'x'", scratch);
  cr_assert_eq(mkdir(folder, 0700), 0, "cannot create %s", folder);
  case_path = copy_racy_to(folder, "racy case.c");
  struct verify_request request = {.case_path = case_path, .compiler = "clang", .timeout_seconds = 20};
  assert_outcome(verify_case(&request, &result), OUTCOME_MET);
  char *pwned = xprintf("%s/pwned", scratch);
  struct stat info;
  cr_assert_neq(stat(pwned, &info), 0, "no shell ever saw the folder's name");
  free(pwned);
  free(folder);
}

Test(verify, finds_the_same_verdict_on_every_repeated_run) {
  case_path = program_path("racy.c");
  struct verify_request request = {.case_path = case_path, .compiler = "clang", .timeout_seconds = 20};
  unsigned flipped_run = 99;
  char *flip = NULL;
  enum outcome outcome = verify_repeated(&request, 2, &result, &flipped_run, &flip);
  assert_outcome(outcome, OUTCOME_MET);
  cr_assert_eq(flipped_run, 0, "no run differs, got run %u: %s", flipped_run, STR_OR_NULL(flip));
  cr_assert_null(flip, "no flip description");
}

/* ---- TSAN_OPTIONS ---- */

Test(tsan_options, starts_with_the_defaults_and_ends_with_what_the_harness_needs) {
  char *options = harness_tsan_options(NULL, NULL);
  cr_assert_str_eq(options, "atexit_sleep_ms=0:second_deadlock_stack=1:verbosity=1:log_path=stderr:color=never",
                   "got %s", options);
  free(options);
}

Test(tsan_options, puts_the_users_options_before_the_cases) {
  char *options = harness_tsan_options("history_size=7", "suppressions=/c/supp.txt");
  cr_assert_str_eq(options,
                   "atexit_sleep_ms=0:second_deadlock_stack=1:history_size=7:suppressions=/c/supp.txt:"
                   "verbosity=1:log_path=stderr:color=never",
                   "got %s", options);
  free(options);
}

Test(tsan_options, ignores_empty_user_and_case_options) {
  char *options = harness_tsan_options("", "");
  cr_assert_str_eq(options, "atexit_sleep_ms=0:second_deadlock_stack=1:verbosity=1:log_path=stderr:color=never",
                   "got %s", options);
  free(options);
}

Test(tsan_options, keeps_verbosity_forced_even_when_the_user_lowers_it) {
  char *options = harness_tsan_options("verbosity=0", NULL);
  cr_assert_eq(tsan_option_value(options, "verbosity", -1), 1, "the last verbosity wins and it is the harness's");
  free(options);
}

Test(tsan_options, reads_the_last_value_of_an_option) {
  cr_assert_eq(tsan_option_value("exitcode=66:halt_on_error=0:exitcode=7", "exitcode", 66), 7, "the last one wins");
  cr_assert_eq(tsan_option_value("a=1 exitcode=5 b=2", "exitcode", 66), 5, "spaces separate options too");
}

Test(tsan_options, falls_back_when_the_option_is_absent) {
  cr_assert_eq(tsan_option_value("verbosity=1", "exitcode", 66), 66, "absent: the fallback");
  cr_assert_eq(tsan_option_value("", "exitcode", 66), 66, "empty: the fallback");
  cr_assert_eq(tsan_option_value("exitcode_other=3", "exitcode", 66), 66, "a longer name is another option");
  cr_assert_eq(tsan_option_value("my_exitcode=3", "exitcode", 66), 66, "a name that ends with it is another too");
}

Test(tsan_options, reads_true_and_false_as_one_and_zero) {
  cr_assert_eq(tsan_option_value("halt_on_error=true", "halt_on_error", 0), 1, "true is 1");
  cr_assert_eq(tsan_option_value("halt_on_error=false", "halt_on_error", 1), 0, "false is 0");
  cr_assert_eq(tsan_option_value("halt_on_error=1", "halt_on_error", 0), 1, "1 is 1");
}
