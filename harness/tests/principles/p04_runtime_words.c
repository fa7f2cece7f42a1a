/* Principle 4: read every word the runtime says about having stopped watching (docs/HOSTILE.md).
 *
 * The runtime says so in its log, outside any report: it kills a child of a multithreaded fork that starts a thread
 * ("... Dying"), lets it run on ignored with die_after_fork=0 ("... you are on your own"), dies at its thread limit,
 * finds a thread that ended inside an ignore, cannot read a suppressions file, cannot use its log path, cannot map its
 * memory, or crashes while it starts. Each is "cannot check" with the runtime's line quoted, unless the case declares
 * the death (`expect-tsan-dies`), and a declared death that does not come is "not met". */
#include "base/util.h"
#include "check/verify.h"
#include "runner/evidence.h"
#include "source/markers.h"
#include "support.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define STR_OR_NULL(s) ((s) ? (s) : "(null)")

/* ---- end to end: real compiles (clang) and real TSan runs of programs/ ---- */

static struct case_result result;
static char *case_path;
static char *scratch;

static void cleanup(void) {
  case_result_free(&result);
  free(case_path);
  case_path = NULL;
  unsetenv("TMPDIR");
  remove_scratch_dir(scratch);
  scratch = NULL;
}

TestSuite(runtime_words, .init = unset_user_environment, .fini = cleanup, .timeout = 120);

Test(runtime_words, cannot_check_a_child_that_tsan_kills_for_a_thread_after_a_multithreaded_fork) {
  /* Before: exit 0, "met (reported: none)": a child of a multithreaded fork was excused its missing Stats. */
  verify_program("starts_a_thread_after_a_multithreaded_fork.c", "clang", 60, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "TSan killed process ");
  assert_diagnostic(&result,
                    "\"ThreadSanitizer: starting new threads after multi-threaded fork is not supported. Dying");
  assert_diagnostic(&result,
                    "`// expect-tsan-dies: starting new threads after multi-threaded fork is not supported. Dying`");
}

Test(runtime_words, cannot_check_a_child_that_die_after_fork_0_lets_run_on_unwatched) {
  /* Before: exit 0, "met (reported: none)". The user's die_after_fork=0 is overridden with a note (principle 7), so
   * the case itself declares it, the only way it reaches the runtime. */
  size_t length = 0;
  char *text = read_file_or_fail(program_path("starts_a_thread_after_a_multithreaded_fork.c"), &length);
  char *declared =
      replace_first(text, "// expect-tsan: none", "// tsan-options: die_after_fork=0\n// expect-tsan: none");
  char *path = write_scratch_file(&scratch, "declares_die_after_fork_0.c", declared);
  /* The copy lives in a scratch folder: the programs' folder is where its invisible_barrier.h is. */
  struct verify_request request = {.case_path = path,
                                   .compiler = "clang",
                                   .cflags = "-fsanitize=thread -g -pthread -I" HARNESS_PROGRAMS_DIR,
                                   .timeout_seconds = 60};
  verify_case(&request, &result);
  free(path);
  free(declared);
  free(text);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "TSan says it did not watch all that process ");
  assert_diagnostic(&result, "Continuing because of die_after_fork=0, but you are on your own");
}

/* The runtime says it stopped watching a child of a multithreaded fork only at verbosity=1 ("forked new process
 * ..., parent had N threads"); a child that runs on without exec ran unwatched. */
Test(runtime_words, cannot_check_a_child_of_a_multithreaded_fork_that_runs_on_without_exec) {
  /* Before: exit 0, "met (reported: none)": the child's missing exit statistics were excused, nothing more. */
  verify_program("multithreaded_fork_child_runs_on.c", "clang", 60, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "is the child of a fork made while 2 threads ran, and it did not exec");
  assert_diagnostic(&result, "`// tsan-hides: multithreaded-fork -- reason`");
}

Test(runtime_words, meets_a_child_of_a_multithreaded_fork_the_case_declares_with_a_note) {
  size_t length = 0;
  char *text = read_file_or_fail(program_path("multithreaded_fork_child_runs_on.c"), &length);
  char *declared = replace_first(text, "// expect-tsan: none",
                                 "// expect-tsan: none\n// tsan-hides: multithreaded-fork -- the child is unwatched");
  char *path = write_scratch_file(&scratch, "declares_the_fork.c", declared);
  struct verify_request request = {.case_path = path,
                                   .compiler = "clang",
                                   .cflags = "-fsanitize=thread -g -pthread -I" HARNESS_PROGRAMS_DIR,
                                   .timeout_seconds = 60};
  verify_case(&request, &result);
  free(path);
  free(declared);
  free(text);
  assert_outcome(&result, OUTCOME_MET);
  assert_diagnostic(&result, "ran unwatched, as the case declares (the child is unwatched)");
}

Test(runtime_words, meets_the_catalog_case_that_declares_its_unwatched_child) {
  case_path = xprintf("%s/lifecycle/fork_locked_bug.c", CASES_DIR);
  verify_path(case_path, "clang", 60, &result);
  assert_outcome(&result, OUTCOME_MET);
}

Test(runtime_words, meets_the_catalog_case_that_declares_its_childs_death) {
  case_path = xprintf("%s/lifecycle/fork_thread_bug.c", CASES_DIR);
  verify_path(case_path, "clang", 60, &result);
  assert_outcome(&result, OUTCOME_MET);
  cr_assert_eq(result.spec.death_count, 1, "the case declares one death");
}

Test(runtime_words, does_not_meet_a_declared_death_that_never_comes) {
  verify_program("declares_a_death_that_never_comes.c", "clang", 60, &result);
  assert_outcome(&result, OUTCOME_NOT_MET);
  assert_diagnostic(&result,
                    "expected TSan to kill a process saying \"starting new threads after multi-threaded fork\", and no "
                    "process's log says so");
}

Test(runtime_words, names_a_suppressions_file_the_runtime_cannot_read) {
  /* Before: "did it close TSan's log descriptor?" (the runtime died with its exitcode and no report). */
  setenv("TSAN_OPTIONS", "suppressions=/nonexistent/p04.supp", 1);
  verify_program("racy.c", "clang", 60, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "the TSan runtime failed in the program (pid ");
  assert_diagnostic(&result, "ThreadSanitizer: failed to read suppressions file '/nonexistent/p04.supp'");
}

/* A folder whose path is `length` bytes long, made one component at a time under the scratch folder. */
static char *deep_folder(size_t length) {
  char *path = xstrdup(scratch);
  while (strlen(path) < length) {
    size_t room = length - strlen(path) - 1;
    char component[201];
    size_t n = room < 200 ? room : 200;
    memset(component, 'd', n);
    component[n] = '\0';
    char *deeper = xprintf("%s/%s", path, component);
    free(path);
    path = deeper;
    cr_assert(mkdir(path, 0700) == 0, "mkdir %zu bytes: %s", strlen(path), strerror(errno));
  }
  return path;
}

Test(runtime_words, names_a_log_path_longer_than_the_runtime_accepts) {
  /* TSan refuses a log path over kMaxPathLength - 100 bytes (ReportFile::SetReportPath). Before: "TSan did not start,
   * or the process ran with other TSAN_OPTIONS ...; stderr begins: ==N==Installed the sigaction for signal 11". */
  scratch = make_scratch_dir();
  char *folder = deep_folder(3990);
  setenv("TMPDIR", folder, 1);
  free(folder);
  verify_program("racy.c", "clang", 60, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "wrote no TSan log where the harness asked (log_path), because the runtime failed: ==");
  assert_diagnostic(&result, "ERROR: Path is too long: ");
  assert_diagnostic(&result, "set a shorter TMPDIR");
}

Test(runtime_words, names_a_crash_while_the_runtime_starts) {
  /* Before: "TSan did not start, or the process ran with other TSAN_OPTIONS (did it change its environment?)". */
  verify_program("crashes_while_tsan_starts.c", "clang", 60, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result,
                    "was killed by SIGSEGV (signal 11) before its TSan runtime wrote a word where the harness asked");
}

/* ---- made-up logs: what evidence.c makes of lines a test cannot provoke cheaply ---- */

static char *folder;
static struct process_table table;
static struct evidence evidence;
static struct verdict verdict;

static const char banner[] = "***** Running under ThreadSanitizer v2 (pid 10) *****\n";

static void setup_logs(void) {
  folder = make_scratch_dir();
  table = (struct process_table){0};
  table.log_prefix = xprintf("%s/tsan", folder);
  evidence = (struct evidence){0};
  verdict = (struct verdict){0};
}

static void teardown_logs(void) {
  evidence_free(&evidence);
  process_table_free(&table);
  verdict_free(&verdict);
  free((char *)table.log_prefix);
  remove_scratch_dir(folder);
}

TestSuite(runtime_words_in_logs, .init = setup_logs, .fini = teardown_logs);

/* The program, pid 10, ended with `code` and with `log` as its TSan log; judged with `deaths` declared. */
static void judge_program(int code, const char *log, const struct marker *deaths, size_t death_count) {
  GROW(table.images, table.count, table.capacity);
  struct process_image *made = &table.images[table.count++];
  *made = (struct process_image){.pid = 10, .end = IMAGE_EXITED, .code = code, .instrumented = true};
  made->exe = xstrdup("/bin/case");
  made->log_path = xprintf("%s.10", table.log_prefix);
  write_file_or_fail(made->log_path, log, strlen(log));
  struct evidence_rules rules = {
      .exitcode = 66, .ubsan_exitcode = -1, .expected_deaths = deaths, .expected_death_count = death_count};
  evidence_collect(&table, 1 << 20, &evidence);
  evidence_check(&evidence, &rules, "a.c", "", &verdict);
}

static bool said(const char *text) {
  for (size_t i = 0; i < verdict.diagnostic_count; i++)
    if (contains(verdict.diagnostics[i].message, text))
      return true;
  return false;
}

static const char thread_limit[] = "==10==ThreadSanitizer: Thread limit (8128 threads) exceeded. Dying.\n";

Test(runtime_words_in_logs, names_the_thread_limit_instead_of_a_closed_log_descriptor) {
  /* Before: "the TSan runtime did not finish in the program, and its exit status 66 is TSan's, yet its log holds no
   * report: did it close TSan's log descriptor?" */
  char *log = xprintf("%s%s", banner, thread_limit);
  judge_program(66, log, NULL, 0);
  cr_assert_eq(verdict.outcome, OUTCOME_CANNOT_CHECK);
  cr_assert(said("TSan killed the program (pid 10): \"ThreadSanitizer: Thread limit (8128 threads) exceeded. Dying.\""),
            "got: %s", verdict.diagnostic_count ? verdict.diagnostics[0].message : "nothing");
  cr_assert(!said("log descriptor"), "the cause is the runtime's own word");
  free(log);
}

Test(runtime_words_in_logs, accepts_a_thread_limit_death_the_case_declares) {
  char *log = xprintf("%s%s", banner, thread_limit);
  struct marker death = {.line = 3, .comment_line = 3, .kind = "Thread limit"};
  judge_program(66, log, &death, 1);
  cr_assert_eq(verdict.outcome, OUTCOME_MET, "got: %s", verdict.diagnostic_count ? verdict.diagnostics[0].message : "");
  free(log);
}

Test(runtime_words_in_logs, cannot_check_a_declared_death_that_did_not_end_with_tsans_exitcode) {
  char *log = xprintf("%s%s", banner, thread_limit);
  struct marker death = {.line = 3, .comment_line = 3, .kind = "Thread limit"};
  judge_program(0, log, &death, 1);
  cr_assert_eq(verdict.outcome, OUTCOME_CANNOT_CHECK);
  cr_assert(said("yet it ended with status 0, not with TSan's exitcode 66"));
  free(log);
}

Test(runtime_words_in_logs, names_a_thread_that_ended_inside_an_ignore) {
  /* clang's runtime prints this after the exit statistics, then dies (ReportIgnoresEnabled). Before: "met". */
  char *log = xprintf("%sStats: SizeClassAllocator64: 0M mapped\nStats: LargeMmapAllocator: allocated 0 times\n"
                      "ThreadSanitizer: main thread finished with ignores enabled\n"
                      "  One of the following ignores was not ended (in order of probability)\n"
                      "  Ignore was enabled at:\n    #0 main /src/a.c:3:3 (a+0x1)\n\n",
                      banner);
  judge_program(66, log, NULL, 0);
  cr_assert_eq(verdict.outcome, OUTCOME_CANNOT_CHECK);
  cr_assert(
      said("TSan says it did not watch all that the program (pid 10) ran: \"ThreadSanitizer: main thread finished "
           "with ignores enabled\""));
  free(log);
}

Test(runtime_words_in_logs, takes_every_error_line_of_the_runtime_as_a_failure) {
  /* Report()'s "==PID==ERROR: ..." lines that do not name ThreadSanitizer, and the raw "ERROR: Failed to mmap" of
   * sanitizer_common.cpp's ReportMmapFailureAndDie. Before: "did it close TSan's log descriptor?" */
  char *log = xprintf("%s==10==ERROR: Can't open file: /x\nERROR: Failed to mmap\n", banner);
  judge_program(66, log, NULL, 0);
  cr_assert_eq(verdict.outcome, OUTCOME_CANNOT_CHECK);
  cr_assert(said("the TSan runtime failed in the program (pid 10): ==10==ERROR: Can't open file: /x"));
  free(log);
}

Test(runtime_words_in_logs, takes_the_raw_mmap_failure_as_a_failure) {
  char *log = xprintf("%sERROR: Failed to mmap\n", banner);
  judge_program(66, log, NULL, 0);
  cr_assert_eq(verdict.outcome, OUTCOME_CANNOT_CHECK);
  cr_assert(said("the TSan runtime failed in the program (pid 10): ERROR: Failed to mmap"));
  free(log);
}

/* ---- parse and markers ---- */

Test(runtime_words_parse, refuses_a_log_whose_runtime_stopped_watching) {
  /* Before: the log was believed (tsan-verify parse: exit 0, "0 reports"). */
  static const char text[] = "ThreadSanitizer: forked new process with pid 11, parent had 2 threads\n"
                             "==11==ThreadSanitizer: starting new threads after multi-threaded fork is not "
                             "supported. Dying (set die_after_fork=0 to override)\n";
  struct tsan_log log;
  char *error = NULL;
  cr_assert_eq(tsan_parse(text, strlen(text), &log, &error), 0, "it parses: %s", STR_OR_NULL(error));
  cr_assert(log.stopped_dies, "the runtime killed the process");
  cr_assert_eq(tsan_log_check(&log, "fork.log", &error), -1, "but cannot be believed as all there was");
  cr_assert(contains(error, "fork.log:2: the TSan runtime stopped watching"), "got: %s", error);
  free(error);
  tsan_log_free(&log);
}

Test(runtime_words_markers, rejects_an_expect_tsan_dies_that_names_no_death_of_the_runtime) {
  static const char text[] = "// expect-tsan: none\n// expect-tsan-dies: segmentation fault\nint main(void) {}\n";
  struct case_spec spec;
  char *error = NULL;
  cr_assert_eq(case_spec_parse("d.c", text, strlen(text), &spec, &error), -1);
  cr_assert(contains(error, "d.c:2: expect-tsan-dies names \"segmentation fault\", the start of no line TSan prints"),
            "got: %s", STR_OR_NULL(error));
  free(error);
}

Test(runtime_words_markers, reads_an_expect_tsan_dies_marker_with_its_note) {
  static const char text[] =
      "// expect-tsan: none\n// expect-tsan-dies: Thread limit -- on purpose\nint main(void) {}\n";
  struct case_spec spec;
  char *error = NULL;
  cr_assert_eq(case_spec_parse("d.c", text, strlen(text), &spec, &error), 0, "%s", STR_OR_NULL(error));
  cr_assert_eq(spec.death_count, 1);
  cr_assert_str_eq(spec.deaths[0].kind, "Thread limit");
  cr_assert_str_eq(spec.deaths[0].note, "on purpose");
  case_spec_free(&spec);
}
