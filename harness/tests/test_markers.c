/* test_markers.c: markers.c, the reader of `// expect-tsan:` and its sibling markers (docs/MARKERS.md). */
#include "base/util.h"
#include "source/markers.h"
#include "support.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CASE "/cases/demo/case.c"
#define STR_OR_NULL(s) ((s) ? (s) : "(null)")
#define SELECTOR_HELP                                                                                                  \
  "(expected clang or gcc, optionally with >=, <=, >, <, ==, != and a major version, or a level O0, O1, O2, O3, Os, "  \
  "Oz, Ofast, Og; comma-separated)"

static struct case_spec spec;
static char *error;

static void cleanup(void) {
  case_spec_free(&spec);
  free(error);
  error = NULL;
}

TestSuite(markers, .fini = cleanup);
TestSuite(marker_errors, .fini = cleanup);
TestSuite(marker_files, .fini = cleanup);
TestSuite(marker_reading, .fini = cleanup);
TestSuite(marker_lookalikes, .fini = cleanup);

static void parse_ok(const char *text) {
  int status = case_spec_parse(CASE, text, strlen(text), &spec, &error);
  cr_assert_eq(status, 0, "the case should parse, got: %s", STR_OR_NULL(error));
}

static void parse_fails(const char *text, const char *expected_error) {
  int status = case_spec_parse(CASE, text, strlen(text), &spec, &error);
  cr_assert_eq(status, -1, "the case should be rejected with: %s", expected_error);
  cr_assert_not_null(error, "a rejection sets *error");
  cr_assert_str_eq(error, expected_error, "wrong error message: %s", error);
}

/* For errors that end with the list of valid kinds: the start must be exact, the list must be there. */
static void parse_fails_listing_kinds(const char *text, const char *expected_start) {
  int status = case_spec_parse(CASE, text, strlen(text), &spec, &error);
  cr_assert_eq(status, -1, "the case should be rejected with: %s", expected_start);
  cr_assert(starts_with(error, expected_start), "wrong error message: %s", error);
  cr_assert_not_null(strstr(error, "; valid kinds: none, data race, heap-use-after-free, thread leak"),
                     "the valid kinds are listed: %s", error);
}

static const struct marker *only_marker(void) {
  cr_assert_eq(spec.marker_count, 1, "one marker expected, got %zu", spec.marker_count);
  return &spec.markers[0];
}

/* The spec's one marker applies to `line`. */
static void assert_only_marker_line(size_t line, const char *why) {
  size_t got = only_marker()->line;
  cr_assert_eq(got, line, "%s: line %zu expected, got %zu", why, line, got);
}

static struct toolchain toolchain_of(const char *id) {
  struct toolchain toolchain;
  cr_assert_eq(toolchain_parse(id, &toolchain), 0, "%s is a toolchain", id);
  return toolchain;
}

/* ---- what markers say ---- */

Test(markers, reads_a_trailing_marker_as_about_its_own_line) {
  parse_ok("int x;\n"
           "void f(void) { x++; } // expect-tsan: data race\n");
  const struct marker *marker = only_marker();
  cr_assert_eq(marker->line, 2, "a trailing marker is about its own line, got %zu", marker->line);
  cr_assert_eq(marker->comment_line, 2, "the comment is on line 2, got %zu", marker->comment_line);
  cr_assert_str_eq(marker->kind, "data race", "kind should be \"data race\", got \"%s\"", marker->kind);
  cr_assert_null(marker->note, "no \" -- \", no note");
  cr_assert_null(marker->selector, "an unqualified marker has no selector");
  cr_assert_str_eq(spec.path, CASE, "the spec keeps its path");
}

Test(markers, applies_a_standalone_marker_to_the_next_line_of_code) {
  parse_ok("int x;\n"                    /* 1 */
           "// expect-tsan: data race\n" /* 2 */
           "\n"                          /* 3 */
           "// a plain comment\n"        /* 4 */
           "/* a block comment */\n"     /* 5 */
           "   \t\n"                     /* 6 */
           "void f(void) { x++; }\n");   /* 7 */
  const struct marker *marker = only_marker();
  cr_assert_eq(marker->line, 7, "blank and comment lines are skipped: line 7, got %zu", marker->line);
  cr_assert_eq(marker->comment_line, 2, "the comment stays on line 2, got %zu", marker->comment_line);
}

Test(markers, skips_every_line_of_a_block_comment) {
  parse_ok("int *p;\n"                    /* 1 */
           "// expect-tsan: data race\n"  /* 2 */
           "/* The write below races\n"   /* 3 */
           " * with the reader thread.\n" /* 4 */
           "   x = 1; is not code here\n" /* 5 */
           " */\n"                        /* 6 */
           "void f(void) { *p = 1; }\n"); /* 7 */
  assert_only_marker_line(7, "the marker skips the whole block comment");
}

Test(markers, treats_a_line_starting_with_a_dereference_as_code) {
  parse_ok("int *p;\n"                     /* 1 */
           "void f(void) {\n"              /* 2 */
           "  // expect-tsan: data race\n" /* 3 */
           "  *p = 1;\n"                   /* 4 */
           "}\n");
  assert_only_marker_line(4, "`*p = 1;` is code, not the middle of a block comment");
}

Test(markers, keeps_a_trailing_marker_after_a_dereference_on_its_line) {
  parse_ok("int *p;\n"
           "void f(void) {\n"
           "  *p = 1; // expect-tsan: data race\n"
           "}\n");
  assert_only_marker_line(3, "a trailing marker after `*p = 1;` is about line 3");
}

Test(markers, finds_a_trailing_marker_after_a_string_holding_slashes) {
  parse_ok("#include <stdio.h>\n"
           "void f(void) { puts(\"http://example.com\"); } // expect-tsan: data race\n");
  assert_only_marker_line(2, "the // inside the string does not hide the marker");
}

Test(markers, applies_stacked_standalone_markers_to_the_same_line) {
  parse_ok("// expect-tsan: data race\n"
           "// expect-tsan: heap-use-after-free\n"
           "int x;\n");
  cr_assert_eq(spec.marker_count, 2, "two markers, got %zu", spec.marker_count);
  cr_assert_eq(spec.markers[0].line, 3, "the first applies to line 3, got %zu", spec.markers[0].line);
  cr_assert_eq(spec.markers[1].line, 3, "the second applies to line 3, got %zu", spec.markers[1].line);
  cr_assert_str_eq(spec.markers[1].kind, "heap-use-after-free", "got %s", spec.markers[1].kind);
}

Test(markers, reads_none_as_a_whole_program_marker) {
  parse_ok("// expect-tsan: none\n"
           "int main(void) { return 0; }\n");
  cr_assert_str_eq(only_marker()->kind, "none", "kind should be none, got %s", only_marker()->kind);
  struct toolchain clang = toolchain_of("clang-14");
  cr_assert(spec_expects_none(&spec, &clang), "an unqualified none applies to every toolchain");
}

Test(markers, keeps_the_note_after_two_dashes) {
  parse_ok("int x; // expect-tsan: data race -- false positive: fences are not modeled\n");
  const struct marker *marker = only_marker();
  cr_assert_str_eq(marker->kind, "data race", "the note is not part of the kind, got \"%s\"", marker->kind);
  cr_assert_str_eq(STR_OR_NULL(marker->note), "false positive: fences are not modeled", "got \"%s\"",
                   STR_OR_NULL(marker->note));
}

Test(markers, reads_a_marker_without_a_space_after_the_slashes) {
  parse_ok("int x; //expect-tsan: data race\n");
  cr_assert_str_eq(only_marker()->kind, "data race", "got %s", only_marker()->kind);
}

Test(markers, accepts_a_prefix_of_a_headline_as_the_kind) {
  parse_ok("int x; // expect-tsan: lock-order-inversion\n"
           "int y; // expect-tsan: unlock of an unlocked mutex\n");
  cr_assert_eq(spec.marker_count, 2, "both prefixes are known kinds, got %zu markers", spec.marker_count);
}

Test(markers, reads_a_gcc_qualified_marker) {
  parse_ok("int x; // expect-tsan[gcc]: data race\n");
  const struct marker *marker = only_marker();
  cr_assert_str_eq(STR_OR_NULL(marker->selector), "gcc", "got %s", STR_OR_NULL(marker->selector));
  cr_assert_str_eq(marker->kind, "data race", "got %s", marker->kind);
  struct toolchain gcc = toolchain_of("gcc-12"), clang = toolchain_of("clang-14");
  cr_assert(marker_applies(marker, &gcc), "[gcc] applies to gcc-12");
  cr_assert(!marker_applies(marker, &clang), "[gcc] does not apply to clang-14");
}

Test(markers, reads_a_versioned_clang_marker) {
  parse_ok("int x; // expect-tsan[clang>=18]: data race\n");
  const struct marker *marker = only_marker();
  cr_assert_str_eq(STR_OR_NULL(marker->selector), "clang>=18", "got %s", STR_OR_NULL(marker->selector));
  struct toolchain old = toolchain_of("clang-14"), recent = toolchain_of("clang-19");
  cr_assert(!marker_applies(marker, &old), "[clang>=18] does not apply to clang-14");
  cr_assert(marker_applies(marker, &recent), "[clang>=18] applies to clang-19");
}

Test(markers, allows_none_and_a_report_for_different_toolchains) {
  parse_ok("// expect-tsan[gcc]: none\n"
           "int x; // expect-tsan[clang]: data race\n");
  struct toolchain gcc = toolchain_of("gcc-12"), clang = toolchain_of("clang-14");
  cr_assert(spec_expects_none(&spec, &gcc), "gcc expects none");
  cr_assert(!spec_expects_none(&spec, &clang), "clang expects a data race");
}

Test(markers, collects_expected_output_texts_whole) {
  parse_ok("// expect-tsan: none\n"
           "int x;\n"
           "// expect-output: value=3\n"
           "// expect-output: a -- b\n");
  cr_assert_eq(spec.output_count, 2, "two expect-output markers, got %zu", spec.output_count);
  cr_assert_str_eq(spec.outputs[0].text, "value=3", "got \"%s\"", spec.outputs[0].text);
  cr_assert_eq(spec.outputs[0].line, 3, "the first is on line 3, got %zu", spec.outputs[0].line);
  cr_assert_str_eq(spec.outputs[1].text, "a -- b", "output text keeps \" -- \", got \"%s\"", spec.outputs[1].text);
}

Test(markers, resolves_suppressions_against_the_case_folder) {
  parse_ok("// expect-tsan: none\n"
           "int x;\n"
           "// tsan-options: suppressions=supp.txt:halt_on_error=0\n");
  cr_assert_str_eq(STR_OR_NULL(spec.tsan_options), "suppressions=/cases/demo/supp.txt:halt_on_error=0",
                   "a relative suppressions file is made absolute, got %s", STR_OR_NULL(spec.tsan_options));
}

Test(markers, keeps_absolute_suppressions_and_joins_option_lines) {
  parse_ok("// expect-tsan: none\n"
           "int x;\n"
           "// tsan-options: suppressions=/etc/tsan.supp\n"
           "// tsan-options: report_signal_unsafe=0 history_size=4\n");
  cr_assert_str_eq(STR_OR_NULL(spec.tsan_options), "suppressions=/etc/tsan.supp:report_signal_unsafe=0:history_size=4",
                   "got %s", STR_OR_NULL(spec.tsan_options));
}

Test(markers, leaves_tsan_options_null_without_the_marker) {
  parse_ok("// expect-tsan: none\nint x;\n");
  cr_assert_null(spec.tsan_options, "no tsan-options marker: NULL, got %s", STR_OR_NULL(spec.tsan_options));
  cr_assert_null(spec.requires, "no requires-tsan marker: NULL");
}

Test(markers, joins_the_library_names_of_link_libraries) {
  parse_ok("// expect-tsan: none\n"
           "// link-libraries: atomic -- the big struct is copied by libatomic\n"
           "//link-libraries:\tm  dl\n"
           "int x;\n");
  cr_assert_str_eq(STR_OR_NULL(spec.link_libraries), "atomic m dl", "names joined by one blank, no note, got %s",
                   STR_OR_NULL(spec.link_libraries));
}

Test(marker_errors, link_libraries_takes_names_not_flags_or_paths) {
  parse_fails("// expect-tsan: none\n// link-libraries: atomic -latomic\nint x;\n",
              CASE ":2: link-libraries takes library names as -l takes them (\"atomic\" for -latomic), not "
                   "\"-latomic\"");
  cleanup();
  parse_fails("// expect-tsan: none\n// link-libraries: /usr/lib/libatomic.so\nint x;\n",
              CASE ":2: link-libraries takes library names as -l takes them (\"atomic\" for -latomic), not "
                   "\"/usr/lib/libatomic.so\"");
  cleanup();
  parse_fails("// expect-tsan: none\n// link-libraries:\nint x;\n",
              CASE ":2: link-libraries names no library (link-libraries: atomic -- why the case needs it)");
  cleanup();
  parse_fails("// expect-tsan: none\nint x; // link-libraries: atomic\n",
              CASE ":2: link-libraries is about the whole program: put it on a line of its own");
}

/* An OpenMP case says how it is built and run: the team size (never the machine's), and the tool Archer. */
Test(markers, reads_uses_openmp) {
  parse_ok("// expect-tsan: none\n"
           "// uses-openmp: threads=3 tool=archer -- a team of three, ordered by Archer\n"
           "int x;\n");
  cr_assert_eq(spec.openmp_line, 2, "the marker's line, got %zu", spec.openmp_line);
  cr_assert_eq(spec.openmp_threads, 3, "threads=3, got %u", spec.openmp_threads);
  cr_assert(spec.openmp_archer, "tool=archer");
  cleanup();
  parse_ok("// expect-tsan: none\n//uses-openmp:\tthreads=2\nint x;\n");
  cr_assert_eq(spec.openmp_threads, 2, "threads=2, got %u", spec.openmp_threads);
  cr_assert(!spec.openmp_archer, "no tool unless asked");
  cleanup();
  parse_ok("// expect-tsan: none\nint x;\n");
  cr_assert_eq(spec.openmp_line, 0, "no uses-openmp marker: line 0, got %zu", spec.openmp_line);
}

Test(marker_errors, uses_openmp_needs_a_team_size_and_knows_one_tool) {
  parse_fails("// expect-tsan: none\n// uses-openmp: tool=archer\nint x;\n",
              CASE ":2: uses-openmp needs threads=N: the team size a run has must not depend on the machine");
  cleanup();
  parse_fails("// expect-tsan: none\n// uses-openmp: threads=0\nint x;\n",
              CASE ":2: uses-openmp: threads= takes the team size, 1 to 256, not \"0\"");
  cleanup();
  parse_fails("// expect-tsan: none\n// uses-openmp: threads=2x\nint x;\n",
              CASE ":2: uses-openmp: threads= takes the team size, 1 to 256, not \"2x\"");
  cleanup();
  parse_fails("// expect-tsan: none\n// uses-openmp: threads=2 threads=4\nint x;\n",
              CASE ":2: uses-openmp gives threads= twice");
  cleanup();
  parse_fails("// expect-tsan: none\n// uses-openmp: threads=2 tool=ompt-printf\nint x;\n",
              CASE ":2: uses-openmp: the only tool the harness loads is archer (LLVM's, for libomp), not "
                   "\"ompt-printf\"");
  cleanup();
  parse_fails("// expect-tsan: none\n// uses-openmp: threads=2 a team of two\nint x;\n",
              CASE ":2: uses-openmp takes threads=N and tool=archer, not \"a\"; did you mean \" -- \" before it? (a "
                   "note follows \" -- \") (uses-openmp: threads=2 tool=archer -- why)");
  cleanup();
  parse_fails("// expect-tsan: none\nint x; // uses-openmp: threads=2\n",
              CASE ":2: uses-openmp is about the whole program: put it on a line of its own");
  cleanup();
  parse_fails("// expect-tsan: none\n// uses-openmp: threads=2\n// uses-openmp: threads=4\nint x;\n",
              CASE ":3: a second uses-openmp marker (line 2 has one)");
  cleanup();
  /* Looks like the marker, is not it: refused like every other misspelt directive. */
  parse_fails("// expect-tsan: none\n// uses_openmp: threads=2\nint x;\n",
              CASE ":2: \"uses_openmp\" looks like a marker but is not one; did you mean \"uses-openmp\"? (markers are "
                   "spelt exactly so, in lower case)");
}

/* A case about a reason the harness cannot check a program names the words of that reason, and needs no expect-tsan
 * marker; the options it is linked with are only those known to leave TSan's view as it is. */
Test(markers, reads_expect_cannot_check_and_link_options) {
  parse_ok("// link-options: -static -- the reason\n"
           "// expect-cannot-check: is linked statically -- the harness's reason\n"
           "int x;\n");
  cr_assert_eq(spec.cannot_check_line, 2, "the marker's line, got %zu", spec.cannot_check_line);
  cr_assert_str_eq(STR_OR_NULL(spec.cannot_check_text), "is linked statically", "got %s",
                   STR_OR_NULL(spec.cannot_check_text));
  cr_assert_str_eq(STR_OR_NULL(spec.link_options), "-static", "got %s", STR_OR_NULL(spec.link_options));
  cleanup();
  parse_ok("// link-options: -no-pie -Wl,--section-start=.far=0x200000000000 -- the reason\n"
           "// expect-cannot-check: the TSan runtime failed -- the harness's reason\n"
           "int x;\n");
  cr_assert_str_eq(STR_OR_NULL(spec.link_options), "-no-pie -Wl,--section-start=.far=0x200000000000", "got %s",
                   STR_OR_NULL(spec.link_options));
  cr_assert_eq(spec.marker_count, 0, "no expect-tsan marker needed");
}

Test(marker_errors, expect_cannot_check_and_link_options_are_strict) {
  parse_fails("// expect-tsan: none\n// expect-cannot-check: is linked statically\nint x;\n",
              CASE ":1: an expect-tsan marker beside expect-cannot-check (line 2): the case expects the harness not to "
                   "check the program, so no report of TSan's plays a part");
  cleanup();
  parse_fails("// expect-cannot-check: static\nint x;\n",
              CASE ":1: expect-cannot-check takes the words the harness's reason must hold, at least 8 characters "
                   "(expect-cannot-check: is linked statically -- why), not \"static\"");
  cleanup();
  parse_fails("// expect-cannot-check: is linked statically\n// expect-cannot-check: is linked statically\nint x;\n",
              CASE ":2: a second expect-cannot-check marker (line 1 has one)");
  cleanup();
  parse_fails("// expect-tsan: none\n// link-options: -static -fno-sanitize=thread\nint x;\n",
              CASE ":2: link-options takes only the options the harness knows to leave TSan's view of the program as "
                   "it is (-static, -no-pie, -Wl,--section-start=SECTION=0xADDRESS), not \"-fno-sanitize=thread\"");
  cleanup();
  /* A section placed, but nothing else slipped to the linker through the same words. */
  parse_fails("// expect-tsan: none\n// link-options: -Wl,--section-start=.far=0x2000,-lfoo\nint x;\n",
              CASE ":2: link-options takes only the options the harness knows to leave TSan's view of the program as "
                   "it is (-static, -no-pie, -Wl,--section-start=SECTION=0xADDRESS), not "
                   "\"-Wl,--section-start=.far=0x2000,-lfoo\"");
  cleanup();
  parse_fails("// expect-tsan: none\n// link-options:\nint x;\n",
              CASE ":2: link-options names no option (link-options: -static -- why the case needs it)");
  cleanup();
  parse_fails("// expect-tsan: none\nint x; // link-options: -static\n",
              CASE ":2: link-options is about the whole program: put it on a line of its own");
}

Test(markers, reads_requires_tsan_with_its_reason) {
  parse_ok("// requires-tsan: clang>=18 -- the v3 runtime is needed\n"
           "// expect-tsan: none\n"
           "int x;\n");
  cr_assert_str_eq(STR_OR_NULL(spec.requires), "clang>=18", "got %s", STR_OR_NULL(spec.requires));
  cr_assert_str_eq(STR_OR_NULL(spec.requires_reason), "the v3 runtime is needed", "got %s",
                   STR_OR_NULL(spec.requires_reason));
  cr_assert_eq(spec.requires_line, 1, "requires-tsan is on line 1, got %zu", spec.requires_line);
}

/* ---- what is wrong, with its file:line ---- */

Test(marker_errors, rejects_a_case_without_markers) {
  parse_fails("int main(void) { return 0; }\n",
              CASE ":1: no expect-tsan marker: say what TSan should report (or '// expect-tsan: none')");
}

Test(marker_errors, rejects_an_unknown_kind) {
  parse_fails("int x;\nint y; // expect-tsan: data raze\n",
              CASE ":2: unknown kind \"data raze\" (not the start of any TSan headline); did you mean \"data race\"?; "
                   "valid kinds: none, data race, heap-use-after-free, thread leak, destroy of a locked mutex, double "
                   "lock of a mutex, use of an invalid mutex (e.g. uninitialized or destroyed), unlock of an unlocked "
                   "mutex (or by a wrong thread), read lock of a write locked mutex, read unlock of a write locked "
                   "mutex, signal-unsafe call inside of a signal, signal handler spoils errno, lock-order-inversion "
                   "(potential deadlock), race on external object, mutex held in the wrong context, data race on vptr "
                   "(ctor/dtor vs virtual call), heap-use-after-free (virtual call vs free)");
}

Test(marker_errors, rejects_a_marker_that_names_no_kind) {
  parse_fails("int x; // expect-tsan:\n", CASE ":1: marker names no kind (expected e.g. \"data race\" or \"none\")");
}

Test(marker_errors, rejects_none_mixed_with_another_kind) {
  parse_fails("// expect-tsan: none\n"
              "int x;\n"
              "int y; // expect-tsan: data race\n",
              CASE ":1: 'expect-tsan: none' mixed with 'data race' on line 3");
}

Test(marker_errors, rejects_none_mixed_with_a_qualified_kind) {
  parse_fails("// expect-tsan: none\n"
              "int x; // expect-tsan[gcc]: data race\n",
              CASE ":1: 'expect-tsan: none' mixed with 'data race' on line 2");
}

Test(marker_errors, rejects_a_trailing_none) {
  parse_fails("int x;\nint y; // expect-tsan: none\n",
              CASE ":2: 'expect-tsan: none' is about the whole program: put it on a line of its own");
}

Test(marker_errors, rejects_a_marker_after_the_last_line_of_code) {
  parse_fails("int x;\n"
              "// expect-tsan: data race\n"
              "\n"
              "// the end\n",
              CASE ":2: marker after the last line of code: it applies to no line");
}

Test(marker_errors, rejects_an_unknown_toolchain_selector) {
  parse_fails("int x; // expect-tsan[icc]: data race\n", CASE ":1: unknown toolchain selector \"icc\" " SELECTOR_HELP);
}

Test(marker_errors, rejects_a_selector_with_a_bad_version) {
  parse_fails("int x;\nint y; // expect-tsan[clang>=x]: data race\n",
              CASE ":2: unknown toolchain selector \"clang>=x\" " SELECTOR_HELP);
}

Test(marker_errors, rejects_an_unclosed_bracket) {
  parse_fails("int x;\nint y; // expect-tsan[gcc: data race\n",
              CASE ":2: unclosed '[' in the marker's toolchain selector");
}

Test(marker_errors, rejects_a_marker_without_a_colon) {
  parse_fails("int x;\n\nint y; // expect-tsan data race\n",
              CASE ":3: malformed marker: expected ':' after expect-tsan");
}

Test(marker_errors, rejects_a_selector_on_expect_output) {
  parse_fails("// expect-tsan: none\nint x;\n// expect-output[gcc]: hello\n",
              CASE ":3: only expect-tsan and expect-suppressed markers take a [toolchain] selector");
}

Test(marker_errors, rejects_an_empty_expect_output) {
  parse_fails("// expect-tsan: none\nint x;\n// expect-output:\n", CASE ":3: expect-output names no text");
}

Test(marker_errors, rejects_a_second_requires_tsan) {
  parse_fails("// requires-tsan: clang\n// requires-tsan: gcc\n// expect-tsan: none\nint x;\n",
              CASE ":2: a second requires-tsan marker (line 1 has one)");
}

Test(marker_errors, rejects_a_bad_requires_tsan_selector) {
  parse_fails("// requires-tsan: msvc\n// expect-tsan: none\nint x;\n",
              CASE ":1: unknown toolchain selector \"msvc\" " SELECTOR_HELP);
}

Test(marker_errors, rejects_text_holding_nul_bytes) {
  static const char text[] = "int x; // expect-tsan: data race\n\0\0\0";
  int status = case_spec_parse(CASE, text, sizeof text - 1, &spec, &error);
  cr_assert_eq(status, -1, "NUL bytes mean this is no C file");
  cr_assert_str_eq(STR_OR_NULL(error), CASE ":1: not a text file (it holds NUL bytes)", "got %s", STR_OR_NULL(error));
}

/* ---- the file as the compiler reads it (issue 12, item 3) ---- */

Test(marker_reading, reads_markers_after_a_line_comment_that_a_backslash_continues) {
  /* Line 3 belongs to line 2's comment, so its slash-star opens no block comment. */
  parse_ok("int x;\n"                                /* 1 */
           "// this comment goes on \\\n"            /* 2 */
           "/* and this is still the same comment\n" /* 3 */
           "int y; // expect-tsan: data race\n");    /* 4 */
  assert_only_marker_line(4, "the marker on line 4 is read");
}

Test(marker_reading, treats_the_line_a_comment_is_continued_onto_as_comment) {
  parse_ok("// expect-tsan: data race\n" /* 1 */
           "// a note \\\n"              /* 2 */
           "int not_code;\n"             /* 3: the compiler reads it as the end of line 2's comment */
           "int x;\n");                  /* 4 */
  assert_only_marker_line(4, "the standalone marker applies to line 4");
}

Test(marker_reading, reads_past_a_string_that_a_backslash_continues) {
  parse_ok("const char *s = \"abc\\\n"            /* 1 */
           "/* still the string\";\n"             /* 2 */
           "int y; // expect-tsan: data race\n"); /* 3 */
  assert_only_marker_line(3, "the slash-star inside the string opens nothing");
}

Test(marker_reading, reads_a_marker_whose_name_a_backslash_splits) {
  parse_ok("int x; // expect-ts\\\n"
           "an: data race\n");
  cr_assert_str_eq(only_marker()->kind, "data race", "the spliced name reads expect-tsan, got %s", only_marker()->kind);
  assert_only_marker_line(1, "the marker trails line 1");
  cr_assert_eq(only_marker()->comment_line, 1, "the comment opens on line 1, got %zu", only_marker()->comment_line);
}

Test(marker_reading, splices_a_backslash_followed_by_blanks_as_gcc_and_clang_do) {
  parse_ok("// expect-tsan: data race\n"
           "// a note \\  \t\n"
           "int not_code;\n"
           "int x;\n");
  assert_only_marker_line(4, "blanks between backslash and line end still splice");
}

Test(marker_reading, ends_a_block_comment_whose_end_a_backslash_splits) {
  parse_ok("/* a comment *\\\n"                     /* 1 */
           "/ int x; // expect-tsan: data race\n"); /* 2 */
  assert_only_marker_line(2, "the comment ends at line 2's slash");
}

Test(marker_reading, keeps_character_literals_from_opening_strings_or_comments) {
  parse_ok("char q = '\"', s = '/', t = '*', u = '\\'';\n"
           "int x; // expect-tsan: data race\n");
  assert_only_marker_line(2, "the quote inside ' ' opens no string");
}

Test(marker_reading, reads_c23_digit_separators_as_part_of_a_number) {
  /* Under C23 (-std=c23, gnu23, c2x): the dialect says so (principles/p02_compiler_lines.c has the other readings). */
  struct c_dialect c23 = {FEATURE_OFF, FEATURE_ON, FEATURE_OFF};
  const char *text = "long n = 1'000'000; int m = 0x1'F; // expect-tsan: data race\n"
                     "char c = u'x'; // expect-tsan: heap-use-after-free\n";
  int status = case_spec_parse_as(CASE, text, strlen(text), &c23, &spec, &error);
  cr_assert_eq(status, 0, "the case should parse, got: %s", STR_OR_NULL(error));
  cr_assert_eq(spec.marker_count, 2, "both markers are read, got %zu", spec.marker_count);
  cr_assert_eq(spec.markers[0].line, 1, "the first on line 1, got %zu", spec.markers[0].line);
  cr_assert_eq(spec.markers[1].line, 2, "u'x' is still a character literal: line 2, got %zu", spec.markers[1].line);
}

Test(marker_reading, counts_crlf_line_endings_as_one_line) {
  parse_ok("int x;\r\n"
           "// expect-tsan: data race\r\n"
           "// a note \\\r\n"
           "int not_code;\r\n"
           "int y; // expect-tsan[gcc]: data race\r\n");
  cr_assert_eq(spec.marker_count, 2, "two markers, got %zu", spec.marker_count);
  cr_assert_eq(spec.markers[0].line, 5, "a splice before CR LF works too: line 5, got %zu", spec.markers[0].line);
  cr_assert_str_eq(spec.markers[1].kind, "data race", "no CR in the kind, got \"%s\"", spec.markers[1].kind);
}

Test(marker_reading, counts_a_lone_cr_as_a_line_end) {
  parse_ok("int x;\r"
           "// expect-tsan: data race\r"
           "int y;\r");
  assert_only_marker_line(3, "CR ends lines as gcc and clang read it");
  cr_assert_eq(only_marker()->comment_line, 2, "the comment is on line 2, got %zu", only_marker()->comment_line);
}

Test(marker_reading, skips_a_utf8_byte_order_mark) {
  parse_ok("\xEF\xBB\xBF// expect-tsan: none\n"
           "int main(void) { return 0; }\n");
  cr_assert_str_eq(only_marker()->kind, "none", "the marker on line 1 stands alone, got %s", only_marker()->kind);
}

Test(marker_reading, reads_a_tab_or_several_blanks_after_the_slashes) {
  parse_ok("int x; //\texpect-tsan: data race\n"
           "int y; //   \t expect-tsan[gcc] : data race\n");
  cr_assert_eq(spec.marker_count, 2, "both markers are read, got %zu", spec.marker_count);
  cr_assert_eq(spec.markers[1].line, 2, "the second on line 2, got %zu", spec.markers[1].line);
}

Test(marker_reading, keeps_physical_line_numbers_after_spliced_code) {
  parse_ok("int a = 1 + \\\n"
           "  2;\n"
           "// expect-tsan: data race\n"
           "int b;\n");
  assert_only_marker_line(4, "line 4 as the compiler reports it");
}

Test(marker_reading, rejects_an_unterminated_block_comment) {
  parse_fails("int x; // expect-tsan: data race\n"
              "/* never closed\n",
              CASE ":2: unterminated /* comment");
}

/* ---- what looks like a marker but is not one ---- */

Test(marker_lookalikes, rejects_a_marker_in_a_block_comment) {
  parse_fails("int x; // expect-tsan: data race\n"
              "int y; /* expect-tsan: data race */\n",
              CASE ":2: \"expect-tsan\" in a /* */ comment is not read as a marker: markers are // comments");
}

Test(marker_lookalikes, rejects_a_marker_on_a_line_of_a_block_comment) {
  parse_fails("/*\n"
              " * requires-tsan: clang>=18\n"
              " */\n"
              "int x; // expect-tsan: data race\n",
              CASE ":2: \"requires-tsan\" in a /* */ comment is not read as a marker: markers are // comments");
}

Test(marker_lookalikes, rejects_an_underscore_for_the_dash) {
  parse_fails("int x; // expect-tsan: data race\n"
              "int y; // expect_tsan: data race\n",
              CASE ":2: \"expect_tsan\" looks like a marker but is not one; did you mean \"expect-tsan\"? (markers "
                   "are spelt exactly so, in lower case)");
}

Test(marker_lookalikes, rejects_another_case) {
  parse_fails("int x; // Expect-TSan: data race\n",
              CASE ":1: \"Expect-TSan\" looks like a marker but is not one; did you mean \"expect-tsan\"? (markers "
                   "are spelt exactly so, in lower case)");
}

Test(marker_lookalikes, rejects_a_misspelt_directive) {
  parse_fails("int x; // expect-tsna: data race\n",
              CASE ":1: \"expect-tsna\" looks like a marker but is not one; did you mean \"expect-tsan\"? (markers "
                   "are spelt exactly so, in lower case)");
}

Test(marker_lookalikes, rejects_misspellings_of_every_directive) {
  static const struct {
    const char *text, *word, *meant;
  } cases[] = {
      {"// expect-outptu: hello\n", "expect-outptu", "expect-output"},
      {"// tsan_options: history_size=0\n", "tsan_options", "tsan-options"},
      {"// Requires-TSan: clang\n", "Requires-TSan", "requires-tsan"},
      {"// expect_bug: data race\n", "expect_bug", "expect-bug"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *text = xprintf("// expect-tsan: none\nint x;\n%s", cases[i].text);
    char *expected = xprintf(CASE ":3: \"%s\" looks like a marker but is not one; did you mean \"%s\"? (markers are "
                                  "spelt exactly so, in lower case)",
                             cases[i].word, cases[i].meant);
    parse_fails(text, expected);
    cleanup();
    free(text);
    free(expected);
  }
}

Test(marker_lookalikes, rejects_a_marker_that_does_not_open_its_comment) {
  parse_fails("int x; // expect-tsan: data race\n"
              "int y; // see expect-tsan: data race\n",
              CASE ":2: \"expect-tsan\" inside a // comment is not read as a marker: a marker must open its own // "
                   "comment");
}

Test(marker_lookalikes, rejects_a_marker_on_a_line_that_a_comment_is_continued_onto) {
  parse_fails("int x; // a note \\\n"
              "// expect-tsan: data race\n",
              CASE ":2: \"expect-tsan\" inside a // comment is not read as a marker: a marker must open its own // "
                   "comment");
}

Test(marker_lookalikes, rejects_a_marker_on_a_line_that_a_marker_is_continued_onto) {
  parse_fails("int x; // expect-tsan: data race -- the first \\\n"
              "// expect-tsan: heap-use-after-free\n",
              CASE ":2: \"expect-tsan\" inside a // comment is not read as a marker: a marker must open its own // "
                   "comment");
}

Test(marker_lookalikes, hints_at_the_dashes_a_note_lacks) {
  parse_fails("int x; // expect-tsan: data race false positive: fences\n",
              CASE ":1: unknown kind \"data race false positive: fences\"; did you mean \"data race -- false "
                   "positive: fences\"? (a note follows \" -- \")");
}

Test(marker_lookalikes, hints_at_the_dashes_after_none) {
  parse_fails("// expect-tsan: none - misses: the race is not instrumented\nint x;\n",
              CASE ":1: unknown kind \"none - misses: the race is not instrumented\"; did you mean \"none -- misses: "
                   "the race is not instrumented\"? (a note follows \" -- \")");
}

Test(marker_lookalikes, gives_no_dashes_hint_for_a_kind_that_is_only_misspelt) {
  parse_fails_listing_kinds("int x; // expect-tsan: data racy\n",
                            CASE ":1: unknown kind \"data racy\" (not the start of any TSan headline); did you mean "
                                 "\"data race\"?");
}

Test(marker_lookalikes, hints_at_the_dashes_in_tsan_options_and_requires_tsan) {
  parse_fails("// expect-tsan: none\nint x;\n// tsan-options: history_size=0 the history is short\n",
              CASE ":3: tsan-options item \"the\" is not NAME=VALUE; did you mean \" -- \" before \"the history is "
                   "short\"? (a note follows \" -- \")");
  cleanup();
  parse_fails("// requires-tsan: clang>=18 the v3 runtime\n// expect-tsan: none\nint x;\n",
              CASE ":1: unknown toolchain selector \"clang>=18 the v3 runtime\" " SELECTOR_HELP
                   "; did you mean \"clang>=18 -- the v3 runtime\"? (a note follows \" -- \")");
}

Test(marker_lookalikes, accepts_prose_that_names_a_directive_without_a_colon) {
  parse_ok("/* TSAN_OPTIONS history_size=0 shortens the history; expect-tsan markers are below. */\n"
           "int x; // the expect-tsan marker is on the next line\n"
           "int y; // expect-tsan: data race\n");
  assert_only_marker_line(3, "prose without a colon is no marker");
}

Test(marker_lookalikes, ignores_marker_text_inside_string_literals) {
  parse_ok("const char *s = \"/* expect-tsan: data race */ // expect_tsan: none\";\n"
           "int y; // expect-tsan: data race\n");
  assert_only_marker_line(2, "text in a string is no comment");
}

/* ---- optimization levels and overlapping selectors (issue 12, item 3) ---- */

Test(markers, reads_a_level_qualified_marker) {
  parse_ok("int x; // expect-tsan[gcc,O1]: data race\n");
  struct toolchain gcc = toolchain_of("gcc-12");
  gcc.opt_level = OPT_O1;
  cr_assert(marker_applies(only_marker(), &gcc), "[gcc,O1] applies to gcc-12 at -O1");
  gcc.opt_level = OPT_O2;
  cr_assert(!marker_applies(only_marker(), &gcc), "[gcc,O1] does not apply to gcc-12 at -O2");
  cr_assert_eq(spec_level_marker(&spec), only_marker(), "the spec knows it has a level-qualified marker");
}

Test(markers, allows_none_and_a_report_on_disjoint_versions_and_levels) {
  parse_ok("// expect-tsan[clang<14]: none\n"
           "// expect-tsan[gcc,O1]: none\n"
           "int x; // expect-tsan[clang>=14]: data race\n"
           "int y; // expect-tsan[gcc,O0,O2,O3,Os,Oz,Ofast,Og]: data race\n");
  cr_assert_eq(spec.marker_count, 4, "four markers, got %zu", spec.marker_count);
  cr_assert_eq(spec_level_marker(&spec), &spec.markers[1], "the first level-qualified marker is line 2's");
}

Test(marker_errors, rejects_none_mixed_with_an_overlapping_selector_written_differently) {
  parse_fails("// expect-tsan[clang]: none\n"
              "int x; // expect-tsan[clang>=14]: data race\n",
              CASE ":1: 'expect-tsan: none' mixed with 'data race' on line 2 (both apply to clang-14 at -O0)");
}

Test(marker_errors, rejects_none_mixed_with_a_kind_at_a_shared_level) {
  parse_fails("// expect-tsan[gcc,O1]: none\n"
              "int x; // expect-tsan[gcc>=12]: data race\n",
              CASE ":1: 'expect-tsan: none' mixed with 'data race' on line 2 (both apply to gcc-12 at -O1)");
}

Test(marker_errors, rejects_a_level_in_requires_tsan) {
  parse_fails("// requires-tsan: clang,O1\n// expect-tsan: none\nint x;\n",
              CASE ":1: requires-tsan names toolchains, not optimization levels (qualify expect-tsan markers with "
                   "the level instead)");
}

/* ---- ground truth markers (issue 17, item 1) ---- */

Test(markers, reads_expect_bug_markers_apart_from_expect_tsan) {
  parse_ok("// expect-tsan: none -- misses: the race is not instrumented\n" /* 1 */
           "int x;\n"                                                       /* 2 */
           "// expect-bug: data race -- a plain write in two threads\n"     /* 3 */
           "void f(void) { x = 1; }\n"                                      /* 4 */
           "void g(void) { x = 2; } // expect-bug: data race\n");           /* 5 */
  cr_assert_eq(spec.marker_count, 1, "expect-bug markers are not expect-tsan markers, got %zu", spec.marker_count);
  cr_assert_eq(spec.bug_count, 2, "two expect-bug markers, got %zu", spec.bug_count);
  cr_assert_eq(spec.bugs[0].line, 4, "a standalone expect-bug applies to the next code line, got %zu",
               spec.bugs[0].line);
  cr_assert_str_eq(STR_OR_NULL(spec.bugs[0].note), "a plain write in two threads", "got %s",
                   STR_OR_NULL(spec.bugs[0].note));
  cr_assert_eq(spec.bugs[1].line, 5, "a trailing one is about its own line, got %zu", spec.bugs[1].line);
}

Test(markers, reads_an_atomicity_violation_as_a_bug_kind) {
  parse_ok("// expect-tsan: none -- misses: each step is atomic\nint x; // expect-bug: atomicity violation\n");
  cr_assert_str_eq(spec.bugs[0].kind, "atomicity violation", "got %s", spec.bugs[0].kind);
}

Test(markers, reads_an_unchecked_wakeup_as_a_bug_kind) {
  parse_ok(
      "// expect-tsan: none -- misses: no data race\nint x; // expect-bug: unchecked wakeup -- `if`, not `while`\n");
  cr_assert_str_eq(spec.bugs[0].kind, "unchecked wakeup", "got %s", spec.bugs[0].kind);
}

Test(markers, reads_a_deadlock_as_a_bug_kind) {
  parse_ok("// expect-tsan: none -- misses: a join is no mutex\nint x; // expect-bug: deadlock -- join under lock\n");
  cr_assert_str_eq(spec.bugs[0].kind, "deadlock", "got %s", spec.bugs[0].kind);
}

Test(markers, reads_a_wrong_deadline_as_a_bug_kind) {
  parse_ok("// expect-tsan: none -- misses: no data race\nint x; // expect-bug: wrong deadline -- a relative time\n");
  cr_assert_str_eq(spec.bugs[0].kind, "wrong deadline", "got %s", spec.bugs[0].kind);
}

Test(markers, reads_a_double_free_as_a_bug_kind) {
  parse_ok("// expect-tsan: none -- misses: free does not check\nint x; // expect-bug: double free -- freed twice\n");
  cr_assert_str_eq(spec.bugs[0].kind, "double free", "got %s", spec.bugs[0].kind);
}

Test(marker_errors, rejects_expect_bug_with_a_selector) {
  parse_fails("// expect-tsan: none\nint x; // expect-bug[gcc]: data race\n",
              CASE ":2: only expect-tsan and expect-suppressed markers take a [toolchain] selector (expect-bug states "
                   "the truth, the same "
                   "for every toolchain)");
}

Test(marker_errors, rejects_a_trailing_expect_bug_none) {
  parse_fails("// expect-tsan: none\nint x; // expect-bug: none\n",
              CASE ":2: 'expect-bug: none' is about the whole program: put it on a line of its own");
}

Test(marker_errors, rejects_expect_bug_none_mixed_with_a_bug) {
  parse_fails("// expect-tsan: none\n// expect-bug: none\nint x; // expect-bug: data race\n",
              CASE ":2: 'expect-bug: none' says the program is correct, yet line 3 states a data race");
}

Test(marker_errors, rejects_an_atomicity_violation_as_an_expect_tsan_kind) {
  parse_fails_listing_kinds("int x; // expect-tsan: atomicity violation\n",
                            CASE ":1: unknown kind \"atomicity violation\" (not the start of any TSan headline)");
}

/* ---- files ---- */

/* A temporary case file holding `length` bytes of `text`; the caller unlinks and frees the path. */
static char *temp_case(const char *text, size_t length) {
  const char *tmp = getenv("TMPDIR");
  char *path = xprintf("%s/harness-markers-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  int fd = mkstemp(path);
  cr_assert_geq(fd, 0, "mkstemp %s: %s", path, strerror(errno));
  cr_assert_eq(write(fd, text, length), (ssize_t)length, "cannot write %s", path);
  close(fd);
  return path;
}

Test(marker_files, reads_markers_from_a_file) {
  static const char text[] = "int x;\n// expect-tsan: data race\nint y;\n";
  char *path = temp_case(text, sizeof text - 1);
  int status = case_spec_read(path, &spec, &error);
  unlink(path);
  cr_assert_eq(status, 0, "the file should parse, got %s", STR_OR_NULL(error));
  assert_only_marker_line(3, "the marker applies to line 3");
  cr_assert_str_eq(spec.path, path, "the spec keeps the file's path");
  free(path);
}

Test(marker_files, names_the_file_in_errors_from_a_file) {
  static const char text[] = "int x; // expect-tsan: datarace\n";
  char *path = temp_case(text, sizeof text - 1);
  int status = case_spec_read(path, &spec, &error);
  unlink(path);
  cr_assert_eq(status, -1, "an unknown kind is an error");
  char *expected = xprintf("%s:1: unknown kind \"datarace\" (not the start of any TSan headline); did you mean", path);
  cr_assert(error && starts_with(error, expected), "got %s", STR_OR_NULL(error));
  free(expected);
  free(path);
}

Test(marker_files, rejects_a_file_holding_nul_bytes) {
  static const char text[] = "int x; // expect-tsan: data race\n\0ELF";
  char *path = temp_case(text, sizeof text - 1);
  int status = case_spec_read(path, &spec, &error);
  unlink(path);
  cr_assert_eq(status, -1, "a binary file is no case");
  char *expected = xprintf("%s:1: not a text file (it holds NUL bytes)", path);
  cr_assert_str_eq(STR_OR_NULL(error), expected, "got %s", STR_OR_NULL(error));
  free(expected);
  free(path);
}

Test(marker_files, says_why_a_missing_file_cannot_be_read) {
  int status = case_spec_read("/nonexistent/case.c", &spec, &error);
  cr_assert_eq(status, -1, "a missing file is an error");
  cr_assert_str_eq(STR_OR_NULL(error), "/nonexistent/case.c:1: cannot read the case: No such file or directory",
                   "got %s", STR_OR_NULL(error));
}

Test(marker_files, says_why_a_folder_cannot_be_read) {
  char *folder = make_scratch_dir();
  int status = case_spec_read(folder, &spec, &error);
  cr_assert_eq(status, -1, "a folder is no case");
  char *expected = xprintf("%s:1: cannot read the case: Is a directory", folder);
  cr_assert_str_eq(STR_OR_NULL(error), expected, "got %s", STR_OR_NULL(error));
  free(expected);
  remove_scratch_dir(folder);
}

Test(marker_files, rejects_a_file_larger_than_16_mib) {
  size_t length = 16 * 1024 * 1024 + 1;
  char *text = xmalloc(length);
  memset(text, ' ', length);
  memcpy(text, "int x; // expect-tsan: data race\n", strlen("int x; // expect-tsan: data race\n"));
  char *path = temp_case(text, length);
  free(text);
  int status = case_spec_read(path, &spec, &error);
  unlink(path);
  cr_assert_eq(status, -1, "a 16 MiB + 1 byte file is no case");
  char *expected = xprintf("%s:1: the case is larger than 16 MiB; not a case file?", path);
  cr_assert_str_eq(STR_OR_NULL(error), expected, "got %s", STR_OR_NULL(error));
  cr_assert_str_eq(STR_OR_NULL(spec.path), path, "the spec still names the file");
  free(expected);
  free(path);
}

Test(marker_files, rejects_a_fifo_without_waiting_for_a_writer, .timeout = 10) {
  char *folder = make_scratch_dir();
  char *path = xprintf("%s/case.c", folder);
  cr_assert_eq(mkfifo(path, 0600), 0, "mkfifo %s: %s", path, strerror(errno));
  int status = case_spec_read(path, &spec, &error);
  cr_assert_eq(status, -1, "a FIFO is no case");
  char *expected = xprintf("%s:1: cannot read the case: not a regular file (a FIFO, a device or a socket)", path);
  cr_assert_str_eq(STR_OR_NULL(error), expected, "got %s", STR_OR_NULL(error));
  free(expected);
  free(path);
  remove_scratch_dir(folder);
}

Test(marker_files, says_why_a_file_without_read_permission_cannot_be_read) {
  static const char text[] = "int x; // expect-tsan: data race\n";
  char *path = temp_case(text, sizeof text - 1);
  cr_assert_eq(chmod(path, 0), 0, "chmod 000 %s: %s", path, strerror(errno));
  /* root reads any file: drop to nobody's effective uid for the read (the saved uid lets it come back). */
  bool was_root = geteuid() == 0;
  if (was_root && seteuid(65534) != 0) {
    unlink(path);
    cr_skip_test("running as root, and cannot take nobody's uid to lose root's reading rights: %s", strerror(errno));
  }
  int status = case_spec_read(path, &spec, &error);
  if (was_root)
    cr_assert_eq(seteuid(0), 0, "cannot take root's uid back: %s", strerror(errno));
  unlink(path);
  cr_assert_eq(status, -1, "an unreadable file is an error");
  char *expected = xprintf("%s:1: cannot read the case: Permission denied", path);
  cr_assert_str_eq(STR_OR_NULL(error), expected, "got %s", STR_OR_NULL(error));
  free(expected);
  free(path);
}

Test(marker_files, reads_every_fuzz_regression_without_reading_past_it) {
  /* The parser's crashers, fed to the marker reader too: their buffers end exactly where the input does, so the
   * address,undefined build (preset asan) fails here on any read past an unterminated line. */
  struct raw_input *inputs;
  size_t count = read_fuzz_regressions(&inputs);
  for (size_t i = 0; i < count; i++) {
    int status = case_spec_parse(CASE, inputs[i].bytes, inputs[i].length, &spec, &error);
    if (status != 0)
      cr_assert(starts_with(STR_OR_NULL(error), CASE ":"), "%s: an error names the file and line, got %s",
                inputs[i].name, STR_OR_NULL(error));
    case_spec_free(&spec);
    free(error);
    error = NULL;
  }
  free_raw_inputs(inputs, count);
}

Test(marker_errors, rejects_a_line_directive_that_renumbers_the_lines_tsan_reports) {
  parse_fails("// expect-tsan: none\nint x;\n#line 15\nint y;\n", CASE
              ":3: a #line directive renumbers the lines TSan reports, and markers are about the file's own lines: "
              "remove it");
  free(error);
  error = NULL;
  case_spec_free(&spec);
  parse_fails("// expect-tsan: none\n  #  line 7 \"other.c\"\nint y;\n", CASE
              ":2: a #line directive renumbers the lines TSan reports, and markers are about the file's own lines: "
              "remove it");
  free(error);
  error = NULL;
  case_spec_free(&spec);
  parse_fails("// expect-tsan: none\n# 9 \"other.c\"\nint y;\n", CASE
              ":2: a #line directive renumbers the lines TSan reports, and markers are about the file's own lines: "
              "remove it");
}

Test(marker_reading, accepts_other_directives_and_hashes) {
  parse_ok("#include <stdio.h>\n#define LINE 3\n#if LINE\n#endif\n#pragma lines\nint x; // expect-tsan: data race\n");
}

/* source_holds_marker skips the C reading of a file whose text (splices removed) names no directive; every answer
 * must still be the full reader's. */
Test(marker_files, tells_which_sources_hold_markers_as_the_full_reader_does) {
  static const struct {
    const char *text;
    int holds;
  } sources[] = {
      {"#include <stdio.h>\nint x;\n", 0},
      {"int x; // expect-tsan: data race\n", 1},
      {"// expect-\\\ntsan: data race\nint x;\n", 1},      /* the name spliced across two lines */
      {"// exp\\  \t\r\nect-bug: data race\nint x;\n", 1}, /* blanks and CR LF after the backslash */
      {"#define M(a) \\\n  (a) /* tsan-options */\n", 0},  /* the name, but in no marker */
      {"const char *s = \"// expect-tsan: none\";\n", 0},  /* the name, in a string */
      {"// link-libraries: m\nint x;\n", 1},
      {"// requires-tsan: clang\nint x;\n", 1},
      {"/* a \\\n comment */ int y; // tsan-hides: fibers -- why\n", 1},
  };
  char *scratch = make_scratch_dir();
  for (size_t i = 0; i < sizeof sources / sizeof *sources; i++) {
    char *path = xprintf("%s/source%zu.h", scratch, i);
    write_file_or_fail(path, sources[i].text, strlen(sources[i].text));
    size_t *lines = NULL;
    struct c_dialect unknown = c_dialect_unknown();
    int full = marker_comment_lines(sources[i].text, strlen(sources[i].text), &unknown, &lines) > 0;
    free(lines);
    cr_assert_eq(full, sources[i].holds, "source %zu: the full reader says %d", i, full);
    cr_assert_eq(source_holds_marker(path, &error), sources[i].holds, "source %zu: %s", i, sources[i].text);
    free(path);
  }
  remove_scratch_dir(scratch);
}

/* A source the program's DWARF names is a marker file when anything in it reads as a marker in some dialect, or
 * looks like one: read with the program's flags, the reader then refuses what differs between readings, or names the
 * look-alike. Before, each of these was left unread and its program could be met (blind round 6, 13-19, 46-48). */
Test(marker_files, finds_markers_that_show_in_one_dialect_and_look_alikes) {
  static const char *const sources[] = {
      "const char *s = \"?\?/\"\" // expect-tsan: data race\";\nint x;\n",  /* a marker only with trigraphs */
      "#define M(a) 0\nint y = M(1'2 // expect-tsan: data race'\n);\n",     /* only with C23's digit separators */
      "int x; // expect_tsan: data race\n",                                 /* a look-alike, '_' for '-' */
      "int x; /* expect-tsan: data race */\n",                              /* a marker in a block comment */
      "int x; // \302\240expect-tsan: data race\n",                         /* a no-break space before it */
      "int x; // expect\xe2\x80\x8b-tsan: data race\n",                     /* a zero-width space inside it */
      "int x; // exepct-tsna: data race\n",                                 /* two slips, no stem left */
      "#define M(a) 0\nint y = M(1\\\n'2 // expect-tsan: data race'\n);\n", /* a separator after a splice */
      "#define M(a) 0\nint y = M(0xa'b // expect-tsan: data race'\n);\n",   /* after a hex digit that is a letter */
      "const char *s = R\\\n\"(\" )\" // expect-tsan: data race\n;\n",      /* a raw string behind a splice */
  };
  char *scratch = make_scratch_dir();
  for (size_t i = 0; i < sizeof sources / sizeof *sources; i++) {
    char *path = xprintf("%s/other%zu.c", scratch, i);
    write_file_or_fail(path, sources[i], strlen(sources[i]));
    cr_assert_eq(source_holds_marker(path, &error), 1, "source %zu is not taken for a marker file: %s", i, sources[i]);
    free(path);
  }
  remove_scratch_dir(scratch);
}
