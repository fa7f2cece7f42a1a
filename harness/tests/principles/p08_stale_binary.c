/* p08_stale_binary.c: principle 8 of docs/HOSTILE.md, "a stale binary is not evidence". A --binary built from an older
 * version of the case (its lines since moved), of a header it includes, or of a file its markers pin, would be checked
 * against today's text: the harness compares what the binary's DWARF knows of each source the verdict depends on (the
 * MD5 the compiler recorded, DWARF 5; else the times) with the file. */
#include "base/util.h"
#include "binary/dwarfinfo.h"
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

/* ---- every source the verdict depends on: headers, pinned files, the program's sources ---- */

/* programs/stale_header_case.c with its header and the invisible barrier, copied to the scratch folder. Returns the
 * case's path; the header is SCRATCH/stale_header.h. */
static char *copy_header_case(void) {
  scratch = make_scratch_dir();
  free(copy_program("stale_header.h", scratch, "stale_header.h"));
  free(copy_program("invisible_barrier.h", scratch, "invisible_barrier.h"));
  return copy_program("stale_header_case.c", scratch, "stale_header_case.c");
}

static char *header_path(void) { return xprintf("%s/stale_header.h", scratch); }

/* Replaces `from` with `to` in `path`, which must hold it. */
static void edit(const char *path, const char *from, const char *to) {
  size_t length;
  char *text = read_file_or_fail(path, &length);
  cr_assert(strstr(text, from), "%s holds no \"%s\"", path, from);
  char *edited = replace_first(text, from, to);
  write_file_or_fail(path, edited, strlen(edited));
  free(edited);
  free(text);
}

/* The helper made atomic: the same lines, no race. A binary built before still races. */
static void make_the_header_race_free(void) {
  char *header = header_path();
  edit(header, "*counter += 1; /* the race */", "__atomic_fetch_add(counter, 1, __ATOMIC_RELAXED);");
  free(header);
}

Test(p08, meets_a_binary_built_from_the_case_and_its_header_as_they_are) {
  char *case_path = copy_header_case();
  char *clang = build("clang", case_path), *gcc = build("gcc", case_path);
  check(case_path, clang, OUTCOME_MET, NULL);
  case_result_free(&result);
  check(case_path, gcc, OUTCOME_MET, NULL);
  free(gcc);
  free(clang);
  free(case_path);
}

Test(p08, cannot_check_a_clang_binary_built_before_an_included_header_changed) {
  /* The race is in the header's helper; the header was made race free after the build. clang records the header's
   * MD5 in the case's line table. Before: "met (reported: data race)", for a race the sources no longer have. */
  char *case_path = copy_header_case();
  char *binary = build("clang", case_path);
  make_the_header_race_free();
  check(case_path, binary, OUTCOME_CANNOT_CHECK, "stale_header.h changed after");
  assert_diagnostic(&result, "its MD5 differs from the one the binary records");
  case_result_free(&result);
  /* What the sources say now, built afresh: no race, the marker unhit. */
  char *fresh = build("gcc", case_path);
  check(case_path, fresh, OUTCOME_NOT_MET, "expected data race in stale_bump");
  free(fresh);
  free(binary);
  free(case_path);
}

Test(p08, cannot_check_a_gcc_binary_older_than_an_included_header) {
  /* gcc 12 records no MD5: the header is newer than the binary. Before: "met". */
  char *case_path = copy_header_case();
  char *binary = build("gcc", case_path), *header = header_path();
  make_the_header_race_free();
  make_newer(header, binary, 10);
  check(case_path, binary, OUTCOME_CANNOT_CHECK, "stale_header.h changed after");
  assert_diagnostic(&result, "the file is newer than the binary, which records no MD5 of it");
  free(header);
  free(binary);
  free(case_path);
}

Test(p08, the_md5_of_a_header_outweighs_its_times) {
  char *case_path = copy_header_case();
  char *binary = build("clang", case_path), *header = header_path();
  make_newer(header, binary, 10);
  check(case_path, binary, OUTCOME_MET, NULL);
  free(header);
  free(binary);
  free(case_path);
}

Test(p08, cannot_check_a_binary_whose_header_is_gone) {
  char *case_path = copy_header_case();
  char *binary = build("clang", case_path), *header = header_path();
  cr_assert_eq(unlink(header), 0, "unlink %s", header);
  check(case_path, binary, OUTCOME_CANNOT_CHECK, "stale_header.h, a file of compile unit");
  assert_diagnostic(&result, "no longer exists");
  free(header);
  free(binary);
  free(case_path);
}

Test(p08, a_system_header_is_not_stale_for_being_there) {
  /* racy.c includes <stdio.h> and <pthread.h>: both compilers name system headers in the case's unit (clang with
   * their MD5s, gcc without, older than the binary), such as glibc's bits/pthreadtypes.h. */
  char *case_path = copy_case("racy.c");
  const char *compilers[] = {"clang", "gcc"};
  for (size_t c = 0; c < 2; c++) {
    char *binary = build(compilers[c], case_path);
    struct dwarf_info dwarf;
    char *error = NULL;
    cr_assert_eq(dwarf_info_open(binary, &dwarf, &error), 0, "%s", error);
    bool names_system_header = false;
    for (size_t u = 0; u < dwarf.unit_count; u++)
      for (size_t i = 0; i < dwarf.units[u].source_count; i++)
        names_system_header |=
            dwarf.units[u].sources[i].resolved && starts_with(dwarf.units[u].sources[i].resolved, "/usr/include/");
    dwarf_info_close(&dwarf);
    cr_assert(names_system_header, "%s's DWARF should name a header of /usr/include", compilers[c]);
    case_result_free(&result);
    check(case_path, binary, OUTCOME_MET, NULL);
    free(binary);
  }
  free(case_path);
}

/* programs/races_inside_a_library.c, its library file and the invisible barrier in the scratch folder, the test's
 * "lib_run(); // PIN_HERE" line replaced by `line`, built with `compiler` as SCRATCH/program. Returns the case's path;
 * the library is SCRATCH/races_inside_a_library_lib.c. */
static char *build_library_race(const char *compiler, const char *line, char **binary) {
  scratch = make_scratch_dir();
  char *case_path = copy_program("races_inside_a_library.c", scratch, "races_inside_a_library.c");
  char *library = copy_program("races_inside_a_library_lib.c", scratch, "races_inside_a_library_lib.c");
  free(copy_program("invisible_barrier.h", scratch, "invisible_barrier.h"));
  edit(case_path, "  lib_run(); // PIN_HERE", line);
  *binary = xprintf("%s/program", scratch);
  char *argv[] = {
      (char *)compiler, "-fsanitize=thread", "-g", "-O1", "-pthread", case_path, library, "-o", *binary, NULL};
  run_or_fail(argv, 120);
  free(library);
  return case_path;
}

/* A line added at the top of the library: its race moves from line 12 to 13. */
static void move_the_librarys_lines(void) {
  char *library = xprintf("%s/races_inside_a_library_lib.c", scratch);
  edit(library, "int lib_counter;", "\nint lib_counter;");
  free(library);
}

Test(p08, cannot_check_a_binary_built_before_the_file_an_at_pin_names_changed) {
  /* The library's race was on line 12 when the binary was built; the file changed since, its line 12 is no race.
   * Before: "met (reported: data race)". */
  char *binary = NULL;
  char *case_path = build_library_race(
      "clang", "  // expect-tsan: data race at races_inside_a_library_lib.c:12\n  lib_run();", &binary);
  check(case_path, binary, OUTCOME_MET, NULL);
  case_result_free(&result);
  move_the_librarys_lines();
  check(case_path, binary, OUTCOME_CANNOT_CHECK, "races_inside_a_library_lib.c changed after");
  assert_diagnostic(&result, "its MD5 differs from the one the binary records");
  free(binary);
  free(case_path);
}

Test(p08, cannot_check_a_gcc_binary_older_than_the_file_an_in_pin_names) {
  /* `in lib_worker`: the function's compile unit is under test; gcc records no MD5, the library is newer. */
  char *binary = NULL;
  char *case_path = build_library_race("gcc", "  // expect-tsan: data race in lib_worker\n  lib_run();", &binary);
  char *library = xprintf("%s/races_inside_a_library_lib.c", scratch);
  move_the_librarys_lines();
  make_newer(library, binary, 10);
  check(case_path, binary, OUTCOME_CANNOT_CHECK, "races_inside_a_library_lib.c changed after");
  free(library);
  free(binary);
  free(case_path);
}

Test(p08, every_source_counts_where_markers_are_read_from_every_source) {
  /* racy.c and another source without markers, which the case neither includes nor pins. With `tsan-verify EXE`, and
   * with --binary racy.c (which reads the program's markers the same way, principle 14), the markers were looked for
   * in every source the DWARF names, so each is one the verdict depends on. Before: "met" both ways; then "met" with
   * --binary alone, which read the case's markers only. */
  char *case_path = copy_case("racy.c");
  char *other = xprintf("%s/other.c", scratch), *binary = xprintf("%s/program", scratch);
  const char *text = "int other_value(void) { return 1; }\n";
  write_file_or_fail(other, text, strlen(text));
  char *argv[] = {"clang", "-fsanitize=thread", "-g", "-O1", "-pthread", case_path, other, "-o", binary, NULL};
  run_or_fail(argv, 120);
  edit(other, "return 1;", "return 2;");
  check(case_path, binary, OUTCOME_CANNOT_CHECK, "other.c changed after");
  case_result_free(&result);
  struct verify_request request = {.case_path = binary, .timeout_seconds = 30};
  verify_case(&request, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "other.c changed after");
  free(binary);
  free(other);
  free(case_path);
}
