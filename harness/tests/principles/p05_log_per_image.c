/* Principle 5: one log per image, never per pid (docs/HOSTILE.md, "How the harness knows that TSan watched").
 *
 * TSan names a process's log by its pid alone (log_path=DIR/tsan gives DIR/tsan.PID). A later process of the same run
 * that the kernel gives an ended process's pid would truncate that log, and both would be judged by the clean one.
 * The harness sets each image's log aside when the image ends, as it does at an exec. The pid is reused on purpose
 * with clone3's set_tid, which needs root (CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE). */
#include "base/util.h"
#include "check/verify.h"
#include "support.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct case_result result;
static char *scratch;

static void setup(void) {
  unset_user_environment();
  unsetenv("HOSTILE_REUSE");
}

static void cleanup(void) {
  case_result_free(&result);
  remove_scratch_dir(scratch);
  scratch = NULL;
}

TestSuite(log_per_image, .init = setup, .fini = cleanup, .timeout = 120);

/* Runs programs/reuses_an_ended_pid.c and checks that the second process really got the first one's pid: a run in
 * which the kernel refused proves nothing. */
static enum outcome verify_pid_reuse(void) {
  if (geteuid() != 0)
    cr_skip_test("clone3's set_tid needs root");
  enum outcome outcome = verify_program("reuses_an_ended_pid.c", "clang", 60, &result);
  char *why = result_diagnostics(&result);
  cr_assert(result.ran && contains(result.run.out.data, "pid reused ("),
            "the program must reuse its child's pid (clone3 with set_tid):%s", why);
  free(why);
  return outcome;
}

static void assert_race_seen(enum outcome outcome) {
  char *why = result_diagnostics(&result);
  cr_assert_eq(outcome, OUTCOME_NOT_MET, "expected not met (the racer's report), got %s:%s", outcome_name(outcome),
               why);
  free(why);
  assert_diagnostic(&result, "expected no report, TSan reported data race");
}

/* The image that raced: forked, and ended with TSan's exit status after its report. */
static const struct process_log *racer_log(void) {
  for (size_t i = 0; i < result.evidence.count; i++) {
    const struct process_image *image = result.evidence.logs[i].image;
    if (image->forked && image->end == IMAGE_EXITED && image->code == 66)
      return &result.evidence.logs[i];
  }
  cr_assert_fail("no forked image ended with status 66");
  return NULL;
}

Test(log_per_image, sees_the_race_of_a_child_whose_pid_a_later_clean_process_gets) {
  /* Before: exit 0, "met (reported: none)": the clean process's exit statistics replaced the racer's log. */
  assert_race_seen(verify_pid_reuse());
  cr_assert_eq(racer_log()->report_count, 1, "the racer's own log holds its report, got %zu",
               racer_log()->report_count);
}

Test(log_per_image, gives_the_racer_its_own_log_when_the_later_process_execs) {
  /* Before: the race was still seen, but in the log of the later process's forked image: the racer's image was
   * judged by the clean log of the program the later process exec'd. */
  setenv("HOSTILE_REUSE", "exec", 1);
  assert_race_seen(verify_pid_reuse());
  const struct process_log *racer = racer_log();
  cr_assert_eq(racer->report_count, 1, "the racer's own log holds its report, got %zu", racer->report_count);
  for (size_t i = 0; i < result.evidence.count; i++) {
    const struct process_log *entry = &result.evidence.logs[i];
    if (entry != racer && entry->image->pid == racer->image->pid)
      cr_assert_eq(entry->report_count, 0, "the later process of pid %ld reported nothing, got %zu", entry->image->pid,
                   entry->report_count);
  }
}

Test(log_per_image, copies_both_logs_of_a_reused_pid_to_the_users_log_path) {
  /* Before: both images of the pid were copied to LOG_PATH.PID, the later one over the racer's. */
  scratch = make_scratch_dir();
  char *options = xprintf("log_path=%s/user", scratch);
  setenv("TSAN_OPTIONS", options, 1);
  free(options);
  assert_race_seen(verify_pid_reuse());
  long pid = racer_log()->image->pid;
  char *first = xprintf("%s/user.%ld.0", scratch, pid), *last = xprintf("%s/user.%ld", scratch, pid);
  char *racer_text = read_file_or_fail(first, NULL), *later_text = read_file_or_fail(last, NULL);
  cr_assert(contains(racer_text, "WARNING: ThreadSanitizer: data race"), "%s holds the race: %s", first, racer_text);
  cr_assert(!contains(later_text, "WARNING: ThreadSanitizer"), "%s is the later, clean process's: %s", last,
            later_text);
  free(racer_text);
  free(later_text);
  free(first);
  free(last);
}
