/* test_truth.c: truth.c, the ground truth a case states (docs/MARKERS.md, "Ground truth"), and the catalog's own
 * truth: every case whose notes say TSan misses a bug or reports a false positive states what is true. */
#include "base/util.h"
#include "score/truth.h"
#include "support.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define CASE "/cases/demo/case.c"
#define STR_OR_NULL(s) ((s) ? (s) : "(null)")

static struct case_spec spec;
static struct case_truth truth;
static char *error;

static void cleanup(void) {
  case_truth_free(&truth);
  case_spec_free(&spec);
  free(error);
  error = NULL;
}

TestSuite(truth, .fini = cleanup);
TestSuite(truth_errors, .fini = cleanup);
TestSuite(catalog_truth, .fini = cleanup);

static void truth_of(const char *text) {
  cr_assert_eq(case_spec_parse(CASE, text, strlen(text), &spec, &error), 0, "the case should parse, got: %s",
               STR_OR_NULL(error));
  cr_assert_eq(case_truth_of(&spec, &truth, &error), 0, "the truth should be stated, got: %s", STR_OR_NULL(error));
}

static void truth_fails(const char *text, const char *expected_error) {
  cr_assert_eq(case_spec_parse(CASE, text, strlen(text), &spec, &error), 0, "the case should parse, got: %s",
               STR_OR_NULL(error));
  cr_assert_eq(case_truth_of(&spec, &truth, &error), -1, "the truth should be refused with: %s", expected_error);
  cr_assert_str_eq(STR_OR_NULL(error), expected_error, "wrong error message: %s", STR_OR_NULL(error));
  cr_assert_eq(truth.line_count, 0, "a refused truth holds no line");
  cr_assert(!truth.buggy, "a refused truth says nothing");
}

static void assert_line(size_t index, size_t line, const char *kind) {
  cr_assert_gt(truth.line_count, index, "a truth line %zu expected, there are %zu", index, truth.line_count);
  cr_assert_eq(truth.lines[index].line, line, "truth line %zu should be line %zu, got %zu", index, line,
               truth.lines[index].line);
  cr_assert_str_eq(truth.lines[index].kind, kind, "truth line %zu should be a %s, got %s", index, kind,
                   truth.lines[index].kind);
}

/* ---- what is true ---- */

Test(truth, is_correct_for_a_program_that_expects_no_report) {
  truth_of("// expect-tsan: none\nint main(void) { return 0; }\n");
  cr_assert(!truth.buggy, "no report marker, no expect-bug: a correct program");
  cr_assert_eq(truth.line_count, 0, "no truth line, got %zu", truth.line_count);
}

Test(truth, takes_the_report_markers_as_the_bugs) {
  truth_of("int x;\n"
           "void f(void) { x = 1; } // expect-tsan: data race\n"
           "// expect-tsan: heap-use-after-free\n"
           "void g(void) { x = 2; }\n");
  cr_assert(truth.buggy, "report markers without a false-positive note are bugs");
  cr_assert_eq(truth.line_count, 2, "two truth lines, got %zu", truth.line_count);
  assert_line(0, 2, "data race");
  assert_line(1, 4, "heap-use-after-free");
}

Test(truth, leaves_out_the_false_positives) {
  truth_of("// expect-bug: none\n"
           "int x;\n"
           "void f(void) { x = 1; } // expect-tsan: data race -- false positive: the fences order this\n");
  cr_assert(!truth.buggy, "a false positive on correct code: a correct program");
  cr_assert_eq(truth.line_count, 0, "got %zu lines", truth.line_count);
}

Test(truth, adds_the_bugs_tsan_misses) {
  truth_of("// expect-tsan: none -- misses: the accesses are not instrumented\n" /* 1 */
           "int x;\n"                                                            /* 2 */
           "// expect-bug: data race\n"                                          /* 3 */
           "void f(void) { x = 1; }\n"                                           /* 4 */
           "void g(void) { x = 2; } // expect-bug: data race -- the other side\n");
  cr_assert(truth.buggy, "a missed race is still a race");
  cr_assert_eq(truth.line_count, 2, "two truth lines, got %zu", truth.line_count);
  assert_line(0, 4, "data race");
  assert_line(1, 5, "data race");
}

Test(truth, keeps_a_real_bug_beside_a_false_positive) {
  truth_of("int x;\n"                                                                      /* 1 */
           "void f(void) { x = 1; } // expect-tsan: data race -- false positive: fenced\n" /* 2 */
           "void g(void) { x = 2; } // expect-bug: atomicity violation\n");                /* 3 */
  cr_assert(truth.buggy, "the program has a real bug elsewhere");
  cr_assert_eq(truth.line_count, 1, "only the real bug, got %zu lines", truth.line_count);
  assert_line(0, 3, "atomicity violation");
}

Test(truth, states_each_line_once_whatever_the_toolchains) {
  /* The loop counter is reported on the `for` line (gcc -O1) or in the body (the rest): both lines are true. */
  char *path = program_path("loop_counter_by_level.c");
  cr_assert_eq(case_spec_read(path, &spec, &error), 0, "the program's markers read: %s", STR_OR_NULL(error));
  cr_assert_eq(case_truth_of(&spec, &truth, &error), 0, "its truth: %s", STR_OR_NULL(error));
  cr_assert_eq(truth.line_count, 2, "the body's two markers are one truth line: 2 lines, got %zu", truth.line_count);
  assert_line(0, 19, "data race");
  assert_line(1, 22, "data race");
  free(path);
}

Test(truth, sorts_the_lines_and_merges_a_bug_stated_twice) {
  truth_of("// expect-bug: data race\n"
           "int y; // expect-tsan: data race\n"
           "int x; // expect-bug: atomicity violation\n");
  cr_assert_eq(truth.line_count, 2, "line 2 once, line 3: got %zu lines", truth.line_count);
  assert_line(0, 2, "data race");
  assert_line(1, 3, "atomicity violation");
}

/* ---- what contradicts itself, with its file:line ---- */

Test(truth_errors, rejects_a_miss_without_an_expect_bug_kind) {
  truth_fails("int x;\n// expect-tsan: none -- misses: the race is not instrumented\n",
              CASE ":2: the note says TSan misses a bug, and no '// expect-bug: KIND' marker says where it is");
}

Test(truth_errors, rejects_a_miss_stated_as_correct) {
  truth_fails("// expect-bug: none\n// expect-tsan: none -- misses: the race is not instrumented\nint x;\n",
              CASE ":2: the note says TSan misses a bug, and no '// expect-bug: KIND' marker says where it is");
}

Test(truth_errors, rejects_a_false_positive_without_an_expect_bug) {
  truth_fails("int x; // expect-tsan: data race -- false positive: fences are not modeled\n",
              CASE ":1: the note says this report is a false positive: state the truth with '// expect-bug: none' (or "
                   "'// expect-bug: KIND' on the real bug)");
}

Test(truth_errors, rejects_a_correct_program_with_a_real_report) {
  truth_fails("// expect-bug: none\n"
              "int x; // expect-tsan: data race -- false positive: fenced\n"
              "int y; // expect-tsan: data race\n",
              CASE ":1: 'expect-bug: none' says the program is correct, yet line 3 expects a data race that is not "
                   "marked as a false positive");
}

/* ---- the catalog states its truth ---- */

static bool noted(const struct case_spec *spec) {
  for (size_t i = 0; i < spec->marker_count; i++) {
    const char *note = spec->markers[i].note;
    if (note && (starts_with(note, "misses") || starts_with(note, "false positive")))
      return true;
  }
  return false;
}

Test(catalog_truth, states_the_truth_of_every_case_whose_notes_need_it) {
  DIR *top = opendir(CASES_DIR);
  cr_assert_not_null(top, "cannot list %s: %s", CASES_DIR, strerror(errno));
  size_t checked = 0, needing = 0;
  struct strbuf problems = {0};
  struct dirent *folder;
  while ((folder = readdir(top))) {
    if (folder->d_name[0] == '.')
      continue;
    char *folder_path = xprintf("%s/%s", CASES_DIR, folder->d_name);
    DIR *cases = opendir(folder_path);
    struct dirent *entry;
    while (cases && (entry = readdir(cases))) {
      if (!ends_with(entry->d_name, ".c"))
        continue;
      char *path = xprintf("%s/%s", folder_path, entry->d_name);
      if (case_spec_read(path, &spec, &error) != 0) {
        strbuf_printf(&problems, "\n  %s", error);
      } else {
        checked++;
        needing += noted(&spec);
        if (case_truth_of(&spec, &truth, &error) != 0)
          strbuf_printf(&problems, "\n  %s", error);
      }
      cleanup();
      free(path);
    }
    if (cases)
      closedir(cases);
    free(folder_path);
  }
  closedir(top);
  char *found = strbuf_release(&problems);
  cr_assert_str_empty(found, "every case reads, and every note has its truth stated:%s", found);
  free(found);
  cr_assert_gt(checked, 0, "no case found under %s", CASES_DIR);
  cr_assert_gt(needing, 0, "no case under %s has a misses or false-positive note: is this the catalog?", CASES_DIR);
}
