/* test_score.c: score.c (counting against ground truth), score_output.c (JSON), corpus.c (SV-COMP tasks, TSV lists)
 * and the stand-in truth.c. Reports come from real TSan logs (fixtures/clang14-*.txt); their lines are lines of
 * fixtures/programs/: data_race.c reports a race at 28 (previous write at 15) and one at 29 (previous atomic write
 * at 17), both with the thread created at 25; sleep.c reports 17 / 9, with "As if synchronized via sleep" at 16. */
#include "base/util.h"
#include "score/corpus.h"
#include "score/score.h"
#include "score/truth.h"
#include "support.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA_RACE_CASE "fixtures/programs/data_race.c"
#define SLEEP_CASE "fixtures/programs/sleep.c"

static struct tsan_log log_;
static struct case_score score_;
static char *scratch;

static void cleanup(void) {
  tsan_log_free(&log_);
  free(score_.name);
  free(score_.folder);
  free(score_.reason);
  score_ = (struct case_score){0};
  if (scratch)
    remove_scratch_dir(scratch);
  scratch = NULL;
}

TestSuite(score_lines, .fini = cleanup);
TestSuite(score_metrics, .fini = cleanup);
TestSuite(score_runs, .fini = cleanup);
TestSuite(corpus, .fini = cleanup);
TestSuite(truth, .fini = cleanup);

/* A truth of `count` lines, all of `kind`. */
static struct case_truth truth_of(const size_t *lines, size_t count, const char *kind) {
  struct case_truth truth = {.buggy = count > 0, .line_count = count};
  truth.lines = xcalloc(count + 1, sizeof *truth.lines);
  for (size_t i = 0; i < count; i++)
    truth.lines[i] = (struct truth_line){lines[i], xstrdup(kind)};
  return truth;
}

static void assert_counts(struct score_counts counts, size_t tp, size_t fp, size_t tn, size_t fn, const char *what) {
  cr_assert(counts.tp == tp && counts.fp == fp && counts.tn == tn && counts.fn == fn,
            "%s: expected tp=%zu fp=%zu tn=%zu fn=%zu, got tp=%zu fp=%zu tn=%zu fn=%zu", what, tp, fp, tn, fn,
            counts.tp, counts.fp, counts.tn, counts.fn);
}

Test(score_lines, a_truth_line_on_the_racing_access_is_a_true_positive_and_the_other_report_a_false_one) {
  parse_fixture("clang14-data-race.txt", &log_);
  struct case_truth truth = truth_of((size_t[]){28}, 1, "data race");
  score_case_log(&truth, &log_, DATA_RACE_CASE, &score_);
  assert_counts(score_.line, 1, 1, 0, 0, "line level (28 hit; the report at 29 is a false alarm)");
  assert_counts(score_.file, 1, 0, 0, 0, "file level");
  cr_assert_eq(score_.truth_lines_hit, 1, "one of one truth line is hit");
  case_truth_free(&truth);
}

Test(score_lines, the_previous_access_of_a_report_hits_a_truth_line_too) {
  parse_fixture("clang14-data-race.txt", &log_);
  struct case_truth truth = truth_of((size_t[]){15, 17}, 2, "data race");
  score_case_log(&truth, &log_, DATA_RACE_CASE, &score_);
  assert_counts(score_.line, 2, 0, 0, 0, "both reports hit a truth line through their previous write");
  case_truth_free(&truth);
}

Test(score_lines, a_report_of_another_category_does_not_hit_the_line) {
  parse_fixture("clang14-data-race.txt", &log_);
  struct case_truth truth = truth_of((size_t[]){28}, 1, "thread leak");
  score_case_log(&truth, &log_, DATA_RACE_CASE, &score_);
  assert_counts(score_.line, 0, 2, 0, 1, "a data race at line 28 is not the thread leak stated there");
  case_truth_free(&truth);
}

Test(score_lines, the_line_a_thread_slept_on_is_not_a_report_line) {
  parse_fixture("clang14-sleep.txt", &log_);
  struct case_truth truth = truth_of((size_t[]){16}, 1, "data race");
  score_case_log(&truth, &log_, SLEEP_CASE, &score_);
  assert_counts(score_.line, 0, 1, 0, 1, "\"As if synchronized via sleep\" at 16 is where a thread slept");
  case_truth_free(&truth);
}

Test(score_lines, a_correct_case_with_reports_is_a_false_positive_at_both_levels) {
  parse_fixture("clang14-data-race.txt", &log_);
  struct case_truth truth = {0};
  score_case_log(&truth, &log_, DATA_RACE_CASE, &score_);
  assert_counts(score_.file, 0, 1, 0, 0, "file level");
  assert_counts(score_.line, 0, 2, 0, 0, "line level: two distinct first lines (28, 29)");
}

Test(score_lines, a_correct_case_without_reports_is_one_true_negative_at_both_levels) {
  parse_fixture("clang14-clean.txt", &log_);
  struct case_truth truth = {0};
  score_case_log(&truth, &log_, DATA_RACE_CASE, &score_);
  assert_counts(score_.file, 0, 0, 1, 0, "file level");
  assert_counts(score_.line, 0, 0, 1, 0, "line level");
}

Test(score_lines, a_verdict_alone_scores_the_file_level_only) {
  struct case_truth truth = truth_of((size_t[]){3}, 1, "data race");
  score_case_verdict(&truth, false, &score_);
  assert_counts(score_.file, 0, 0, 0, 1, "a buggy case without report");
  cr_assert_not(score_.has_lines, "a verdict has no lines");
  case_truth_free(&truth);
}

Test(score_lines, kinds_fall_into_categories) {
  cr_assert_str_eq(kind_category("data race"), "race");
  cr_assert_str_eq(kind_category("race on Store"), "race");
  cr_assert_str_eq(kind_category("lock-order-inversion (potential deadlock)"), "deadlock");
  cr_assert_str_eq(kind_category("unlock of an unlocked mutex (or by a wrong thread)"), "mutex");
  cr_assert_str_eq(kind_category("heap-use-after-free"), "memory");
  cr_assert_str_eq(kind_category("double free"), "memory", "a double free is a memory bug, as a use after free is");
  cr_assert_str_eq(kind_category("signal handler spoils errno"), "signal");
  cr_assert_str_eq(kind_category("Exiting thread still holds 1 lock"), "other");
}

Test(score_metrics, precision_recall_and_f1_follow_their_definitions) {
  struct score_metrics metrics = score_metrics_of((struct score_counts){.tp = 3, .fp = 1, .tn = 5, .fn = 3});
  cr_assert_float_eq(metrics.precision, 0.75, 1e-9, "3 / (3 + 1), got %f", metrics.precision);
  cr_assert_float_eq(metrics.recall, 0.5, 1e-9, "3 / (3 + 3), got %f", metrics.recall);
  cr_assert_float_eq(metrics.f1, 0.6, 1e-9, "2 * 0.75 * 0.5 / 1.25, got %f", metrics.f1);
}

Test(score_metrics, undefined_metrics_are_negative) {
  struct score_metrics metrics = score_metrics_of((struct score_counts){.tn = 4, .fn = 2});
  cr_assert_lt(metrics.precision, 0, "no positive predicted: precision is undefined, got %f", metrics.precision);
  cr_assert_float_eq(metrics.recall, 0, 1e-9, "nothing found of 2: recall 0");
  cr_assert_lt(metrics.f1, 0, "F1 needs a precision");
}

/* A runs file and the case it names, in a scratch folder. */
static char *write_runs(const char *rows) {
  scratch = make_scratch_dir();
  char *source = xprintf("%s/racy.c", scratch);
  const char *text = "int x;\nvoid f(void) { x = 1; } // expect-tsan: data race\n";
  write_file_or_fail(source, text, strlen(text));
  free(source);
  char *runs = xprintf("%s/runs.tsv", scratch);
  write_file_or_fail(runs, rows, strlen(rows));
  return runs;
}

Test(score_runs, rows_become_configurations_with_cases) {
  char *runs = write_runs("# comment\n"
                          "tsan clang-16 O1\ttsan\tdemo/racy\tracy.c\treported:data race\n"
                          "tsan clang-16 O2\ttsan\tdemo/racy\tracy.c\treported:\n"
                          "helgrind\thelgrind\tdemo/racy\tracy.c\tskipped:no valgrind\n");
  struct score_table table = {0};
  char *error = NULL;
  cr_assert_eq(score_runs_read(runs, NULL, &table, &error), 0, "the runs file should read: %s", error ? error : "");
  cr_assert_eq(table.config_count, 3, "three configurations, got %zu", table.config_count);
  assert_counts(score_sum(&table.configs[0], NULL, false), 1, 0, 0, 0, "reported on the buggy case");
  assert_counts(score_sum(&table.configs[1], "demo", false), 0, 0, 0, 1, "nothing reported on the buggy case");
  cr_assert_not(table.configs[0].has_lines, "a verdict-only configuration has no line level");
  cr_assert_eq(table.configs[2].cases[0].state, CASE_SKIPPED, "skipped stays skipped");
  cr_assert(score_catches(&table.configs[0], "demo/racy"), "a report on a buggy case catches it (no lines known)");
  score_table_free(&table);
  free(runs);
}

Test(score_runs, a_detector_filter_keeps_only_its_rows) {
  char *runs = write_runs("tsan clang-16 O1\ttsan\tdemo/racy\tracy.c\treported:data race\n"
                          "drd\tdrd\tdemo/racy\tracy.c\treported:\n");
  struct score_table table = {0};
  char *error = NULL;
  cr_assert_eq(score_runs_read(runs, "drd", &table, &error), 0, "%s", error ? error : "");
  cr_assert_eq(table.config_count, 1, "only drd's row, got %zu configurations", table.config_count);
  cr_assert_str_eq(table.configs[0].name, "drd");
  score_table_free(&table);
  free(runs);
}

Test(score_runs, a_bad_row_is_an_error_naming_file_and_line) {
  char *runs = write_runs("tsan clang-16 O1\ttsan\tdemo/racy\tracy.c\treported:data race\n"
                          "tsan clang-16 O1\ttsan\tdemo/racy\n");
  struct score_table table = {0};
  char *error = NULL;
  cr_assert_eq(score_runs_read(runs, NULL, &table, &error), -1, "a row with 3 fields must be rejected");
  char *expected =
      xprintf("%s:2: expected 5 tab-separated fields: CONFIG DETECTOR CASE_NAME CASE_SOURCE EVIDENCE", runs);
  cr_assert_str_eq(error, expected);
  free(expected);
  free(error);
  score_table_free(&table);
  free(runs);
}

Test(score_runs, unknown_evidence_is_an_error) {
  char *runs = write_runs("tsan clang-16 O1\ttsan\tdemo/racy\tracy.c\tguess:yes\n");
  struct score_table table = {0};
  char *error = NULL;
  cr_assert_eq(score_runs_read(runs, NULL, &table, &error), -1, "unknown evidence must be rejected");
  cr_assert(contains(error, ":1: evidence must start with"), "got: %s", error);
  free(error);
  score_table_free(&table);
  free(runs);
}

Test(score_runs, json_gives_every_count_and_metric_at_both_levels) {
  char *runs = write_runs("tsan clang-16 O1\ttsan\tdemo/racy\tracy.c\treported:data race\n");
  struct score_table table = {0};
  char *error = NULL;
  cr_assert_eq(score_runs_read(runs, NULL, &table, &error), 0, "%s", error ? error : "");
  char *text = NULL;
  size_t length = 0;
  FILE *out = open_memstream(&text, &length);
  score_write_json(out, &table);
  fclose(out);
  cr_assert(contains(text, "\"name\": \"tsan clang-16 O1\""), "names the configuration: %s", text);
  cr_assert(contains(text, "\"file\": {\"tp\": 1, \"fp\": 0, \"tn\": 0, \"fn\": 0, \"precision\": 1.000000, "
                           "\"recall\": 1.000000, \"f1\": 1.000000}"),
            "file level counts and metrics: %s", text);
  cr_assert(contains(text, "\"line\": null"), "no line level from a verdict: %s", text);
  cr_assert(contains(text, "\"folders\": {\"demo\": "), "per folder: %s", text);
  free(text);
  score_table_free(&table);
  free(runs);
}

static char *write_in_scratch(const char *name, const char *text) {
  if (!scratch)
    scratch = make_scratch_dir();
  char *path = xprintf("%s/%s", scratch, name);
  write_file_or_fail(path, text, strlen(text));
  return path;
}

Test(corpus, an_svcomp_task_gives_its_files_and_its_no_data_race_verdict) {
  char *path = write_in_scratch("race.yml", "format_version: '2.0'\n"
                                            "input_files: ['race.c', 'lib.c']\n"
                                            "properties:\n"
                                            "  - property_file: ../properties/unreach-call.prp\n"
                                            "    expected_verdict: true\n"
                                            "  - property_file: ../properties/no-data-race.prp\n"
                                            "    expected_verdict: false\n");
  struct corpus corpus = {0};
  char *error = NULL;
  cr_assert_eq(corpus_read(path, &corpus, &error), 0, "%s", error ? error : "");
  cr_assert_eq(corpus.task_count, 1);
  cr_assert_eq(corpus.tasks[0].source_count, 2, "two input files");
  cr_assert(ends_with(corpus.tasks[0].sources[1], "/lib.c"), "relative to the task: %s", corpus.tasks[0].sources[1]);
  cr_assert(corpus.tasks[0].buggy, "expected_verdict false on no-data-race means a race");
  cr_assert(ends_with(corpus.tasks[0].name, "/race"), "named after its first file: %s", corpus.tasks[0].name);
  corpus_free(&corpus);
  free(path);
}

Test(corpus, a_task_without_the_data_race_property_is_kept_with_the_reason_to_skip_it) {
  char *path = write_in_scratch("reach.yml", "format_version: '2.0'\n"
                                             "input_files: 'reach.c'\n"
                                             "properties:\n"
                                             "  - property_file: ../properties/unreach-call.prp\n"
                                             "    expected_verdict: true\n");
  struct corpus corpus = {0};
  char *error = NULL;
  cr_assert_eq(corpus_read(path, &corpus, &error), 0, "one such task must not end the run: %s", error ? error : "");
  cr_assert_eq(corpus.task_count, 1);
  char *expected =
      xprintf("%s: no property_file ending in no-data-race.prp (this scorer checks data races only)", path);
  cr_assert_str_eq(corpus.tasks[0].skip_reason, expected);
  free(expected);
  corpus_free(&corpus);
  free(path);
}

Test(corpus, a_verdict_that_is_not_true_or_false_names_its_line) {
  char *path = write_in_scratch("odd.yml", "input_files: 'odd.c'\n"
                                           "properties:\n"
                                           "  - property_file: no-data-race.prp\n"
                                           "    expected_verdict: maybe\n");
  struct corpus corpus = {0};
  char *error = NULL;
  cr_assert_eq(corpus_read(path, &corpus, &error), -1, "must be rejected");
  cr_assert(contains(error, "odd.yml:3: the no-data-race property needs expected_verdict true or false"), "got %s",
            error);
  free(error);
  corpus_free(&corpus);
  free(path);
}

Test(corpus, a_tsv_list_labels_each_file) {
  char *path = write_in_scratch("labels.tsv", "# file\tlabel\nracy.c\tbug\n\nfine.c\tcorrect\n");
  struct corpus corpus = {0};
  char *error = NULL;
  cr_assert_eq(corpus_read(path, &corpus, &error), 0, "%s", error ? error : "");
  cr_assert_eq(corpus.task_count, 2, "two tasks, got %zu", corpus.task_count);
  cr_assert(corpus.tasks[0].buggy && !corpus.tasks[1].buggy, "bug, then correct");
  corpus_free(&corpus);
  free(path);
}

Test(corpus, a_tsv_label_other_than_bug_or_correct_is_an_error) {
  char *path = write_in_scratch("labels.tsv", "racy.c\tbug\nfine.c\tyes\n");
  struct corpus corpus = {0};
  char *error = NULL;
  cr_assert_eq(corpus_read(path, &corpus, &error), -1, "must be rejected");
  char *expected = xprintf("%s:2: expected FILE<TAB>bug or FILE<TAB>correct, then optionally <TAB>FLAGS", path);
  cr_assert_str_eq(error, expected);
  free(expected);
  free(error);
  corpus_free(&corpus);
  free(path);
}

/* The truth of a case file written to the scratch folder. */
static int truth_from(const char *text, struct case_truth *truth, char **error) {
  char *path = write_in_scratch("case.c", text);
  struct case_spec spec;
  int status = case_spec_read(path, &spec, error);
  cr_assert_eq(status, 0, "the case should read: %s", *error ? *error : "");
  status = case_truth_of(&spec, truth, error);
  case_spec_free(&spec);
  free(path);
  return status;
}

Test(truth, markers_are_true_except_false_positives_and_expect_bug_adds_misses) {
  struct case_truth truth;
  char *error = NULL;
  int status = truth_from("int x;\n"
                          "void a(void) { x = 1; } // expect-tsan: data race\n"
                          "void b(void) { x = 2; } // expect-tsan: data race -- false positive: fences\n"
                          "// expect-bug: data race -- TSan misses it\n"
                          "void c(void) { x = 3; }\n",
                          &truth, &error);
  cr_assert_eq(status, 0, "%s", error ? error : "");
  cr_assert(truth.buggy, "a case with true lines is buggy");
  cr_assert_eq(truth.line_count, 2, "lines 2 and 5, got %zu lines", truth.line_count);
  cr_assert_eq(truth.lines[0].line, 2);
  cr_assert_eq(truth.lines[1].line, 5, "a standalone expect-bug is about the next line of code");
  cr_assert_str_eq(truth.lines[1].kind, "data race");
  case_truth_free(&truth);
}

Test(truth, expect_bug_none_and_false_positives_only_mean_correct) {
  struct case_truth truth;
  char *error = NULL;
  int status = truth_from("// expect-bug: none\n"
                          "int x; // expect-tsan: data race -- false positive: not a race\n",
                          &truth, &error);
  cr_assert_eq(status, 0, "%s", error ? error : "");
  cr_assert_not(truth.buggy, "only a false positive: correct");
  cr_assert_eq(truth.line_count, 0);
  case_truth_free(&truth);
}

Test(truth, expect_bug_without_a_kind_is_an_error) {
  /* The marker reader refuses it already, before any truth is asked for. */
  char *path = write_in_scratch("case.c", "// expect-tsan: none\nint x; // expect-bug:\n");
  struct case_spec spec;
  char *error = NULL;
  cr_assert_eq(case_spec_read(path, &spec, &error), -1, "an empty expect-bug must be rejected");
  cr_assert(contains(error, "case.c:2: marker names no kind"), "got %s", error);
  case_spec_free(&spec);
  free(error);
  free(path);
}
