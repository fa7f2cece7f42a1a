/* score.h: detectors scored against ground truth, file by file and line by line.
 *
 * A detector configuration ("tsan clang-14 O1", "helgrind", "drd") has one result per case: the reports it gave
 * (a TSan log, a Valgrind XML log, both read into struct tsan_log) or, when only its verdict is known (the
 * committed matrix), the kinds it reported. Each result is scored against the case's truth (truth.h):
 *   file level: a buggy case with a report is a TP, without one an FN; a correct case with a report is an FP,
 *     without one a TN.
 *   line level: every truth line is a TP when a report of the same category (race, deadlock, mutex misuse,
 *     memory, thread leak, signal; other) has a stack whose innermost frame in the case's file is on that line
 *     (as markers are matched; "As if synchronized via sleep" and Valgrind's segment stacks excepted), else an FN;
 *     the reports that hit no truth line are FPs, one per distinct (category, first line); a correct case with no
 *     report at all is one TN.
 * Skipped cases (the toolchain cannot run them) and results that could not be checked are left out and counted. */
#ifndef TSAN_VERIFY_SCORE_H
#define TSAN_VERIFY_SCORE_H

#include "report/report.h"
#include "score/truth.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct score_counts {
  size_t tp, fp, tn, fn;
};

struct score_metrics {
  double precision, recall, f1; /* negative when undefined (no positive predicted, or none to find) */
};

enum case_result_state { CASE_SCORED, CASE_SKIPPED, CASE_UNCHECKED };

struct case_score {
  char *name;   /* "seed/no_lock" */
  char *folder; /* "seed" */
  enum case_result_state state;
  char *reason; /* why skipped or unchecked, or NULL */
  char *note;   /* for a scored case: what the program hides as it declares (check mode's notes), or NULL */
  bool buggy;
  bool detected;  /* any report */
  bool has_lines; /* line-level counts are known */
  struct score_counts file;
  struct score_counts line;
  size_t truth_lines;     /* how many truth lines the case has */
  size_t truth_lines_hit; /* how many of them a report hit */
};

struct score_config {
  char *name;     /* "tsan clang-14 O1" */
  char *detector; /* "tsan", "helgrind", "drd" */
  bool has_lines; /* every scored case has line-level counts */
  struct case_score *cases;
  size_t case_count;
  size_t case_capacity;
};

struct score_table {
  struct score_config *configs;
  size_t config_count;
  size_t config_capacity;
};

/* The category a report or truth kind belongs to: "race", "deadlock", "mutex", "memory", "thread leak",
 * "signal", or "other". */
const char *kind_category(const char *kind);

/* Scores one case from a detector's reports. `case_path` locates the case's own lines in the stacks. */
void score_case_log(const struct case_truth *truth, const struct tsan_log *log, const char *case_path,
                    struct case_score *score);
/* Scores one case at file level only, from whether the detector reported anything. */
void score_case_verdict(const struct case_truth *truth, bool reported, struct case_score *score);

/* The configuration called `name` (added, with `detector`, when new). */
struct score_config *score_table_config(struct score_table *table, const char *name, const char *detector);
/* A new case result in `config`, named `case_name` ("seed/no_lock": the folder is what precedes the last '/'). */
struct case_score *score_config_add(struct score_config *config, const char *case_name);

/* Reads a runs file: one result per line, five tab-separated columns
 *   CONFIG  DETECTOR  CASE_NAME  CASE_SOURCE  EVIDENCE
 * where EVIDENCE is `tsan-log:PATH`, `valgrind-xml:PATH` (relative paths: to the runs file's folder),
 * `reported:KIND;KIND` (file level only; empty: no report), `skipped:REASON` or `unchecked:REASON`. Blank lines
 * and lines starting with '#' are ignored. With `detector` not NULL, only its rows are kept. The truth of each
 * case comes from its source's markers. Returns 0, or -1 with *error = "path:line: what is wrong". */
int score_runs_read(const char *path, const char *detector, struct score_table *table, char **error);
void score_table_free(struct score_table *table);

/* Runs every task of `corpus` under the request's detector (request->sources are set per task), up to `runs` times
 * each (0: once; a race when any run reports one), and adds one file-level result per task to the configuration
 * `config_name`. The corpora's labels are about data races, so only data-race reports count (a thread leak in a
 * race-free program is no false alarm of the property). A task without a no-data-race label is skipped with its
 * reason; one that cannot be built, whose run the detector did not watch to its end, or (TSan) whose code TSan did
 * not instrument and does not declare so, is unchecked, with the reason. What a scored program declares it hides is
 * its note. Stops early, setting *interrupted_by, when SIGINT or SIGTERM arrives. */
struct corpus;
struct detect_request;
void score_corpus(const struct corpus *corpus, const struct detect_request *request, unsigned runs,
                  const char *config_name, struct score_table *table, int *interrupted_by);

/* Sums of a configuration's scored cases, all of them (folder NULL) or one folder's. */
struct score_counts score_sum(const struct score_config *config, const char *folder, bool lines);
struct score_metrics score_metrics_of(struct score_counts counts);
/* The folders of the table's cases, sorted, each once; the caller frees the array (not the strings). */
size_t score_folders(const struct score_table *table, const char ***folders);

/* Whether the configuration's result for `case_name` catches the bug: a truth line hit when lines are known,
 * else a report on a buggy case. */
bool score_catches(const struct score_config *config, const char *case_name);

/* Writers (score_output.c). `--json`: per configuration tp, fp, tn, fn, precision, recall and f1 at both levels,
 * overall and per folder, then the cases only one detector catches. Markdown: docs/DETECTORS.md. Text: a table. */
void score_write_json(FILE *out, const struct score_table *table);
void score_write_markdown(FILE *out, const struct score_table *table, const char *command);
void score_write_text(FILE *out, const struct score_table *table);

#endif
