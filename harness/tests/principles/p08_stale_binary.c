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

/* The program writes the text it was built from (Y: "none" claimed, a race unmarked) back into the case while it runs,
 * after the markers were read from another text (X: the race marked). The binary is fresh against Y, and X's marker
 * is hit: both checks passed, each on its own text (blind round 6, 31 and 32). */
static char *rewriting_case(const char *which_text) {
  bool x = strcmp(which_text, "X") == 0;
  return xprintf("#include <pthread.h>\n#include <stdio.h>\nint counter;\n"
                 "static void *worker(void *arg) {\n  (void)arg;\n  counter++;%s\n  return 0;\n}\n"
                 "int main(void) {\n  pthread_t a, b;\n  char buf[4096];\n  FILE *in = fopen(SRC \".Y\", \"rb\");\n"
                 "  size_t n = fread(buf, 1, sizeof buf, in);\n  fclose(in);\n  FILE *out = fopen(SRC, \"wb\");\n"
                 "  fwrite(buf, 1, n, out);\n  fclose(out);\n  pthread_create(&a, 0, worker, 0);\n"
                 "  pthread_create(&b, 0, worker, 0);\n  pthread_join(a, 0);\n  pthread_join(b, 0);\n  return 0;\n}\n"
                 "%s\n",
                 x ? " // expect-tsan: data race" : "", x ? "// the end" : "// expect-tsan: none");
}

Test(p08, cannot_check_a_case_the_program_rewrites_while_it_runs) {
  scratch = make_scratch_dir();
  char *case_path = xprintf("%s/rewrites.c", scratch), *y_path = xprintf("%s/rewrites.c.Y", scratch);
  char *x = rewriting_case("X"), *y = rewriting_case("Y");
  write_file_or_fail(y_path, y, strlen(y));
  write_file_or_fail(case_path, y, strlen(y));
  char *binary = xprintf("%s/prog", scratch), *define = xprintf("-DSRC=\"%s\"", case_path);
  char *argv[] = {"clang", "-fsanitize=thread", "-g", "-O1", "-pthread", define, case_path, "-o", binary, NULL};
  run_or_fail(argv, 120);
  write_file_or_fail(case_path, x, strlen(x));
  check(case_path, binary, OUTCOME_CANNOT_CHECK, "changed (or could no longer be read) while the harness checked it");
  free(define);
  free(binary);
  free(x);
  free(y);
  free(y_path);
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

/* ---- every image the verdict rests on: a library the program loads, a program the case execs ---- */

/* A shared library of the project whose one function races, pinned by the case with `in pool_add`. */
static const char pool_source[] = "#include <pthread.h>\n"
                                  "static int total;\n"
                                  "#define FIXED 0 /* 1: locked */\n"
                                  "static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;\n"
                                  "void pool_add(int v) {\n"
                                  "  if (FIXED) pthread_mutex_lock(&lock);\n"
                                  "  total += v;\n"
                                  "  if (FIXED) pthread_mutex_unlock(&lock);\n"
                                  "}\n";
static const char pool_case[] = "// expect-tsan: data race in pool_add\n"
                                "#include <pthread.h>\n"
                                "void pool_add(int v);\n"
                                "static void *worker(void *arg) { (void)arg; pool_add(1); return 0; }\n"
                                "int main(void) {\n"
                                "  pthread_t thread;\n"
                                "  pthread_create(&thread, 0, worker, 0);\n"
                                "  pool_add(2);\n"
                                "  pthread_join(thread, 0);\n"
                                "  return 0;\n"
                                "}\n";

/* The fix lands in the library's source on the line of its switch, so no line moves: only the content tells. */
static void fix_in_place(const char *path) { edit(path, "#define FIXED 0", "#define FIXED 1"); }

/* Builds SCRATCH/libpool.so from pool.c with `compiler`, and SCRATCH/test from test.c linking it (RUNPATH: SCRATCH);
 * returns the case's path and the program in *binary. */
static char *build_pool(const char *compiler, char **binary) {
  scratch = make_scratch_dir();
  char *library_source = write_scratch_file(&scratch, "pool.c", pool_source);
  char *case_path = write_scratch_file(&scratch, "test.c", pool_case);
  char *library = xprintf("%s/libpool.so", scratch), *runpath = xprintf("-Wl,-rpath,%s", scratch);
  char *folder = xprintf("-L%s", scratch);
  *binary = xprintf("%s/test", scratch);
  char *shared[] = {(char *)compiler, "-fsanitize=thread", "-g", "-O1",   "-fPIC",
                    "-shared",        library_source,      "-o", library, NULL};
  run_or_fail(shared, 120);
  char *program[] = {(char *)compiler,
                     "-fsanitize=thread",
                     "-g",
                     "-O1",
                     "-pthread",
                     case_path,
                     "-o",
                     *binary,
                     folder,
                     "-lpool",
                     runpath,
                     NULL};
  run_or_fail(program, 120);
  free(folder);
  free(runpath);
  free(library);
  free(library_source);
  return case_path;
}

Test(p08, cannot_check_a_stale_library_of_the_project_the_program_loaded) {
  /* The pin's function lives in libpool.so; its source was fixed after the library was built (clang: its MD5 tells).
   * Only the program was read for freshness. Before: "met (reported: data race)" though pool.c no longer races. */
  char *binary = NULL;
  char *case_path = build_pool("clang", &binary);
  check(case_path, binary, OUTCOME_MET, NULL);
  case_result_free(&result);
  char *library_source = xprintf("%s/pool.c", scratch);
  fix_in_place(library_source);
  check(case_path, binary, OUTCOME_CANNOT_CHECK, "pool.c changed after");
  assert_diagnostic(&result, "libpool.so was built: its MD5 differs");
  free(library_source);
  free(binary);
  free(case_path);
}

Test(p08, cannot_check_a_gcc_library_older_than_its_source) {
  /* gcc records no MD5: the library's source is newer than the library. Before: "met". */
  char *binary = NULL;
  char *case_path = build_pool("gcc", &binary);
  char *library_source = xprintf("%s/pool.c", scratch), *library = xprintf("%s/libpool.so", scratch);
  fix_in_place(library_source);
  make_newer(library_source, library, 10);
  check(case_path, binary, OUTCOME_CANNOT_CHECK, "pool.c changed after");
  assert_diagnostic(&result, "libpool.so was built: the file is newer than the binary");
  free(library);
  free(library_source);
  free(binary);
  free(case_path);
}

/* A TSan program whose helper_bump races, and a case the harness builds that runs it (its path is the argument). */
static const char helper_source[] = "#include <pthread.h>\n"
                                    "#define FIXED 0 /* 1: locked */\n"
                                    "int counter;\n"
                                    "static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;\n"
                                    "void helper_bump(void) {\n"
                                    "  if (FIXED) pthread_mutex_lock(&lock);\n"
                                    "  counter++;\n"
                                    "  if (FIXED) pthread_mutex_unlock(&lock);\n"
                                    "}\n"
                                    "static void *worker(void *arg) { (void)arg; helper_bump(); return 0; }\n"
                                    "int main(void) {\n"
                                    "  pthread_t thread;\n"
                                    "  pthread_create(&thread, 0, worker, 0);\n"
                                    "  helper_bump();\n"
                                    "  pthread_join(thread, 0);\n"
                                    "  return 0;\n"
                                    "}\n";
static const char launcher_case[] = "// expect-tsan: data race in helper_bump\n"
                                    "#include <sys/wait.h>\n"
                                    "#include <unistd.h>\n"
                                    "int main(int argc, char **argv) {\n"
                                    "  if (argc < 2) return 2;\n"
                                    "  pid_t child = fork();\n"
                                    "  if (child == 0) { execl(argv[1], \"helper\", (char *)0); _exit(127); }\n"
                                    "  int status;\n"
                                    "  waitpid(child, &status, 0);\n"
                                    "  return 0;\n"
                                    "}\n";

static void check_launcher(const char *case_path, const char *helper, enum outcome expected, const char *text) {
  char *arguments[] = {(char *)helper, NULL};
  struct verify_request request = {.case_path = case_path, .timeout_seconds = 30, .program_args = arguments};
  verify_case(&request, &result);
  assert_outcome(&result, expected);
  if (text)
    assert_diagnostic(&result, text);
}

Test(p08, cannot_check_a_stale_program_the_case_execs) {
  /* The harness builds the launcher (fresh by construction); the helper it execs was built by gcc before its source
   * was fixed. A program the harness built was never read for freshness, nor what it ran. Before: "met". */
  scratch = make_scratch_dir();
  char *helper_path = write_scratch_file(&scratch, "helper.c", helper_source);
  char *case_path = write_scratch_file(&scratch, "launcher.c", launcher_case);
  char *helper = xprintf("%s/helper", scratch);
  char *argv[] = {"gcc", "-fsanitize=thread", "-g", "-O1", "-pthread", helper_path, "-o", helper, NULL};
  run_or_fail(argv, 120);
  check_launcher(case_path, helper, OUTCOME_MET, NULL);
  case_result_free(&result);
  fix_in_place(helper_path);
  make_newer(helper_path, helper, 10);
  check_launcher(case_path, helper, OUTCOME_CANNOT_CHECK, "helper.c changed after");
  assert_diagnostic(&result, "helper was built: the file is newer than the binary");
  free(helper);
  free(case_path);
  free(helper_path);
}

/* ---- a header that only defines macros, in the build tsan_verify_add_test makes ---- */

/* A case whose locking a macro of config.h decides; config.h gives the unit no line and no declaration. */
static const char configured_case[] = "#include \"config.h\"\n"
                                      "#include <pthread.h>\n"
                                      "int counter;\n"
                                      "static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;\n"
                                      "static void bump(void) {\n"
                                      "  if (USE_LOCKING) pthread_mutex_lock(&lock);\n"
                                      "  counter++; // expect-tsan: data race\n"
                                      "  if (USE_LOCKING) pthread_mutex_unlock(&lock);\n"
                                      "}\n"
                                      "static void *worker(void *arg) { (void)arg; bump(); return 0; }\n"
                                      "int main(void) {\n"
                                      "  pthread_t thread;\n"
                                      "  pthread_create(&thread, 0, worker, 0);\n"
                                      "  bump();\n"
                                      "  pthread_join(thread, 0);\n"
                                      "  return 0;\n"
                                      "}\n";

/* SCRATCH/project (counter.c, config.h with USE_LOCKING 0, a CMakeLists.txt registering counter.c with
 * tsan_verify_add_test at O1) configured with `compiler` and CMAKE_C_FLAGS `c_flags` into SCRATCH/build and built;
 * returns the build folder. */
static char *build_configured_project(const char *compiler, const char *c_flags) {
  scratch = make_scratch_dir();
  char *project = xprintf("%s/project", scratch), *build_folder = xprintf("%s/build", scratch);
  char *mkdir[] = {"mkdir", "-p", project, NULL};
  run_or_fail(mkdir, 30);
  char *module = xprintf("%s/../cmake/TsanVerify.cmake", CASES_DIR);
  char *lists = xprintf("cmake_minimum_required(VERSION 3.21)\nproject(p C)\nenable_testing()\n"
                        "add_executable(TsanVerify::tsan-verify IMPORTED)\n"
                        "set_target_properties(TsanVerify::tsan-verify PROPERTIES IMPORTED_LOCATION %s)\n"
                        "include(%s)\ntsan_verify_add_test(NAME counter SOURCES counter.c LEVELS O1)\n",
                        TSAN_VERIFY_EXE, module);
  const char *files[][2] = {{"CMakeLists.txt", lists},
                            {"counter.c", configured_case},
                            {"config.h", "/* generated by ./configure */\n#define USE_LOCKING 0\n"}};
  for (size_t f = 0; f < 3; f++) {
    char *path = xprintf("%s/%s", project, files[f][0]);
    write_file_or_fail(path, files[f][1], strlen(files[f][1]));
    free(path);
  }
  char *compiler_option = xprintf("-DCMAKE_C_COMPILER=%s", compiler),
       *flags_option = xprintf("-DCMAKE_C_FLAGS=%s", c_flags);
  char *configure[] = {"cmake", "-S", project, "-B", build_folder, "-G", "Ninja", compiler_option, flags_option, NULL};
  run_or_fail(configure, 120);
  char *make[] = {"cmake", "--build", build_folder, "-j2", NULL};
  run_or_fail(make, 240);
  free(flags_option);
  free(compiler_option);
  free(lists);
  free(module);
  free(project);
  return build_folder;
}

/* ctest in `build_folder`: the test's exit status and what it printed, in *out (the caller frees it). */
static int run_configured_test(const char *build_folder, char **out) {
  struct run_result run;
  const char *arguments[] = {"--output-on-failure", NULL};
  run_command("ctest", arguments, build_folder, 120, &run);
  *out = xprintf("%s%s", run.out.data ? run.out.data : "", run.err.data ? run.err.data : "");
  int status = run.end == RUN_EXITED ? run.code : -1;
  run_result_free(&run);
  return status;
}

/* config.h rewritten by ./configure with locking on, and the program not rebuilt: the program as the sources are now
 * does not race. `older`: the header then given a time before the program's (a restore that keeps old times). */
static void turn_locking_on(const char *build_folder, bool older) {
  char *header = xprintf("%s/project/config.h", scratch), *program = xprintf("%s/O1/counter", build_folder);
  const char *text = "/* generated by ./configure */\n#define USE_LOCKING 1\n";
  write_file_or_fail(header, text, strlen(text));
  make_newer(header, program, older ? -100 : 10);
  free(program);
  free(header);
}

Test(p08, cannot_check_a_clang_test_built_before_a_macro_only_header_changed, .timeout = 300) {
  /* tsan_verify_add_test has clang record every file the preprocessor read with its MD5 (-gdwarf-5 -fdebug-macro),
   * also when the project asks for DWARF 4, whose line tables hold no MD5: the header's content tells, whatever its
   * time. Before: "met (reported: data race)"; config.h was named nowhere in the DWARF. */
  char *build_folder = build_configured_project("clang", "-gdwarf-4");
  char *out = NULL;
  cr_assert_eq(run_configured_test(build_folder, &out), 0, "the fresh program should be met:\n%s", out);
  free(out);
  turn_locking_on(build_folder, true);
  cr_expect_neq(run_configured_test(build_folder, &out), 0, "a stale program should not be met:\n%s", out);
  cr_expect(contains(out, "config.h changed after") && contains(out, "its MD5 differs"),
            "the verdict should name config.h and its MD5:\n%s", out);
  free(out);
  free(build_folder);
}

Test(p08, cannot_check_a_gcc_test_older_than_a_macro_only_header, .timeout = 300) {
  /* gcc records no digest, but with -g3 its line table names config.h: judged by its time. Before: "met". */
  char *build_folder = build_configured_project("gcc", "");
  char *out = NULL;
  cr_assert_eq(run_configured_test(build_folder, &out), 0, "the fresh program should be met:\n%s", out);
  free(out);
  turn_locking_on(build_folder, false);
  cr_expect_neq(run_configured_test(build_folder, &out), 0, "a stale program should not be met:\n%s", out);
  cr_expect(contains(out, "config.h changed after") && contains(out, "the file is newer than the binary"),
            "the verdict should name config.h and its time:\n%s", out);
  free(out);
  free(build_folder);
}
