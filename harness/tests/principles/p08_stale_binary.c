/* p08_stale_binary.c: principle 8 of docs/HOSTILE.md, "a stale binary is not evidence". A --binary built from an older
 * version of the case (its lines since moved) would be checked against today's markers: the harness compares what the
 * binary's DWARF knows of the case (the MD5 the compiler recorded, DWARF 5; else the times) with the file. */
#include "base/util.h"
#include "check/verify.h"
#include "support.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static struct case_result result;
static char *scratch;

static void cleanup(void) {
  case_result_free(&result);
  remove_scratch_dir(scratch);
  scratch = NULL;
}

TestSuite(p08, .init = unset_user_environment, .fini = cleanup, .timeout = 120);

static char *copy_case(const char *name) {
  scratch = make_scratch_dir();
  return copy_program("racy.c", scratch, name);
}

static char *build(const char *compiler, const char *case_path) {
  char *binary = xprintf("%s/prog-%s", scratch, compiler);
  char *argv[] = {
      (char *)compiler, "-fsanitize=thread", "-g", "-O1", "-pthread", (char *)case_path, "-o", binary, NULL};
  run_or_fail(argv, 120);
  return binary;
}

/* The same with -gsplit-dwarf, compiled in the scratch folder, where clang 14 leaves the .dwo (named after the
 * source, racy.dwo); returns the binary, and the .dwo's path in *dwo. */
static char *build_split(const char *case_path, char **dwo) {
  char *binary = xprintf("%s/prog-split", scratch);
  const char *arguments[] = {"-fsanitize=thread", "-g", "-gsplit-dwarf", "-O1", "-pthread",
                             case_path,           "-o", binary,          NULL};
  struct run_result run;
  run_command("clang", arguments, scratch, 120, &run);
  cr_assert(run.end == RUN_EXITED && run.code == 0, "clang -gsplit-dwarf failed: %s", run.err.data ? run.err.data : "");
  run_result_free(&run);
  *dwo = xprintf("%s/racy.dwo", scratch);
  cr_assert_eq(access(*dwo, R_OK), 0, "clang left no %s", *dwo);
  return binary;
}

/* A later version of racy.c: a line was added near the top, so the races are now on lines 28 and 40, and the markers
 * were put on lines 27 and 39, where the old version's races were. Wrong for this version, which a fresh binary shows;
 * "met" for a binary built before the change. */
static void move_lines_under_the_markers(const char *case_path) {
  size_t length;
  char *text = read_file_or_fail(case_path, &length);
  char *added = replace_first(text, "#include <pthread.h>\n", "#include <pthread.h>\n\n");
  char *first = replace_first(added, "  (void)arg;\n  counter = 1; // expect-tsan: data race",
                              "  (void)arg; // expect-tsan: data race\n  counter = 1;");
  char *second = replace_first(first, "  overlap_wait();\n  counter = 2; // expect-tsan: data race",
                               "  overlap_wait(); // expect-tsan: data race\n  counter = 2;");
  write_file_or_fail(case_path, second, strlen(second));
  free(second);
  free(first);
  free(added);
  free(text);
}

/* Makes the case's modification time `seconds` after the binary's. */
static void make_newer(const char *case_path, const char *binary, long seconds) {
  struct stat info;
  cr_assert_eq(stat(binary, &info), 0, "stat %s", binary);
  struct timespec times[2] = {{info.st_mtim.tv_sec + seconds, 0}, {info.st_mtim.tv_sec + seconds, 0}};
  cr_assert_eq(utimensat(AT_FDCWD, case_path, times, 0), 0, "utimensat %s", case_path);
}

static void check(const char *case_path, const char *binary, enum outcome expected, const char *text) {
  struct verify_request request = {.case_path = case_path, .binary = binary, .timeout_seconds = 30};
  verify_case(&request, &result);
  assert_outcome(&result, expected);
  if (text)
    assert_diagnostic(&result, text);
}

Test(p08, meets_a_binary_built_from_the_case_as_it_is) {
  char *case_path = copy_case("racy.c");
  char *clang = build("clang", case_path), *gcc = build("gcc", case_path);
  check(case_path, clang, OUTCOME_MET, NULL);
  case_result_free(&result);
  check(case_path, gcc, OUTCOME_MET, NULL);
  free(gcc);
  free(clang);
  free(case_path);
}

Test(p08, cannot_check_a_clang_binary_built_before_the_cases_lines_moved) {
  /* clang records the case's MD5 in the line table (DWARF 5): it is not the file's any more. Before: "met". */
  char *case_path = copy_case("racy.c");
  char *binary = build("clang", case_path);
  move_lines_under_the_markers(case_path);
  check(case_path, binary, OUTCOME_CANNOT_CHECK, "was built from another version of the case: the MD5 its DWARF");
  free(binary);
  free(case_path);
}

Test(p08, cannot_check_a_gcc_binary_older_than_the_case) {
  /* gcc 12 records no MD5: the case is newer than the binary. Before: "met". */
  char *case_path = copy_case("racy.c");
  char *binary = build("gcc", case_path);
  move_lines_under_the_markers(case_path);
  make_newer(case_path, binary, 10);
  check(case_path, binary, OUTCOME_CANNOT_CHECK, "the case changed after");
  free(binary);
  free(case_path);
}

Test(p08, the_md5_outweighs_the_times) {
  /* A case only touched (a checkout, a copy) is still the version the binary was built from. */
  char *case_path = copy_case("racy.c");
  char *binary = build("clang", case_path);
  make_newer(case_path, binary, 10);
  check(case_path, binary, OUTCOME_MET, NULL);
  free(binary);
  free(case_path);
}

Test(p08, the_fresh_binary_shows_the_moved_case_is_wrong) {
  char *case_path = copy_case("racy.c");
  move_lines_under_the_markers(case_path);
  char *binary = build("clang", case_path);
  check(case_path, binary, OUTCOME_NOT_MET, "expected data race, TSan reported nothing here");
  free(binary);
  free(case_path);
}

Test(p08, cannot_check_a_binary_not_built_from_the_case) {
  /* A clean case marked none, checked against a clean program built from another file. Before: "met". */
  scratch = make_scratch_dir();
  char *other = xprintf("%s/other.c", scratch), *case_path = xprintf("%s/clean.c", scratch);
  const char *text = "// expect-tsan: none\nint main(void) { return 0; }\n";
  const char *other_text = "// expect-tsan: none\nint main(void) { return 0; } /* another program */\n";
  write_file_or_fail(other, other_text, strlen(other_text));
  write_file_or_fail(case_path, text, strlen(text));
  char *binary = build("clang", other);
  check(case_path, binary, OUTCOME_CANNOT_CHECK, "was not built from the case: its DWARF names no file that is");
  free(binary);
  free(case_path);
  free(other);
}

/* -gsplit-dwarf: the skeleton unit in the binary keeps the line table (with clang's MD5s) and DW_AT_comp_dir, its
 * name is in the .dwo. Before, skeletons were skipped: every split-DWARF binary was "not built from the case". */
Test(p08, meets_a_split_dwarf_binary_built_from_the_case_as_it_is) {
  char *case_path = copy_case("racy.c"), *dwo = NULL;
  char *binary = build_split(case_path, &dwo);
  check(case_path, binary, OUTCOME_MET, NULL);
  free(dwo);
  free(binary);
  free(case_path);
}

Test(p08, cannot_check_a_split_dwarf_binary_built_before_the_cases_lines_moved) {
  char *case_path = copy_case("racy.c"), *dwo = NULL;
  char *binary = build_split(case_path, &dwo);
  move_lines_under_the_markers(case_path);
  check(case_path, binary, OUTCOME_CANNOT_CHECK, "was built from another version of the case: the MD5 its DWARF");
  free(dwo);
  free(binary);
  free(case_path);
}

Test(p08, cannot_check_a_split_dwarf_binary_whose_dwo_is_gone_and_names_it) {
  char *case_path = copy_case("racy.c"), *dwo = NULL;
  char *binary = build_split(case_path, &dwo);
  cr_assert_eq(unlink(dwo), 0, "unlink %s", dwo);
  check(case_path, binary, OUTCOME_CANNOT_CHECK, "keeps its debug information in a separate file (-gsplit-dwarf)");
  assert_diagnostic(&result, dwo);
  free(dwo);
  free(binary);
  free(case_path);
}
