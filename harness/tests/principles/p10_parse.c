/* p10_parse.c: principle 10 of docs/HOSTILE.md, "parse fails closed, and reads every genuine log". Genuine logs
 * (fixtures/real-world/, captured by fixtures/capture.sh second-round) are read: TSan's Java interface counts its
 * reports twice, and CI systems write their own text before each line. What the parser cannot read with certainty
 * is exit 2 with the cause named, never "0 reports": a mention of a report it did not read (Go's race detector), a
 * NUL byte, no banner, a log that ends before TSan finished. A damaged log still shows what was read. */
#include "base/readfile.h"
#include "base/util.h"
#include "report/normalize.h"
#include "report/report.h"
#include "support.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define STR_OR_NULL(s) ((s) ? (s) : "(null)")

static struct cli_result run_parse(const char *path) { return run_parse_cli(NULL, path); }

/* `tsan-verify parse` on `length` bytes of `text`, written to a scratch file named NAME. */
static struct cli_result run_parse_on_text(const char *name, const char *text, size_t length) {
  char *scratch = make_scratch_dir();
  char *path = xprintf("%s/%s", scratch, name);
  write_file_or_fail(path, text, length);
  struct cli_result result = run_parse(path);
  remove_scratch_dir(scratch);
  free(path);
  return result;
}

static void assert_exit(const struct cli_result *result, int status, const char *what) {
  cr_assert_eq(result->status, status, "%s: exit %d expected, got %d (stdout ends: %s; stderr: %s)", what, status,
               result->status, result->out + (strlen(result->out) > 80 ? strlen(result->out) - 80 : 0), result->err);
}

static void assert_err_contains(const struct cli_result *result, const char *needle, const char *what) {
  cr_assert(contains(result->err, needle), "%s: stderr should hold \"%s\", got \"%s\"", what, needle, result->err);
}

static void parse_fixture_checked(const char *name, struct tsan_log *log) {
  parse_fixture(name, log);
  char *error = NULL;
  cr_assert_eq(tsan_log_check(log, name, &error), 0, "%s should be believed, got: %s", name, STR_OR_NULL(error));
}

/* ---- Forked processes write one log: the counts must add up ---- */

/* programs/forks_and_races.c built with clang and run in `mode` with verbosity=1 (TSan then prints the child's
 * "forked new process" line), both processes writing one log; `tsan-verify parse` on it. */
static struct cli_result parse_forked_run(const char *mode) {
  char *scratch = make_scratch_dir();
  char *source = program_path("forks_and_races.c");
  char *binary = xprintf("%s/forks_and_races", scratch);
  char *include = xprintf("-I%s", HARNESS_PROGRAMS_DIR);
  char *build[] = {"clang", "-fsanitize=thread", "-g", "-O1", include, source, "-o", binary, NULL};
  run_or_fail(build, 120);
  char *log = xprintf("%s/run.log", scratch);
  char *command = xprintf("TSAN_OPTIONS=verbosity=1 '%s' %s > '%s' 2>&1; true", binary, mode, log);
  char *shell[] = {"sh", "-c", command, NULL};
  run_or_fail(shell, 120);
  struct cli_result result = run_parse(log);
  remove_scratch_dir(scratch);
  free(source);
  free(binary);
  free(include);
  free(log);
  free(command);
  return result;
}

/* A child's count may include its parent's reports made before the fork, and no one else's: two counts of 1 with
 * one report, made after the fork, mean one report is missing. Before: "1 report", exit 1. */
Test(forked_counts, refuses_a_log_whose_counts_add_up_to_more_than_the_fork_explains) {
  struct cli_result result = parse_forked_run("lost");
  assert_exit(&result, 2, "a parent's report lost after the fork");
  assert_err_contains(&result, "TSan's processes counted 2 warnings in all, but the log holds 1 reports", "lost");
  assert_err_contains(&result, "at least 1 reports are missing", "lost");
  cli_result_free(&result);
}

Test(forked_counts, reads_a_log_whose_child_counts_its_parents_report) {
  struct cli_result result = parse_forked_run("inherited");
  assert_exit(&result, 1, "a child that inherited its parent's count");
  cr_assert(contains(result.out, "1 report"), "got %s", result.out);
  cli_result_free(&result);
}

/* ---- TSan's Java interface: the count comes twice ---- */

static const char *const java_logs[] = {
    "real-world/clang14-java-heap-race.txt",
    "real-world/clang19-java-heap-race.txt",
    "real-world/gcc12-java-heap-race.txt",
    "real-world/clang14-java-heap-race-no-verbosity.txt",
};

Test(java_interface, reads_a_log_whose_count_comes_twice_on_clang_14_19_and_gcc_12) {
  for (size_t i = 0; i < sizeof java_logs / sizeof java_logs[0]; i++) {
    struct cli_result result = run_parse(java_logs[i]);
    assert_exit(&result, 1, java_logs[i]);
    cr_assert(ends_with(result.out, "\n1 report\n"), "%s: 1 report, got %s", java_logs[i], result.out);
    cr_assert_str_eq(result.err, "", "%s: nothing on stderr, got %s", java_logs[i], result.err);
    cli_result_free(&result);
  }
}

Test(java_interface, reads_the_race_on_the_java_heap_with_its_frames) {
  for (size_t i = 0; i < sizeof java_logs / sizeof java_logs[0]; i++) {
    struct tsan_log log;
    parse_fixture_checked(java_logs[i], &log);
    cr_assert_eq(log.report_count, 1, "%s: 1 report, got %zu", java_logs[i], log.report_count);
    cr_assert_str_eq(log.reports[0].kind, "data race", "%s", java_logs[i]);
    cr_assert_eq(log.warnings_reported, 1, "%s: the count says 1", java_logs[i]);
    const struct tsan_frame *frame = frame_at(&log, 0, 0, 0);
    cr_assert(frame->file && ends_with(frame->file, "java_heap_race.cpp") && frame->line == 36,
              "%s: the main thread's write is java_heap_race.cpp:36, got %s:%d", java_logs[i], STR_OR_NULL(frame->file),
              frame->line);
    tsan_log_free(&log);
  }
}

Test(java_interface, distrusts_a_second_count_that_adds_a_report_the_log_lost) {
  size_t length;
  char *text = read_fixture("real-world/clang14-java-heap-race-no-verbosity.txt", &length);
  /* The runtime's second Finalize says 2: a report between the two counts is missing. */
  const char *count = "ThreadSanitizer: reported 1 warnings\n";
  char *second = strstr(strstr(text, count) + 1, count);
  cr_assert_not_null(second, "the fixture holds two counts");
  char *cut = xprintf("%.*sThreadSanitizer: reported 2 warnings\n", (int)(second - text), text);
  struct tsan_log log;
  parse_text(cut, &log);
  char *error = NULL;
  cr_assert_neq(tsan_log_check(&log, "-", &error), 0, "a count of 2 after 1 report and a count of 1 is distrusted");
  cr_assert(contains(error, "TSan says it reported 2 warnings"), "got %s", STR_OR_NULL(error));
  free(error);
  tsan_log_free(&log);
  free(cut);
  free(text);
}

Test(java_interface, counts_from_zero_again_after_a_new_banner) {
  /* The Java log, then a second run whose banner says a new runtime started and whose second report was lost:
   * its count of 2 must count its own reports, not add them to the first run's 1. */
  size_t java_length, race_length;
  char *java = read_fixture("real-world/clang14-java-heap-race.txt", &java_length);
  char *race = read_fixture("clang14-data-race.txt", &race_length);
  const char *pair = strstr(race, "==================\n==================\n");
  cr_assert_not_null(pair, "the data race log holds two reports one after the other");
  char *joined = xprintf("%s%.*s%s", java, (int)(pair - race) + 19, race, strstr(pair, "Stats: "));
  struct tsan_log log;
  parse_text(joined, &log);
  cr_assert_eq(log.report_count, 2, "the Java run's report and the second run's first");
  char *error = NULL;
  cr_assert_neq(tsan_log_check(&log, "-", &error), 0, "2 warnings after a banner and 1 report is distrusted");
  cr_assert(contains(error, "TSan says it reported 2 warnings, but the log holds 1 reports"), "got %s",
            STR_OR_NULL(error));
  free(error);
  tsan_log_free(&log);
  free(joined);
  free(race);
  free(java);
}

/* ---- text that CI systems write before each line ---- */

/* The log's reports rendered without addresses and pids, source paths relative to the work tree the fixture was
 * captured in (the folder above harness/tests/fixtures/): the same text for the same reports. */
static char *normalized(const char *name) {
  struct tsan_log log;
  parse_fixture_checked(name, &log);
  const struct tsan_frame *frame = frame_at(&log, 0, 0, 0);
  const char *tree = frame->file ? strstr(frame->file, "/harness/tests/fixtures/") : NULL;
  cr_assert_not_null(tree, "%s: the first frame is a file of harness/tests/fixtures/", name);
  char *root = xstrndup(frame->file, (size_t)(tree - frame->file));
  char *text = normalize_log(&log, root);
  free(root);
  tsan_log_free(&log);
  return text;
}

Test(ci_prefixes, reads_a_ctest_v_log_like_the_plain_log) {
  char *plain = normalized("clang14-data-race.txt"), *ctest = normalized("real-world/clang14-data-race-ctest-v.txt");
  cr_assert_str_eq(ctest, plain, "ctest -V's \"1: \" is taken off every line");
  struct tsan_log log;
  parse_fixture_checked("real-world/clang14-data-race-ctest-v.txt", &log);
  cr_assert(log.runtime_started && log.runtime_finished && log.warnings_reported == 2,
            "the banner, the Stats and the count under the prefix are read too");
  cr_assert_gt(log.prefixed_lines, 40, "every line of the test's output had its prefix, got %zu", log.prefixed_lines);
  tsan_log_free(&log);
  free(plain);
  free(ctest);
}

Test(ci_prefixes, reads_a_pytest_failure_like_the_plain_log) {
  char *plain = normalized("clang14-data-race.txt"), *pytest = normalized("real-world/clang14-data-race-pytest.txt");
  cr_assert_str_eq(pytest, plain, "pytest's \"E           \" is taken off every line, blank lines too");
  free(plain);
  free(pytest);
}

Test(ci_prefixes, reads_a_jenkins_timestamped_log_like_the_plain_log) {
  char *plain = normalized("real-world/clang14-cxx-race.txt");
  char *jenkins = normalized("real-world/clang14-cxx-race-jenkins.txt");
  cr_assert_str_eq(jenkins, plain, "the Timestamper's \"[2021-06-09T13:09:01.633Z] \" is taken off every line");
  free(plain);
  free(jenkins);
}

Test(ci_prefixes, exits_1_on_every_prefixed_log) {
  static const char *const logs[] = {"real-world/clang14-data-race-ctest-v.txt",
                                     "real-world/clang14-data-race-pytest.txt",
                                     "real-world/clang14-cxx-race-jenkins.txt"};
  for (size_t i = 0; i < sizeof logs / sizeof logs[0]; i++) {
    struct cli_result result = run_parse(logs[i]);
    assert_exit(&result, 1, logs[i]);
    cr_assert_str_eq(result.err, "", "%s: nothing on stderr, got %s", logs[i], result.err);
    cli_result_free(&result);
  }
}

Test(ci_prefixes, still_rejects_a_line_without_the_prefix_inside_a_report) {
  size_t length;
  char *text = read_fixture("real-world/clang14-data-race-ctest-v.txt", &length);
  char *damaged = replace_first(text, "1:   Location is global 'counter'",
                                "a line of another stream\n1:   Location is global 'counter'");
  struct tsan_log log;
  char *error = NULL;
  cr_assert_neq(tsan_parse(damaged, strlen(damaged), &log, &error), 0, "an unprefixed line inside a report");
  cr_assert(contains(error, "text that is not TSan's inside the report"), "got %s", STR_OR_NULL(error));
  free(error);
  tsan_log_free(&log);
  free(damaged);
  free(text);
}

Test(ci_prefixes, does_not_take_the_runtimes_own_prefix_for_a_ci_prefix) {
  /* "==PID==" starts the runtime's own messages: a headline after it is no CI system's doing. */
  const char *text = "***** Running under ThreadSanitizer v3 (pid 7) *****\n"
                     "==7==WARNING: ThreadSanitizer: something the runtime says\n"
                     "==7==a second line\n"
                     "Stats: SizeClassAllocator64: 0M mapped\n";
  struct tsan_log log;
  parse_text(text, &log);
  cr_assert_eq(log.report_count, 0, "no report opens under the runtime's prefix");
  cr_assert_eq(log.prefixed_lines, 0, "no prefix learned");
  tsan_log_free(&log);
}

/* ---- what speaks of a report the parser did not read ---- */

Test(unread_reports, refuses_go_race_detector_output_naming_it) {
  struct cli_result result = run_parse("real-world/go119-data-race.txt");
  assert_exit(&result, 2, "Go's race detector");
  assert_err_contains(
      &result, "real-world/go119-data-race.txt:2: a report of Go's race detector (\"WARNING: DATA RACE\")", "Go");
  cli_result_free(&result);
}

Test(unread_reports, refuses_a_summary_line_without_its_report) {
  const char *text = "***** Running under ThreadSanitizer v3 (pid 7) *****\n"
                     "  SUMMARY: ThreadSanitizer: data race /src/a.c:3 in main\n"
                     "Stats: SizeClassAllocator64: 0M mapped\n";
  struct cli_result result = run_parse_on_text("summary.txt", text, strlen(text));
  assert_exit(&result, 2, "a summary without its report");
  assert_err_contains(&result, "summary.txt:2: this line speaks of a TSan report, but the log holds none", "summary");
  cr_assert(!contains(result.out, "\n0 reports") && !starts_with(result.out, "0 reports"), "got %s", result.out);
  cli_result_free(&result);
}

Test(unread_reports, refuses_a_thread_leak_headline_that_is_not_at_a_line_start_and_was_quoted) {
  const char *text = "***** Running under ThreadSanitizer v3 (pid 7) *****\n"
                     "assert 'SUMMARY: ThreadSanitizer: thread leak' not in output\n"
                     "Stats: SizeClassAllocator64: 0M mapped\n";
  struct cli_result result = run_parse_on_text("quoted.txt", text, strlen(text));
  assert_exit(&result, 2, "a thread leak mentioned");
  assert_err_contains(&result, "quoted.txt:2: this line speaks of a TSan report", "thread leak");
  cli_result_free(&result);
}

/* ---- text that is not what TSan writes ---- */

Test(encodings, refuses_a_log_holding_a_nul_byte) {
  size_t length;
  char *text = read_fixture("clang14-clean.txt", &length);
  text[strstr(text, "clean: total") - text + 5] = '\0';
  struct cli_result result = run_parse_on_text("nul.txt", text, length);
  assert_exit(&result, 2, "a NUL byte");
  assert_err_contains(&result, "nul.txt:5: the log holds a NUL byte", "NUL");
  /* Never "0 reports" beside exit 2: a count of a log that cannot be read reads as clean (a blind round). */
  cr_assert(starts_with(result.out, "cannot read: 0 reports read, and the log cannot be believed"), "got %s",
            result.out);
  cli_result_free(&result);
  free(text);
}

/* `text` in UTF-16LE, with or without its byte order mark (ASCII text only). */
static char *utf16le(const char *text, size_t length, bool mark, size_t *utf16_length) {
  char *out = xmalloc(2 * length + 2);
  size_t n = 0;
  if (mark) {
    out[n++] = '\xff';
    out[n++] = '\xfe';
  }
  for (size_t i = 0; i < length; i++) {
    out[n++] = text[i];
    out[n++] = '\0';
  }
  *utf16_length = n;
  return out;
}

Test(encodings, decodes_a_utf16_log_with_its_byte_order_mark) {
  size_t length, utf16_length;
  char *text = read_fixture("real-world/clang14-cxx-race.txt", &length);
  char *utf16 = utf16le(text, length, true, &utf16_length);
  struct cli_result result = run_parse_on_text("utf16.txt", utf16, utf16_length);
  assert_exit(&result, 1, "UTF-16 with its mark");
  cr_assert(ends_with(result.out, "\n1 report\n"), "the same report as the UTF-8 log, got %s", result.out);
  cr_assert(contains(result.out, "cxx_race.cpp:12 in void access3<0, 0>(bool, int, bool, char volatile*)"),
            "with its frames, got %s", result.out);
  cli_result_free(&result);
  free(utf16);
  free(text);
}

Test(encodings, refuses_a_utf16_log_without_its_byte_order_mark) {
  size_t length, utf16_length;
  char *text = read_fixture("real-world/clang14-cxx-race.txt", &length);
  char *utf16 = utf16le(text, length, false, &utf16_length);
  struct cli_result result = run_parse_on_text("utf16-unmarked.txt", utf16, utf16_length);
  assert_exit(&result, 2, "UTF-16 without its mark");
  assert_err_contains(&result, "utf16-unmarked.txt:1: the log holds a NUL byte", "unmarked UTF-16");
  cli_result_free(&result);
  free(utf16);
  free(text);
}

Test(encodings, decodes_utf16_and_utf32_and_drops_utf8s_mark) {
  struct {
    const char *bytes;
    size_t length;
  } inputs[] = {
      {"\xff\xfe"
       "a\0b\0\n\0",
       8},
      {"\xfe\xff\0a\0b\0\n", 8},
      {"\xff\xfe\0\0"
       "a\0\0\0b\0\0\0\n\0\0\0",
       16},
      {"\0\0\xfe\xff\0\0\0a\0\0\0b\0\0\0\n", 16},
      {"\xef\xbb\xbf"
       "ab\n",
       6},
  };
  for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
    struct strbuf text = {0};
    strbuf_append(&text, inputs[i].bytes, inputs[i].length);
    char *error = NULL;
    cr_assert_eq(decode_marked_text(&text, &error), 0, "input %zu decodes, got %s", i, STR_OR_NULL(error));
    cr_assert_eq(text.length, 3, "input %zu: 3 bytes of UTF-8, got %zu", i, text.length);
    cr_assert_eq(memcmp(text.data, "ab\n", 3), 0, "input %zu: \"ab\\n\"", i);
    strbuf_free(&text);
  }
}

Test(encodings, refuses_utf16_that_ends_inside_a_character) {
  struct strbuf text = {0};
  strbuf_append(&text,
                "\xff\xfe"
                "a\0b",
                5);
  char *error = NULL;
  cr_assert_neq(decode_marked_text(&text, &error), 0, "an odd byte count is not UTF-16");
  cr_assert(contains(error, "UTF-16LE"), "the encoding is named, got %s", STR_OR_NULL(error));
  free(error);
  strbuf_free(&text);
}

/* ---- "0 reports" needs proof that TSan ran and finished ---- */

Test(no_report, says_so_when_the_log_has_no_tsan_banner) {
  const char *text = "the program printed this, and nothing else\n";
  struct cli_result result = run_parse_on_text("program-output.txt", text, strlen(text));
  assert_exit(&result, 2, "no banner");
  assert_err_contains(&result, "program-output.txt: no report, and no TSan banner", "no banner");
  cli_result_free(&result);
  struct cli_result empty = run_parse_on_text("empty.txt", "", 0);
  assert_exit(&empty, 2, "an empty log");
  cli_result_free(&empty);
}

Test(no_report, says_so_when_the_log_ends_before_tsan_finished) {
  size_t length;
  char *text = read_fixture("clang14-clean.txt", &length);
  *strstr(text, "Stats: ") = '\0';
  struct cli_result result = run_parse_on_text("started.txt", text, strlen(text));
  assert_exit(&result, 2, "a banner without the exit statistics");
  assert_err_contains(&result, "started.txt: no report, and the log ends before the statistics TSan prints at exit",
                      "not finished");
  cli_result_free(&result);
  free(text);
}

Test(no_report, still_reads_a_clean_log_that_proves_itself) {
  struct cli_result result = run_parse("clang14-clean.txt");
  assert_exit(&result, 0, "the clean log");
  cr_assert_str_eq(result.out, "0 reports\n", "got %s", result.out);
  cr_assert_str_eq(result.err, "", "got %s", result.err);
  cli_result_free(&result);
}

/* ---- a damaged log shows what was read ---- */

Test(damaged, prints_the_reports_read_before_a_cut_and_exits_2) {
  struct cli_result result = run_parse("damaged-cut.txt");
  assert_exit(&result, 2, "a report cut off");
  cr_assert(contains(result.out, "data race (log line 7)"), "the cut report is shown, got %s", result.out);
  cr_assert(contains(result.out, "data_race.c:28 in main"), "with the frames read, got %s", result.out);
  cr_assert(contains(result.out, "\ncannot read: 1 report read"), "not a count, got %s", result.out);
  assert_err_contains(&result, "damaged-cut.txt:14: the report of line 7 is cut off", "cut");
  cli_result_free(&result);
}

Test(damaged, prints_the_reports_read_before_a_cut_as_json_too) {
  struct cli_result result = run_parse_cli("--json", "damaged-cut.txt");
  assert_exit(&result, 2, "a report cut off, --json");
  cr_assert(starts_with(result.out, "[{\"kind\":\"data race\""), "the cut report as JSON, got %s", result.out);
  cli_result_free(&result);
}

/* ---- Docker's json-file log: the report inside JSON strings ---- */

/* `text` as Docker's json-file driver stores it: a record a line, {"log":"<line and its \n>","stream":"stderr",
 * "time":...}, the line a JSON string (quotes, backslashes and control characters escaped, one character as
 * \uXXXX). The line at index `split` comes in two records, as the driver splits a long line: only the second ends
 * with "\n". */
static char *as_docker_json_file(const char *text, size_t split) {
  struct strbuf out = {0};
  size_t index = 0;
  for (const char *line = text; *line; index++) {
    const char *end = strchr(line, '\n');
    size_t length = end ? (size_t)(end - line) : strlen(line);
    size_t cut = index == split ? length / 2 : length;
    for (int part = 0; part < (index == split ? 2 : 1); part++) {
      const char *from = part ? line + cut : line, *to = part || index != split ? line + length : line + cut;
      strbuf_puts(&out, "{\"log\":\"");
      for (const char *c = from; c < to; c++) {
        if (*c == '"' || *c == '\\')
          strbuf_printf(&out, "\\%c", *c);
        else if (*c == 'W' && c == from)
          strbuf_puts(&out, "\\u0057");
        else if ((unsigned char)*c < 0x20)
          strbuf_printf(&out, "\\u%04x", (unsigned)(unsigned char)*c);
        else
          strbuf_append(&out, c, 1);
      }
      strbuf_printf(&out, "%s\",\"stream\":\"stderr\",\"time\":\"2026-12-06T14:54:07.%09zuZ\"}\n",
                    part || index != split ? "\\n" : "", index);
    }
    line = end ? end + 1 : line + length;
  }
  return strbuf_release(&out);
}

/* Before: "a stack frame this parser cannot read ... was stack_trace_format changed?" (exit 2, the wrong cause), or
 * no report at all. The log's JSON strings are decoded, and it reads as the plain log does. */
Test(docker_json_file, reads_a_docker_json_file_log_like_the_plain_log) {
  size_t length = 0;
  char *plain = read_fixture("clang14-data-race.txt", &length);
  char *wrapped = as_docker_json_file(plain, 6);
  char *scratch = make_scratch_dir();
  char *path = xprintf("%s/container-json.log", scratch);
  write_file_or_fail(path, wrapped, strlen(wrapped));
  struct tsan_log docker, raw;
  char *error = NULL;
  cr_assert_eq(tsan_log_read(path, &docker, &error), 0, "the json-file log should be read: %s", STR_OR_NULL(error));
  cr_assert_eq(tsan_log_check(&docker, path, &error), 0, "and believed: %s", STR_OR_NULL(error));
  parse_text(plain, &raw);
  cr_assert_eq(docker.report_count, raw.report_count);
  char *from_docker = normalize_log(&docker, NULL), *from_plain = normalize_log(&raw, NULL);
  cr_assert_str_eq(from_docker, from_plain, "the same reports, frame for frame");
  cr_assert(docker.runtime_finished && docker.warnings_reported == raw.warnings_reported);
  free(from_docker);
  free(from_plain);
  tsan_log_free(&docker);
  tsan_log_free(&raw);
  struct cli_result result = run_parse(path);
  assert_exit(&result, 1, "a json-file log with reports");
  cli_result_free(&result);
  remove_scratch_dir(scratch);
  free(path);
  free(wrapped);
  free(plain);
}

/* A json-file log with a line that is no record (cut, or another log pasted in) cannot be read whole: exit 2,
 * naming the line and Docker's format. */
Test(docker_json_file, refuses_a_json_file_log_with_a_line_that_is_no_record) {
  size_t length = 0;
  char *plain = read_fixture("clang14-data-race.txt", &length);
  char *wrapped = as_docker_json_file(plain, (size_t)-1);
  char *third = strchr(strchr(strchr(wrapped, '\n') + 1, '\n') + 1, '\n') + 1;
  char *mixed = xprintf("%.*s==1==a line written beside the driver\n%s", (int)(third - wrapped), wrapped, third);
  struct cli_result result = run_parse_on_text("mixed.log", mixed, strlen(mixed));
  assert_exit(&result, 2, "a json-file log with a plain line");
  assert_err_contains(&result, "mixed.log:4: not a record of Docker's json-file log", "the line and the format");
  cli_result_free(&result);
  free(mixed);
  free(wrapped);
  free(plain);
}
