/* p02_compiler_lines.c: principle 2 of docs/HOSTILE.md, "ask the compiler, not a regex". The marker reader reads a
 * case the way its compiler does under the case's own flags (directives in every spelling, trigraphs, C23 digit
 * separators, raw strings, Unicode look-alikes), and the compiler's own line map (its -E -C output, the binary's
 * DWARF line table) must map the case onto exactly its own lines, with the same marker comments on them. */
#include "base/util.h"
#include "binary/dwarfinfo.h"
#include "check/reading_record.h"
#include "check/verify.h"
#include "proof/program_sources.h"
#include "source/dialect.h"
#include "source/linemap.h"
#include "source/markers.h"
#include "support.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STR_OR_NULL(s) ((s) ? (s) : "(null)")
#define CASE "/cases/demo/case.c"

static struct case_spec spec;
static char *error;
static struct case_result result;
static char *scratch;

static void cleanup(void) {
  case_spec_free(&spec);
  free(error);
  error = NULL;
  case_result_free(&result);
  remove_scratch_dir(scratch);
  scratch = NULL;
}

TestSuite(reader_spellings, .fini = cleanup);
TestSuite(reader_dialect, .fini = cleanup);
TestSuite(reader_lookalikes, .fini = cleanup);
TestSuite(compiler_reading, .init = unset_user_environment, .fini = cleanup, .timeout = 120);
TestSuite(unicode_library, .init = unset_user_environment, .fini = cleanup, .timeout = 120);

static const struct c_dialect gnu17 = {FEATURE_OFF, FEATURE_OFF, FEATURE_OFF};

static int parse_as(const char *text, const struct c_dialect *dialect) {
  case_spec_free(&spec);
  free(error);
  error = NULL;
  return case_spec_parse_as(CASE, text, strlen(text), dialect, &spec, &error);
}

static void assert_rejected(const char *text, const struct c_dialect *dialect, const char *expected) {
  int status = parse_as(text, dialect);
  cr_assert_eq(status, -1, "should be rejected (%s): %s", expected, text);
  cr_assert(contains(error, expected), "wrong error for %s: %s (expected %s)", text, error, expected);
}

/* ---- the reader: every spelling of a directive ---- */

Test(reader_spellings, refuses_a_line_directive_in_every_spelling) {
  static const char *const spellings[] = {
      "%:line 9\n",       /* the digraph */
      "# /* */ line 9\n", /* a comment between # and the name */
      "#\\\nline 9\n",    /* a line splice */
      "  %:  9\n",        /* the linemarker form, digraph */
      "/* c */ # line 9\n",
  };
  for (size_t i = 0; i < sizeof spellings / sizeof *spellings; i++) {
    char *text = xprintf("int x; // expect-tsan: data race\n%sint y;\n", spellings[i]);
    assert_rejected(text, &gnu17, ":2: a #line directive renumbers the lines TSan reports");
    free(text);
  }
  const struct c_dialect c99 = {FEATURE_ON, FEATURE_OFF, FEATURE_OFF};
  assert_rejected("int x; // expect-tsan: data race\n?\?=line 9\nint y;\n", &c99,
                  ":2: a #line directive renumbers the lines TSan reports");
}

Test(reader_spellings, applies_a_standalone_marker_above_a_directive_to_the_next_line_of_code) {
  cr_assert_eq(parse_as("// expect-tsan: data race\n#define VALUE 1\n%:if VALUE\n#endif\nint x = VALUE;\n", &gnu17), 0,
               "%s", STR_OR_NULL(error));
  cr_assert_eq(spec.marker_count, 1);
  cr_assert_eq(spec.markers[0].line, 5, "the directives are no code TSan reports: line 5, got %zu",
               spec.markers[0].line);
}

Test(reader_spellings, refuses_a_marker_on_a_directive_line) {
  assert_rejected("#define BUMP(x) x++ // expect-tsan: data race\nint y;\n", &gnu17,
                  ":1: a marker on the line of a preprocessing directive (line 1) applies to no code");
}

/* ---- the reader: the dialect in force ---- */

static const char separator_text[] = "int x = 1'0; // expect-tsan: data race\nint y; // expect-tsan: data race\n";

Test(reader_dialect, reads_a_quote_after_a_digit_by_the_standard_in_force) {
  const struct c_dialect c23 = {FEATURE_OFF, FEATURE_ON, FEATURE_OFF};
  cr_assert_eq(parse_as(separator_text, &c23), 0, "%s", STR_OR_NULL(error));
  cr_assert_eq(spec.marker_count, 2, "under C23, 1'0 is a number and line 1 holds a marker");
  cr_assert_eq(parse_as(separator_text, &gnu17), 0, "%s", STR_OR_NULL(error));
  cr_assert_eq(spec.marker_count, 1, "before C23, '0; ... ' is a character literal: no marker on line 1");
  cr_assert_eq(spec.markers[0].line, 2);
  struct c_dialect unknown = c_dialect_unknown();
  assert_rejected(separator_text, &unknown, ":1: this line reads differently with and without C23 digit separators");
}

static const char raw_text[] = "const char *s = R\"x(\")x\"; // expect-tsan: data race\nint y;\n";

Test(reader_dialect, reads_a_raw_string_by_the_dialect_in_force) {
  const struct c_dialect gnu_raw = {FEATURE_OFF, FEATURE_OFF, FEATURE_ON};
  cr_assert_eq(parse_as(raw_text, &gnu_raw), 0, "%s", STR_OR_NULL(error));
  cr_assert_eq(spec.marker_count, 1, "with raw strings, R\"x(\")x\" ends before the marker");
  assert_rejected(raw_text, &gnu17, ":1: no expect-tsan marker"); /* without: a string runs to the line end */
  struct c_dialect unknown = c_dialect_unknown();
  assert_rejected(raw_text, &unknown, ":1: this line reads differently with and without raw strings");
}

static const char trigraph_text[] = "int x; // the path ends in ?\?/\nint y; // expect-tsan: data race\n";

Test(reader_dialect, reads_trigraphs_when_the_standard_enables_them) {
  const struct c_dialect c99 = {FEATURE_ON, FEATURE_OFF, FEATURE_OFF};
  /* ??/ is a backslash under -std=c99: the comment goes on over line 2, whose marker the compiler never sees. */
  assert_rejected(trigraph_text, &c99, ":2: \"expect-tsan\" inside a // comment is not read as a marker");
  cr_assert_eq(parse_as(trigraph_text, &gnu17), 0, "%s", STR_OR_NULL(error));
  struct c_dialect unknown = c_dialect_unknown();
  assert_rejected(trigraph_text, &unknown, ":2: this line reads differently with and without trigraphs");
}

Test(reader_dialect, asks_the_compiler_how_it_reads_each_feature) {
  scratch = make_scratch_dir();
  struct {
    const char *compiler, *std;
    enum dialect_feature trigraphs, separators;
  } expected[] = {
      {"clang", "-std=gnu17", FEATURE_OFF, FEATURE_OFF}, {"clang", "-std=c99", FEATURE_ON, FEATURE_OFF},
      {"clang", "-std=c2x", FEATURE_ON, FEATURE_ON},     {"gcc", "-std=gnu17", FEATURE_OFF, FEATURE_OFF},
      {"gcc", "-std=c11", FEATURE_ON, FEATURE_OFF},      {"gcc", "-std=gnu2x", FEATURE_OFF, FEATURE_ON},
  };
  for (size_t i = 0; i < sizeof expected / sizeof *expected; i++) {
    char *flags[] = {(char *)expected[i].std, NULL};
    struct c_dialect dialect;
    cr_assert_eq(c_dialect_probe(expected[i].compiler, flags, scratch, &dialect, &error), 0, "%s", STR_OR_NULL(error));
    cr_assert_eq(dialect.trigraphs, expected[i].trigraphs, "%s %s: trigraphs", expected[i].compiler, expected[i].std);
    cr_assert_eq(dialect.digit_separators, expected[i].separators, "%s %s: digit separators", expected[i].compiler,
                 expected[i].std);
  }
  char *flags[] = {"-std=gnu17", NULL};
  struct c_dialect dialect;
  cr_assert_eq(c_dialect_probe("gcc", flags, scratch, &dialect, &error), 0);
  cr_assert_eq(dialect.raw_strings, FEATURE_ON, "gcc reads raw strings in GNU C");
}

/* ---- the reader: Unicode look-alikes ---- */

Test(reader_lookalikes, refuses_unicode_lookalikes_of_a_marker) {
  static const struct {
    const char *spelling, *character;
  } lookalikes[] = {
      {"expect\xE2\x80\x90tsan:", "U+2010 HYPHEN"},                             /* typographic hyphen */
      {"expect\xE2\x80\x93tsan:", "U+2013 EN DASH"},                            /* en dash */
      {"expect\xE2\x88\x92tsan:", "U+2212 MINUS SIGN"},                         /* minus sign */
      {"\xD0\xB5xp\xD0\xB5\xD1\x81t-tsan:", "U+0435 CYRILLIC SMALL LETTER IE"}, /* Cyrillic e, e and s */
      {"expect-tsan\xEF\xBC\x9A", "U+FF1A FULLWIDTH COLON"},                    /* fullwidth colon */
      {"\xEF\xBD\x85xpect-tsan:", "U+FF45 FULLWIDTH LATIN SMALL LETTER E"},     /* fullwidth e */
      {"tsan\xE2\x80\x91options:", "U+2011 NON-BREAKING HYPHEN"},
      /* Invisible characters (found by the blind hostile round; were read as prose, so the marker was silently
       * lost): a zero width space inside the name, a soft hyphen standing for its hyphen. */
      {"expect\xE2\x80\x8B-output:", "U+200B ZERO WIDTH SPACE"},
      {"expect\xC2\xADoutput:", "U+00AD SOFT HYPHEN"},
  };
  for (size_t i = 0; i < sizeof lookalikes / sizeof *lookalikes; i++) {
    /* The real marker on line 1 makes a valid case: the look-alike on line 2 must not pass in silence. */
    char *text = xprintf("int x; // expect-tsan: data race\nint y; // %s data race\n", lookalikes[i].spelling);
    char *expected = xprintf(":2: \"%s\" looks like the marker", lookalikes[i].spelling);
    assert_rejected(text, &gnu17, expected);
    cr_assert(contains(error, lookalikes[i].character), "the character is named: %s", error);
    free(expected);
    free(text);
  }
  /* In a block comment, and in prose that quotes the marker with typographic quotes, which is fine. */
  assert_rejected("int x; // expect-tsan: data race\n/* \xD0\xB5xpect-tsan: none */\n", &gnu17,
                  ":2: \"\xD0\xB5xpect-tsan:\" looks like the marker");
  cr_assert_eq(parse_as("int x; // expect-tsan: data race -- the \xE2\x80\x9C"
                        "expect-tsan\xE2\x80\x9D marker\n",
                        &gnu17),
               0, "%s", STR_OR_NULL(error));
}

/* ---- ICU, loaded when a comment needs it ---- */

static void assert_exit(const struct run_result *run, int status) {
  cr_assert(run->end == RUN_EXITED && run->code == status,
            "tsan-verify should exit with status %d; it %s %d\nstdout: %s\nstderr: %s", status,
            run->end == RUN_EXITED ? "exited with status" : "ended otherwise, code", run->code, run->out.data,
            run->err.data);
}

/* tsan-verify on `text` (written to case.c in the scratch folder), with programs/refuses_dlopen.c preloaded when
 * `without_icu`: a system where ICU cannot be loaded. */
static void run_on_text(const char *text, bool without_icu, struct run_result *run) {
  char *path = write_scratch_file(&scratch, "case.c", text);
  if (without_icu) {
    char *source = program_path("refuses_dlopen.c");
    char *library = xprintf("%s/refuses_dlopen.so", scratch);
    char *const compile[] = {"cc", "-shared", "-fPIC", "-o", library, source, NULL};
    run_or_fail(compile, 60);
    setenv("LD_PRELOAD", library, 1);
    free(library);
    free(source);
  }
  const char *const arguments[] = {path, NULL};
  run_harness(arguments, scratch, 90, run);
  unsetenv("LD_PRELOAD");
  free(path);
}

Test(unicode_library, cannot_check_a_comment_outside_ascii_without_icu) {
  static const char *const ascii = "// expect-tsan: none\nint main(void) { return 0; }\n";
  static const char *const cafe = "/* The caf\xC3\xA9 on the corner: prose, no marker. */\n"
                                  "// expect-tsan: none\nint main(void) { return 0; }\n";
  struct run_result run;
  /* A plain ASCII case never needs ICU. */
  run_on_text(ascii, true, &run);
  assert_exit(&run, 0);
  run_result_free(&run);
  /* A word outside ASCII is judged by ICU's confusables data; without ICU it cannot be, and the case is not met. */
  run_on_text(cafe, true, &run);
  assert_exit(&run, 2);
  cr_assert(contains(run.out.data, "case.c:1: \"caf\xC3\xA9\" holds characters outside ASCII, and whether it looks "
                                   "like a marker cannot be judged: ICU "),
            "got: %s", run.out.data);
  run_result_free(&run);
  /* With ICU there, the same case is met. */
  run_on_text(cafe, false, &run);
  assert_exit(&run, 0);
  run_result_free(&run);
}

Test(unicode_library, the_harness_loads_icu_to_refuse_a_lookalike) {
  struct run_result run;
  run_on_text("// expect-tsan: none\nint main(void) { return 0; } // \xD0\xB5xpect-tsan: data race\n", false, &run);
  assert_exit(&run, 2);
  cr_assert(contains(run.out.data, "looks like the marker \"expect-tsan\" but is spelt with U+0435 CYRILLIC SMALL "
                                   "LETTER IE"),
            "got: %s", run.out.data);
  run_result_free(&run);
}

/* ---- the compiler's reading, end to end ---- */

/* renumbers_its_lines.c with its %:line directive line replaced by `directive`, in the scratch folder with the
 * barrier header beside it; `header` (or NULL) is written there as renumber.h, with CASE replaced by the case's path.
 */
static char *hostile_variant(const char *directive, const char *header) {
  scratch = make_scratch_dir();
  size_t length;
  char *source = program_path("renumbers_its_lines.c");
  char *text = read_file_or_fail(source, &length);
  char *changed = replace_first(text, "%:line 10\n", directive);
  char *path = xprintf("%s/renumbers_its_lines.c", scratch);
  write_file_or_fail(path, changed, strlen(changed));
  char *barrier_path = copy_program("invisible_barrier.h", scratch, "invisible_barrier.h");
  if (header) {
    char *header_text = replace_all(header, "CASE", path);
    char *header_path = xprintf("%s/renumber.h", scratch);
    write_file_or_fail(header_path, header_text, strlen(header_text));
    free(header_path);
    free(header_text);
  }
  free(barrier_path);
  free(changed);
  free(text);
  free(source);
  return path;
}

static void assert_verdict(const struct verify_request *request, enum outcome expected, const char *message) {
  verify_case(request, &result);
  assert_outcome(&result, expected);
  if (message)
    assert_diagnostic(&result, message);
}

/* A case that includes itself (an X-macro's second pass) is read on its own lines in both passes. Before: cannot
 * check ("the compiler counts the next line as line 12"), as the map left the inner copy for the outer by name
 * (found by a blind round). */
Test(compiler_reading, meets_a_case_that_includes_itself) {
  char *path = program_path("includes_itself.c");
  const char *compilers[] = {"clang", "gcc"};
  for (size_t c = 0; c < 2; c++) {
    struct verify_request request = {.case_path = path, .compiler = compilers[c], .timeout_seconds = 30};
    assert_verdict(&request, OUTCOME_MET, NULL);
    case_result_free(&result);
  }
  free(path);
}

/* gcc -E restates a line that starts with a system header's macro (`bool`) right after an #include's return, with
 * no flag: the harness reads gcc without macro expansion tracking. Before: cannot check with gcc ("the compiler
 * counts the next line as line 7, not 8"; found by a blind round). */
Test(compiler_reading, meets_a_gcc_case_whose_line_starts_with_a_system_headers_macro) {
  char *path = program_path("starts_a_line_with_bool.c");
  struct verify_request request = {.case_path = path, .compiler = "gcc", .timeout_seconds = 30};
  assert_verdict(&request, OUTCOME_MET, NULL);
  free(path);
}

/* gcc with -g3 (which tsan_verify_add_test adds for gcc, so that a macro-only header is named in the line table)
 * echoes each #define and #undef into its -E output: the directive's line, not code. Before: cannot check ("the
 * compiler puts code on this line, which holds none in the file"; the gcc-12 catalog through CMake). */
Test(compiler_reading, meets_a_gcc_case_read_with_g3) {
  char *path = program_path("default_options_hide_a_thread_leak.c");
  char *flags = xprintf("-fsanitize=thread -g3 -pthread -I%s", HARNESS_PROGRAMS_DIR);
  struct verify_request request = {.case_path = path, .compiler = "gcc", .cflags = flags, .timeout_seconds = 30};
  verify_case(&request, &result);
  char *diagnostics = result_diagnostics(&result);
  cr_assert(!contains(diagnostics, "the compiler puts code on this line"), "%s", diagnostics);
  free(diagnostics);
  free(path);
  free(flags);
}

Test(compiler_reading, cannot_check_a_line_directive_spelt_with_a_digraph) {
  char *path = program_path("renumbers_its_lines.c");
  struct verify_request request = {.case_path = path, .compiler = "clang", .timeout_seconds = 30};
  assert_verdict(&request, OUTCOME_CANNOT_CHECK,
                 "renumbers_its_lines.c:11: a #line directive renumbers the lines TSan reports");
  free(path);
}

Test(compiler_reading, cannot_check_a_line_directive_spelt_with_a_trigraph_under_c99) {
  char *path = hostile_variant("?\?=line 10\n", NULL);
  struct verify_request request = {.case_path = path,
                                   .compiler = "clang",
                                   .cflags = "-fsanitize=thread -g -pthread -std=c99",
                                   .timeout_seconds = 30};
  assert_verdict(&request, OUTCOME_CANNOT_CHECK,
                 "renumbers_its_lines.c:11: a #line directive renumbers the lines TSan reports");
  free(path);
}

Test(compiler_reading, cannot_check_a_line_directive_behind_a_comment) {
  char *path = hostile_variant("# /* renumber */ line 10\n", NULL);
  struct verify_request request = {.case_path = path, .compiler = "gcc", .timeout_seconds = 30};
  assert_verdict(&request, OUTCOME_CANNOT_CHECK,
                 "renumbers_its_lines.c:11: a #line directive renumbers the lines TSan reports");
  free(path);
}

/* The variant whose worker calls racy_write() from renumber.h (`header`) instead of writing race_counter itself: line
 * 11 holds the marker, line 12 the call. */
static char *header_variant(const char *header) {
  char *path = hostile_variant("", header);
  char *text = read_file_or_fail(path, NULL);
  char *included = replace_first(text, "#include \"invisible_barrier.h\"\n",
                                 "#include \"invisible_barrier.h\"\n#include \"renumber.h\"\n");
  char *calls = replace_first(included, "  race_counter = 1;\n  overlap_wait();", "  racy_write();\n  overlap_wait();");
  write_file_or_fail(path, calls, strlen(calls));
  free(calls);
  free(included);
  free(text);
  return path;
}

/* The header's racy function is recorded on the case's lines 10 and 11, both of them code, its write on the marker's
 * line: only the preprocessor's line map shows that they came from the header. */
Test(compiler_reading, cannot_check_a_header_whose_line_directive_names_the_case) {
  char *path = header_variant("#line 10 \"CASE\"\n"
                              "static void racy_write(void) {\n"
                              "  race_counter = 1; }\n");
  /* The case compiled by its relative name, the header naming its absolute path: the same file all the same. */
  cr_assert_eq(chdir(scratch), 0);
  struct verify_request request = {.case_path = "renumbers_its_lines.c", .compiler = "clang", .timeout_seconds = 30};
  assert_verdict(&request, OUTCOME_CANNOT_CHECK, "renumber.h\" (a file the case includes) names the case");
  free(path);
}

/* The same header, built by the harness with flags that build the program yet fail the compiler's reading (-Werror and
 * a linker flag: "'linker' input unused"): a reading that did not happen agrees with nothing. Before: the failure was
 * left to the build to report, the build succeeded, and the racy header's report met the marker it was renumbered
 * onto (blind round 6, attack 43). */
Test(compiler_reading, cannot_check_a_case_whose_flags_fail_the_compilers_reading) {
  char *path = header_variant("#line 10 \"CASE\"\n"
                              "static void racy_write(void) {\n"
                              "  race_counter = 1; }\n");
  cr_assert_eq(chdir(scratch), 0);
  struct verify_request request = {.case_path = "renumbers_its_lines.c",
                                   .compiler = "clang",
                                   .cflags = "-fsanitize=thread -g -pthread -Werror -Wl,--as-needed",
                                   .timeout_seconds = 30};
  assert_verdict(&request, OUTCOME_CANNOT_CHECK, "cannot preprocess the case with the case's flags (exit status 1)");
  free(path);
}

/* The same header in a folder whose name holds a blank, found through -I, and the binary built with it: given whole
 * with --cflag (on the command line, or in a response file @FILE the compiler reads, as tsan_verify_add_test gives
 * the flags its compiler was given), the flags reach the compiler's reading as they reached the build, and the header's
 * #line is named. Before: --cflag was --cflags abbreviated, split on blanks ("-I/.../gen" and "dir"): the compiler
 * could not find the header and the verdict blamed the flags, never the #line. */
Test(compiler_reading, reads_the_case_with_flags_whose_blanks_and_quotes_are_their_own) {
  char *path = header_variant("#line 10 \"CASE\"\n"
                              "static void racy_write(void) {\n"
                              "  race_counter = 1; }\n");
  char *folder = xprintf("%s/gen dir", scratch);
  cr_assert_eq(mkdir(folder, 0755), 0);
  char *header = xprintf("%s/renumber.h", scratch);
  char *moved = xprintf("%s/renumber.h", folder);
  cr_assert_eq(rename(header, moved), 0);
  char *include = xprintf("-I%s", folder);
  const char *quoted = "-DWHERE=\"gen dir\"";
  char *binary = xprintf("%s/case.bin", scratch);
  char *argv[] = {"clang", "-fsanitize=thread", "-g", "-pthread", "-O1", include, (char *)quoted, path, "-o", binary,
                  NULL};
  run_or_fail(argv, 120);
  char *response_file = xprintf("%s/flags \"x\".rsp", folder);
  char *rsp_text = xprintf("\"-fsanitize=thread\" \"-g\" \"%s\" \"-DWHERE=\\\"gen dir\\\"\"\n", include);
  write_file_or_fail(response_file, rsp_text, strlen(rsp_text));
  char *at_file = xprintf("@%s", response_file);
  const char *on_the_command_line[] = {"--binary", binary,  "--cc",    "clang", "--opt", "O1",
                                       "--cflag",  include, "--cflag", quoted,  path,    NULL};
  const char *in_a_response_file[] = {"--binary", binary,    "--cc",  "clang", "--opt",
                                      "O1",       "--cflag", at_file, path,    NULL};
  const char *const *forms[] = {on_the_command_line, in_a_response_file};
  for (size_t f = 0; f < 2; f++) {
    struct run_result run;
    run_harness(forms[f], scratch, 120, &run);
    cr_assert(run.end == RUN_EXITED && run.code == OUTCOME_CANNOT_CHECK &&
                  contains(run.out.data, "renumber.h\" (a file the case includes) names the case"),
              "form %zu: expected cannot check naming the header's #line, got %d:\n%s%s", f, run.code,
              STR_OR_NULL(run.out.data), STR_OR_NULL(run.err.data));
    run_result_free(&run);
  }
  free(at_file);
  free(rsp_text);
  free(response_file);
  free(binary);
  free(include);
  free(moved);
  free(header);
  free(folder);
  free(path);
}

/* A --binary built from the same header trick, sloppier: its function starts on a blank line of the case. The binary's
 * DWARF line table puts code there. */
Test(compiler_reading, cannot_check_a_binary_whose_line_table_puts_code_on_a_line_without_code) {
  char *path = header_variant("#line 8 \"CASE\"\n"
                              "__attribute__((noinline)) static void racy_write(void) {\n"
                              "\n"
                              "\n"
                              "  race_counter = 1; }\n");
  char *binary = xprintf("%s/case.bin", scratch);
  char *argv[] = {"clang", "-fsanitize=thread", "-g", "-pthread", "-O1", path, "-o", binary, NULL};
  run_or_fail(argv, 120);
  struct verify_request request = {.case_path = path, .binary = binary, .timeout_seconds = 30};
  assert_verdict(&request, OUTCOME_CANNOT_CHECK, "renumbers_its_lines.c:8: the debug information of");
  free(binary);
  free(path);
}

Test(compiler_reading, cannot_check_a_marker_in_code_the_preprocessor_skips) {
  char *path = hostile_variant("#if 0\n  race_counter = 1; // expect-tsan: data race\n#endif\n", NULL);
  struct verify_request request = {.case_path = path, .compiler = "clang", .timeout_seconds = 30};
  assert_verdict(&request, OUTCOME_CANNOT_CHECK,
                 "renumbers_its_lines.c:12: the compiler does not see this marker's comment on this line");
  free(path);
}

/* programs/marks_two_files.c and its _lib.c in the scratch folder, the library's text with `from` replaced by `to`,
 * built together and checked as a --binary with its flags (--cflags, --opt), the library given with --markers: the
 * harness then asks the compiler to read each file. */
static void verify_marker_file_with_flags(const char *from, const char *to) {
  scratch = make_scratch_dir();
  char *case_path = copy_program("marks_two_files.c", scratch, "marks_two_files.c");
  char *original = program_path("marks_two_files_lib.c");
  char *text = read_file_or_fail(original, NULL);
  char *edited = replace_first(text, from, to);
  char *library = write_scratch_file(&scratch, "marks_two_files_lib.c", edited);
  char *programs = program_path("");
  char *include = xprintf("-I%s", programs);
  char *binary = xprintf("%s/program", scratch);
  char *argv[] = {"clang", "-fsanitize=thread", "-g", "-O1", "-pthread", include, case_path, library, "-o", binary,
                  NULL};
  run_or_fail(argv, 120);
  char *flags = xprintf("-fsanitize=thread -g -pthread %s", include);
  char *marker_files[] = {library, NULL};
  struct verify_request request = {.case_path = case_path,
                                   .binary = binary,
                                   .compiler = "clang",
                                   .cflags = flags,
                                   .opt_level = "-O1",
                                   .timeout_seconds = 30,
                                   .marker_files = marker_files};
  verify_case(&request, &result);
  free(flags);
  free(case_path);
  free(original);
  free(text);
  free(edited);
  free(library);
  free(programs);
  free(include);
  free(binary);
}

/* A marker file the compiler reads as the harness does is met, its reading held against the compiler's. */
Test(compiler_reading, meets_a_marker_file_the_compiler_reads_alike) {
  verify_marker_file_with_flags("int lib_counter;", "int lib_counter; /* read alike */");
  assert_outcome(&result, OUTCOME_MET);
}

/* The marker of a marker file inside an #if 0 group: the reader reads it, the compiler skips it. The verdict names
 * the marker file and its line, in one line, as it does for the case. Before: not met (the marker unhit, the
 * library's race unexpected), as if TSan had missed a race the test never asked the compiler about. */
Test(compiler_reading, cannot_check_a_marker_files_marker_in_code_the_preprocessor_skips) {
  verify_marker_file_with_flags("  lib_counter++; // expect-tsan: data race\n",
                                "  lib_counter++;\n#if 0\n  lib_counter++; // expect-tsan: data race\n#endif\n");
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "marks_two_files_lib.c:8: the compiler does not see this marker's comment on this line");
  assert_diagnostic(&result, "(the compiler's reading of the marker file, with the case's flags: clang -E -C)");
  for (size_t i = 0; i < result.verdict.diagnostic_count; i++)
    cr_assert(!strchr(result.verdict.diagnostics[i].message, '\n'), "one line: %s",
              result.verdict.diagnostics[i].message);
}

/* The harness builds the case with its library given in the flags (`--cflags "... marks_two_files_lib.c"`) and reads
 * the library's markers (--markers): each file is read by the compiler alone, the flags' other sources left out, so
 * an honest library meets and a skipped marker in it is named. Before: the library's reading failed ("cannot
 * preprocess the marker file": with two inputs the driver refuses -o), and the case's was skipped unsaid. */
Test(compiler_reading, reads_each_file_alone_when_the_flags_hold_other_sources) {
  scratch = make_scratch_dir();
  char *case_path = copy_program("marks_two_files.c", scratch, "marks_two_files.c");
  char *original = program_path("marks_two_files_lib.c");
  char *text = read_file_or_fail(original, NULL);
  char *library = write_scratch_file(&scratch, "marks_two_files_lib.c", text);
  char *flags = xprintf("-fsanitize=thread -g -pthread -I%s %s", HARNESS_PROGRAMS_DIR, library);
  char *marker_files[] = {library, NULL};
  struct verify_request request = {.case_path = case_path,
                                   .compiler = "clang",
                                   .cflags = flags,
                                   .timeout_seconds = 30,
                                   .marker_files = marker_files};
  assert_verdict(&request, OUTCOME_MET, NULL);
  case_result_free(&result);
  char *skipped = replace_first(text, "  lib_counter++; // expect-tsan: data race\n",
                                "  lib_counter++;\n#if 0\n  lib_counter++; // expect-tsan: data race\n#endif\n");
  write_file_or_fail(library, skipped, strlen(skipped));
  assert_verdict(&request, OUTCOME_CANNOT_CHECK,
                 "marks_two_files_lib.c:8: the compiler does not see this marker's comment on this line");
  free(skipped);
  free(flags);
  free(case_path);
  free(original);
  free(text);
  free(library);
}

/* The honest program under flags that change the dialect still meets: the two readings agree. */
Test(compiler_reading, meets_an_honest_case_under_c99_and_c2x) {
  char *path = hostile_variant("", NULL);
  char *text = read_file_or_fail(path, NULL);
  char *honest = replace_first(text, "  untouched = 1; // expect-tsan: data race\n  race_counter = 1;\n",
                               "  untouched = 1'0 ? 1 : 0;\n  race_counter = 1; // expect-tsan: data race\n");
  write_file_or_fail(path, honest, strlen(honest));
  struct verify_request request = {.case_path = path,
                                   .compiler = "clang",
                                   .cflags = "-fsanitize=thread -g -pthread -std=c2x",
                                   .timeout_seconds = 30};
  assert_verdict(&request, OUTCOME_MET, NULL);
  free(honest);
  free(text);
  free(path);
}

/* Every case of the catalog: the preprocessor's reading (-E -C; clang and gcc by turns, to keep the suite short)
 * agrees with the reader's. */
Test(compiler_reading, agrees_with_the_compiler_on_every_case_of_the_catalog, .timeout = 600) {
  scratch = make_scratch_dir();
  DIR *top = opendir(CASES_DIR);
  cr_assert_not_null(top);
  size_t checked = 0;
  for (struct dirent *folder; (folder = readdir(top)) != NULL;) {
    if (folder->d_name[0] == '.')
      continue;
    char *folder_path = xprintf("%s/%s", CASES_DIR, folder->d_name);
    DIR *inner = opendir(folder_path);
    for (struct dirent *entry; inner && (entry = readdir(inner)) != NULL;) {
      if (!ends_with(entry->d_name, ".c"))
        continue;
      char *path = xprintf("%s/%s", folder_path, entry->d_name);
      {
        int c = (int)(checked % 2);
        const char *compiler = c ? "gcc" : "clang";
        char *output = xprintf("%s/case.i", scratch);
        char *argv[] = {
            (char *)compiler, "-fsanitize=thread", "-g", "-pthread", "-O1", "-E", "-C", path, "-o", output, NULL};
        run_or_fail(argv, 60);
        struct c_dialect dialect = {FEATURE_OFF, FEATURE_OFF, c ? FEATURE_ON : FEATURE_OFF};
        case_spec_free(&spec);
        cr_assert_eq(case_spec_read_as(path, &dialect, &spec, &error), 0, "%s", STR_OR_NULL(error));
        size_t length;
        char *text = read_file_or_fail(output, &length);
        int status = linemap_check_preprocessed(&spec, text, length, &dialect, &error);
        cr_assert_eq(status, 0, "%s disagrees with the reader: %s", compiler, STR_OR_NULL(error));
        free(text);
        free(output);
        checked++;
      }
      free(path);
    }
    if (inner)
      closedir(inner);
    free(folder_path);
  }
  closedir(top);
  cr_assert_gt(checked, 100, "the catalog's cases were found (%zu)", checked);
}

/* ---- the build's kept reading (--write-reading, --reading): the compiler's reading without the compiler ---- */

TestSuite(kept_reading, .init = unset_user_environment, .fini = cleanup, .timeout = 120);

static const char honest_case[] = "#include \"invisible_barrier.h\"\n"
                                  "#include \"extra.h\"\n"
                                  "\n"
                                  "static void *worker(void *arg) {\n"
                                  "  (void)arg;\n"
                                  "  race_counter = 1; // expect-tsan: data race\n"
                                  "  overlap_wait();\n"
                                  "  overlap_wait();\n"
                                  "  return NULL;\n"
                                  "}\n"
                                  "\n"
                                  "int main(void) {\n"
                                  "  pthread_t thread;\n"
                                  "  overlap_init();\n"
                                  "  pthread_create(&thread, NULL, worker, NULL);\n"
                                  "  overlap_wait();\n"
                                  "  race_counter = 2;\n"
                                  "  overlap_wait();\n"
                                  "  pthread_join(thread, NULL);\n"
                                  "  return 0;\n"
                                  "}\n";

/* The kept-reading setup in a scratch folder: the honest case above, a header it includes that holds nothing yet, a
 * compiler that notes each of its runs in `compiler.log` before it runs clang, the flags in a response file, the
 * program built with them, and the build's record of the reading written by `--write-reading`. */
struct kept_setup {
  char *case_path, *header, *compiler, *log, *flags, *at_flags, *binary, *record;
};

static void kept_setup_make_with(struct kept_setup *setup, const char *cc) {
  scratch = make_scratch_dir();
  free(copy_program("invisible_barrier.h", scratch, "invisible_barrier.h"));
  setup->case_path = xprintf("%s/case.c", scratch);
  write_file_or_fail(setup->case_path, honest_case, strlen(honest_case));
  setup->header = xprintf("%s/extra.h", scratch);
  write_file_or_fail(setup->header, "/* nothing here yet */\n", 23);
  setup->log = xprintf("%s/compiler.log", scratch);
  setup->compiler = xprintf("%s/cc.sh", scratch);
  char *script = xprintf("#!/bin/sh\necho run >> '%s'\nexec %s \"$@\"\n", setup->log, cc);
  write_file_or_fail(setup->compiler, script, strlen(script));
  cr_assert_eq(chmod(setup->compiler, 0755), 0);
  free(script);
  setup->flags = xprintf("%s/case.cflags", scratch);
  const char *flags = "\"-fsanitize=thread\" \"-g\" \"-pthread\"\n";
  write_file_or_fail(setup->flags, flags, strlen(flags));
  setup->at_flags = xprintf("@%s", setup->flags);
  setup->binary = xprintf("%s/case.bin", scratch);
  char *argv[] = {(char *)cc, "-fsanitize=thread", "-g", "-pthread", "-O1", setup->case_path,
                  "-o",       setup->binary,       NULL};
  run_or_fail(argv, 120);
  setup->record = xprintf("%s/case.reading", scratch);
  const char *write[] = {"--write-reading", setup->record, "--binary",      setup->binary,    "--opt", "O1", "--cc",
                         setup->compiler,   "--cflag",     setup->at_flags, setup->case_path, NULL};
  struct run_result run;
  run_harness(write, scratch, 120, &run);
  cr_assert(run.end == RUN_EXITED && run.code == 0, "--write-reading failed (%d): %s", run.code,
            STR_OR_NULL(run.err.data));
  run_result_free(&run);
  cr_assert_eq(remove(setup->log), 0, "--write-reading did not run the compiler");
}

static void kept_setup_make(struct kept_setup *setup) { kept_setup_make_with(setup, "clang"); }

static void kept_setup_free(struct kept_setup *setup) {
  free(setup->case_path);
  free(setup->header);
  free(setup->compiler);
  free(setup->log);
  free(setup->flags);
  free(setup->at_flags);
  free(setup->binary);
  free(setup->record);
}

/* Checks the program with the record, as the build's test does; returns whether the compiler ran. */
static bool check_with_record(const struct kept_setup *setup, int expected_code, const char *expected_text) {
  const char *check[] = {"--binary", setup->binary,   "--opt",     "O1",          "--cc",           setup->compiler,
                         "--cflag",  setup->at_flags, "--reading", setup->record, setup->case_path, NULL};
  struct run_result run;
  run_harness(check, scratch, 120, &run);
  cr_assert(run.end == RUN_EXITED && run.code == expected_code && contains(run.out.data, expected_text),
            "expected exit %d with \"%s\", got %d:\n%s%s", expected_code, expected_text, run.code,
            STR_OR_NULL(run.out.data), STR_OR_NULL(run.err.data));
  run_result_free(&run);
  bool ran = access(setup->log, F_OK) == 0;
  remove(setup->log);
  return ran;
}

Test(kept_reading, checks_with_the_builds_reading_without_starting_the_compiler) {
  const char *compilers[] = {"clang", "gcc"};
  for (size_t c = 0; c < 2; c++) {
    struct kept_setup setup;
    kept_setup_make_with(&setup, compilers[c]);
    cr_assert_not(check_with_record(&setup, OUTCOME_MET, "met"), "%s: the compiler ran although the record stands",
                  compilers[c]);
    kept_setup_free(&setup);
    remove_scratch_dir(scratch);
    scratch = NULL;
  }
}

/* The header gains a line directive naming the case after the build kept its reading: the program is the same (the
 * header holds no code, so no line table names it), the record is not. The compiler reads the case again and sees
 * the directive. A record taken on trust would have said met. */
Test(kept_reading, reads_again_when_a_file_the_compiler_read_changed) {
  struct kept_setup setup;
  kept_setup_make(&setup);
  char *directive = xprintf("#line 10 \"%s\"\n", setup.case_path);
  write_file_or_fail(setup.header, directive, strlen(directive));
  cr_assert(check_with_record(&setup, OUTCOME_CANNOT_CHECK, "names the case"), "the stale record was used");
  free(directive);
  kept_setup_free(&setup);
}

/* The response file's words are the flags: a record of other flags is no reading of these. */
Test(kept_reading, reads_again_when_the_flags_in_a_response_file_changed) {
  struct kept_setup setup;
  kept_setup_make(&setup);
  const char *flags = "\"-fsanitize=thread\" \"-g\" \"-pthread\" \"-DSOMETHING_ELSE\"\n";
  write_file_or_fail(setup.flags, flags, strlen(flags));
  cr_assert(check_with_record(&setup, OUTCOME_MET, "met"), "a record of other flags was used");
  kept_setup_free(&setup);
}

/* A program built again (the same bytes, a new file) is not the one the record was written for. */
Test(kept_reading, reads_again_for_a_program_built_again) {
  struct kept_setup setup;
  kept_setup_make(&setup);
  char *argv[] = {"clang", "-fsanitize=thread", "-g", "-pthread", "-O1", setup.case_path, "-o", setup.binary, NULL};
  remove(setup.binary);
  run_or_fail(argv, 120);
  cr_assert(check_with_record(&setup, OUTCOME_MET, "met"), "a record of another build was used");
  kept_setup_free(&setup);
}

/* A record cut short, one of another format, and one that is no file are no reading; the verdict is the compiler's. */
Test(kept_reading, reads_again_when_the_record_is_damaged) {
  struct kept_setup setup;
  kept_setup_make(&setup);
  size_t length;
  char *text = read_file_or_fail(setup.record, &length);
  const char *output = strstr(text, "\noutput ");
  cr_assert(output, "no output in the record");
  const size_t cuts[] = {(size_t)(output - text) + 100, 40, 0}; /* inside the reading's output, the header, nothing */
  for (size_t i = 0; i < 3; i++) {
    write_file_or_fail(setup.record, text, cuts[i]);
    cr_assert(check_with_record(&setup, OUTCOME_MET, "met"), "a record cut at %zu bytes was used", cuts[i]);
  }
  char *damaged = replace_first(text, "format 2", "format 9");
  write_file_or_fail(setup.record, damaged, length);
  cr_assert(check_with_record(&setup, OUTCOME_MET, "met"), "a record of another format was used");
  remove(setup.record);
  cr_assert(check_with_record(&setup, OUTCOME_MET, "met"), "no record, and the compiler did not run");
  free(damaged);
  free(text);
  kept_setup_free(&setup);
}

Test(kept_reading, write_reading_refuses_what_it_cannot_do) {
  struct kept_setup setup;
  kept_setup_make(&setup);
  const char *two_cases[] = {"--write-reading", setup.record,    "--cc", "clang", "--cflag", "-g",
                             setup.case_path,   setup.case_path, NULL};
  const char *checking[] = {"--write-reading", setup.record, "--json",        "--cc", "clang",
                            "--cflag",         "-g",         setup.case_path, NULL};
  const char *no_flags[] = {"--write-reading", setup.record, "--binary", setup.binary, setup.case_path, NULL};
  const char *no_folder[] = {
      "--write-reading", "/nonexistent/folder/r", "--cc", "clang", "--cflag", "-g", setup.case_path, NULL};
  const char *const *commands[] = {two_cases, checking, no_flags, no_folder};
  const char *messages[] = {"writes the reading of one case, and 2 are given", "does not take --json",
                            "needs the flags the program was built with", "/nonexistent/folder/r"};
  for (size_t i = 0; i < 4; i++) {
    struct run_result run;
    run_harness(commands[i], scratch, 120, &run);
    cr_assert(run.end == RUN_EXITED && run.code == 2 && contains(run.err.data, messages[i]),
              "command %zu: expected exit 2 with \"%s\", got %d: %s", i, messages[i], run.code,
              STR_OR_NULL(run.err.data));
    run_result_free(&run);
  }
  kept_setup_free(&setup);
}

/* The compiler's list of what it read, as gcc and clang write it (-MD): blanks, '#' and '$' escaped, lines continued,
 * and -MP's empty rules after the first. */
Test(kept_reading, reads_every_file_of_a_dependency_list) {
  const char *text = "out.i: /src/a\\ b.c /inc/c\\#d.h \\\n  /inc/cost$$.h\\\n /inc/e.h\n\n/inc/e.h:\n";
  char **paths = NULL;
  size_t count = 0;
  cr_assert_eq(dependency_files(text, strlen(text), &paths, &count, &error), 0, "%s", STR_OR_NULL(error));
  const char *expected[] = {"/src/a b.c", "/inc/c#d.h", "/inc/cost$.h", "/inc/e.h"};
  cr_assert_eq(count, 4, "read %zu files", count);
  for (size_t i = 0; i < 4; i++) {
    cr_assert_str_eq(paths[i], expected[i]);
    free(paths[i]);
  }
  free(paths);
  cr_assert_eq(dependency_files("no rule here\n", 13, &paths, &count, &error), -1);
}

Test(kept_reading, reads_every_file_the_line_markers_name) {
  const char *text = "# 1 \"/src/case.c\"\n# 1 \"<built-in>\" 1\n# 1 \"<command line>\" 1\n"
                     "# 1 \"/inc/say \\\"hi\\\".h\" 1 3 4\nint x;\n# 7 \"/src/case.c\" 2\n#pragma once\n"
                     "# 0 \"/work/folder//\"\n";
  char **paths = NULL;
  size_t count = 0;
  line_marker_files(text, strlen(text), &paths, &count);
  cr_assert_eq(count, 2, "read %zu files", count);
  cr_assert_str_eq(paths[0], "/src/case.c");
  cr_assert_str_eq(paths[1], "/inc/say \"hi\".h");
  for (size_t i = 0; i < count; i++)
    free(paths[i]);
  free(paths);
}

/* The record's marker-file search answers are taken for a file whose text has the same MD5, and only then: here the
 * answers lie (a file without markers said to hold some), so which files come out shows which answer was used. */
Test(kept_reading, takes_the_search_answer_of_a_file_only_while_its_text_is_the_same) {
  struct kept_setup setup;
  kept_setup_make(&setup);
  struct dwarf_info info;
  cr_assert_eq(dwarf_info_open(setup.binary, &info, &error), 0, "%s", STR_OR_NULL(error));
  struct marker_search_answers found = {0}, lying = {0};
  struct marked_sources sources;
  cr_assert_eq(marked_sources_find_with(&info, setup.binary, NULL, &found, &sources, &error), 0);
  cr_assert_eq(sources.count, 1, "only the case holds markers, found %zu", sources.count);
  marked_sources_free(&sources);
  for (size_t i = 0; i < found.count; i++)
    marker_search_answers_add(&lying, found.items[i].real, found.items[i].md5, true);
  cr_assert_eq(marked_sources_find_with(&info, setup.binary, &lying, NULL, &sources, &error), 0);
  cr_assert_eq(sources.count, found.count, "the kept answers were not taken: %zu of %zu", sources.count, found.count);
  marked_sources_free(&sources);
  for (size_t i = 0; i < lying.count; i++)
    lying.items[i].md5[0] ^= 1; /* every text changed since */
  cr_assert_eq(marked_sources_find_with(&info, setup.binary, &lying, NULL, &sources, &error), 0);
  cr_assert_eq(sources.count, 1, "answers of other texts were taken: %zu files", sources.count);
  marked_sources_free(&sources);
  marker_search_answers_free(&found);
  marker_search_answers_free(&lying);
  dwarf_info_close(&info);
  kept_setup_free(&setup);
}

/* A second source of the program gains a marker after the build kept its answers: the file is read again and the
 * verdict names it (it changed since the build: every source the search read is judged for staleness, so this holds
 * twice over; the test above is the one that tells a kept answer taken by name alone). */
Test(kept_reading, reads_a_source_again_that_gained_a_marker) {
  struct kept_setup setup;
  kept_setup_make(&setup);
  char *library = xprintf("%s/helper.c", scratch);
  const char *helper = "int helper_value(int x) { return x + 1; }\n";
  write_file_or_fail(library, helper, strlen(helper));
  char *argv[] = {"clang", "-fsanitize=thread", "-g", "-pthread", "-O1", setup.case_path, library,
                  "-o",    setup.binary,        NULL};
  remove(setup.binary);
  run_or_fail(argv, 120);
  const char *write[] = {"--write-reading", setup.record, "--binary",     setup.binary,    "--opt", "O1", "--cc",
                         setup.compiler,    "--cflag",    setup.at_flags, setup.case_path, NULL};
  struct run_result run;
  run_harness(write, scratch, 120, &run);
  cr_assert(run.end == RUN_EXITED && run.code == 0, "--write-reading failed: %s", STR_OR_NULL(run.err.data));
  run_result_free(&run);
  cr_assert(check_with_record(&setup, OUTCOME_MET, "met"), "the compiler did not run for the first write");
  cr_assert_not(check_with_record(&setup, OUTCOME_MET, "met"), "the record was not used");
  const char *marked = "int helper_value(int x) { return x + 1; }\n// expect-tsan: data race\n";
  write_file_or_fail(library, marked, strlen(marked));
  check_with_record(&setup, OUTCOME_CANNOT_CHECK, "helper.c");
  free(library);
  kept_setup_free(&setup);
}

/* A signal from outside while --write-reading waits for its compiler (a build cancelled): the writing ends by it, and
 * no record is left. Before: exit 0 and an empty record, a build step that said it had succeeded. */
Test(kept_reading, write_reading_ends_by_a_signal_from_outside) {
  struct kept_setup setup;
  kept_setup_make(&setup);
  char *slow = xprintf("%s/slow.sh", scratch);
  const char *script = "#!/bin/sh\nsleep 3\nexec clang \"$@\"\n";
  write_file_or_fail(slow, script, strlen(script));
  cr_assert_eq(chmod(slow, 0755), 0);
  remove(setup.record);
  char *command = xprintf("'%s' --write-reading '%s' --binary '%s' --opt O1 --cc '%s' --cflag '%s' '%s' & "
                          "sleep 1; kill -TERM $!; wait $!; echo \"status $?\"",
                          TSAN_VERIFY_EXE, setup.record, setup.binary, slow, setup.at_flags, setup.case_path);
  const char *arguments[] = {"-c", command, NULL};
  struct run_result run;
  run_command("/bin/sh", arguments, scratch, 60, &run);
  cr_assert(contains(run.out.data, "status 143"), "expected the writing to end by SIGTERM: %s%s",
            STR_OR_NULL(run.out.data), STR_OR_NULL(run.err.data));
  cr_assert_neq(access(setup.record, F_OK), 0, "a record was left");
  run_result_free(&run);
  free(command);
  free(slow);
  kept_setup_free(&setup);
}

/* A program that swaps a header of its own for a stub while it runs, and puts it back: the header's #line names the
 * case, so its racy write lands on the marker's line. The compiler's reading now ends before the program starts, and
 * sees the header as the build did. Before: the reading ran beside the program, read the stub, and the case was met
 * (blind round 10, attack 69). */
Test(compiler_reading, reads_the_case_before_the_program_can_change_its_files) {
  scratch = make_scratch_dir();
  char *header = xprintf("%s/gen.h", scratch);
  char *path = xprintf("%s/case.c", scratch);
  char *header_text = xprintf("#line 11 \"%s\"\nstatic void hook(void) { shared++; }\n", path);
  write_file_or_fail(header, header_text, strlen(header_text));
  const char *text =
      "#include <pthread.h>\n#include <stdio.h>\n#include <unistd.h>\n"
      "int shared;\n"
      "#include \"gen.h\"\n"
      "static __thread int mine;\n"
      "static void *worker(void *arg) {\n"
      "  (void)arg;\n"
      "  hook();\n"
      "  mine++;\n"
      "  mine++; // expect-tsan: data race\n"
      "  return NULL;\n"
      "}\n"
      "__attribute__((constructor(101))) static void swap(void) {\n"
      "  rename(GEN, GEN \".orig\");\n"
      "  FILE *f = fopen(GEN, \"w\");\n"
      "  fputs(\"static void hook(void) { __atomic_fetch_add(&shared, 1, __ATOMIC_RELAXED); }\\n\", f);\n"
      "  fclose(f);\n"
      "  sleep(2);\n"
      "  rename(GEN \".orig\", GEN);\n"
      "}\n"
      "int main(void) {\n"
      "  pthread_t a, b;\n"
      "  pthread_create(&a, NULL, worker, NULL);\n"
      "  pthread_create(&b, NULL, worker, NULL);\n"
      "  pthread_join(a, NULL);\n"
      "  pthread_join(b, NULL);\n"
      "  return 0;\n"
      "}\n";
  write_file_or_fail(path, text, strlen(text));
  char *define = xprintf("-DGEN=\"%s\"", header);
  char *binary = xprintf("%s/case.bin", scratch);
  char *argv[] = {"clang", "-fsanitize=thread", "-g", "-O1", define, path, "-o", binary, NULL};
  run_or_fail(argv, 120);
  const char *check[] = {"--binary", binary, "--cc",    "clang", "--cflag", "-fsanitize=thread",
                         "--cflag",  "-g",   "--cflag", define,  path,      NULL};
  struct run_result run;
  run_harness(check, scratch, 120, &run);
  cr_assert(run.end == RUN_EXITED && run.code == OUTCOME_CANNOT_CHECK && contains(run.out.data, "names the case"),
            "expected cannot check naming the header's #line, got %d:\n%s%s", run.code, STR_OR_NULL(run.out.data),
            STR_OR_NULL(run.err.data));
  run_result_free(&run);
  free(binary);
  free(define);
  free(header_text);
  free(path);
  free(header);
}

/* The program was built with -I sdk (whose hooks.h has a #line naming the case and a racy write), the harness is
 * given -I stub (a harmless hooks.h): the flags of another configuration, a launcher's, CPATH's. The program's DWARF
 * names sdk/hooks.h among its unit's files and the reading never read it: cannot check. Before: the reading of the
 * stub agreed with the markers, and the case was met (blind round 10, attacks 01, 02, 04, 07, 14, 26). */
Test(compiler_reading, cannot_check_a_reading_that_did_not_read_what_the_build_read) {
  scratch = make_scratch_dir();
  char *path = xprintf("%s/case.c", scratch);
  const char *text = "#include <pthread.h>\n"
                     "int shared;\n"
                     "#include \"hooks.h\"\n"
                     "static void *worker(void *arg) {\n"
                     "  (void)arg;\n"
                     "  hook();\n"
                     "  return NULL;\n"
                     "}\n"
                     "static int quiet; // expect-tsan: data race\n"
                     "int main(void) {\n"
                     "  pthread_t a, b;\n"
                     "  pthread_create(&a, NULL, worker, NULL);\n"
                     "  pthread_create(&b, NULL, worker, NULL);\n"
                     "  pthread_join(a, NULL);\n"
                     "  pthread_join(b, NULL);\n"
                     "  return quiet;\n"
                     "}\n";
  write_file_or_fail(path, text, strlen(text));
  char *sdk = xprintf("%s/sdk", scratch), *stub = xprintf("%s/stub", scratch);
  cr_assert_eq(mkdir(sdk, 0755), 0);
  cr_assert_eq(mkdir(stub, 0755), 0);
  char *sdk_header = xprintf("%s/hooks.h", sdk), *stub_header = xprintf("%s/hooks.h", stub);
  char *racy = xprintf("#line 9 \"%s\"\nstatic void hook(void) { shared++; }\n", path);
  write_file_or_fail(sdk_header, racy, strlen(racy));
  const char *harmless = "static void hook(void) { __atomic_fetch_add(&shared, 1, __ATOMIC_RELAXED); }\n";
  write_file_or_fail(stub_header, harmless, strlen(harmless));
  char *built_with = xprintf("-I%s", sdk), *given = xprintf("-I%s", stub);
  const char *compilers[] = {"clang", "gcc"};
  const char *records[] = {"-fdebug-macro", "-g3"};
  for (size_t c = 0; c < 2; c++) {
    char *binary = xprintf("%s/case.%s", scratch, compilers[c]);
    char *argv[] = {(char *)compilers[c],
                    "-fsanitize=thread",
                    "-g",
                    (char *)records[c],
                    "-O1",
                    built_with,
                    path,
                    "-o",
                    binary,
                    NULL};
    run_or_fail(argv, 120);
    /* Read by the compiler now, and through a record the build would have kept with the same flags (it keeps none:
     * its reading does not read what the program's build read either). */
    char *record = xprintf("%s/case.%s.reading", scratch, compilers[c]);
    const char *write[] = {"--write-reading",   record,    "--binary", binary,    "--cc", compilers[c], "--cflag",
                           "-fsanitize=thread", "--cflag", "-g",       "--cflag", given,  path,         NULL};
    struct run_result run;
    run_harness(write, scratch, 120, &run);
    cr_assert(run.end == RUN_EXITED && run.code == 0, "--write-reading failed: %s", STR_OR_NULL(run.err.data));
    run_result_free(&run);
    for (int with_record = 0; with_record < 2; with_record++) {
      const char *check[] = {"--binary",
                             binary,
                             "--cc",
                             compilers[c],
                             "--cflag",
                             "-fsanitize=thread",
                             "--cflag",
                             "-g",
                             "--cflag",
                             given,
                             with_record ? "--reading" : path,
                             with_record ? record : NULL,
                             path,
                             NULL};
      run_harness(check, scratch, 120, &run);
      cr_assert(run.end == RUN_EXITED && run.code == OUTCOME_CANNOT_CHECK &&
                    contains(run.out.data, "the program's build read") && contains(run.out.data, "sdk/hooks.h"),
                "%s%s: expected cannot check naming sdk/hooks.h, got %d:\n%s%s", compilers[c],
                with_record ? " with the record" : "", run.code, STR_OR_NULL(run.out.data), STR_OR_NULL(run.err.data));
      run_result_free(&run);
    }
    free(record);
    free(binary);
  }
  free(given);
  free(built_with);
  free(racy);
  free(sdk_header);
  free(stub_header);
  free(sdk);
  free(stub);
  free(path);
}
