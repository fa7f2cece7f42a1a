/* Tests for evidence.c: what each process's own log proves, on process tables and logs made up here. */
#include "base/util.h"
#include "runner/evidence.h"
#include "runner/suppression_rules.h"
#include "support.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static char *folder;
static struct process_table table;
static struct evidence evidence;
static struct verdict verdict;

static const char banner[] = "***** Running under ThreadSanitizer v3 (pid 10) *****\n";
static const char stats[] = "Stats: SizeClassAllocator64: 0M mapped (0M rss) in 1 allocations; remains 1\n"
                            "Stats: LargeMmapAllocator: allocated 0 times, remains 0 (0 K) max 0 M; by size logs:\n";
static const char report[] = "==================\n"
                             "WARNING: ThreadSanitizer: data race (pid=11)\n"
                             "  Write of size 4 at 0x1 by main thread:\n"
                             "    #0 main /src/a.c:9:3 (a+0x1)\n"
                             "\n"
                             "SUMMARY: ThreadSanitizer: data race /src/a.c:9:3 in main\n"
                             "==================\n";

static void setup(void) {
  folder = make_scratch_dir();
  table = (struct process_table){0};
  table.log_prefix = xprintf("%s/tsan", folder);
  evidence = (struct evidence){0};
  verdict = (struct verdict){0};
}

static void teardown(void) {
  evidence_free(&evidence);
  process_table_free(&table);
  verdict_free(&verdict);
  free((char *)table.log_prefix);
  remove_scratch_dir(folder);
}

/* Adds an image to the table, with `log` (NULL: no log file) as its TSan log. */
static struct process_image *image(long pid, long parent, bool forked, enum image_end end, int code, const char *log) {
  GROW(table.images, table.count, table.capacity);
  struct process_image *made = &table.images[table.count++];
  *made = (struct process_image){.pid = pid, .parent = parent, .forked = forked, .end = end, .code = code};
  made->exe = xstrdup("/bin/case");
  made->instrumented = true;
  made->log_path = xprintf("%s.%ld", table.log_prefix, pid);
  if (log)
    write_file_or_fail(made->log_path, log, strlen(log));
  return made;
}

static void judge(void) {
  struct evidence_rules rules = {.exitcode = 66, .ubsan_exitcode = -1};
  evidence_collect(&table, 1 << 20, &evidence);
  evidence_check(&evidence, &rules, "a.c", "", &verdict);
}

static bool said(const char *text) {
  for (size_t i = 0; i < verdict.diagnostic_count; i++)
    if (strstr(verdict.diagnostics[i].message, text))
      return true;
  return false;
}

TestSuite(evidence, .init = setup, .fini = teardown);

Test(evidence, accepts_a_program_whose_log_proves_its_start_and_finish) {
  char *log = xprintf("%s%s", banner, stats);
  image(10, 0, false, IMAGE_EXITED, 0, log);
  judge();
  cr_assert_eq(verdict.outcome, OUTCOME_MET, "nothing is missing");
  free(log);
}

Test(evidence, lets_a_forked_child_count_the_reports_it_inherited) {
  char *parent = xprintf("%s%s%sThreadSanitizer: reported 1 warnings\n", banner, report, stats);
  char *child = xprintf("%sThreadSanitizer: reported 1 warnings\n", stats);
  image(10, 0, false, IMAGE_EXITED, 66, parent);
  image(11, 10, true, IMAGE_EXITED, 66, child);
  judge();
  cr_assert_eq(verdict.outcome, OUTCOME_MET, "the child's count includes its parent's report");
  free(parent);
  free(child);
}

Test(evidence, does_not_let_a_program_count_more_reports_than_its_log_holds) {
  char *log = xprintf("%s%sThreadSanitizer: reported 2 warnings\n", banner, stats);
  image(10, 0, false, IMAGE_EXITED, 66, log);
  judge();
  cr_assert_eq(verdict.outcome, OUTCOME_CANNOT_CHECK);
  cr_assert(said("reported 2 warnings, its log holds 0"));
  free(log);
}

Test(evidence, quotes_the_mapping_failure_when_tsan_cannot_map_its_memory) {
  char *log = xprintf("%sFATAL: ThreadSanitizer: unexpected memory mapping 0x7f0000000000-0x7f0000001000\n", banner);
  image(10, 0, false, IMAGE_EXITED, 66, log);
  judge();
  cr_assert_eq(verdict.outcome, OUTCOME_CANNOT_CHECK);
  cr_assert(said("unexpected memory mapping"));
  /* The sysctl hint itself depends on the machine's vm.mmap_rnd_bits: p12_true_cause checks it. */
  free(log);
}

Test(evidence, accepts_an_exec_without_the_exit_statistics_of_the_old_image) {
  image(10, 0, false, IMAGE_EXECED, 0, banner);
  char *log = xprintf("%s%s", banner, stats);
  table.images[0].sequence = 0;
  struct process_image *next = image(10, 0, false, IMAGE_EXITED, 0, NULL);
  next->sequence = 1;
  /* The new image's log is the pid's; the old one's was set aside at the exec. */
  free(table.images[0].log_path);
  table.images[0].log_path = xprintf("%s.10.0", table.log_prefix);
  write_file_or_fail(table.images[0].log_path, banner, strlen(banner));
  write_file_or_fail(next->log_path, log, strlen(log));
  judge();
  cr_assert_eq(verdict.outcome, OUTCOME_MET, "an image that exec'd has nothing left to report");
  free(log);
}

Test(evidence, does_not_take_a_plain_image_as_proof_for_the_program) {
  struct process_image *plain = image(10, 0, false, IMAGE_EXITED, 0, NULL);
  plain->instrumented = false;
  char *log = xprintf("%s%s", banner, stats);
  image(11, 10, false, IMAGE_EXITED, 0, log);
  judge();
  cr_assert_eq(verdict.outcome, OUTCOME_CANNOT_CHECK);
  cr_assert(said("is not TSan-instrumented"));
  free(log);
}

Test(evidence, names_an_undeclared_suppression_and_lists_a_declared_one) {
  char *log =
      xprintf("%s%sThreadSanitizer: Matched 2 suppressions (pid=10):\n2 race:update\n1 race:other\n", banner, stats);
  image(10, 0, false, IMAGE_EXITED, 0, log);
  char *supp = xprintf("%s/own.supp", folder);
  write_file_or_fail(supp, "# ours\nrace:update\n", 19);
  char *options = xprintf("history_size=3:suppressions=%s", supp);
  char **declared = declared_suppression_rules(options);
  struct evidence_rules rules = {.exitcode = 66, .ubsan_exitcode = -1, .declared_rules = declared};
  evidence_collect(&table, 1 << 20, &evidence);
  evidence_check(&evidence, &rules, "a.c", "", &verdict);
  cr_assert_eq(evidence.suppression_count, 2, "two rules matched");
  cr_assert(evidence.suppressions[0].declared, "race:update is the case's own");
  cr_assert(!evidence.suppressions[1].declared, "race:other is not");
  cr_assert_eq(verdict.outcome, OUTCOME_NOT_MET);
  cr_assert(said("suppression \"race:other\" hid 1 report in pid 10, and the case does not declare it"));
  free_rules(declared);
  free(options);
  free(supp);
  free(log);
}
