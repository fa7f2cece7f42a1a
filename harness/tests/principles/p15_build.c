/* p15_build.c: the build a user's project gets (issue 22). tsan_verify_add_test(... INSTRUMENT lib) rebuilds
 * the project's libraries with TSan, so a race two libraries deep is seen (principle 1: the proof covers the code,
 * not the process); the test programs, their aggregate target and their names (a tsan-verify built without its
 * optional Valgrind and SV-COMP parts is examples/fetchcontent's, below). Each test configures and
 * builds a real CMake project in a scratch folder with the real tsan-verify. */
#include "base/util.h"
#include "support.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define STR_OR_EMPTY(s) ((s) ? (s) : "")

static char *scratch;

static void setup(void) {
  unset_user_environment();
  scratch = make_scratch_dir();
}

static void cleanup(void) {
  remove_scratch_dir(scratch);
  scratch = NULL;
}

TestSuite(instrument, .init = setup, .fini = cleanup, .timeout = 300);
TestSuite(targets, .init = setup, .fini = cleanup, .timeout = 300);

/* "<repository>/cmake/TsanVerify.cmake"; the caller frees it. */
static char *tsan_verify_cmake(void) { return xprintf("%s/../cmake/TsanVerify.cmake", CASES_DIR); }

/* Runs `command` with `arguments`; the test fails unless it exits with 0, showing what it printed. */
static void run_ok(const char *command, const char *const *arguments, const char *directory, double timeout) {
  struct run_result run;
  run_command(command, arguments, directory, timeout, &run);
  cr_assert(run.end == RUN_EXITED && run.code == 0, "%s %s failed:\n%s\n%s", command, arguments[0],
            STR_OR_EMPTY(run.out.data), STR_OR_EMPTY(run.err.data));
  run_result_free(&run);
}

/* Configures programs/instrumented_library into `build` with `extra` (one -D option, or NULL) and builds every
 * tsan-verify test program through the aggregate target. */
static void build_library_project(const char *build, const char *extra) {
  char *source = program_path("instrumented_library");
  char *exe = xprintf("-DTSAN_VERIFY_EXE=%s", TSAN_VERIFY_EXE);
  char *module_path = tsan_verify_cmake();
  char *module = xprintf("-DTSAN_VERIFY_CMAKE=%s", module_path);
  const char *configure[] = {"-S", source, "-B",  build, "-G", "Ninja", "-DCMAKE_C_COMPILER=clang",
                             exe,  module, extra, NULL};
  run_ok("cmake", configure, NULL, 120);
  const char *make[] = {"--build", build, "--target", "tsan-verify-tests", "-j2", NULL};
  run_ok("cmake", make, NULL, 240);
  free(source);
  free(exe);
  free(module_path);
  free(module);
}

/* `ctest` in `build`; its output is returned in `run`. */
static void run_ctest(const char *build, struct run_result *run) {
  const char *arguments[] = {"--output-on-failure", "-j2", NULL};
  run_command("ctest", arguments, build, 240, run);
}

/* ---- INSTRUMENT: the project's libraries, rebuilt with TSan ---- */

/* The race is in store_put (libstore), reached through counter_bump (libcounter, which links store and needs its
 * own compile definition). Neither library asks for TSan; INSTRUMENT counter must rebuild both, at each level. */
Test(instrument, sees_a_race_two_project_libraries_deep_at_every_level) {
  char *build = xprintf("%s/build", scratch);
  build_library_project(build, NULL);
  struct run_result run;
  run_ctest(build, &run);
  cr_expect(run.end == RUN_EXITED && run.code == 0,
            "library/racy, library/racy@O0 and library/fixed should all be met:\n%s", STR_OR_EMPTY(run.out.data));
  cr_expect(contains(run.out.data, "library/racy@O0") && contains(run.out.data, "out of 3"),
            "ctest should run the three tests:\n%s", STR_OR_EMPTY(run.out.data));
  run_result_free(&run);
  /* One copy of each library per level; the project's own libraries are not rebuilt for the tests. */
  const char *copies[] = {"tsan-verify/O1/libtsan_verify.counter.O1.a", "tsan-verify/O1/libtsan_verify.store.O1.a",
                          "tsan-verify/O0/libtsan_verify.counter.O0.a", "tsan-verify/O0/libtsan_verify.store.O0.a"};
  for (size_t i = 0; i < sizeof copies / sizeof *copies; i++) {
    char *path = xprintf("%s/%s", build, copies[i]);
    struct stat info;
    cr_expect(stat(path, &info) == 0, "INSTRUMENT should have built %s", copies[i]);
    free(path);
  }
  char *original = xprintf("%s/libcounter.a", build);
  struct stat info;
  cr_expect(stat(original, &info) != 0, "the tests should not need the uninstrumented libcounter.a");
  free(original);
  free(build);
}

/* The same project linking its libraries as it builds them (no TSan, no -g): the race is invisible, and the
 * libraries' functions, linked into the program without TSan and reached from the tests, make every test cannot
 * check (was: not met, "expected data race"). This is the build INSTRUMENT replaces; it shows the test above depends on
 * the copies. */
Test(instrument, links_the_libraries_as_built_without_it) {
  char *build = xprintf("%s/build", scratch);
  build_library_project(build, "-DLINK_AS_BUILT=ON");
  struct run_result run;
  run_ctest(build, &run);
  cr_expect(run.end == RUN_EXITED && run.code != 0 && contains(run.out.data, "racy.c (-O1") &&
                contains(run.out.data, "function store_put is not fully instrumented by TSan") &&
                contains(run.out.data, "cannot check"),
            "with the libraries linked without TSan the tests should be cannot check:\n%s", STR_OR_EMPTY(run.out.data));
  run_result_free(&run);
  free(build);
}

/* A CMake project of `body` (after the tool and TsanVerify.cmake), with t.c a clean case; configured into
 * scratch/build. Returns the configure's run. */
static void configure_project_requiring(const char *version, const char *body, const char *tool_definition,
                                        struct run_result *run) {
  char *project = xprintf("%s/project", scratch);
  char *mkdir[] = {"mkdir", "-p", project, NULL};
  run_or_fail(mkdir, 30);
  char *source = xprintf("%s/t.c", project);
  const char *case_text = "// expect-tsan: none\nint main(void) { return 0; }\n";
  write_file_or_fail(source, case_text, strlen(case_text));
  char *module = tsan_verify_cmake();
  char *lists = xprintf("%s/CMakeLists.txt", project);
  char *text = xprintf("cmake_minimum_required(VERSION %s)\nproject(p C)\nenable_testing()\n%s\ninclude(%s)\n%s\n",
                       version, tool_definition, module, body);
  write_file_or_fail(lists, text, strlen(text));
  char *build = xprintf("%s/build", scratch);
  const char *arguments[] = {"-S", project, "-B", build, "-G", "Ninja", "-DCMAKE_C_COMPILER=clang", NULL};
  run_command("cmake", arguments, NULL, 120, run);
  free(project);
  free(source);
  free(module);
  free(lists);
  free(text);
  free(build);
}

static void configure_project(const char *body, const char *tool_definition, struct run_result *run) {
  configure_project_requiring("3.21", body, tool_definition, run);
}

static char *imported_tool(void) {
  return xprintf("add_executable(TsanVerify::tsan-verify IMPORTED)\n"
                 "set_target_properties(TsanVerify::tsan-verify PROPERTIES IMPORTED_LOCATION %s)",
                 TSAN_VERIFY_EXE);
}

Test(instrument, refuses_what_it_cannot_rebuild) {
  struct {
    const char *body, *message;
  } refused[] = {
      {"tsan_verify_add_test(NAME t SOURCES t.c INSTRUMENT nolib)",
       "tsan_verify_add_test(t): INSTRUMENT names no target 'nolib'"},
      {"add_executable(tool t.c)\ntsan_verify_add_test(NAME t SOURCES t.c INSTRUMENT tool)",
       "'tool' is an imported target or not a library"},
      {"add_library(system STATIC IMPORTED)\ntsan_verify_add_test(NAME t SOURCES t.c INSTRUMENT system)",
       "'system' is an imported target or not a library"},
  };
  char *tool = imported_tool();
  for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
    struct run_result run;
    configure_project(refused[i].body, tool, &run);
    char *said = replace_all(STR_OR_EMPTY(run.err.data), "\n", " ");
    char *joined = replace_all(said, "  ", " ");
    cr_expect(run.end == RUN_EXITED && run.code != 0 && contains(joined, refused[i].message),
              "configuring\n%s\nshould fail with: %s\nit said:\n%s", refused[i].body, refused[i].message,
              STR_OR_EMPTY(run.err.data));
    free(said);
    free(joined);
    run_result_free(&run);
    char *build = xprintf("%s/build", scratch);
    char *rm[] = {"rm", "-rf", build, NULL};
    run_or_fail(rm, 30);
    free(build);
  }
  free(tool);
}

/* A project whose cmake_minimum_required predates if(IN_LIST) (CMP0057, CMake 3.3): the module's functions keep the
 * policies they were written for. Before: "if given arguments: ... IN_LIST ... Unknown arguments specified" (an
 * adopter's project, aws-c-common, requires 3.0). */
Test(instrument, works_in_a_project_that_requires_an_old_cmake) {
  char *tool = imported_tool();
  struct run_result run;
  configure_project_requiring(
      "3.0", "add_library(lib STATIC t.c)\ntsan_verify_add_test(NAME t SOURCES t.c INSTRUMENT lib)", tool, &run);
  cr_assert(run.end == RUN_EXITED && run.code == 0, "configuring should succeed; it said:\n%s",
            STR_OR_EMPTY(run.err.data));
  run_result_free(&run);
  free(tool);
}

/* ---- the test programs' targets ---- */

/* A tool built in the project (as FetchContent builds tsan-verify): building one test program builds it first. */
Test(targets, a_test_program_builds_the_tool_first) {
  char *tool_source = write_scratch_file(&scratch, "tool.c", "int main(void) { return 0; }\n");
  char *tool =
      xprintf("add_executable(tsan-verify %s)\nadd_executable(TsanVerify::tsan-verify ALIAS tsan-verify)", tool_source);
  struct run_result run;
  configure_project("tsan_verify_add_test(NAME group/clean SOURCES t.c)", tool, &run);
  cr_assert(run.end == RUN_EXITED && run.code == 0, "configure failed:\n%s", STR_OR_EMPTY(run.err.data));
  run_result_free(&run);
  char *build = xprintf("%s/build", scratch);
  const char *make[] = {"--build", build, "--target", "tsan.group.clean.O1", NULL};
  run_ok("cmake", make, NULL, 240);
  char *built_tool = xprintf("%s/tsan-verify", build);
  char *program = xprintf("%s/O1/group.clean", build);
  struct stat info;
  cr_expect(stat(program, &info) == 0, "the test program should be %s", program);
  cr_expect(stat(built_tool, &info) == 0, "building the test program should have built the tool it runs under");
  free(built_tool);
  free(program);
  free(build);
  free(tool);
  free(tool_source);
}

/* Names a file name or a target should not hold become '_'; two tests whose programs would have the same name
 * are refused by name (before: CMake's own "another target with the same name already exists"). */
Test(targets, names_that_give_one_program_name_are_refused) {
  char *tool = imported_tool();
  struct run_result run;
  configure_project("tsan_verify_add_test(NAME \"race/basic\" SOURCES t.c)\n"
                    "tsan_verify_add_test(NAME \"race.basic\" SOURCES t.c)",
                    tool, &run);
  char *said = replace_all(STR_OR_EMPTY(run.err.data), "\n", " ");
  cr_expect(run.end == RUN_EXITED && run.code != 0 &&
                contains(said, "tsan_verify_add_test(race.basic): its program would be named 'race.basic'") &&
                contains(said, "test 'race/basic'"),
            "the second test should be refused, naming the first:\n%s", STR_OR_EMPTY(run.err.data));
  free(said);
  run_result_free(&run);
  free(tool);
}

Test(targets, odd_characters_make_a_sane_program_name) {
  char *tool = imported_tool();
  struct run_result run;
  configure_project("tsan_verify_add_test(NAME \"lib/race: a b\" SOURCES t.c)", tool, &run);
  cr_assert(run.end == RUN_EXITED && run.code == 0, "configure failed:\n%s", STR_OR_EMPTY(run.err.data));
  run_result_free(&run);
  char *build = xprintf("%s/build", scratch);
  const char *make[] = {"--build", build, "--target", "tsan-verify-tests", NULL};
  run_ok("cmake", make, NULL, 240);
  char *program = xprintf("%s/O1/lib.race__a_b", build);
  struct stat info;
  cr_expect(stat(program, &info) == 0, "the program should be %s", program);
  const char *list[] = {"-N", NULL};
  run_command("ctest", list, build, 60, &run);
  cr_expect(contains(run.out.data, "lib/race: a b"), "the test keeps its name:\n%s", STR_OR_EMPTY(run.out.data));
  run_result_free(&run);
  free(program);
  free(build);
  free(tool);
}

/* ---- the test a project registers reads the case as tsan-verify's own build does ---- */

/* A CMake project in scratch/project: `files` (a path under the project and its text, `count` of them; "PROJECT" in a
 * text is the project's folder) and a CMakeLists.txt that includes the module with the built tsan-verify, then
 * `body`; configured (Ninja, clang) and built into scratch/build. Returns the build folder; the caller frees it. */
static char *build_project(const char *const (*files)[2], size_t count, const char *body) {
  char *project = xprintf("%s/project", scratch);
  for (size_t f = 0; f < count; f++) {
    char *path = xprintf("%s/%s", project, files[f][0]);
    char *folder = xstrdup(path);
    *strrchr(folder, '/') = '\0';
    char *mkdir[] = {"mkdir", "-p", folder, NULL};
    run_or_fail(mkdir, 30);
    char *text = replace_all(files[f][1], "PROJECT", project);
    write_file_or_fail(path, text, strlen(text));
    free(text);
    free(folder);
    free(path);
  }
  char *module = tsan_verify_cmake();
  char *tool = imported_tool();
  char *lists = xprintf("%s/CMakeLists.txt", project);
  char *text = xprintf("cmake_minimum_required(VERSION 3.21)\nproject(p C)\nenable_testing()\n%s\ninclude(%s)\n%s\n",
                       tool, module, body);
  write_file_or_fail(lists, text, strlen(text));
  char *build = xprintf("%s/build", scratch);
  const char *configure[] = {"-S", project, "-B", build, "-G", "Ninja", "-DCMAKE_C_COMPILER=clang", NULL};
  run_ok("cmake", configure, NULL, 120);
  const char *make[] = {"--build", build, "--target", "tsan-verify-tests", "-j2", NULL};
  run_ok("cmake", make, NULL, 240);
  free(text);
  free(lists);
  free(tool);
  free(module);
  free(project);
  return build;
}

/* Blind round 3, attack 13, through flags only the compiler sees: a generated header (in a folder whose name holds a
 * blank, found through an include directory, named by a definition that holds quotes, and included only under a
 * definition the project gives C compiles alone, $<COMPILE_LANGUAGE:C>) opens with a #line that names the case, so
 * its racy write is recorded on the marker's line, which races with nothing. tsan-verify refuses that header when it
 * builds the case; the registered test reads the case with the flags its compiler was given (recorded by the
 * launcher), so it refuses it too. The project's own compiler launcher still runs. Before: met (the test was
 * registered without the flags, and the binary's line table alone accepts a line that holds code). */
Test(targets, the_registered_test_reads_the_case_with_the_flags_its_compiler_was_given) {
  const char *files[][2] = {
      {"tests/ren.c", "#include <pthread.h>\n"
                      "int counter;\n"
                      "#ifdef RENUMBERED\n"
                      "#include HEADER\n"
                      "#else\n"
                      "static inline void bump(void) {}\n"
                      "#endif\n"
                      "void *worker(void *a) {\n"
                      "  bump();\n"
                      "  return a;\n"
                      "}\n"
                      "int main(void) {\n"
                      "  int x = 0; // expect-tsan: data race\n"
                      "  pthread_t t;\n"
                      "  pthread_create(&t, 0, worker, 0);\n"
                      "  bump();\n"
                      "  pthread_join(t, 0);\n"
                      "  return x;\n"
                      "}\n"},
      {"gen dir/ren.h", "#line 13 \"PROJECT/tests/ren.c\"\nstatic inline void bump(void) { counter++; }\n"},
      {"launcher.sh", "touch \"${0%/*}/launcher-ran\"\nexec \"$@\"\n"},
  };
  char *build = build_project(files, sizeof files / sizeof *files,
                              "set(CMAKE_C_COMPILER_LAUNCHER sh ${CMAKE_CURRENT_SOURCE_DIR}/launcher.sh)\n"
                              "add_compile_options($<$<COMPILE_LANGUAGE:C>:-DRENUMBERED>)\n"
                              "include_directories(\"${CMAKE_CURRENT_SOURCE_DIR}/gen dir\")\n"
                              "add_compile_definitions(\"HEADER=\\\"ren.h\\\"\")\n"
                              "tsan_verify_add_test(NAME ren SOURCES tests/ren.c)");
  char *launcher_ran = xprintf("%s/project/launcher-ran", scratch);
  struct stat info;
  cr_expect(stat(launcher_ran, &info) == 0, "the project's own compiler launcher should still run");
  struct run_result run;
  run_ctest(build, &run);
  cr_expect(run.end == RUN_EXITED && run.code != 0 &&
                contains(run.out.data, "ren.h\" (a file the case includes) names the case") &&
                contains(run.out.data, "cannot check"),
            "the test should be cannot check, naming the header's #line:\n%s", STR_OR_EMPTY(run.out.data));
  run_result_free(&run);
  free(launcher_ran);
  free(build);
}

/* Blind round 3, attack 81: a marker in a project header (an inline function the test includes, listed in SOURCES or
 * not) is read by the registered test as by `tsan-verify PROGRAM`: `none` in the test beside the header's race marker
 * is cannot check, naming the header. Before: met (the registered --binary command read the test's markers alone). */
Test(targets, the_registered_test_reads_the_markers_of_the_headers_it_includes) {
  const char *files[][2] = {
      {"include/counter.h", "#include <pthread.h>\n"
                            "extern int counter;\n"
                            "extern pthread_mutex_t counter_lock;\n"
                            "static inline void counter_bump(void) {\n"
                            "  pthread_mutex_lock(&counter_lock);\n"
                            "  counter++; // expect-tsan: data race -- issue 41 (fixed: now locked)\n"
                            "  pthread_mutex_unlock(&counter_lock);\n"
                            "}\n"},
      {"tests/main.c", "// expect-tsan: none\n"
                       "#include \"counter.h\"\n"
                       "int counter;\n"
                       "pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;\n"
                       "static void *worker(void *a) { counter_bump(); return a; }\n"
                       "int main(void) {\n"
                       "  pthread_t t;\n"
                       "  pthread_create(&t, 0, worker, 0);\n"
                       "  counter_bump();\n"
                       "  pthread_join(t, 0);\n"
                       "  return 0;\n"
                       "}\n"},
  };
  char *build = build_project(files, sizeof files / sizeof *files,
                              "tsan_verify_add_test(NAME bump SOURCES tests/main.c include/counter.h\n"
                              "                     COMPILE_OPTIONS -I${CMAKE_CURRENT_SOURCE_DIR}/include)");
  struct run_result run;
  run_ctest(build, &run);
  cr_expect(run.end == RUN_EXITED && run.code != 0 &&
                contains(run.out.data, "'expect-tsan: none' mixed with 'data race' on line 6 of") &&
                contains(run.out.data, "include/counter.h") && contains(run.out.data, "cannot check"),
            "the test should be cannot check, naming the header's marker:\n%s", STR_OR_EMPTY(run.out.data));
  run_result_free(&run);
  free(build);
}

/* ---- a tsan-verify without its optional parts ---- */

/* A tsan-verify fetched by a project that has neither expat nor libyaml builds without them, links neither, and
 * `score` names the missing part (exit 2): examples/fetchcontent checks it (examples/check-user-project.sh), on the
 * one build of a fetched tsan-verify the test run makes (issue 26: it was a second build here). */

/* ---- a library linked without TSan whose race a marker pins ---- */

/* races_inside_a_library_lib.c compiled with `lib_flags` (debug information always) and linked into a case whose
 * only marker is `marker`, built with TSan; tsan-verify --binary on it. */
static void check_plain_library(const char *marker, const char *lib_flags, struct run_result *run) {
  char *text = xprintf("%s\nvoid lib_run(void);\n\nint main(void) {\n  lib_run();\n  return 0;\n}\n", marker);
  char *case_path = write_scratch_file(&scratch, "pins_the_library.c", text);
  char *library = program_path("races_inside_a_library_lib.c");
  char *object = xprintf("%s/lib.o", scratch);
  char *include = xprintf("-I%s", HARNESS_PROGRAMS_DIR);
  char *compile[] = {"clang", "-c", "-g", "-O1", (char *)lib_flags, include, library, "-o", object, NULL};
  run_or_fail(compile, 120);
  char *binary = xprintf("%s/program", scratch);
  char *link[] = {"clang", "-fsanitize=thread", "-g", "-O1", case_path, object, "-o", binary, NULL};
  run_or_fail(link, 120);
  const char *arguments[] = {"--binary", binary, case_path, NULL};
  run_harness(arguments, NULL, 60, run);
  free(text);
  free(case_path);
  free(library);
  free(object);
  free(include);
  free(binary);
}

/* Before: 1 (the pinned marker unhit) with a note that said "no marker names its lines". The library is code under
 * test as soon as a marker pins a race in it, by a function it defines or by one of its lines. */
Test(instrument, a_marker_pinning_a_race_in_a_file_built_without_tsan_is_cannot_check) {
  const char *markers[] = {"// expect-tsan: data race in lib_worker",
                           "// expect-tsan: data race at races_inside_a_library_lib.c:12"};
  const char *pins[] = {"(in lib_worker)", "(at races_inside_a_library_lib.c:12)"};
  for (size_t i = 0; i < sizeof markers / sizeof *markers; i++) {
    struct run_result run;
    check_plain_library(markers[i], "-pthread", &run);
    cr_expect(run.end == RUN_EXITED && run.code == 2, "%s, the library without TSan: exit %d, expected 2:\n%s%s",
              markers[i], run.code, STR_OR_EMPTY(run.out.data), STR_OR_EMPTY(run.err.data));
    char *said = xprintf("%s%s", STR_OR_EMPTY(run.out.data), STR_OR_EMPTY(run.err.data));
    cr_expect(contains(said, "races_inside_a_library_lib.c: linked into the program without TSan instrumentation, "
                             "and the marker on line 1 of") &&
                  contains(said, pins[i]),
              "the message should name the library's file and the pin %s:\n%s", pins[i], said);
    free(said);
    run_result_free(&run);
  }
  /* The same library built with TSan: the pinned race is seen, met. */
  struct run_result run;
  check_plain_library(markers[0], "-fsanitize=thread", &run);
  cr_expect(run.end == RUN_EXITED && run.code == 0, "the library with TSan should be met:\n%s%s",
            STR_OR_EMPTY(run.out.data), STR_OR_EMPTY(run.err.data));
  run_result_free(&run);
}

/* ---- which sources are the program's: CMake's own reading ---- */

/* A source CMake compiles as C++ by a suffix of its own list (`.c++`) is a file under test and a marker file like
 * the others; a header in SOURCES is neither. Before: `.c++` was left out by a list of suffixes in the module, so its
 * markers were never checked (found by a blind round). */
Test(targets, every_source_cmake_compiles_is_under_test_whatever_its_suffix) {
  char *project = xprintf("%s/project", scratch);
  char *mkdir[] = {"mkdir", "-p", project, NULL};
  run_or_fail(mkdir, 30);
  const char *files[][2] = {{"t.c", "// expect-tsan: none\nint main(void) { return 0; }\n"},
                            {"other.c++", "extern \"C\" int other(void) { return 1; }\n"},
                            {"other.h", "int other(void);\n"}};
  for (size_t f = 0; f < 3; f++) {
    char *path = xprintf("%s/%s", project, files[f][0]);
    write_file_or_fail(path, files[f][1], strlen(files[f][1]));
    free(path);
  }
  char *module = tsan_verify_cmake();
  char *tool = imported_tool();
  char *lists = xprintf("%s/CMakeLists.txt", project);
  char *text = xprintf("cmake_minimum_required(VERSION 3.21)\nproject(p C CXX)\nenable_testing()\n%s\ninclude(%s)\n"
                       "tsan_verify_add_test(NAME mixed SOURCES t.c other.c++ other.h)\n",
                       tool, module);
  write_file_or_fail(lists, text, strlen(text));
  char *build = xprintf("%s/build", scratch);
  const char *configure[] = {
      "-S", project, "-B", build, "-G", "Ninja", "-DCMAKE_C_COMPILER=clang", "-DCMAKE_CXX_COMPILER=clang++", NULL};
  run_ok("cmake", configure, NULL, 120);
  struct run_result run;
  const char *list[] = {"--show-only=json-v1", NULL};
  run_command("ctest", list, build, 60, &run);
  char *instrumented = xprintf("\"--instrumented\",\"%s/other.c++\"", project);
  char *out = xprintf("%s", STR_OR_EMPTY(run.out.data));
  /* ctest writes the JSON with spaces after its commas on some versions: compare without them */
  size_t kept = 0;
  for (size_t i = 0; out[i]; i++)
    if (out[i] != ' ' && out[i] != '\n')
      out[kept++] = out[i];
  out[kept] = '\0';
  cr_expect(contains(out, instrumented), "other.c++ should be under test:\n%s", STR_OR_EMPTY(run.out.data));
  cr_expect(!contains(out, "other.h\""), "a header is no file under test:\n%s", STR_OR_EMPTY(run.out.data));
  run_result_free(&run);
  free(out);
  free(instrumented);
  free(build);
  free(text);
  free(lists);
  free(tool);
  free(module);
  free(project);
}

/* A source given as a generator expression ($<TARGET_OBJECTS:lib>) names files CMake knows only when it generates:
 * the module links it as given. Before: refused at configure time ("SOURCES names no file"; found by a blind round). */
Test(targets, a_generator_expression_among_the_sources_is_linked_as_given) {
  char *project = xprintf("%s/project", scratch);
  char *mkdir[] = {"mkdir", "-p", project, NULL};
  run_or_fail(mkdir, 30);
  const char *files[][2] = {{"t.c", "// expect-tsan: none\nint other(void);\nint main(void) { return other() - 1; }\n"},
                            {"other.c", "int other(void) { return 1; }\n"}};
  for (size_t f = 0; f < 2; f++) {
    char *path = xprintf("%s/%s", project, files[f][0]);
    write_file_or_fail(path, files[f][1], strlen(files[f][1]));
    free(path);
  }
  char *module = tsan_verify_cmake();
  char *tool = imported_tool();
  char *lists = xprintf("%s/CMakeLists.txt", project);
  char *text = xprintf("cmake_minimum_required(VERSION 3.21)\nproject(p C)\nenable_testing()\n%s\ninclude(%s)\n"
                       "add_library(objects OBJECT other.c)\n"
                       "tsan_verify_add_test(NAME objects SOURCES t.c $<TARGET_OBJECTS:objects>)\n",
                       tool, module);
  write_file_or_fail(lists, text, strlen(text));
  char *build = xprintf("%s/build", scratch);
  const char *configure[] = {"-S", project, "-B", build, "-G", "Ninja", "-DCMAKE_C_COMPILER=clang", NULL};
  run_ok("cmake", configure, NULL, 120);
  free(build);
  free(text);
  free(lists);
  free(tool);
  free(module);
  free(project);
}
