/* score_output.c: a score table as JSON, as docs/DETECTORS.md (Markdown), or as a text table. */
#include "base/util.h"
#include "output/output.h"
#include "score/score.h"

#include <stdlib.h>
#include <string.h>

static void json_metric(FILE *out, const char *name, double value) {
  if (value < 0)
    fprintf(out, "\"%s\": null", name);
  else
    fprintf(out, "\"%s\": %.6f", name, value);
}

static void json_counts(FILE *out, struct score_counts counts) {
  struct score_metrics metrics = score_metrics_of(counts);
  fprintf(out, "{\"tp\": %zu, \"fp\": %zu, \"tn\": %zu, \"fn\": %zu, ", counts.tp, counts.fp, counts.tn, counts.fn);
  json_metric(out, "precision", metrics.precision);
  fputs(", ", out);
  json_metric(out, "recall", metrics.recall);
  fputs(", ", out);
  json_metric(out, "f1", metrics.f1);
  fputc('}', out);
}

static void json_levels(FILE *out, const struct score_config *config, const char *folder) {
  fputs("\"file\": ", out);
  json_counts(out, score_sum(config, folder, false));
  fputs(", \"line\": ", out);
  if (config->has_lines)
    json_counts(out, score_sum(config, folder, true));
  else
    fputs("null", out);
}

static size_t count_state(const struct score_config *config, enum case_result_state state) {
  size_t count = 0;
  for (size_t i = 0; i < config->case_count; i++)
    count += config->cases[i].state == state;
  return count;
}

/* Whether `config` has a say in which detector catches what: the configurations with lines when the table has any
 * (a committed verdict without lines cannot say which line it caught), else every configuration (a corpus labelled
 * by file is scored at file level only). */
static bool judges_catches(const struct score_table *table, const struct score_config *config) {
  if (config->has_lines)
    return true;
  for (size_t c = 0; c < table->config_count; c++)
    if (table->configs[c].has_lines)
      return false;
  return true;
}

/* The detectors (not configurations) that catch `case_name`, among the configurations that judge catches. */
static size_t detectors_catching(const struct score_table *table, const char *case_name, const char **found,
                                 size_t capacity) {
  size_t count = 0;
  for (size_t c = 0; c < table->config_count; c++) {
    const struct score_config *config = &table->configs[c];
    if (!judges_catches(table, config) || !score_catches(config, case_name))
      continue;
    bool seen = false;
    for (size_t i = 0; i < count && !seen; i++)
      seen = strcmp(found[i], config->detector) == 0;
    if (!seen && count < capacity)
      found[count++] = config->detector;
  }
  return count;
}

/* The buggy cases scored by a configuration that judges catches, each once, in table order. */
static size_t buggy_cases(const struct score_table *table, const char ***names) {
  size_t count = 0, capacity = 0;
  *names = NULL;
  for (size_t c = 0; c < table->config_count; c++) {
    if (!judges_catches(table, &table->configs[c]))
      continue;
    for (size_t i = 0; i < table->configs[c].case_count; i++) {
      const struct case_score *score = &table->configs[c].cases[i];
      if (score->state != CASE_SCORED || !score->buggy)
        continue;
      bool seen = false;
      for (size_t n = 0; n < count && !seen; n++)
        seen = strcmp((*names)[n], score->name) == 0;
      if (!seen) {
        GROW(*names, count, capacity);
        (*names)[count++] = score->name;
      }
    }
  }
  return count;
}

enum { MAX_DETECTORS = 16 };

static const struct case_score *find_case(const struct score_config *config, const char *name);
static const char *case_cell(const struct case_score *score, char *buffer, size_t size);

void score_write_json(FILE *out, const struct score_table *table) {
  const char **folders;
  size_t folder_count = score_folders(table, &folders);
  fputs("{\"configs\": [", out);
  for (size_t c = 0; c < table->config_count; c++) {
    const struct score_config *config = &table->configs[c];
    fputs(c ? ",\n  {" : "\n  {", out);
    fputs("\"name\": ", out);
    write_json_string(out, config->name);
    fputs(", \"detector\": ", out);
    write_json_string(out, config->detector);
    fprintf(out, ", \"scored\": %zu, \"skipped\": %zu, \"unchecked\": %zu, ", count_state(config, CASE_SCORED),
            count_state(config, CASE_SKIPPED), count_state(config, CASE_UNCHECKED));
    json_levels(out, config, NULL);
    fputs(", \"folders\": {", out);
    for (size_t f = 0; f < folder_count; f++) {
      fputs(f ? ", " : "", out);
      write_json_string(out, folders[f]);
      fputs(": {", out);
      json_levels(out, config, folders[f]);
      fputc('}', out);
    }
    fputs("}, \"cases\": [", out);
    for (size_t i = 0; i < config->case_count; i++) {
      const struct case_score *one = &config->cases[i];
      char buffer[64];
      fputs(i ? ", {\"case\": " : "{\"case\": ", out);
      write_json_string(out, one->name);
      fprintf(out, ", \"state\": \"%s\", \"truth\": ",
              one->state == CASE_SCORED    ? "scored"
              : one->state == CASE_SKIPPED ? "skipped"
                                           : "unchecked");
      if (one->state == CASE_SCORED) {
        fprintf(out, "\"%s\", \"detected\": %s, \"result\": ", one->buggy ? "bug" : "correct",
                one->detected ? "true" : "false");
        const char *cell = case_cell(one, buffer, sizeof buffer);
        fputc('"', out);
        for (const char *p = cell; *p; p++)
          if (*p != '*')
            fputc(*p, out);
        fputc('"', out);
      } else {
        fputs("null, \"reason\": ", out);
        write_json_string(out, one->reason ? one->reason : "");
      }
      fputc('}', out);
    }
    fputs("]}", out);
  }
  fputs("\n],\n\"only_one_detector\": [", out);
  const char **names;
  size_t name_count = buggy_cases(table, &names), listed = 0;
  for (size_t n = 0; n < name_count; n++) {
    const char *found[MAX_DETECTORS];
    if (detectors_catching(table, names[n], found, MAX_DETECTORS) != 1)
      continue;
    fputs(listed++ ? ",\n  {\"case\": " : "\n  {\"case\": ", out);
    write_json_string(out, names[n]);
    fputs(", \"detector\": ", out);
    write_json_string(out, found[0]);
    fputc('}', out);
  }
  fputs("\n],\n\"caught_by_none\": [", out);
  listed = 0;
  for (size_t n = 0; n < name_count; n++) {
    const char *found[MAX_DETECTORS];
    if (detectors_catching(table, names[n], found, MAX_DETECTORS) != 0)
      continue;
    fputs(listed++ ? ", " : "", out);
    write_json_string(out, names[n]);
  }
  fputs("]}\n", out);
  free(names);
  free(folders);
}

static void metric_cell(FILE *out, double value) {
  if (value < 0)
    fputs(" – |", out);
  else
    fprintf(out, " %.3f |", value);
}

static void markdown_headline(FILE *out, const struct score_table *table) {
  fputs("| detector configuration | cases | file precision | file recall | file F1 | line precision | line recall "
        "| line F1 | file TP/FP/FN/TN | line TP/FP/FN/TN |\n",
        out);
  fputs("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n", out);
  for (size_t c = 0; c < table->config_count; c++) {
    const struct score_config *config = &table->configs[c];
    struct score_counts file = score_sum(config, NULL, false), line = score_sum(config, NULL, true);
    struct score_metrics fm = score_metrics_of(file), lm = score_metrics_of(line);
    fprintf(out, "| %s | %zu |", config->name, count_state(config, CASE_SCORED));
    metric_cell(out, fm.precision);
    metric_cell(out, fm.recall);
    metric_cell(out, fm.f1);
    if (config->has_lines) {
      metric_cell(out, lm.precision);
      metric_cell(out, lm.recall);
      metric_cell(out, lm.f1);
    } else {
      fputs(" n/a | n/a | n/a |", out);
    }
    fprintf(out, " %zu/%zu/%zu/%zu |", file.tp, file.fp, file.fn, file.tn);
    if (config->has_lines)
      fprintf(out, " %zu/%zu/%zu/%zu |\n", line.tp, line.fp, line.fn, line.tn);
    else
      fputs(" n/a |\n", out);
  }
}

static void markdown_folders(FILE *out, const struct score_table *table, const char **folders, size_t folder_count) {
  fputs("| detector configuration |", out);
  for (size_t f = 0; f < folder_count; f++)
    fprintf(out, " %s |", folders[f]);
  fputs("\n|---|", out);
  for (size_t f = 0; f < folder_count; f++)
    fputs("---:|", out);
  fputc('\n', out);
  for (size_t c = 0; c < table->config_count; c++) {
    const struct score_config *config = &table->configs[c];
    fprintf(out, "| %s |", config->name);
    for (size_t f = 0; f < folder_count; f++) {
      struct score_metrics file = score_metrics_of(score_sum(config, folders[f], false));
      struct score_metrics line = score_metrics_of(score_sum(config, folders[f], true));
      if (file.f1 < 0)
        fputs(" –", out);
      else
        fprintf(out, " %.2f", file.f1);
      if (!config->has_lines)
        fputs(" |", out);
      else if (line.f1 < 0)
        fputs(" / – |", out);
      else
        fprintf(out, " / %.2f |", line.f1);
    }
    fputc('\n', out);
  }
}

static const struct case_score *find_case(const struct score_config *config, const char *name) {
  for (size_t i = 0; i < config->case_count; i++)
    if (strcmp(config->cases[i].name, name) == 0)
      return &config->cases[i];
  return NULL;
}

/* One cell of the case-by-case table. */
static const char *case_cell(const struct case_score *score, char *buffer, size_t size) {
  if (!score)
    return "";
  if (score->state == CASE_SKIPPED)
    return "skip";
  if (score->state == CASE_UNCHECKED)
    return "unchecked";
  const char *base;
  if (!score->has_lines)
    base =
        score->buggy ? (score->detected ? "caught" : "**missed**") : (score->detected ? "**false alarm**" : "silent");
  else if (score->buggy && score->truth_lines_hit == score->truth_lines)
    base = "caught";
  else if (score->buggy && score->truth_lines_hit > 0)
    base = "partly";
  else if (score->buggy)
    base = "**missed**";
  else
    base = score->detected ? "**false alarm**" : "silent";
  if (score->line.fp && score->buggy)
    snprintf(buffer, size, "%s, +%zu false", base, score->line.fp);
  else
    snprintf(buffer, size, "%s", base);
  return buffer;
}

static void markdown_cases(FILE *out, const struct score_table *table) {
  const struct score_config *first = NULL;
  fputs("| case | truth |", out);
  for (size_t c = 0; c < table->config_count; c++)
    if (judges_catches(table, &table->configs[c])) {
      fprintf(out, " %s |", table->configs[c].name);
      first = first ? first : &table->configs[c];
    }
  fputs("\n|---|---|", out);
  for (size_t c = 0; c < table->config_count; c++)
    if (judges_catches(table, &table->configs[c]))
      fputs("---|", out);
  fputc('\n', out);
  if (!first)
    return;
  for (size_t i = 0; i < first->case_count; i++) {
    const struct case_score *reference = NULL;
    for (size_t c = 0; c < table->config_count && !reference; c++) {
      const struct case_score *score = find_case(&table->configs[c], first->cases[i].name);
      if (score && score->state == CASE_SCORED)
        reference = score;
    }
    fprintf(out, "| %s |", first->cases[i].name);
    if (!reference)
      fputs(" ? |", out);
    else if (reference->buggy && reference->has_lines)
      fprintf(out, " bug (%zu line%s) |", reference->truth_lines, reference->truth_lines == 1 ? "" : "s");
    else
      fputs(reference->buggy ? " bug |" : " correct |", out);
    for (size_t c = 0; c < table->config_count; c++) {
      if (!judges_catches(table, &table->configs[c]))
        continue;
      char buffer[64];
      fprintf(out, " %s |", case_cell(find_case(&table->configs[c], first->cases[i].name), buffer, sizeof buffer));
    }
    fputc('\n', out);
  }
}

/* " (not run by: CONFIG, ...)" when some configuration skipped the case or could not check it. */
static void markdown_not_run(FILE *out, const struct score_table *table, const char *name) {
  size_t count = 0;
  for (size_t c = 0; c < table->config_count; c++) {
    const struct case_score *score = find_case(&table->configs[c], name);
    if (score && score->state != CASE_SCORED)
      fprintf(out, "%s%s", count++ ? ", " : " (not run by: ", table->configs[c].name);
  }
  if (count)
    fputc(')', out);
}

void score_write_markdown(FILE *out, const struct score_table *table, const char *command) {
  fputs("# Which detector catches which mistake\n\n", out);
  fprintf(out,
          "Generated by `%s` from real runs; do not edit by hand. Every case is scored against its ground truth (its\n"
          "`expect-tsan` markers that are not false positives, plus its `expect-bug` lines), at two levels:\n\n",
          command);
  fputs("- **file level**: a buggy case with any report is a true positive (TP), one without a report a false\n"
        "  negative (FN); a correct case with a report is a false positive (FP), one without a true negative (TN).\n"
        "- **line level**: each truth line is a TP when a report of the same category (race, deadlock, mutex misuse,\n"
        "  memory, thread leak, signal) has a stack whose innermost frame in the case's file is on it (the way\n"
        "  markers are matched), else an FN; reports that hit no truth line are FPs, one per distinct first line;\n"
        "  a correct case with no report at all counts as one TN.\n\n"
        "Rows marked n/a at line level come from the committed matrix (`docs/matrix.json`), which keeps the verdict\n"
        "and the kinds reported, not their lines.\n\n",
        out);
  fputs("## Headline\n\n", out);
  markdown_headline(out, table);
  const char **folders;
  size_t folder_count = score_folders(table, &folders);
  fputs("\n## F1 per folder (file level / line level)\n\n", out);
  markdown_folders(out, table, folders, folder_count);
  free(folders);
  fputs(
      "\n## Cases only one detector catches\n\n"
      "A detector catches a buggy case when a report of one of its configurations (with lines) hits a truth line.\n\n",
      out);
  const char **names;
  size_t name_count = buggy_cases(table, &names), listed = 0;
  for (size_t n = 0; n < name_count; n++) {
    const char *found[MAX_DETECTORS];
    if (detectors_catching(table, names[n], found, MAX_DETECTORS) == 1) {
      fprintf(out, "- `%s`: only %s\n", names[n], found[0]);
      listed++;
    }
  }
  if (!listed)
    fputs("- none\n", out);
  fputs("\n## Bugs no detector catches\n\n", out);
  listed = 0;
  for (size_t n = 0; n < name_count; n++) {
    const char *found[MAX_DETECTORS];
    if (detectors_catching(table, names[n], found, MAX_DETECTORS) == 0) {
      fprintf(out, "- `%s`", names[n]);
      markdown_not_run(out, table, names[n]);
      fputc('\n', out);
      listed++;
    }
  }
  if (!listed)
    fputs("- none\n", out);
  free(names);
  fputs("\n## Case by case\n\n"
        "caught: every truth line hit; partly: some; silent: correct and no report; skip: the toolchain cannot run "
        "the case; \"+N false\": reports on lines that are not the bug.\n\n",
        out);
  markdown_cases(out, table);
}

/* The name of every case of the table, each once, in table order. */
static size_t all_cases(const struct score_table *table, const char ***names) {
  size_t count = 0, capacity = 0;
  *names = NULL;
  for (size_t c = 0; c < table->config_count; c++)
    for (size_t i = 0; i < table->configs[c].case_count; i++) {
      const char *name = table->configs[c].cases[i].name;
      bool seen = false;
      for (size_t n = 0; n < count && !seen; n++)
        seen = strcmp((*names)[n], name) == 0;
      if (!seen) {
        GROW(*names, count, capacity);
        (*names)[count++] = name;
      }
    }
  return count;
}

/* Case by case: the truth, then each configuration's result, so that no count stands without the cases behind it. */
static void text_cases(FILE *out, const struct score_table *table) {
  const char **names;
  size_t count = all_cases(table, &names);
  size_t width = strlen("case");
  for (size_t n = 0; n < count; n++)
    width = strlen(names[n]) > width ? strlen(names[n]) : width;
  fprintf(out, "\n%-*s  %-7s", (int)width, "case", "truth");
  for (size_t c = 0; c < table->config_count; c++)
    fprintf(out, "  %s", table->configs[c].name);
  fputc('\n', out);
  for (size_t n = 0; n < count; n++) {
    const struct case_score *reference = NULL;
    for (size_t c = 0; c < table->config_count && !reference; c++) {
      const struct case_score *score = find_case(&table->configs[c], names[n]);
      if (score && score->state == CASE_SCORED)
        reference = score;
    }
    fprintf(out, "%-*s  %-7s", (int)width, names[n], !reference ? "?" : reference->buggy ? "bug" : "correct");
    for (size_t c = 0; c < table->config_count; c++) {
      char buffer[64];
      const char *cell = case_cell(find_case(&table->configs[c], names[n]), buffer, sizeof buffer);
      char plain[64];
      size_t length = 0;
      for (const char *p = cell; *p && length + 1 < sizeof plain; p++)
        if (*p != '*')
          plain[length++] = *p;
      plain[length] = '\0';
      fprintf(out, "  %-*s", (int)strlen(table->configs[c].name), plain);
    }
    fputc('\n', out);
  }
  free(names);
  const char **buggy;
  size_t buggy_count = buggy_cases(table, &buggy), listed = 0;
  fputs("\nbugs no detector catches:", out);
  for (size_t n = 0; n < buggy_count; n++) {
    const char *found[MAX_DETECTORS];
    if (detectors_catching(table, buggy[n], found, MAX_DETECTORS) == 0)
      fprintf(out, "%s%s", listed++ ? ", " : " ", buggy[n]);
  }
  fputs(listed ? "\n" : " none\n", out);
  free(buggy);
}

void score_write_text(FILE *out, const struct score_table *table) {
  fprintf(out, "%-28s %6s  %-23s  %-23s\n", "configuration", "cases", "file  P     R     F1", "line  P     R     F1");
  for (size_t c = 0; c < table->config_count; c++) {
    const struct score_config *config = &table->configs[c];
    struct score_metrics file = score_metrics_of(score_sum(config, NULL, false));
    struct score_metrics line = score_metrics_of(score_sum(config, NULL, true));
    fprintf(out, "%-28s %6zu ", config->name, count_state(config, CASE_SCORED));
    double values[] = {file.precision, file.recall, file.f1, line.precision, line.recall, line.f1};
    for (int v = 0; v < 6; v++) {
      if (v == 3)
        fputs("  ", out);
      if (v >= 3 && !config->has_lines)
        fputs("   n/a", out);
      else if (values[v] < 0)
        fputs("     –", out);
      else
        fprintf(out, " %5.3f", values[v]);
    }
    fputc('\n', out);
  }
  text_cases(out, table);
}
