/* p06_declared_hiding.c: principle 6 of docs/HOSTILE.md, "everything that hides a report is declared, or the run
 * fails" -- its options half. The options that hide reports are pinned through every variable the runtime reads
 * (TSAN_OPTIONS, and UBSAN_OPTIONS, which clang's runtime parses last), every exec'd image must run with exactly
 * those, and suppressions the case does not declare in an image that never listed its matches make the run
 * "cannot check". */
#include "base/util.h"
#include "check/verify.h"
#include "support.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static struct case_result result;
static char *case_path;
static char *scratch;
static char *suppressions;

static void cleanup(void) {
  case_result_free(&result);
  free(case_path);
  case_path = NULL;
  free(suppressions);
  suppressions = NULL;
  remove_scratch_dir(scratch);
  scratch = NULL;
}

TestSuite(hiding_options, .init = unset_user_environment, .fini = cleanup, .timeout = 60);

/* The user's TSAN_OPTIONS name a suppressions file with `rule`, which the case does not declare. */
static void user_suppresses(const char *rule) {
  suppressions = write_scratch_file(&scratch, "user.supp", rule);
  char *options = xprintf("suppressions=%s", suppressions);
  setenv("TSAN_OPTIONS", options, 1);
  free(options);
}

Test(hiding_options, does_not_meet_a_suppressed_race_when_ubsan_options_turn_the_matched_list_off) {
  /* clang's runtime parses UBSAN_OPTIONS after TSAN_OPTIONS: print_suppressions=0 there once hid the match, and the
   * verdict was "met". */
  user_suppresses("race:racy_marked_none.c\n");
  setenv("UBSAN_OPTIONS", "print_suppressions=0", 1);
  verify_program("racy_marked_none.c", "clang", 20, &result);
  assert_outcome(&result, OUTCOME_NOT_MET);
  assert_diagnostic(&result, "suppression \"race:racy_marked_none.c\" hid 1 report in pid ");
}

Test(hiding_options, cannot_check_an_image_that_execs_before_tsan_lists_the_users_suppressions) {
  /* The race is suppressed in the image that execs; the new image owes no exit statistics, and was "met". */
  user_suppresses("race:invisible_barrier.h\n");
  verify_program("races_then_execs_itself.c", "clang", 20, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "the program (pid ");
  assert_diagnostic(&result,
                    "exec'd another image before TSan's finalization, so TSan never listed the suppressions that "
                    "matched in it");
  assert_diagnostic(&result, "user.supp of the user's TSAN_OPTIONS (not declared by the case) was in force");
}

Test(hiding_options, cannot_check_a_reexec_that_changes_only_ubsan_options) {
  user_suppresses("race:invisible_barrier.h\n");
  verify_program("reexecs_with_other_ubsan_options.c", "clang", 20, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "runs with other TSan options than the harness gave the program (UBSAN_OPTIONS=...");
  assert_diagnostic(&result, ":print_suppressions=0)");
}

Test(hiding_options, cannot_check_an_exec_whose_first_tsan_options_is_not_the_harnesss) {
  /* The runtime reads the first TSAN_OPTIONS of the environment; the harness once compared the last. */
  verify_program("execs_with_a_duplicate_tsan_options.c", "clang", 20, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "runs with other TSan options than the harness gave the program (TSAN_OPTIONS=...");
  assert_diagnostic(&result, ":report_bugs=0)");
}

Test(hiding_options, sees_a_thread_leak_that_a_compiled_in_default_options_turns_off) {
  /* __tsan_default_options is parsed before TSAN_OPTIONS, where the harness pins report_thread_leaks=1. */
  enum outcome outcome = verify_program("default_options_hide_a_thread_leak.c", "clang", 20, &result);
  char *why = result_diagnostics(&result);
  cr_assert_neq(outcome, OUTCOME_MET, "a hidden thread leak is never met:%s", why);
  free(why);
  cr_assert_eq(result.log.report_count, 1, "TSan reported the leak, got %zu reports", result.log.report_count);
  cr_assert(starts_with(result.log.reports[0].kind, "thread leak"), "got %s", result.log.reports[0].kind);
}

Test(hiding_options, meets_a_racy_program_when_ubsan_options_turn_the_banner_off) {
  /* clang's runtime reads UBSAN_OPTIONS last: verbosity=0 there once removed the banner, and the proof with it. */
  setenv("UBSAN_OPTIONS", "verbosity=0", 1);
  verify_program("racy.c", "clang", 20, &result);
  assert_outcome(&result, OUTCOME_MET);
  cr_assert(result.log.runtime_started && result.log.runtime_finished, "TSan's start and finish are in the log");
}

Test(hiding_options, keeps_tsans_exitcode_when_ubsan_options_set_another) {
  setenv("UBSAN_OPTIONS", "exitcode=3", 1);
  verify_program("racy.c", "clang", 20, &result);
  assert_outcome(&result, OUTCOME_MET);
  cr_assert_eq(result.run.code, 66, "the exitcode is pinned in UBSAN_OPTIONS too, got %d", result.run.code);
  assert_diagnostic(&result, "instead of the user's exitcode=3 (UBSAN_OPTIONS)");
}

Test(hiding_options, meets_a_case_whose_own_suppressions_hide_its_race) {
  /* Declared suppressions are the case's intent: listed, and met. */
  case_path = xprintf("%s/limits/suppressed.c", CASES_DIR);
  verify_path(case_path, "clang", 20, &result);
  assert_outcome(&result, OUTCOME_MET);
  cr_assert_eq(result.evidence.suppression_count, 1, "the match is listed");
  cr_assert(result.evidence.suppressions[0].declared, "as the case's own");
}
