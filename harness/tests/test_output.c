/* test_output.c: output.c's text and JSON writers. JSON output is checked with a small validator below, plus the
 * values that matter; text output line by line. */
#include "base/util.h"
#include "output/output.h"
#include "source/expect.h"
#include "support.h"

#include <criterion/criterion.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA_RACE_CASE "fixtures/programs/data_race.c"

/* ---- capturing a FILE * ---- */

struct capture {
  FILE *file;
  char *text;
  size_t length;
};

/* open_memstream writes the buffer's address into *capture when the stream is flushed: `capture` must outlive it. */
static void capture_open(struct capture *capture) {
  *capture = (struct capture){0};
  capture->file = open_memstream(&capture->text, &capture->length);
  cr_assert_not_null(capture->file, "open_memstream failed");
}

static char *capture_close(struct capture *capture) {
  fclose(capture->file);
  return capture->text;
}

/* ---- a JSON syntax checker (RFC 8259, no extensions) ---- */

static const char *json_value(const char *p, int depth);

static const char *json_space(const char *p) {
  while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
    p++;
  return p;
}

static const char *json_string(const char *p) {
  if (*p++ != '"')
    return NULL;
  while (*p != '"') {
    unsigned char c = (unsigned char)*p;
    if (c == '\0' || c < 0x20)
      return NULL;
    if (c == '\\') {
      p++;
      if (*p == 'u') {
        for (int i = 1; i <= 4; i++)
          if (!isxdigit((unsigned char)p[i]))
            return NULL;
        p += 5;
        continue;
      }
      if (!*p || !strchr("\"\\/bfnrt", *p))
        return NULL;
    }
    p++;
  }
  return p + 1;
}

static const char *json_number(const char *p) {
  if (*p == '-')
    p++;
  if (!isdigit((unsigned char)*p))
    return NULL;
  while (isdigit((unsigned char)*p))
    p++;
  if (*p == '.') {
    p++;
    if (!isdigit((unsigned char)*p))
      return NULL;
    while (isdigit((unsigned char)*p))
      p++;
  }
  return p;
}

static const char *json_members(const char *p, int depth, char close, bool object) {
  p = json_space(p);
  if (*p == close)
    return p + 1;
  for (;;) {
    if (object) {
      p = json_string(json_space(p));
      if (!p)
        return NULL;
      p = json_space(p);
      if (*p++ != ':')
        return NULL;
    }
    p = json_value(p, depth + 1);
    if (!p)
      return NULL;
    p = json_space(p);
    if (*p == close)
      return p + 1;
    if (*p++ != ',')
      return NULL;
  }
}

static const char *json_value(const char *p, int depth) {
  if (depth > 64)
    return NULL;
  p = json_space(p);
  switch (*p) {
  case '{': return json_members(p + 1, depth, '}', true);
  case '[': return json_members(p + 1, depth, ']', false);
  case '"': return json_string(p);
  case 't': return strncmp(p, "true", 4) == 0 ? p + 4 : NULL;
  case 'f': return strncmp(p, "false", 5) == 0 ? p + 5 : NULL;
  case 'n': return strncmp(p, "null", 4) == 0 ? p + 4 : NULL;
  default: return json_number(p);
  }
}

static bool valid_utf8(const char *text) {
  const unsigned char *p = (const unsigned char *)text;
  while (*p) {
    int length = *p < 0x80                  ? 1
                 : *p >= 0xc2 && *p <= 0xdf ? 2
                 : *p >= 0xe0 && *p <= 0xef ? 3
                 : *p >= 0xf0 && *p <= 0xf4 ? 4
                                            : 0;
    if (!length)
      return false;
    for (int i = 1; i < length; i++)
      if ((p[i] & 0xc0) != 0x80)
        return false;
    p += length;
  }
  return true;
}

static void assert_json(const char *text) {
  const char *end = json_value(text, 0);
  cr_assert_not_null(end, "the output should be valid JSON:\n%s", text);
  cr_assert_eq(*json_space(end), '\0', "nothing should follow the JSON value:\n%s", text);
  cr_assert(valid_utf8(text), "the JSON should be valid UTF-8");
}

static char *json_string_of(const char *text) {
  struct capture capture;
  capture_open(&capture);
  write_json_string(capture.file, text);
  return capture_close(&capture);
}

static void assert_json_string(const char *input, const char *expected, const char *why) {
  char *json = json_string_of(input);
  cr_assert_str_eq(json, expected, "%s: got %s", why, json);
  assert_json(json);
  free(json);
}

/* ---- write_json_string ---- */

Test(json_string, quotes_plain_text) { assert_json_string("data race", "\"data race\"", "plain ASCII"); }

Test(json_string, escapes_quotes_and_backslashes) {
  assert_json_string("a \"b\" \\c", "\"a \\\"b\\\" \\\\c\"", "quotes and backslashes are escaped");
}

Test(json_string, escapes_control_characters) {
  assert_json_string("1\n2\t3\r4\x01"
                     "5\x7f",
                     "\"1\\n2\\t3\\r4\\u00015\\u007f\"", "control characters");
}

Test(json_string, keeps_valid_utf8) {
  assert_json_string("w\xc3\xb6rker \xe2\x9c\x93 \xf0\x9f\x98\x80", "\"w\xc3\xb6rker \xe2\x9c\x93 \xf0\x9f\x98\x80\"",
                     "two, three and four byte sequences are kept");
}

Test(json_string, replaces_invalid_bytes) {
  assert_json_string("w\xf6rker", "\"w\\ufffdrker\"", "a Latin-1 byte");
  assert_json_string("\xff", "\"\\ufffd\"", "0xff");
  assert_json_string("a\xc3", "\"a\\ufffd\"", "a sequence cut by the end");
  assert_json_string("\xe0\x80\x80", "\"\\ufffd\\ufffd\\ufffd\"", "an overlong encoding");
  assert_json_string("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"", "a UTF-16 surrogate");
}

/* RFC 3629 ends UTF-8 at U+10FFFF: 0xF5-0xFF never start a sequence, even with continuation bytes after them. */
Test(json_string, replaces_lead_bytes_past_the_unicode_range) {
  assert_json_string("a\xf5\x80\x80z", "\"a\\ufffd\\ufffd\\ufffdz\"", "0xF5 and two continuation bytes");
  assert_json_string("\xff\xbf\xbf\xbf", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"", "0xFF and three continuation bytes");
}

Test(json_string, writes_null_text_as_an_empty_string) { assert_json_string(NULL, "\"\"", "NULL"); }

/* ---- summaries ---- */

Test(summaries, lists_each_report_kind_once) {
  struct tsan_log log;
  parse_fixture("clang14-data-race.txt", &log);
  char *summary = summarize_reports(&log);
  cr_assert_str_eq(summary, "data race", "two data races are one kind, got \"%s\"", summary);
  free(summary);
  tsan_log_free(&log);
}

Test(summaries, shortens_a_headline_to_the_part_before_its_parenthesis) {
  struct tsan_log log;
  parse_fixture("clang14-lock-order-inversion.txt", &log);
  char *summary = summarize_reports(&log);
  cr_assert_str_eq(summary, "lock-order-inversion", "got \"%s\"", summary);
  free(summary);
  tsan_log_free(&log);
}

Test(summaries, says_none_for_no_report) {
  struct tsan_log log;
  parse_fixture("clang14-clean.txt", &log);
  char *summary = summarize_reports(&log);
  cr_assert_str_eq(summary, "none", "got \"%s\"", summary);
  free(summary);
  tsan_log_free(&log);
}

Test(summaries, lists_the_expected_kinds_that_apply) {
  const char *text = "int a; // expect-tsan: data race\n"
                     "int b; // expect-tsan: data race\n"
                     "int c; // expect-tsan[gcc]: heap-use-after-free\n";
  struct case_spec spec;
  char *error = NULL;
  cr_assert_eq(case_spec_parse("a.c", text, strlen(text), &spec, &error), 0, "%s", error ? error : "");
  struct toolchain clang = {"clang", 14, OPT_O1}, gcc = {"gcc", 12, OPT_O1};
  char *for_clang = summarize_expected(&spec, &clang), *for_gcc = summarize_expected(&spec, &gcc);
  cr_assert_str_eq(for_clang, "data race", "the [gcc] marker does not apply to clang, got \"%s\"", for_clang);
  cr_assert_str_eq(for_gcc, "data race, heap-use-after-free", "got \"%s\"", for_gcc);
  free(for_clang);
  free(for_gcc);
  case_spec_free(&spec);
}

Test(summaries, says_dash_when_no_marker_applies) {
  const char *text = "int a; // expect-tsan[gcc]: data race\n";
  struct case_spec spec;
  char *error = NULL;
  cr_assert_eq(case_spec_parse("a.c", text, strlen(text), &spec, &error), 0, "%s", error ? error : "");
  struct toolchain clang = {"clang", 14, OPT_O1};
  char *summary = summarize_expected(&spec, &clang);
  cr_assert_str_eq(summary, "-", "got \"%s\"", summary);
  free(summary);
  case_spec_free(&spec);
}

/* ---- text ---- */

Test(text, lists_each_report_with_its_stacks) {
  struct tsan_log log;
  parse_fixture("clang14-data-race.txt", &log);
  struct capture capture;
  capture_open(&capture);
  write_reports_text(capture.file, &log, true);
  char *text = capture_close(&capture);
  cr_assert(starts_with(text, "data race (log line 7)\n"), "the first line is the headline, got:\n%s", text);
  cr_assert(contains(text, "by main thread:  [/") && contains(text, "/programs/data_race.c:28 in main]\n"),
            "each stack names its first located frame, got:\n%s", text);
  cr_assert(contains(text, "\ndata race (log line 27)\n"), "the second report follows, got:\n%s", text);
  cr_assert(ends_with(text, "\n2 reports\n"), "the count closes the list, got:\n%s", text);
  free(text);
  tsan_log_free(&log);
}

Test(text, counts_a_single_report_without_plural) {
  struct tsan_log log;
  parse_fixture("clang14-thread-leak.txt", &log);
  struct capture capture;
  capture_open(&capture);
  write_reports_text(capture.file, &log, true);
  char *text = capture_close(&capture);
  cr_assert(ends_with(text, "\n1 report\n"), "got:\n%s", text);
  free(text);
  tsan_log_free(&log);
}

/* A result as verify_case would leave it for the data race fixture and a spec with markers on `markers`. */
static void fake_result(struct case_result *result, const char *markers) {
  *result = (struct case_result){0};
  char *text = case_text_with_markers(40, markers);
  char *error = NULL;
  cr_assert_eq(case_spec_parse(DATA_RACE_CASE, text, strlen(text), &result->spec, &error), 0, "%s", error ? error : "");
  free(text);
  parse_fixture("clang14-data-race.txt", &result->log);
  result->toolchain = (struct toolchain){"clang", 14, OPT_O1};
  result->ran = true;
  result->tsan_options = xstrdup("verbosity=1");
  result->run.out.data = xstrdup("counter=2\n");
  result->run.out.length = strlen(result->run.out.data);
  result->run.err.data = xstrdup("");
  expect_check(&result->spec, &result->log, &result->toolchain, result->run.out.data, &result->verdict);
}

Test(text, says_met_with_what_was_reported) {
  struct case_result result;
  fake_result(&result, "28: data race;29: data race");
  struct capture capture;
  capture_open(&capture);
  write_text(capture.file, &result, false);
  char *text = capture_close(&capture);
  cr_assert_str_eq(text, DATA_RACE_CASE ": met (reported: data race)\n", "got:\n%s", text);
  free(text);
  case_result_free(&result);
}

Test(text, writes_each_diagnostic_as_file_line_message) {
  struct case_result result;
  fake_result(&result, "28: data race;29: data race;33: data race");
  struct capture capture;
  capture_open(&capture);
  write_text(capture.file, &result, false);
  char *text = capture_close(&capture);
  cr_assert_str_eq(text,
                   DATA_RACE_CASE ":33: expected data race, TSan reported nothing here\n" DATA_RACE_CASE ": not met\n",
                   "got:\n%s", text);
  free(text);
  case_result_free(&result);
}

Test(text, adds_the_program_output_when_verbose) {
  struct case_result result;
  fake_result(&result, "28: data race;29: data race");
  struct capture capture;
  capture_open(&capture);
  write_text(capture.file, &result, true);
  char *text = capture_close(&capture);
  cr_assert(starts_with(text, "--- TSAN_OPTIONS=verbosity=1\n--- UBSAN_OPTIONS=\n--- stdout (10 bytes)\ncounter=2\n"),
            "got:\n%s", text);
  free(text);
  case_result_free(&result);
}

/* ---- JSON ---- */

Test(json, writes_the_reports_as_a_valid_array) {
  struct tsan_log log;
  parse_fixture("clang14-data-race.txt", &log);
  struct capture capture;
  capture_open(&capture);
  write_json_reports(capture.file, &log, DATA_RACE_CASE, NULL);
  char *text = capture_close(&capture);
  assert_json(text);
  cr_assert(starts_with(text, "[{\"kind\":\"data race\""), "an array of reports, got:\n%s", text);
  cr_assert(contains(text, "\"line\":28,\"column\":14"), "frames keep line and column");
  cr_assert(contains(text, "\"in_case\":true"), "frames in the case are flagged");
  cr_assert(contains(text, "\"in_case\":false"), "interceptor frames are not");
  cr_assert(contains(text, "\"mutexes\":\"write M0\""), "the access's mutexes are kept");
  cr_assert(contains(text, "\"location\":{\"kind\":\"global\",\"name\":\"counter\",\"size\":4}"), "got:\n%s", text);
  cr_assert(!contains(text, "\"marker\":"), "no marker cross-reference without report_marker");
  free(text);
  tsan_log_free(&log);
}

Test(json, writes_bytes_that_are_not_utf8_as_valid_json) {
  struct tsan_log log;
  parse_fixture("non-utf8.txt", &log);
  struct capture capture;
  capture_open(&capture);
  write_json_reports(capture.file, &log, NULL, NULL);
  char *text = capture_close(&capture);
  assert_json(text);
  cr_assert(contains(text, "\"function\":\"w\\ufffdrker\""), "the bad byte is replaced");
  free(text);
  tsan_log_free(&log);
}

Test(json, writes_an_empty_array_for_no_report) {
  struct tsan_log log;
  parse_fixture("clang14-clean.txt", &log);
  struct capture capture;
  capture_open(&capture);
  write_json_reports(capture.file, &log, NULL, NULL);
  char *text = capture_close(&capture);
  cr_assert_str_eq(text, "[]", "got %s", text);
  free(text);
  tsan_log_free(&log);
}

Test(json, writes_a_whole_result_as_one_valid_object) {
  struct case_result result;
  fake_result(&result, "28: data race;29: data race");
  struct capture capture;
  capture_open(&capture);
  write_json(capture.file, &result, NULL);
  char *text = capture_close(&capture);
  assert_json(text);
  cr_assert(contains(text, "\"outcome\":\"met\""), "the outcome, got:\n%s", text);
  cr_assert(contains(text, "\"toolchain\":\"clang-14\""), "the toolchain");
  cr_assert(contains(text, "\"marker\":0"), "each report names the marker it hit");
  cr_assert(contains(text, "\"hit_by_report\":1"), "each marker names the report that hit it");
  cr_assert(contains(text, "\"stdout\":\"counter=2\\n\""), "the program's stdout");
  free(text);
  case_result_free(&result);
}

Test(json, writes_a_result_that_never_ran) {
  struct case_result result = {0};
  verdict_add(&result.verdict, OUTCOME_CANNOT_CHECK, NULL, 0, "cannot read \"x\"\n");
  struct capture capture;
  capture_open(&capture);
  write_json(capture.file, &result, NULL);
  char *text = capture_close(&capture);
  assert_json(text);
  cr_assert(contains(text, "\"case\":null"), "no spec, no path, got:\n%s", text);
  cr_assert(contains(text, "\"toolchain\":null"), "unknown toolchain");
  cr_assert(contains(text, "\"run\":null"), "nothing ran");
  cr_assert(contains(text, "\"outcome\":\"cannot check\""), "the outcome");
  free(text);
  case_result_free(&result);
}

Test(text, escapes_control_characters_in_paths) {
  /* A case named "x.c\nfake.c: met (reported: none)\ny.c" must not print a line that says "met". */
  struct case_result result = {0};
  result.toolchain.opt_level = OPT_UNKNOWN; /* no run: no level to name */
  result.spec.path = xstrdup("x.c\nfake.c: met (reported: none)\ny.c");
  verdict_add(&result.verdict, OUTCOME_CANNOT_CHECK, result.spec.path, 3, "bad\ttab and \x1b[31mescape");
  struct capture capture;
  capture_open(&capture);
  write_text(capture.file, &result, false);
  char *text = capture_close(&capture);
  cr_assert_str_eq(text,
                   "x.c\\nfake.c: met (reported: none)\\ny.c:3: bad\\ttab and \\x1b[31mescape\n"
                   "x.c\\nfake.c: met (reported: none)\\ny.c: cannot check\n",
                   "got:\n%s", text);
  free(text);
  case_result_free(&result);
}
