/* test_verify.c: verify.c end to end, with real compiles (clang) and real TSan runs of programs/. */
#include "base/util.h"
#include "check/verify.h"
#include "support.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define STR_OR_NULL(s) ((s) ? (s) : "(null)")

static struct case_result result;
static char *case_path;
static char *scratch;

static void cleanup(void) {
  case_result_free(&result);
  free(case_path);
  case_path = NULL;
  remove_scratch_dir(scratch);
  scratch = NULL;
}

TestSuite(verify, .init = unset_user_environment, .fini = cleanup, .timeout = 60);

static enum outcome verify_program_with(const char *name, const struct verify_request *overrides) {
  case_path = program_path(name);
  struct verify_request request = overrides ? *overrides : (struct verify_request){0};
  request.case_path = case_path;
  if (!request.compiler)
    request.compiler = "clang";
  if (request.timeout_seconds <= 0)
    request.timeout_seconds = 20;
  return verify_case(&request, &result);
}

/* The outcome verify_case returned is `expected`, and is its verdict's. */
static void assert_returned(enum outcome outcome, enum outcome expected) {
  assert_outcome(&result, expected);
  cr_assert_eq(result.verdict.outcome, outcome, "verify_case returns the verdict's outcome");
}

Test(verify, meets_a_racy_program_with_correct_markers) {
  assert_returned(verify_program_with("racy.c", NULL), OUTCOME_MET);
  cr_assert(result.ran, "the program ran");
  cr_assert_eq(result.log.report_count, 1, "one report, got %zu", result.log.report_count);
  cr_assert_str_eq(result.toolchain.family, "clang", "the toolchain is asked from the compiler, got \"%s\"",
                   result.toolchain.family);
  cr_assert_gt(result.toolchain.major, 0, "with its major version");
  cr_assert(result.log.runtime_started && result.log.runtime_finished, "TSan watched the whole run");
  cr_assert(contains(result.run.out.data, "counter="), "stdout is kept, got \"%s\"", result.run.out.data);
}

/* A case that needs a library to link says so with `link-libraries`, and the harness, building it, links it. */
Test(verify, links_the_libraries_the_case_names) {
  assert_returned(verify_program_with("links_libatomic.c", NULL), OUTCOME_MET);
  cr_assert(result.ran, "the program was built and ran");
  cr_assert(contains(result.run.out.data, "sequence 4"), "its output, got \"%s\"", result.run.out.data);
}

/* An OpenMP case (uses-openmp) is built with -fopenmp and runs with the team and the tool it names: the harness's own
 * OpenMP variables (a team of one, a tool that does not exist, Archer turned off) never reach it. */
Test(verify, runs_an_openmp_case_with_its_own_team_and_tool_only) {
  setenv("OMP_NUM_THREADS", "1", 1);
  setenv("OMP_DYNAMIC", "true", 1);
  setenv("OMP_TOOL_LIBRARIES", "/nonexistent/libtool.so", 1);
  setenv("GOMP_SPINCOUNT", "7", 1);
  setenv("KMP_BLOCKTIME", "0", 1);
  setenv("ARCHER_OPTIONS", "enable=0", 1);
  assert_returned(verify_program_with("openmp_team.c", NULL), OUTCOME_MET);
  cr_assert(result.ran, "the program was built and ran");
  cr_assert(contains(result.run.out.data, "team of 3\n"), "OMP_NUM_THREADS=3, got \"%s\"", result.run.out.data);
  cr_assert(contains(result.run.out.data, "OMP_DYNAMIC unset, GOMP_SPINCOUNT unset, KMP_BLOCKTIME unset, "
                                          "ARCHER_OPTIONS unset\n"),
            "the harness's OpenMP variables are left out, got \"%s\"", result.run.out.data);
  cr_assert(contains(result.run.out.data, "tool libarcher.so\n"), "Archer beside libomp, got \"%s\"",
            result.run.out.data);
}

/* A compiler that stands for a clang without its OpenMP runtime: it builds everything but -fopenmp. */
static char *compiler_without_openmp(void) {
  if (!scratch)
    scratch = make_scratch_dir();
  char *path = xprintf("%s/clang-without-libomp", scratch);
  FILE *file = fopen(path, "w");
  cr_assert_not_null(file, "cannot write %s", path);
  fputs("#!/bin/sh\nfor a; do\n  if [ \"$a\" = -fopenmp ]; then\n"
        "    echo '/usr/bin/ld: cannot find -lomp: No such file or directory' >&2\n    exit 1\n  fi\ndone\n"
        "exec clang \"$@\"\n",
        file);
  fclose(file);
  chmod(path, 0755);
  return path;
}

/* Where the toolchain cannot build an OpenMP program, the case is skipped, naming the package its runtime is in. */
Test(verify, skips_an_openmp_case_the_toolchain_cannot_build) {
  char *compiler = compiler_without_openmp();
  struct verify_request request = {.compiler = compiler};
  assert_returned(verify_program_with("openmp_team.c", &request), OUTCOME_SKIPPED);
  assert_diagnostic(&result, "the case is an OpenMP program (uses-openmp), and ");
  assert_diagnostic(&result, " cannot build one here (/usr/bin/ld: cannot find -lomp: No such file or directory): its "
                             "OpenMP runtime is not installed (Debian and Ubuntu: libomp-");
  cr_assert(!result.ran, "nothing ran");
  free(compiler);
}

/* The same for a --binary a build system could not build for that reason: it does not exist, and the compiler that
 * would build it (--cc, of the toolchain --toolchain names) says why. */
Test(verify, skips_an_openmp_case_whose_program_the_toolchain_could_not_build) {
  char *compiler = compiler_without_openmp();
  char *binary = xprintf("%s/never-built", scratch);
  /* The toolchain the binary would be for: the one `clang` is (clang -dumpversion: "14.0.6"). */
  char *argv[] = {"clang", "-dumpversion", NULL};
  struct run_request run_request = {.argv = argv, .timeout_seconds = 60, .capture_limit = 1 << 16};
  struct run_result run;
  char *error = NULL;
  cr_assert_eq(run_program(&run_request, &run, &error), 0, "cannot run clang: %s", STR_OR_NULL(error));
  char *toolchain = xprintf("clang-%d", atoi(run.out.data));
  run_result_free(&run);
  struct verify_request request = {.compiler = compiler, .binary = binary, .toolchain = toolchain};
  assert_returned(verify_program_with("openmp_team.c", &request), OUTCOME_SKIPPED);
  assert_diagnostic(&result, "its OpenMP runtime is not installed (Debian and Ubuntu: libomp-");
  cr_assert(!result.ran, "nothing ran");
  free(toolchain);
  free(binary);
  free(compiler);
}

static char *build_program(const char *name);

/* A program built without -fopenmp, checked against an OpenMP case: its pragmas were never compiled, and the harness
 * says so rather than check a program that is not the case. */
Test(verify, cannot_check_an_openmp_case_built_without_openmp) {
  char *binary = build_program("openmp_team.c");
  struct verify_request request = {.binary = binary, .opt_level = "-O1"};
  assert_returned(verify_program_with("openmp_team.c", &request), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "loads no OpenMP runtime (libomp, libgomp): it was built without -fopenmp");
  cr_assert(!result.ran, "nothing ran");
  free(binary);
}

/* What a user meets before any report: a program linked with -static, which TSan does not support. clang links it,
 * and it dies as its runtime starts; the verdict says why, before the run, instead of reporting a crash. */
Test(verify, cannot_check_a_statically_linked_program_and_says_why) {
  if (!scratch)
    scratch = make_scratch_dir();
  char *source = program_path("racy.c");
  char *binary = xprintf("%s/racy.static", scratch);
  char *argv[] = {"clang", "-fsanitize=thread", "-g", "-pthread", "-O1", "-static", source, "-o", binary, NULL};
  struct run_request run_request = {.argv = argv, .timeout_seconds = 120, .capture_limit = 1 << 16};
  struct run_result run;
  char *error = NULL;
  cr_assert_eq(run_program(&run_request, &run, &error), 0, "cannot run clang: %s", STR_OR_NULL(error));
  cr_assert(run.end == RUN_EXITED && run.code == 0, "clang -static failed: %s", run.err.data);
  run_result_free(&run);
  struct verify_request request = {.binary = binary, .opt_level = "-O1"};
  assert_returned(verify_program_with("racy.c", &request), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "is linked statically (it names no dynamic loader, PT_INTERP): TSan does not support it");
  assert_diagnostic(&result, "link it without -static");
  cr_assert(!result.ran, "nothing ran");
  free(binary);
  free(source);
}

/* A case about a reason the harness cannot check a program (expect-cannot-check) is met when that is the reason, and
 * the reason stays in the verdict as a note. */
Test(verify, meets_a_case_that_expects_the_reason_it_cannot_be_checked) {
  assert_returned(verify_program_with("static_linked.c", NULL), OUTCOME_MET);
  assert_diagnostic(&result, "is linked statically (it names no dynamic loader, PT_INTERP)");
  assert_diagnostic(&result, "note: cannot check, as the case expects: a reason above says \"is linked statically\"");
  cr_assert(!result.ran, "the program was never run");
}

/* Another reason than the one the case expects: still cannot check, saying which words no reason held. */
Test(verify, cannot_check_a_case_that_expects_another_reason) {
  assert_returned(verify_program_with("static_linked_other_reason.c", NULL), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "the case expects the harness's reason to say \"needs a newer kernel\", and none of its "
                             "reasons does");
}

/* A program the harness can check, of a case that expects it not to: not met. */
Test(verify, does_not_meet_a_case_that_expects_cannot_check_of_a_checkable_program) {
  assert_returned(verify_program_with("expects_cannot_check_yet_checkable.c", NULL), OUTCOME_NOT_MET);
  assert_diagnostic(&result, "the case expects the harness to say it cannot check the program (\"is linked "
                             "statically\"), and it checked it");
  cr_assert(result.ran, "the program ran, watched");
}

Test(verify, does_not_meet_a_racy_program_marked_none) {
  assert_returned(verify_program_with("racy_marked_none.c", NULL), OUTCOME_NOT_MET);
  assert_diagnostic(&result, "expected no report, TSan reported data race");
}

Test(verify, does_not_meet_a_marker_on_a_line_that_does_not_race) {
  assert_returned(verify_program_with("racy_wrong_line.c", NULL), OUTCOME_NOT_MET);
  assert_diagnostic(&result, "expected data race, TSan reported nothing here");
  assert_diagnostic(&result, "unexpected data race");
}

Test(verify, cannot_check_a_binary_built_without_tsan) {
  struct verify_request request = {.cflags = "-g -pthread"};
  assert_returned(verify_program_with("racy.c", &request), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "not TSan-instrumented");
  cr_assert(result.ran, "the program did run");
  cr_assert(!result.log.runtime_started, "no TSan banner");
}

Test(verify, cannot_check_a_program_that_hangs) {
  struct verify_request request = {.timeout_seconds = 0.5};
  assert_returned(verify_program_with("hang.c", &request), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "timed out after 0.5 s");
  cr_assert_eq(result.run.end, RUN_TIMED_OUT, "the run ended by the deadline");
}

Test(verify, cannot_check_a_program_whose_runtime_did_not_finish) {
  /* exit_group(2) called directly: no interceptor sees it, so TSan's atexit work never runs. */
  assert_returned(verify_program_with("exit_group.c", NULL), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "the TSan runtime did not finish in the program (pid ");
  assert_diagnostic(&result, "(exit status 0; its log ends before TSan's exit statistics");
  cr_assert(result.log.runtime_started, "TSan did start");
  cr_assert(!result.log.runtime_finished, "but never finished");
}

Test(verify, meets_a_program_that_calls_underscore_exit) {
  /* TSan intercepts _exit(0) and finishes there: unlike a raw exit_group, the run is fully watched. */
  assert_returned(verify_program_with("underscore_exit.c", NULL), OUTCOME_MET);
  cr_assert(result.log.runtime_finished, "the runtime finished in its _exit interceptor");
}

Test(verify, skips_a_case_that_needs_a_newer_clang) {
  struct verify_request request = {.toolchain = "clang-14"};
  assert_returned(verify_program_with("needs_clang18.c", &request), OUTCOME_SKIPPED);
  assert_diagnostic(&result, "skipped on clang-14: requires clang>=18 -- stands in for a case about a newer runtime");
  cr_assert(!result.ran, "a skipped case is not even compiled, let alone run");
}

Test(verify, cannot_check_a_case_that_does_not_compile) {
  assert_returned(verify_program_with("compile_error.c", NULL), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "compile error (clang): ");
  cr_assert(!result.ran, "nothing ran");
}

Test(verify, cannot_check_a_missing_case) {
  struct verify_request request = {.case_path = "/nonexistent/case.c", .compiler = "clang"};
  assert_returned(verify_case(&request, &result), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "/nonexistent/case.c:1: cannot read the case");
}

Test(verify, cannot_check_with_an_unknown_toolchain_name) {
  struct verify_request request = {.toolchain = "msvc-19"};
  assert_returned(verify_program_with("racy.c", &request), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "unknown toolchain \"msvc-19\"");
}

#define AWKWARD_NAME "-racy copy 'quoted' \"double\" $(touch pwned) `touch pwned`.c"

Test(verify, checks_a_case_whose_file_name_needs_quoting_and_starts_with_a_dash) {
  scratch = make_scratch_dir();
  free(copy_program("racy.c", scratch, AWKWARD_NAME));
  cr_assert_eq(chdir(scratch), 0, "cannot enter %s", scratch);
  /* Relative, so the path itself starts with '-': it must not be taken for an option. */
  struct verify_request request = {.case_path = AWKWARD_NAME, .compiler = "clang", .timeout_seconds = 20};
  assert_returned(verify_case(&request, &result), OUTCOME_MET);
  struct stat info;
  cr_assert_neq(stat("pwned", &info), 0, "no shell ever saw the name: $(touch pwned) did not run");
}

Test(verify, checks_a_case_in_a_folder_whose_name_needs_quoting) {
  scratch = make_scratch_dir();
  char *folder = xprintf("%s/dir with spaces; $(touch pwned) 'x'", scratch);
  cr_assert_eq(mkdir(folder, 0700), 0, "cannot create %s", folder);
  case_path = copy_program("racy.c", folder, "racy case.c");
  struct verify_request request = {.case_path = case_path, .compiler = "clang", .timeout_seconds = 20};
  assert_returned(verify_case(&request, &result), OUTCOME_MET);
  char *pwned = xprintf("%s/pwned", scratch);
  struct stat info;
  cr_assert_neq(stat(pwned, &info), 0, "no shell ever saw the folder's name");
  free(pwned);
  free(folder);
}

Test(verify, finds_the_same_verdict_on_every_repeated_run) {
  case_path = program_path("racy.c");
  struct verify_request request = {.case_path = case_path, .compiler = "clang", .timeout_seconds = 20};
  struct repeat_summary summary;
  enum outcome outcome = verify_repeated(&request, 3, &result, &summary);
  assert_returned(outcome, OUTCOME_MET);
  cr_assert_eq(summary.runs_done, 3);
  cr_assert_eq(summary.flips, 0, "no run differs, got %u: %s", summary.flips, STR_OR_NULL(summary.first_flip));
  cr_assert_eq(summary.first_flip_run, 0);
  cr_assert_null(summary.first_flip, "no flip description");
  cr_assert_null(summary.first_flip_result, "no differing run kept");
  repeat_summary_free(&summary);
}

Test(verify, counts_every_run_whose_verdict_differs_and_names_the_first) {
  scratch = make_scratch_dir();
  char *counter = xprintf("%s/run-counter", scratch);
  setenv("RACES_EVERY_OTHER_RUN_COUNTER", counter, 1);
  case_path = program_path("races_every_other_run.c");
  struct verify_request request = {.case_path = case_path, .compiler = "clang", .timeout_seconds = 20};
  struct repeat_summary summary;
  enum outcome outcome = verify_repeated(&request, 5, &result, &summary);
  unsetenv("RACES_EVERY_OTHER_RUN_COUNTER");
  free(counter);
  /* Run 1 is clean (its marked line never runs: not met); runs 2 and 4 race and meet the markers. */
  assert_returned(outcome, OUTCOME_NOT_MET);
  cr_assert_eq(summary.runs_done, 5);
  cr_assert_eq(summary.flips, 2, "runs 2 and 4 differ, got %u", summary.flips);
  cr_assert_eq(summary.first_flip_run, 2);
  cr_assert_not_null(strstr(summary.first_flip, "run 2 of 5 differs from run 1"), "got: %s", summary.first_flip);
  cr_assert_not_null(strstr(summary.first_flip, "data race"), "names the report run 2 had: %s", summary.first_flip);
  /* Run 2 is kept whole, so a rare flip can be explained from its own TSan log. */
  cr_assert_not_null(summary.first_flip_result, "the differing run is kept");
  cr_assert_eq(summary.first_flip_result->verdict.outcome, OUTCOME_MET);
  cr_assert_eq(summary.first_flip_result->log.report_count, 1);
  cr_assert_gt(summary.first_flip_result->evidence.count, 0, "with its process's log");
  cr_assert_not_null(strstr(summary.first_flip_result->evidence.logs[0].text, "WARNING: ThreadSanitizer: data race"));
  repeat_summary_free(&summary);
}

/* ---- hostile programs and conditions (docs/HOSTILE.md) ---- */

/* Compiles programs/NAME with clang and TSan into the scratch folder, as `tsan-verify --binary` would be given. */
/* Builds programs/NAME with `compiler` and TSan, or without TSan when `tsan` is false. */
static char *build_program_with(const char *name, const char *compiler, bool tsan) {
  if (!scratch)
    scratch = make_scratch_dir();
  char *source = program_path(name);
  char *binary = xprintf("%s/%s.%s%s.bin", scratch, name, compiler, tsan ? "" : ".plain");
  char *argv[] = {
      (char *)compiler, tsan ? "-fsanitize=thread" : "-DPLAIN", "-g", "-pthread", "-O1", source, "-o", binary, NULL};
  struct run_request request = {.argv = argv, .tsan_options = NULL, .timeout_seconds = 120, .capture_limit = 1 << 16};
  struct run_result run;
  char *error = NULL;
  cr_assert_eq(run_program(&request, &run, &error), 0, "cannot run clang: %s", STR_OR_NULL(error));
  cr_assert(run.end == RUN_EXITED && run.code == 0, "clang %s failed: %s", name, run.err.data);
  run_result_free(&run);
  free(source);
  return binary;
}

static char *build_program(const char *name) { return build_program_with(name, "clang", true); }

static double seconds_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The pid a program wrote to `path` (see programs/hang.c), waiting up to `seconds` for it while `watched` (when not
 * 0) lives; 0 when none came. */
static long wait_for_pid_file(const char *path, double seconds, pid_t watched) {
  for (double until = seconds_now() + seconds;;) {
    FILE *file = fopen(path, "r");
    if (file) {
      long pid = 0;
      int got = fscanf(file, "%ld", &pid);
      fclose(file);
      if (got == 1 && pid > 1)
        return pid;
    }
    if (seconds_now() >= until || (watched > 0 && waitpid(watched, NULL, WNOHANG) == watched))
      return 0; /* too late, or the harness ended before the program started */
    struct timespec tick = {0, 10 * 1000 * 1000};
    nanosleep(&tick, NULL);
  }
}

/* Fails unless process `pid` is gone, reaped included: a zombie still answers kill(pid, 0). */
static void assert_process_gone(long pid) {
  errno = 0;
  cr_assert_eq(kill((pid_t)pid, 0), -1, "process %ld should be gone, it is still there", pid);
  cr_assert_eq(errno, ESRCH, "kill(%ld, 0) should fail with ESRCH, got %s", pid, strerror(errno));
}

Test(verify, cannot_check_when_the_tsan_runtime_fails_to_start) {
  /* 4 GiB of address space is far too little for TSan's shadow memory: its allocator fails a CHECK at init, before
   * it opens its log. The limit is set by a TSan-built launcher that then execs the program (the test process keeps
   * its own limit, which an AddressSanitizer build of these tests needs). */
  char *launcher = build_program("limits_address_space.c");
  char *binary = build_program("racy.c");
  char *arguments[] = {binary, NULL};
  case_path = program_path("racy.c");
  struct verify_request request = {
      .case_path = case_path, .binary = launcher, .timeout_seconds = 20, .program_args = arguments};
  assert_returned(verify_case(&request, &result), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "is TSan-instrumented but wrote no TSan log where the harness asked");
  assert_diagnostic(&result, "the runtime failed: ThreadSanitizer: CHECK failed: ");
  cr_assert_eq(result.verdict.diagnostic_count, 1, "one diagnostic, one line");
  cr_assert_null(strchr(result.verdict.diagnostics[0].message, '\n'), "the reason is one line");
  free(binary);
  free(launcher);
}

Test(verify, cannot_check_when_the_users_tsan_options_stop_the_runtime) {
  /* An exitcode that is no number: the runtime's flag parser gives up before TSan starts. */
  setenv("TSAN_OPTIONS", "exitcode=abc", 1);
  assert_returned(verify_program_with("racy.c", NULL), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "is TSan-instrumented but wrote no TSan log where the harness asked (log_path)");
  assert_diagnostic(&result, "ERROR: Invalid value for int option: 'abc'");
}

Test(verify, meets_a_racy_program_when_the_users_exitcode_is_0) {
  setenv("TSAN_OPTIONS", "exitcode=0", 1);
  assert_returned(verify_program_with("racy.c", NULL), OUTCOME_MET);
  /* The exitcode is pinned to TSan's 66 (runtime_options.c), with a note naming the user's. */
  cr_assert_eq(result.run.code, 66, "TSan exited with its pinned exitcode 66, got %d", result.run.code);
  assert_diagnostic(&result, "instead of the user's exitcode=0 (TSAN_OPTIONS)");
}

Test(verify, meets_a_racy_program_when_the_users_exitcode_is_23) {
  setenv("TSAN_OPTIONS", "history_size=4:exitcode=23", 1);
  assert_returned(verify_program_with("racy.c", NULL), OUTCOME_MET);
  cr_assert_eq(result.run.code, 66, "TSan exited with its pinned exitcode 66, got %d", result.run.code);
  assert_diagnostic(&result, "instead of the user's exitcode=23 (TSAN_OPTIONS)");
}

Test(verify, does_not_meet_a_racy_program_marked_none_when_the_users_exitcode_is_0) {
  /* With exitcode=0 a racy program exits 0 like a clean one: the verdict rests on the reports, not the status. */
  setenv("TSAN_OPTIONS", "exitcode=0", 1);
  assert_returned(verify_program_with("racy_marked_none.c", NULL), OUTCOME_NOT_MET);
  assert_diagnostic(&result, "expected no report, TSan reported data race");
}

Test(verify, does_not_meet_a_racy_program_marked_none_when_the_user_turns_reports_off) {
  /* report_bugs=0 would silence TSan altogether: the harness turns reports back on. */
  setenv("TSAN_OPTIONS", "report_bugs=0", 1);
  assert_returned(verify_program_with("racy_marked_none.c", NULL), OUTCOME_NOT_MET);
  assert_diagnostic(&result, "expected no report, TSan reported data race");
}

Test(verify, cannot_check_a_report_whose_exit_status_is_not_tsans_exitcode) {
  /* The program leaves from TSan's death callback with status 5, after the whole report and the Stats. */
  assert_returned(verify_program_with("exits_behind_tsan.c", NULL), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "TSan reported in the program (pid ");
  assert_diagnostic(&result, "yet its exit status is 5, not TSan's exitcode 66");
  cr_assert(result.log.runtime_finished, "TSan did finish");
  cr_assert_eq(result.log.report_count, 1, "and reported once");
}

Test(verify, meets_two_races_when_tsan_runs_to_the_end) {
  assert_returned(verify_program_with("two_races.c", NULL), OUTCOME_MET);
  cr_assert_eq(result.log.report_count, 2, "two reports, got %zu", result.log.report_count);
}

Test(verify, sees_the_race_of_a_program_that_closes_its_stderr) {
  /* Its log is its own file, not fd 2: the race marked `none` is seen, and the verdict is the true one. */
  assert_returned(verify_program_with("closes_stderr.c", NULL), OUTCOME_NOT_MET);
  assert_diagnostic(&result, "expected no report, TSan reported data race");
  cr_assert_eq(result.log.report_count, 1, "the report reached the harness");
}

Test(verify, sees_the_race_of_a_program_that_sends_its_stderr_to_dev_null) {
  assert_returned(verify_program_with("stderr_to_dev_null.c", NULL), OUTCOME_NOT_MET);
  assert_diagnostic(&result, "expected no report, TSan reported data race");
}

Test(verify, sees_the_race_of_a_forked_child_that_closes_its_stderr) {
  /* The child exits 66, the parent 0: the child's own log holds the race. */
  assert_returned(verify_program_with("child_closes_stderr_and_races.c", NULL), OUTCOME_NOT_MET);
  assert_diagnostic(&result, "expected no report, TSan reported data race");
  cr_assert_eq(result.log.report_count, 1, "the child's report is seen, got %zu", result.log.report_count);
  cr_assert_geq(result.evidence.count, 2, "the parent and its child, each with its own log");
}

Test(verify, cannot_check_a_parent_that_leaves_by_exit_group_after_its_child_finished) {
  /* The child's finish (its Stats) is its own: the parent's missing Stats make the run unchecked. */
  assert_returned(verify_program_with("leaves_by_exit_group_after_a_clean_child.c", NULL), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "the TSan runtime did not finish in the program (pid ");
}

Test(verify, sees_a_race_made_before_the_program_execs_itself) {
  /* The new image's runtime would truncate the log of the same pid: the harness sets it aside at the exec. */
  assert_returned(verify_program_with("races_then_execs_itself.c", NULL), OUTCOME_NOT_MET);
  assert_diagnostic(&result, "expected no report, TSan reported data race");
  cr_assert_eq(result.log.report_count, 1, "the report made before the exec survives, got %zu",
               result.log.report_count);
}

Test(verify, does_not_meet_a_race_hidden_by_a_suppression_compiled_into_the_program) {
  assert_returned(verify_program_with("compiles_in_a_suppression.c", NULL), OUTCOME_NOT_MET);
  assert_diagnostic(&result, "suppression \"race:race_worker\" hid 1 report in pid ");
  assert_diagnostic(&result, "the program compiles in __tsan_default_suppressions");
  cr_assert(result.evidence.binary_sets_suppressions, "the binary's own __tsan_default_suppressions is seen");
  cr_assert(!result.evidence.binary_sets_options, "it sets no __tsan_default_options");
}

Test(verify, cannot_check_a_child_that_execs_with_an_empty_environment) {
  /* Its runtime never saw the harness's TSAN_OPTIONS: no log where the harness looks, so no proof. */
  assert_returned(verify_program_with("execs_with_an_empty_environment.c", NULL), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "runs with other TSan options than the harness gave the program (no TSAN_OPTIONS)");
}

/* plain_racer_runs_tsan_program.c, built without TSan, runs a TSan-built program (`how`: "exec" or "fork"). */
static void verify_plain_racer(const char *how) {
  char *plain = build_program_with("plain_racer_runs_tsan_program.c", "clang", false);
  char *tsan = build_program("underscore_exit.c");
  char *arguments[] = {tsan, (char *)how, NULL};
  case_path = program_path("plain_racer_runs_tsan_program.c");
  struct verify_request request = {.case_path = case_path, .binary = plain, .program_args = arguments};
  assert_returned(verify_case(&request, &result), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "is not TSan-instrumented (no __tsan_init)");
  free(tsan);
  free(plain);
}

Test(verify, cannot_check_a_plain_program_that_races_and_then_execs_a_tsan_program) { verify_plain_racer("exec"); }

Test(verify, cannot_check_a_plain_program_that_races_and_then_runs_a_tsan_child) { verify_plain_racer("fork"); }

Test(verify, cannot_check_a_shell_script_that_prints_a_banner_and_stats) {
  if (!scratch)
    scratch = make_scratch_dir();
  char *script = xprintf("%s/pretends.sh", scratch);
  const char *text = "#!/bin/sh\necho '***** Running under ThreadSanitizer v3 (pid 1) *****' >&2\n"
                     "echo 'Stats: SizeClassAllocator64: 0M mapped' >&2\necho 'Stats: LargeMmapAllocator: 0' >&2\n";
  write_file_or_fail(script, text, strlen(text));
  cr_assert_eq(chmod(script, 0700), 0, "chmod %s: %s", script, strerror(errno));
  case_path = program_path("racy_marked_none.c");
  struct verify_request request = {.case_path = case_path, .binary = script};
  assert_returned(verify_case(&request, &result), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "is not TSan-instrumented (no __tsan_init)");
  free(script);
}

Test(verify, checks_a_gcc_binary_against_the_absolute_path_of_its_case_from_another_folder) {
  /* gcc records the relative path it was given; the case is named by its absolute path, from elsewhere. */
  char *folder = xprintf("%s/..", HARNESS_PROGRAMS_DIR);
  char *cwd = getcwd(NULL, 0);
  cr_assert_eq(chdir(folder), 0, "chdir %s", folder);
  char *binary = xprintf("%s/racy_gcc_relative.bin", scratch ? scratch : (scratch = make_scratch_dir()));
  char *argv[] = {"gcc", "-fsanitize=thread", "-g", "-pthread", "-O1", "programs/racy.c", "-o", binary, NULL};
  struct run_request build = {.argv = argv, .timeout_seconds = 120, .capture_limit = 1 << 16};
  struct run_result run;
  char *error = NULL;
  cr_assert_eq(run_program(&build, &run, &error), 0, "cannot run gcc: %s", STR_OR_NULL(error));
  cr_assert(run.end == RUN_EXITED && run.code == 0, "gcc failed: %s", run.err.data);
  run_result_free(&run);
  cr_assert_eq(chdir("/"), 0, "chdir /");
  case_path = program_path("racy.c");
  struct verify_request request = {.case_path = case_path, .binary = binary};
  assert_returned(verify_case(&request, &result), OUTCOME_MET);
  cr_assert_eq(chdir(cwd), 0, "chdir back");
  free(cwd);
  free(binary);
  free(folder);
}

Test(verify, cannot_check_a_program_that_closes_tsans_log_descriptor) {
  assert_returned(verify_program_with("closes_every_descriptor.c", NULL), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result,
                    "its exit status 66 is TSan's, yet its log holds no report: did it close TSan's log descriptor?");
}

Test(verify, cannot_check_a_program_that_reopens_tsans_log_descriptor_for_a_file_of_its_own) {
  setenv("HOSTILE_REOPEN", "1", 1);
  assert_returned(verify_program_with("closes_every_descriptor.c", NULL), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "the TSan runtime did not finish in the program (pid ");
}

Test(verify, finds_expected_output_printed_after_a_nul_byte) {
  assert_returned(verify_program_with("prints_after_a_nul_byte.c", NULL), OUTCOME_MET);
}

Test(verify, cannot_check_expected_output_past_what_the_harness_keeps_of_stdout) {
  setenv("HOSTILE_FLOOD", "1", 1);
  struct verify_request request = {.capture_limit = 64 * 1024};
  assert_returned(verify_program_with("prints_after_a_nul_byte.c", &request), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "expected output \"after the nul\" is not in the first ");
  assert_diagnostic(&result, "that the harness did not keep");
}

Test(verify, shows_what_stdout_held_when_expected_output_is_missing) {
  assert_returned(verify_program_with("prints_other_output.c", NULL), OUTCOME_NOT_MET);
  assert_diagnostic(&result, "expected output \"counter=7\", not in the program's stdout (10 bytes): \"counter=2\\n\"");
}

Test(verify, cannot_check_a_report_without_any_source_line) {
  /* Built with -g0: TSan's stacks have functions and offsets, no file:line to hold a marker against. */
  struct verify_request request = {.cflags = "-fsanitize=thread -g0 -pthread"};
  assert_returned(verify_program_with("racy.c", &request), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "TSan printed no file:line for its data race report (pid ");
  assert_diagnostic(&result, "build with -g");
}

Test(verify, meets_a_racy_program_even_when_the_user_strips_paths_and_symbols) {
  /* The harness's own symbolize=1 and empty strip_path_prefix come last: the user's cannot hide the lines. */
  char *options = xprintf("symbolize=0:strip_path_prefix=%s/", HARNESS_PROGRAMS_DIR);
  setenv("TSAN_OPTIONS", options, 1);
  assert_returned(verify_program_with("racy.c", NULL), OUTCOME_MET);
  free(options);
}

Test(verify, meets_a_racy_program_that_closes_its_stdout) {
  assert_returned(verify_program_with("closes_stdout.c", NULL), OUTCOME_MET);
  cr_assert_eq(result.run.out.length, 0, "nothing on stdout");
}

Test(verify, meets_a_racy_program_that_floods_both_streams_with_memory_bounded) {
  /* 50 MB on each stream, then the race. Default bound: 8 MiB kept whole per stream, then TSan's lines only. */
  assert_returned(verify_program_with("floods_output.c", NULL), OUTCOME_MET);
  size_t limit = DEFAULT_CAPTURE_LIMIT, ceiling = 5 * (size_t)DEFAULT_CAPTURE_LIMIT + 64 * 1024;
  cr_assert_leq(result.run.out.length, limit, "stdout holds no TSan line: at most the %zu kept, got %zu", limit,
                result.run.out.length);
  cr_assert_leq(result.run.err.length, ceiling, "stderr stays under the documented %zu, got %zu", ceiling,
                result.run.err.length);
  cr_assert_geq(result.run.out.length + result.run.out.dropped, 50u * 1000 * 1000, "all 50 MB of stdout were read");
  cr_assert_geq(result.run.err.dropped, 50u * 1000 * 1000 - limit, "stderr's flood past 8 MiB was dropped");
  cr_assert_eq(result.run.err.lost, 0, "none of TSan's lines were lost");
  cr_assert_eq(result.log.report_count, 1, "the report after the flood was kept");
}

Test(verify, meets_a_program_that_floods_stderr_with_tsan_like_lines) {
  /* TSan's word comes from each process's own log file: lines on stderr that look like the runtime's are the
   * program's text, whatever they say, and memory stays bounded. */
  struct verify_request request = {.capture_limit = 64 * 1024};
  assert_returned(verify_program_with("floods_tsan_like_lines.c", &request), OUTCOME_MET);
  cr_assert_leq(result.run.err.length, 5 * 64 * 1024, "at most 5 x the limit kept, got %zu", result.run.err.length);
}

Test(verify, cannot_check_a_tsan_log_larger_than_the_harness_reads) {
  /* A log is read up to 4 x the capture limit: two reports and the Stats do not fit in 2 KiB. */
  struct verify_request request = {.capture_limit = 512};
  assert_returned(verify_program_with("two_races.c", &request), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "its log is larger than the 2048 bytes the harness reads: reports may be missing");
}

Test(verify, ignores_a_report_left_open_on_stderr) {
  /* A report left open on stderr cannot break into TSan's own log, which is a file of its own. */
  setenv("HOSTILE_FORGE", "cut", 1);
  assert_returned(verify_program_with("forges_a_report.c", NULL), OUTCOME_MET);
}

Test(verify, ignores_a_whole_report_forged_on_stderr) {
  /* Reports are read from each process's own log file: a report printed on stderr is the program's text. */
  setenv("HOSTILE_FORGE", "whole", 1);
  assert_returned(verify_program_with("forges_a_report.c", NULL), OUTCOME_MET);
  cr_assert_eq(result.log.report_count, 0, "no report is TSan's");
}

Test(verify, cannot_check_a_program_killed_by_segv) {
  assert_returned(verify_program_with("segfaults.c", NULL), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "the TSan runtime failed in the program (pid ");
  assert_diagnostic(&result, "ERROR: ThreadSanitizer: SEGV on unknown address");
}

Test(verify, cannot_check_a_program_killed_by_sigabrt) {
  assert_returned(verify_program_with("aborts.c", NULL), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "killed by SIGABRT (signal 6) before TSan finished");
}

Test(verify, cannot_check_a_program_killed_by_sigkill) {
  assert_returned(verify_program_with("kills_itself.c", NULL), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "killed by SIGKILL (signal 9) before TSan finished");
}

Test(verify, does_not_meet_a_program_that_exits_non_zero_on_its_own) {
  assert_returned(verify_program_with("exits_nonzero.c", NULL), OUTCOME_NOT_MET);
  assert_diagnostic(&result, "the program exited with status 3, and TSan reported nothing: a failure of its own");
}

Test(verify, meets_a_program_whose_detached_thread_outlives_main) {
  assert_returned(verify_program_with("detached_thread_outlives_main.c", NULL), OUTCOME_MET);
  cr_assert_lt(result.run.seconds, 10.0, "exit ends the thread: no wait for it (%.3f s)", result.run.seconds);
  cr_assert(!result.run.group_survivors, "a thread is no process left behind");
}

/* forks_a_survivor.c, its child's pid read back after verify_case; `escape` makes the child leave the group. */
static void verify_forked_survivor(bool escape) {
  scratch = make_scratch_dir();
  char *pid_file = xprintf("%s/child.pid", scratch);
  setenv("HOSTILE_PID_FILE", pid_file, 1);
  if (escape)
    setenv("HOSTILE_ESCAPE", "1", 1);
  assert_returned(verify_program_with("forks_a_survivor.c", NULL), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "outlived the program and was killed: its reports cannot be checked");
  long child = wait_for_pid_file(pid_file, 0, 0);
  cr_assert_gt(child, 1, "the child wrote its pid to %s", pid_file);
  assert_process_gone(child);
  free(pid_file);
}

Test(verify, cannot_check_a_program_whose_forked_child_outlives_it) { verify_forked_survivor(false); }

Test(verify, cannot_check_a_program_whose_child_leaves_the_process_group_and_outlives_it) {
  verify_forked_survivor(true);
}

/* Runs the built tsan-verify on programs/hang.c with TMPDIR a fresh folder, sends `sig` once the program runs, and
 * checks that the harness died by it, its temporary folder is gone, and so is the program. */
static void interrupt_the_harness(int sig) {
  scratch = make_scratch_dir();
  char *tmpdir = xprintf("%s/tmp", scratch);
  cr_assert_eq(mkdir(tmpdir, 0700), 0, "mkdir %s: %s", tmpdir, strerror(errno));
  char *pid_file = xprintf("%s/program.pid", scratch);
  case_path = program_path("hang.c");
  pid_t harness = fork();
  cr_assert_geq(harness, 0, "fork: %s", strerror(errno));
  if (harness == 0) {
    setenv("TMPDIR", tmpdir, 1);
    setenv("HOSTILE_PID_FILE", pid_file, 1);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    signal(sig, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execl(TSAN_VERIFY_EXE, TSAN_VERIFY_EXE, "--cc", "clang", "--timeout", "60", case_path, (char *)NULL);
    _exit(127);
  }
  long program = wait_for_pid_file(pid_file, 30, harness);
  if (program <= 1) {
    kill(harness, SIGKILL);
    waitpid(harness, NULL, 0);
    cr_assert_fail("the hanging program never wrote its pid to %s", pid_file);
  }
  struct timespec settle = {0, 200 * 1000 * 1000}; /* the program runs: let it settle into its loop */
  nanosleep(&settle, NULL);
  cr_assert_eq(kill(harness, sig), 0, "kill(%d, %d): %s", (int)harness, sig, strerror(errno));
  int status = 0;
  cr_assert_eq(waitpid(harness, &status, 0), harness, "waitpid: %s", strerror(errno));
  cr_assert(WIFSIGNALED(status), "the harness should die by signal %d, it exited with status %d", sig,
            WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  cr_assert_eq(WTERMSIG(status), sig, "by signal %d, got %d", sig, WTERMSIG(status));
  DIR *folder = opendir(tmpdir);
  cr_assert_not_null(folder, "opendir %s: %s", tmpdir, strerror(errno));
  struct dirent *entry;
  while ((entry = readdir(folder)))
    cr_assert(strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0,
              "TMPDIR should be empty, it holds %s", entry->d_name);
  closedir(folder);
  assert_process_gone(program);
  free(pid_file);
  free(tmpdir);
}

Test(verify, removes_its_temporary_folder_and_kills_the_program_on_sigint) { interrupt_the_harness(SIGINT); }

Test(verify, removes_its_temporary_folder_and_kills_the_program_on_sigterm) { interrupt_the_harness(SIGTERM); }

Test(verify, removes_its_temporary_folder_and_kills_the_program_on_sighup) { interrupt_the_harness(SIGHUP); }

Test(verify, removes_its_temporary_folder_and_kills_the_program_on_sigquit) { interrupt_the_harness(SIGQUIT); }

Test(verify, cannot_check_when_ptrace_is_refused_because_the_harness_is_traced) {
  /* Under `strace -f`, the program is strace's tracee already: PTRACE_TRACEME fails, and the harness says so. */
  if (access("/usr/bin/strace", X_OK) != 0)
    cr_skip_test("strace is not installed");
  case_path = program_path("racy.c");
  char *argv[] = {"/usr/bin/strace", "-f", "-o", "/dev/null", TSAN_VERIFY_EXE, case_path, NULL};
  struct run_request request = {.argv = argv, .timeout_seconds = 60, .capture_limit = 1 << 16};
  struct run_result run;
  char *error = NULL;
  cr_assert_eq(run_program(&request, &run, &error), 0, "cannot run strace: %s", STR_OR_NULL(error));
  cr_assert_eq(run.code, OUTCOME_CANNOT_CHECK, "exit 2 under a tracer, got %d: %s", run.code, run.out.data);
  cr_assert_not_null(strstr(run.out.data, "cannot follow the program's processes: ptrace(PTRACE_TRACEME) failed"),
                     "got: %s", run.out.data);
  run_result_free(&run);
}

Test(verify, says_when_cc_is_not_a_working_compiler) {
  struct verify_request request = {.compiler = "/bin/false"};
  assert_returned(verify_program_with("racy.c", &request), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "/bin/false is not a working C compiler: it exited with status 1 and printed no error");
  case_result_free(&result);
  result = (struct case_result){0};
  request.compiler = "/bin/true";
  assert_returned(verify_program_with("racy.c", &request), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "/bin/true is not a working C compiler: it succeeded, yet wrote no program to -o ");
}

Test(verify, copies_each_log_to_the_users_log_path) {
  /* ctest -T memcheck (MEMORYCHECK_TYPE=ThreadSanitizer) sets log_path and reads LOG_PATH.PID afterwards. */
  if (!scratch)
    scratch = make_scratch_dir();
  char *options = xprintf("log_path=%s/user", scratch);
  setenv("TSAN_OPTIONS", options, 1);
  assert_returned(verify_program_with("racy.c", NULL), OUTCOME_MET);
  const struct process_image *root = trace_root_image(&result.run.processes);
  char *copy = xprintf("%s/user.%ld", scratch, root->pid);
  FILE *file = fopen(copy, "r");
  cr_assert_not_null(file, "%s should hold the program's TSan log", copy);
  struct strbuf text = {0};
  read_stream(file, 0, &text);
  fclose(file);
  cr_assert_not_null(strstr(text.data, "WARNING: ThreadSanitizer: data race"), "the report is in the copy");
  strbuf_free(&text);
  free(copy);
  free(options);
}

Test(verify, cannot_check_a_stripped_binary_whose_own_frames_have_no_line) {
  /* Only libc's frames keep their lines: the program's own cannot be matched to its markers. */
  char *binary = build_program("racy.c");
  char *stripped = xprintf("%s.stripped", binary);
  char *argv[] = {"strip", "-o", stripped, binary, NULL};
  struct run_request strip = {.argv = argv, .timeout_seconds = 60, .capture_limit = 1 << 16};
  struct run_result run;
  char *error = NULL;
  cr_assert_eq(run_program(&strip, &run, &error), 0, "cannot run strip: %s", STR_OR_NULL(error));
  cr_assert(run.end == RUN_EXITED && run.code == 0, "strip failed: %s", run.err.data);
  run_result_free(&run);
  case_path = program_path("racy.c");
  struct verify_request request = {.case_path = case_path, .binary = stripped};
  assert_returned(verify_case(&request, &result), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "TSan printed no file:line for its data race report");
  free(stripped);
  free(binary);
}

Test(verify, follows_a_child_started_with_clone_untraced) {
  /* clone(CLONE_UNTRACED) would keep the child out of the trace; the seccomp filter stops that clone and the harness
   * clears the flag (process/untraced_clones.c), so the child's race is seen like any other. Before: cannot check, from
   * the log of a pid the trace never saw, which a child that re-execs with its own options and removes its log (a
   * blind round) left no trace of at all: met. */
  assert_returned(verify_program_with("clone_untraced.c", NULL), OUTCOME_NOT_MET);
  assert_diagnostic(&result, "expected no report, TSan reported data race");
}

Test(verify, follows_a_child_started_with_clone3_untraced) {
  /* clone3's flags are in memory: the harness clears CLONE_UNTRACED in the struct at the call's seccomp stop. */
  assert_returned(verify_program_with("clone3_untraced.c", NULL), OUTCOME_NOT_MET);
  assert_diagnostic(&result, "expected no report, TSan reported data race");
}

Test(verify, cannot_check_a_child_that_execs_with_other_tsan_options) {
  /* It appends report_bugs=0: its log has banner, Stats and a count of 0, and proves nothing. */
  assert_returned(verify_program_with("child_appends_report_bugs_0.c", NULL), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "runs with other TSan options than the harness gave the program (TSAN_OPTIONS=");
}

Test(verify, cannot_check_a_child_that_runs_the_program_through_the_dynamic_loader) {
  assert_returned(verify_program_with("ldso_child_closes_fds.c", NULL), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "runs a program through the dynamic loader");
}

Test(verify, cannot_check_a_program_that_execs_a_program_built_without_tsan) {
  char *launcher = build_program("execs_its_argument.c");
  char *plain = build_program_with("plain_racer_runs_tsan_program.c", "clang", false);
  char *arguments[] = {plain, NULL};
  case_path = program_path("execs_its_argument.c");
  struct verify_request request = {.case_path = case_path, .binary = launcher, .program_args = arguments};
  assert_returned(verify_case(&request, &result), OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "which is not TSan-instrumented: the rest of its run was not watched");
  free(plain);
  free(launcher);
}

Test(verify, survives_a_program_that_signals_the_harness_with_sigusr1) {
  /* The program's parent is tsan-verify itself (the command, which ignores SIGUSR1, SIGUSR2 and SIGPIPE). */
  case_path = program_path("signals_the_harness.c");
  char *argv[] = {TSAN_VERIFY_EXE, case_path, NULL};
  struct run_request request = {.argv = argv, .timeout_seconds = 60, .capture_limit = 1 << 16};
  struct run_result run;
  char *error = NULL;
  cr_assert_eq(run_program(&request, &run, &error), 0, "cannot run tsan-verify: %s", STR_OR_NULL(error));
  cr_assert(run.end == RUN_EXITED && run.code == OUTCOME_NOT_MET, "exit 1, got %s %d: %s",
            run.end == RUN_EXITED ? "status" : "signal", run.code, run.out.data);
  cr_assert_not_null(strstr(run.out.data, "expected no report, TSan reported data race"), "got: %s", run.out.data);
  run_result_free(&run);
}
