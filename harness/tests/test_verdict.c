/* test_verdict.c: verdict.c, how diagnostics accumulate and which outcome wins. */
#include "report/verdict.h"

#include <criterion/criterion.h>
#include <stdlib.h>

static struct verdict verdict;

static void cleanup(void) { verdict_free(&verdict); }

TestSuite(verdict, .fini = cleanup);

Test(verdict, starts_met_with_no_diagnostic) {
  cr_assert_eq(verdict.outcome, OUTCOME_MET, "a zeroed verdict is met");
  cr_assert_eq(verdict.diagnostic_count, 0, "and says nothing");
}

Test(verdict, keeps_file_line_and_formatted_message) {
  verdict_add(&verdict, OUTCOME_NOT_MET, "case.c", 12, "expected %s, got %d", "data race", 0);
  cr_assert_eq(verdict.diagnostic_count, 1, "one diagnostic");
  cr_assert_str_eq(verdict.diagnostics[0].file, "case.c", "the file is kept");
  cr_assert_eq(verdict.diagnostics[0].line, 12, "the line is kept");
  cr_assert_str_eq(verdict.diagnostics[0].message, "expected data race, got 0", "got %s",
                   verdict.diagnostics[0].message);
  cr_assert_eq(verdict.outcome, OUTCOME_NOT_MET, "the outcome drops to not met");
}

Test(verdict, accepts_a_diagnostic_without_a_file) {
  verdict_add(&verdict, OUTCOME_CANNOT_CHECK, NULL, 0, "no file");
  cr_assert_null(verdict.diagnostics[0].file, "a NULL file stays NULL");
}

Test(verdict, lets_cannot_check_win_over_not_met_in_either_order) {
  verdict_add(&verdict, OUTCOME_CANNOT_CHECK, NULL, 0, "first");
  verdict_add(&verdict, OUTCOME_NOT_MET, NULL, 0, "second");
  cr_assert_eq(verdict.outcome, OUTCOME_CANNOT_CHECK, "a later not met does not lower cannot check");
  verdict_free(&verdict);
  verdict_add(&verdict, OUTCOME_NOT_MET, NULL, 0, "first");
  verdict_add(&verdict, OUTCOME_CANNOT_CHECK, NULL, 0, "second");
  cr_assert_eq(verdict.outcome, OUTCOME_CANNOT_CHECK, "cannot check is the worst");
  cr_assert_eq(verdict.diagnostic_count, 2, "both diagnostics are kept");
}

Test(verdict, lets_not_met_win_over_skipped) {
  verdict_add(&verdict, OUTCOME_SKIPPED, NULL, 0, "skipped");
  cr_assert_eq(verdict.outcome, OUTCOME_SKIPPED, "skipped is worse than met");
  verdict_add(&verdict, OUTCOME_NOT_MET, NULL, 0, "not met");
  cr_assert_eq(verdict.outcome, OUTCOME_NOT_MET, "not met is worse than skipped");
  verdict_add(&verdict, OUTCOME_MET, NULL, 0, "a note");
  cr_assert_eq(verdict.outcome, OUTCOME_NOT_MET, "a met note lowers nothing");
}

Test(verdict, frees_to_a_zeroed_verdict) {
  verdict_add(&verdict, OUTCOME_NOT_MET, "a.c", 1, "x");
  verdict.report_marker = calloc(2, sizeof *verdict.report_marker);
  verdict_free(&verdict);
  cr_assert_eq(verdict.diagnostic_count, 0, "no diagnostic left");
  cr_assert_null(verdict.diagnostics, "the array is gone");
  cr_assert_null(verdict.report_marker, "the cross-references are gone");
  cr_assert_eq(verdict.outcome, OUTCOME_MET, "back to met");
}

Test(verdict, names_every_outcome_and_uses_them_as_exit_statuses) {
  cr_assert_str_eq(outcome_name(OUTCOME_MET), "met", "met");
  cr_assert_str_eq(outcome_name(OUTCOME_NOT_MET), "not met", "not met");
  cr_assert_str_eq(outcome_name(OUTCOME_CANNOT_CHECK), "cannot check", "cannot check");
  cr_assert_str_eq(outcome_name(OUTCOME_SKIPPED), "skipped", "skipped");
  cr_assert_eq(OUTCOME_MET, 0, "exit 0");
  cr_assert_eq(OUTCOME_NOT_MET, 1, "exit 1");
  cr_assert_eq(OUTCOME_CANNOT_CHECK, 2, "exit 2");
  cr_assert_eq(OUTCOME_SKIPPED, 77, "exit 77, ctest's SKIP_RETURN_CODE");
}
