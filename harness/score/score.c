/* score.c: one detector's results against the ground truth, as counts (see score.h for the rules). */
#include "score/score.h"
#include "base/readfile.h"
#include "base/util.h"
#include "score/corpus.h"
#include "score/detect.h"
#include "score/valgrind.h"
#include "source/expect.h"
#include "source/markers.h"

#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>

const char *kind_category(const char *kind) {
  if (starts_with(kind, "data race") || starts_with(kind, "race on"))
    return "race";
  if (starts_with(kind, "lock-order-inversion"))
    return "deadlock";
  if (starts_with(kind, "heap-use-after-free") || starts_with(kind, "double free"))
    return "memory";
  if (starts_with(kind, "thread leak"))
    return "thread leak";
  if (starts_with(kind, "signal"))
    return "signal";
  if (strstr(kind, "mutex"))
    return "mutex";
  return "other";
}

/* The sections whose stacks point at the mistake: not "As if synchronized via sleep" (where a thread slept), not
 * Valgrind's segment boundaries or sections this harness does not know. */
static bool section_points_at_code(const struct tsan_section *section) {
  return section->kind != SECTION_SLEEP && section->kind != SECTION_OTHER;
}

static bool report_hits_line(const struct tsan_report *report, const char *category, size_t line,
                             const char *case_path) {
  if (strcmp(kind_category(report->kind), category) != 0)
    return false;
  for (size_t i = 0; i < report->section_count; i++) {
    const struct tsan_section *section = &report->sections[i];
    if (!section_points_at_code(section))
      continue;
    const struct tsan_frame *frame = innermost_case_frame(section, case_path);
    if (frame && (size_t)frame->line == line)
      return true;
  }
  return false;
}

/* The first line in the case that the report points at, or 0. */
static size_t report_first_line(const struct tsan_report *report, const char *case_path) {
  for (size_t i = 0; i < report->section_count; i++) {
    if (!section_points_at_code(&report->sections[i]))
      continue;
    const struct tsan_frame *frame = innermost_case_frame(&report->sections[i], case_path);
    if (frame)
      return (size_t)frame->line;
  }
  return 0;
}

static void count_file(bool buggy, bool detected, struct score_counts *file) {
  *file = (struct score_counts){0};
  file->tp = buggy && detected;
  file->fn = buggy && !detected;
  file->fp = !buggy && detected;
  file->tn = !buggy && !detected;
}

void score_case_verdict(const struct case_truth *truth, bool reported, struct case_score *score) {
  score->state = CASE_SCORED;
  score->buggy = truth->buggy;
  score->detected = reported;
  score->has_lines = false;
  score->truth_lines = truth->line_count;
  count_file(truth->buggy, reported, &score->file);
}

void score_case_log(const struct case_truth *truth, const struct tsan_log *log, const char *case_path,
                    struct case_score *score) {
  score_case_verdict(truth, log->report_count > 0, score);
  score->has_lines = true;
  score->line = (struct score_counts){0};
  score->truth_lines_hit = 0;
  bool *report_hit = xcalloc(log->report_count + 1, sizeof *report_hit);
  for (size_t t = 0; t < truth->line_count; t++) {
    const char *category = kind_category(truth->lines[t].kind);
    bool hit = false;
    for (size_t r = 0; r < log->report_count; r++)
      if (report_hits_line(&log->reports[r], category, truth->lines[t].line, case_path))
        hit = report_hit[r] = true;
    hit ? score->line.tp++ : score->line.fn++;
    score->truth_lines_hit += hit;
  }
  /* False alarms: one per distinct (category, first line) among the reports that hit no truth line. */
  for (size_t r = 0; r < log->report_count; r++) {
    if (report_hit[r])
      continue;
    const char *category = kind_category(log->reports[r].kind);
    size_t line = report_first_line(&log->reports[r], case_path);
    bool seen = false;
    for (size_t q = 0; q < r && !seen; q++)
      seen = !report_hit[q] && strcmp(kind_category(log->reports[q].kind), category) == 0 &&
             report_first_line(&log->reports[q], case_path) == line;
    score->line.fp += !seen;
  }
  score->line.tn = !truth->buggy && log->report_count == 0;
  free(report_hit);
}

struct score_config *score_table_config(struct score_table *table, const char *name, const char *detector) {
  for (size_t i = 0; i < table->config_count; i++)
    if (strcmp(table->configs[i].name, name) == 0)
      return &table->configs[i];
  GROW(table->configs, table->config_count, table->config_capacity);
  struct score_config *config = &table->configs[table->config_count++];
  *config = (struct score_config){.name = xstrdup(name), .detector = xstrdup(detector), .has_lines = true};
  return config;
}

struct case_score *score_config_add(struct score_config *config, const char *case_name) {
  GROW(config->cases, config->case_count, config->case_capacity);
  struct case_score *score = &config->cases[config->case_count++];
  const char *slash = strrchr(case_name, '/');
  *score = (struct case_score){.name = xstrdup(case_name),
                               .folder = slash ? xstrndup(case_name, (size_t)(slash - case_name)) : xstrdup("")};
  return score;
}

static void config_free(struct score_config *config) {
  for (size_t i = 0; i < config->case_count; i++) {
    free(config->cases[i].name);
    free(config->cases[i].folder);
    free(config->cases[i].reason);
    free(config->cases[i].note);
  }
  free(config->cases);
  free(config->name);
  free(config->detector);
}

void score_table_free(struct score_table *table) {
  for (size_t i = 0; i < table->config_count; i++)
    config_free(&table->configs[i]);
  free(table->configs);
  *table = (struct score_table){0};
}

/* Splits `line` at tabs into exactly `count` fields (the last keeps any further tabs). */
static bool split_fields(char *line, char **fields, size_t count) {
  for (size_t i = 0; i < count; i++) {
    fields[i] = line;
    if (i + 1 == count)
      return true;
    char *tab = strchr(line, '\t');
    if (!tab)
      return false;
    *tab = '\0';
    line = tab + 1;
  }
  return true;
}

static char *relative_to(const char *base_file, const char *path) {
  if (path[0] == '/')
    return xstrdup(path);
  char *copy = xstrdup(base_file);
  char *joined = xprintf("%s/%s", dirname(copy), path);
  free(copy);
  return joined;
}

/* One row of a runs file into the table; 0, or -1 with *error (without the "path:line: " the caller adds). */
static int read_row(const char *runs_path, char **fields, struct score_table *table, char **error) {
  const char *config_name = fields[0], *detector = fields[1], *case_name = fields[2], *evidence = fields[4];
  char *source = relative_to(runs_path, fields[3]);
  struct score_config *config = score_table_config(table, config_name, detector);
  struct case_score *score = score_config_add(config, case_name);
  int status = 0;
  if (starts_with(evidence, "skipped:") || starts_with(evidence, "unchecked:")) {
    bool skipped = starts_with(evidence, "skipped:");
    score->state = skipped ? CASE_SKIPPED : CASE_UNCHECKED;
    score->reason = xstrdup(strchr(evidence, ':') + 1);
    free(source);
    return 0;
  }
  struct case_spec spec;
  struct case_truth truth;
  if (case_spec_read(source, &spec, error) != 0) {
    case_spec_free(&spec);
    free(source);
    return -1;
  }
  if (case_truth_of(&spec, &truth, error) != 0) {
    case_spec_free(&spec);
    free(source);
    return -1;
  }
  if (starts_with(evidence, "reported:")) {
    score_case_verdict(&truth, evidence[strlen("reported:")] != '\0', score);
    config->has_lines = false;
  } else if (starts_with(evidence, "tsan-log:") || starts_with(evidence, "valgrind-xml:")) {
    bool xml = starts_with(evidence, "valgrind-xml:");
    char *log_path = relative_to(runs_path, strchr(evidence, ':') + 1);
    struct tsan_log log;
    status = xml ? valgrind_xml_read(log_path, &log, error) : tsan_log_read(log_path, &log, error);
    if (status == 0) {
      score_case_log(&truth, &log, source, score);
      tsan_log_free(&log);
    }
    free(log_path);
  } else {
    *error = xprintf("evidence must start with tsan-log:, valgrind-xml:, reported:, skipped: or unchecked:, not "
                     "\"%.40s\"",
                     evidence);
    status = -1;
  }
  case_truth_free(&truth);
  case_spec_free(&spec);
  free(source);
  return status;
}

struct runs_reading {
  const char *path; /* the runs file: sources and logs are relative to its folder */
  const char *detector;
  struct score_table *table;
};

/* One row of a runs file: read into the table when it is the detector's (or every row, without one). */
static char *read_runs_row(char *line, void *context) {
  struct runs_reading *reading = context;
  char *fields[5];
  char *why = NULL;
  if (!split_fields(line, fields, 5))
    return xstrdup("expected 5 tab-separated fields: CONFIG DETECTOR CASE_NAME CASE_SOURCE EVIDENCE");
  if (!reading->detector || strcmp(fields[1], reading->detector) == 0)
    read_row(reading->path, fields, reading->table, &why);
  return why;
}

int score_runs_read(const char *path, const char *detector, struct score_table *table, char **error) {
  struct runs_reading reading = {path, detector, table};
  return read_table_rows(path, read_runs_row, &reading, error);
}

/* How many of the log's reports are data races: the only reports the no-data-race property is about. */
static size_t race_reports(const struct tsan_log *log) {
  size_t races = 0;
  for (size_t r = 0; r < log->report_count; r++)
    races += strcmp(kind_category(log->reports[r].kind), "race") == 0;
  return races;
}

/* Runs one built task up to `runs` times; stops at the first run that reports a data race. Returns 0 with *raced,
 * or -1 with *error when a run before any race could not be checked. */
static int detect_races(const struct detect_request *request, struct detect_program *program, unsigned runs,
                        bool *raced, int *interrupted_by, char **error) {
  *raced = false;
  for (unsigned run = 1; run <= runs && !*raced; run++) {
    struct tsan_log log;
    char *why = NULL;
    if (detect_run(request, program, run, &log, interrupted_by, &why) != 0 || *interrupted_by) {
      *error = runs > 1 ? xprintf("run %u of %u: %s", run, runs, why ? why : "interrupted")
                        : (why ? xstrdup(why) : xstrdup("interrupted"));
      free(why);
      tsan_log_free(&log);
      return -1;
    }
    *raced = race_reports(&log) > 0;
    tsan_log_free(&log);
  }
  return 0;
}

void score_corpus(const struct corpus *corpus, const struct detect_request *request, unsigned runs,
                  const char *config_name, struct score_table *table, int *interrupted_by) {
  struct score_config *config = score_table_config(table, config_name, detector_name(request->detector));
  config->has_lines = false;
  *interrupted_by = 0;
  for (size_t i = 0; i < corpus->task_count && !*interrupted_by; i++) {
    const struct corpus_task *task = &corpus->tasks[i];
    struct case_score *score = score_config_add(config, task->name);
    if (task->skip_reason) {
      score->state = CASE_SKIPPED;
      score->reason = xstrdup(task->skip_reason);
      continue;
    }
    struct detect_request one = *request;
    one.sources = task->sources;
    one.source_count = task->source_count;
    one.task_flags = task->flags;
    struct detect_program program;
    char *error = NULL;
    bool raced = false;
    if (detect_build(&one, &program, interrupted_by, &error) != 0 ||
        detect_races(&one, &program, runs ? runs : 1, &raced, interrupted_by, &error) != 0) {
      score->state = CASE_UNCHECKED;
      score->reason = error ? error : xstrdup("interrupted");
      detect_program_free(&program);
      continue;
    }
    score->note = program.notes;
    program.notes = NULL;
    detect_program_free(&program);
    struct case_truth truth = {.buggy = task->buggy};
    score_case_verdict(&truth, raced, score);
  }
}

struct score_counts score_sum(const struct score_config *config, const char *folder, bool lines) {
  struct score_counts sum = {0};
  for (size_t i = 0; i < config->case_count; i++) {
    const struct case_score *score = &config->cases[i];
    if (score->state != CASE_SCORED || (folder && strcmp(score->folder, folder) != 0))
      continue;
    if (lines && !score->has_lines)
      continue;
    const struct score_counts *counts = lines ? &score->line : &score->file;
    sum.tp += counts->tp;
    sum.fp += counts->fp;
    sum.tn += counts->tn;
    sum.fn += counts->fn;
  }
  return sum;
}

struct score_metrics score_metrics_of(struct score_counts counts) {
  struct score_metrics metrics = {-1, -1, -1};
  if (counts.tp + counts.fp)
    metrics.precision = (double)counts.tp / (double)(counts.tp + counts.fp);
  if (counts.tp + counts.fn)
    metrics.recall = (double)counts.tp / (double)(counts.tp + counts.fn);
  if (metrics.precision >= 0 && metrics.recall >= 0)
    metrics.f1 = metrics.precision + metrics.recall > 0
                     ? 2 * metrics.precision * metrics.recall / (metrics.precision + metrics.recall)
                     : 0;
  return metrics;
}

static int compare_strings(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t score_folders(const struct score_table *table, const char ***folders) {
  size_t count = 0, capacity = 0;
  *folders = NULL;
  for (size_t c = 0; c < table->config_count; c++)
    for (size_t i = 0; i < table->configs[c].case_count; i++) {
      const char *folder = table->configs[c].cases[i].folder;
      bool seen = false;
      for (size_t f = 0; f < count && !seen; f++)
        seen = strcmp((*folders)[f], folder) == 0;
      if (!seen) {
        GROW(*folders, count, capacity);
        (*folders)[count++] = folder;
      }
    }
  if (count)
    qsort(*folders, count, sizeof **folders, compare_strings);
  return count;
}

bool score_catches(const struct score_config *config, const char *case_name) {
  for (size_t i = 0; i < config->case_count; i++) {
    const struct case_score *score = &config->cases[i];
    if (strcmp(score->name, case_name) != 0 || score->state != CASE_SCORED || !score->buggy)
      continue;
    return score->has_lines ? score->truth_lines_hit > 0 : score->detected;
  }
  return false;
}
