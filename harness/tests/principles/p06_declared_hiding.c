/* p06_declared_hiding.c: principle 6 of docs/HOSTILE.md, "everything that hides a report is declared, or the run
 * fails" -- its options half. The options that hide reports are pinned through every variable the runtime reads
 * (TSAN_OPTIONS, and UBSAN_OPTIONS, which clang's runtime parses last), every exec'd image must run with exactly
 * those, and suppressions the case does not declare in an image that never listed its matches make the run
 * "cannot check". Its suppressions half: what the case's own rules hid is identified in a run without them, report by
 * report as the runtime credits a rule, and only when that run accounts, rule by rule, for exactly what the runtime
 * says each matched (runner/suppressed.h). */
#include "base/util.h"
#include "check/verify.h"
#include "runner/suppressed.h"
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
  assert_diagnostic(&result, "user.supp of the user's TSAN_OPTIONS was in force");
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

/* ---- what the case's own suppressions hid ---- */

TestSuite(hidden_by_suppressions, .init = unset_user_environment, .fini = cleanup, .timeout = 120);

/* programs/NAME run with the environment variable VARIABLE naming a fresh counter file: the program's runs are
 * numbered, so the first run (with the case's suppressions) and the rerun (without them) differ every time. */
static void verify_counted_runs(const char *name, const char *variable) {
  char *counter = write_scratch_file(&scratch, "runs", "0\n");
  setenv(variable, counter, 1);
  verify_program(name, "clang", 30, &result);
  unsetenv(variable);
  free(counter);
}

Test(hidden_by_suppressions, cannot_check_a_program_whose_rerun_races_elsewhere) {
  /* Run 1 races in total_worker, which race:total_worker hides; the rerun races in the library file instead. The
   * harness took the library's race for what the rule hid, found it outside the code under test, and said met. */
  verify_counted_runs("picks_its_race_by_pid.c", "PICKS_ITS_RACE_COUNTER");
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "rule race:total_worker matched 1 report in the run, 0 in the run without the case's "
                             "suppressions, made to see what it hid: the program does not repeat its races");
}

Test(hidden_by_suppressions, never_meets_the_program_that_picks_its_race_by_pid) {
  /* The attacker's own program: its path is the pid's parity, in each of the two runs. Every pairing is not met (the
   * rerun repeats the marked race) or cannot check (it does not): never met. */
  for (int attempt = 0; attempt < 2; attempt++) {
    case_result_free(&result);
    enum outcome outcome = verify_program("picks_its_race_by_pid.c", "clang", 30, &result);
    char *why = result_diagnostics(&result);
    cr_assert(outcome == OUTCOME_NOT_MET || outcome == OUTCOME_CANNOT_CHECK, "attempt %d: outcome %s:%s", attempt,
              outcome_name(outcome), why);
    free(why);
  }
}

Test(hidden_by_suppressions, cannot_check_a_rule_that_matched_two_reports_and_one_on_the_rerun) {
  /* The rerun adds two reports, as many as the rule hid, but only one the rule matches: the harness once counted the
   * added reports alone, took both for what the declared rule hid, and said met. */
  verify_counted_runs("hides_two_races_then_one.c", "HIDES_TWO_RACES_COUNTER");
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "rule race:total_worker matched 2 reports in the run, 1 in the run without the case's "
                             "suppressions");
}

Test(hidden_by_suppressions, does_not_meet_a_broad_rule_that_hides_the_marked_race) {
  /* Both runs take the marked path: the rerun repeats the race, the rule is credited with it, and it is about the
   * code under test. */
  setenv("PICKS_ITS_RACE_ALWAYS_ODD", "1", 1);
  verify_program("picks_its_race_by_pid.c", "clang", 30, &result);
  unsetenv("PICKS_ITS_RACE_ALWAYS_ODD");
  assert_outcome(&result, OUTCOME_NOT_MET);
  assert_diagnostic(&result, "suppression \"race:total_worker\" hid a report about the code under test (data race in "
                             "total_worker at ");
  assert_diagnostic(&result, "declare it with `// expect-suppressed: race:total_worker 1 -- why`");
}

Test(hidden_by_suppressions, meets_a_declared_rule_that_hides_one_of_two_races_on_a_line) {
  /* Two races blame add_one's line; the declared rule hides the one through hidden_caller. The harness once told the
   * hidden report by the line it blames, took the printed one for it, and said not met. */
  verify_program("hides_one_of_two_races_on_a_line.c", "clang", 30, &result);
  assert_outcome(&result, OUTCOME_MET);
  cr_assert_eq(result.evidence.suppression_count, 1, "the runtime listed the rule");
  cr_assert_eq(result.evidence.suppressions[0].count, 1, "with one match");
}

/* The case's own rule hides its race in an image that execs before TSan's finalization, where the runtime would list
 * what matched: even the case's own rules cannot be credited with what they hid. Before: met (found by a blind
 * round). */
Test(hidden_by_suppressions, cannot_check_the_cases_own_rule_in_an_image_that_execs) {
  verify_program("suppresses_then_execs.c", "clang", 30, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "of the case's tsan-options was in force: a report it hid there cannot be known");
}

/* ---- which rule the runtime credits with a report (tsan_rtl_report.cpp OutputReport, tsan_suppressions.cpp) ---- */

TestSuite(suppression_credit);

static long credited(const char *fixture, size_t report, const char *first, const char *second) {
  struct tsan_log log = {0};
  parse_fixture(fixture, &log);
  cr_assert_gt(log.report_count, report, "%s has report %zu", fixture, report);
  char *rules[] = {(char *)first, (char *)second, NULL};
  long rule = suppression_rule_credited(rules, second ? 2 : 1, &log.reports[report]);
  tsan_log_free(&log);
  return rule;
}

Test(suppression_credit, tries_stacks_in_the_runtimes_order_and_each_frame_by_function_file_then_module) {
  /* Report 0: a read in main (data_race.c:28), a previous write in worker, global 'counter', a mutex created in
   * worker, T1 created in main. */
  cr_assert_eq(credited("clang14-data-race.txt", 0, "race:data_race.c", "race:main"), 1,
               "the frame's function is tried with every rule before its file");
  cr_assert_eq(credited("clang14-data-race.txt", 0, "race:worker", "race:main"), 1,
               "the first access's stack is tried before the second's");
  cr_assert_eq(credited("clang14-data-race.txt", 0, "race:main", "race:main"), 0, "the first of equal rules");
  cr_assert_eq(credited("clang14-data-race.txt", 0, "thread:main", "race:counter"), 1,
               "a rule of another type is never tried; a global's name is");
  cr_assert_eq(credited("clang14-data-race.txt", 0, "race:^data_race$", NULL), 0,
               "the module is matched without its offset");
  cr_assert_eq(credited("clang14-data-race.txt", 0, "race:pthread_create", NULL), -1,
               "a race's thread creation stacks are not tried");
  cr_assert_eq(credited("clang14-data-race.txt", 0, "race:pthread_mutex_lock", NULL), -1,
               "nor a mutex's creation stack");
  cr_assert_eq(credited("clang14-data-race.txt", 0, "race_top:^worker$", NULL), 0,
               "race_top: the innermost frame of an access stack");
}

Test(suppression_credit, tries_a_thread_leaks_creation_stack_and_a_deadlocks_acquisitions) {
  cr_assert_eq(credited("clang14-thread-leak.txt", 0, "race:main", "thread:thread_leak.c"), 1);
  cr_assert_eq(credited("clang14-lock-order-inversion.txt", 0, "mutex:b_then_a", "deadlock:b_then_a"), 1);
  cr_assert_str_eq(suppression_type_of_report("race on Store"), "race");
  cr_assert_str_eq(suppression_type_of_report("signal handler spoils errno"), "signal");
  cr_assert_null(suppression_type_of_report("a headline of a newer runtime"));
}

/* ---- suppressions the runtime never counts: called_from_lib ---- */

/* programs/calls_a_helper_library.c, its marker line replaced by `marker_lines` (its own suppressions, a
 * declaration), built with libhelper.so (no TSan) into the scratch folder and checked as a --binary. */
static enum outcome verify_helper_library_case(const char *marker_lines) {
  if (!scratch)
    scratch = make_scratch_dir();
  char *original = program_path("calls_a_helper_library.c");
  char *text = read_file_or_fail(original, NULL);
  /* The helper stands for a system library: built without TSan on purpose, and declared so. */
  char *lines = xprintf("%s\n// tsan-hides: uninstrumented libhelper.so -- stands for a library built without TSan",
                        marker_lines);
  char *marked = replace_first(text, "// expect-tsan: none", lines);
  free(lines);
  free(case_path);
  case_path = write_scratch_file(&scratch, "calls_a_helper_library.c", marked);
  char *library_source = program_path("calls_a_helper_library_lib.c");
  char *library = xprintf("%s/libhelper.so", scratch);
  char *binary = xprintf("%s/program", scratch);
  char *library_dir = xprintf("-L%s", scratch);
  char *rpath = xprintf("-Wl,-rpath,%s", scratch);
  char *build_library[] = {"clang", "-O1", "-g", "-fPIC", "-shared", library_source, "-o", library, NULL};
  run_or_fail(build_library, 60);
  char *build_program[] = {"clang",     "-fsanitize=thread", "-g",  "-O1", "-pthread", case_path,
                           library_dir, "-lhelper",          rpath, "-o",  binary,     NULL};
  run_or_fail(build_program, 60);
  struct verify_request request = {.case_path = case_path, .binary = binary, .timeout_seconds = 30};
  enum outcome outcome = verify_case(&request, &result);
  free(original);
  free(text);
  free(marked);
  free(library_source);
  free(library);
  free(binary);
  free(library_dir);
  free(rpath);
  return outcome;
}

Test(hiding_options, cannot_check_a_called_from_lib_rule_of_the_users_suppressions) {
  /* Before: the runtime ignored the library's memset, listed no match, and the verdict was "met (reported: none)". */
  user_suppresses("called_from_lib:libhelper.so\n");
  verify_helper_library_case("// expect-tsan: none");
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "suppression \"called_from_lib:libhelper.so\" of the user's suppressions file ");
  assert_diagnostic(&result, "the runtime never counts what such a rule hides");
}

Test(hiding_options, does_not_meet_an_undeclared_called_from_lib_rule_of_the_cases_own_suppressions) {
  char *file = write_scratch_file(&scratch, "known.supp", "# the library's own races\ncalled_from_lib:libhelper.so\n");
  char *lines = xprintf("// expect-tsan: none\n// tsan-options: suppressions=%s", file);
  verify_helper_library_case(lines);
  assert_outcome(&result, OUTCOME_NOT_MET);
  assert_diagnostic(&result, "suppression \"called_from_lib:libhelper.so\" of the case's suppressions file ");
  assert_diagnostic(&result, "the case does not declare it: // tsan-hides: called-from-lib -- reason");
  free(lines);
  free(file);
}

Test(hiding_options, meets_a_called_from_lib_rule_the_case_declares_and_names_it) {
  char *file = write_scratch_file(&scratch, "known.supp", "called_from_lib:libhelper.so\n");
  char *lines = xprintf("// expect-tsan: none\n// tsan-options: suppressions=%s\n"
                        "// tsan-hides: called-from-lib -- the helper's memset is checked elsewhere",
                        file);
  verify_helper_library_case(lines);
  assert_outcome(&result, OUTCOME_MET);
  assert_diagnostic(&result, "note: suppression \"called_from_lib:libhelper.so\" of the case's suppressions file ");
  assert_diagnostic(&result, "makes TSan ignore every interceptor call made from libhelper.so, as the case declares");
  free(lines);
  free(file);
}

/* The same rule compiled in: the runtime parses __tsan_default_suppressions after the file (tsan_suppressions.cpp,
 * InitializeSuppressions), and never lists a called_from_lib match. Before: met, with nothing named. */
#define COMPILED_IN_RULE                                                                                               \
  "const char *__tsan_default_suppressions(void) { return \"race:nothing_here\\ncalled_from_lib:libhelper.so\\n\"; }"

Test(hiding_options, does_not_meet_an_undeclared_called_from_lib_rule_compiled_into_the_program) {
  verify_helper_library_case("// expect-tsan: none\n" COMPILED_IN_RULE);
  assert_outcome(&result, OUTCOME_NOT_MET);
  assert_diagnostic(&result, "suppression \"called_from_lib:libhelper.so\" of the program's "
                             "__tsan_default_suppressions makes TSan ignore every interceptor call made from "
                             "libhelper.so");
  assert_diagnostic(&result, "the case does not declare it: // tsan-hides: called-from-lib -- reason");
}

Test(hiding_options, meets_a_called_from_lib_rule_compiled_into_the_program_that_the_case_declares) {
  verify_helper_library_case("// expect-tsan: none\n" COMPILED_IN_RULE
                             "\n// tsan-hides: called-from-lib -- the helper's memset is checked elsewhere");
  assert_outcome(&result, OUTCOME_MET);
  assert_diagnostic(&result, "note: suppression \"called_from_lib:libhelper.so\" of the program's "
                             "__tsan_default_suppressions");
}

/* Rules the program builds at run time cannot be read from its code: a called_from_lib among them would hide
 * reports no list shows. */
Test(hiding_options, cannot_check_compiled_in_suppressions_the_harness_cannot_read) {
  verify_helper_library_case("// expect-tsan: none\n"
                             "#include <string.h>\n"
                             "static char rules[64];\n"
                             "const char *__tsan_default_suppressions(void) {\n"
                             "  strcpy(rules, \"called_from_lib:\");\n"
                             "  return strcat(rules, \"libhelper.so\");\n"
                             "}");
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "the program compiles in __tsan_default_suppressions, whose rules the harness cannot "
                             "read");
}
