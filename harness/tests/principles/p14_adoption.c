/* p14_adoption.c: tsan-verify where a project's own build system runs it. `tsan-verify EXE` checks a program built
 * elsewhere against the markers of the sources its debug information names, with every trust check of --binary;
 * what a file is decides from its ELF header, never its name. */
#include "base/util.h"
#include "check/verify.h"
#include "support.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *scratch;

static void cleanup(void) {
  remove_scratch_dir(scratch);
  scratch = NULL;
}

TestSuite(p14, .init = unset_user_environment, .fini = cleanup, .timeout = 120);

/* Builds `sources` (NULL-terminated paths) into scratch/NAME with `compiler` and the flags, TSan first unless
 * `flags` says otherwise. */
static char *build(const char *compiler, const char *flags, const char *const *sources, const char *name) {
  char *binary = xprintf("%s/%s", scratch, name);
  char *argv[16] = {(char *)compiler};
  size_t a = 1;
  char *copy = xstrdup(flags);
  for (char *word = strtok(copy, " "); word; word = strtok(NULL, " "))
    argv[a++] = word;
  for (size_t i = 0; sources[i]; i++)
    argv[a++] = (char *)sources[i];
  argv[a++] = "-o";
  argv[a++] = binary;
  argv[a] = NULL;
  run_or_fail(argv, 120);
  free(copy);
  return binary;
}

/* `tsan-verify ARGUMENTS...` from the scratch folder; returns the exit status and keeps the output in *run. */
static int harness(const char *const *arguments, struct run_result *run) {
  run_harness(arguments, scratch, 120, run);
  cr_assert(run->end == RUN_EXITED, "tsan-verify did not exit: %s%s", run->out.data, run->err.data);
  return run->code;
}

static void assert_status(const struct run_result *run, int expected, const char *text) {
  cr_assert_eq(run->code, expected, "expected exit status %d, got %d:\n%s%s", expected, run->code, run->out.data,
               run->err.data);
  if (text)
    cr_assert(contains(run->out.data, text) || contains(run->err.data, text), "expected \"%s\" in:\n%s%s", text,
              run->out.data, run->err.data);
}

/* Met, on a verdict line that names the case's source and the program checked (a program is always named:
 * "racy.c (binary ./racy): met (reported: data race)"). */
static void assert_met_program(const struct run_result *run, const char *source) {
  assert_status(run, OUTCOME_MET, ": met (reported: data race)");
  char *named = xprintf("%s (binary ", source);
  cr_assert(contains(run->out.data, named), "the verdict line names %s and the program:\n%s", source, run->out.data);
  free(named);
}

Test(p14, exe_mode_checks_a_program_against_the_markers_of_its_source) {
  scratch = make_scratch_dir();
  char *source = copy_program("racy.c", scratch, "racy.c");
  const char *sources[] = {source, NULL};
  char *clang = build("clang", "-fsanitize=thread -g -O1 -pthread", sources, "racy-clang");
  char *gcc = build("gcc", "-fsanitize=thread -g -O1 -pthread", sources, "racy-gcc");
  struct run_result run;
  /* Automake's LOG_COMPILER form: options first, the program last. */
  const char *automake[] = {"--timeout", "60", "./racy-clang", NULL};
  harness(automake, &run);
  assert_met_program(&run, "racy.c");
  run_result_free(&run);
  const char *meson[] = {gcc, NULL};
  harness(meson, &run);
  assert_met_program(&run, "racy.c");
  run_result_free(&run);
  free(gcc);
  free(clang);
  free(source);
}

Test(p14, exe_mode_reads_the_markers_wherever_the_program_puts_the_race) {
  scratch = make_scratch_dir();
  char *main_source = copy_program("races_in_a_library_main.c", scratch, "main.c");
  char *library = copy_program("races_in_a_library_file.c", scratch, "library.c");
  const char *sources[] = {main_source, library, NULL};
  char *binary = build("clang", "-fsanitize=thread -g -O1 -pthread", sources, "two-files");
  struct run_result run;
  const char *arguments[] = {"./two-files", NULL};
  harness(arguments, &run);
  assert_met_program(&run, "main.c");
  run_result_free(&run);
  free(binary);
  free(library);
  free(main_source);
}

/* What a file is, not what it is called: a program named like a source is run, a source named like a program is
 * read. */
Test(p14, exe_mode_decides_from_the_elf_header_not_the_name) {
  scratch = make_scratch_dir();
  char *source = copy_program("racy.c", scratch, "racy.c");
  const char *sources[] = {source, NULL};
  char *binary = build("clang", "-fsanitize=thread -g -O1 -pthread", sources, "looks_like_a_case.c");
  struct run_result run;
  const char *program[] = {"looks_like_a_case.c", NULL};
  harness(program, &run);
  assert_met_program(&run, "racy.c");
  run_result_free(&run);
  free(binary);
  free(source);
}

Test(p14, exe_mode_refuses_an_elf_file_that_is_no_program) {
  scratch = make_scratch_dir();
  char *source = copy_program("racy.c", scratch, "racy.c");
  const char *sources[] = {source, NULL};
  char *object = build("clang", "-fsanitize=thread -g -O1 -c", sources, "racy.o");
  char *library = build("clang", "-fsanitize=thread -g -O1 -shared -fPIC", sources, "libracy.so");
  struct run_result run;
  const char *object_arguments[] = {"racy.o", NULL};
  harness(object_arguments, &run);
  assert_status(&run, OUTCOME_CANNOT_CHECK, "racy.o: an ELF object file, not a program");
  run_result_free(&run);
  const char *library_arguments[] = {"libracy.so", NULL};
  harness(library_arguments, &run);
  assert_status(&run, OUTCOME_CANNOT_CHECK, "libracy.so: an ELF shared library, not a program");
  run_result_free(&run);
  free(library);
  free(object);
  free(source);
}

Test(p14, exe_mode_without_a_marked_source_cannot_check) {
  scratch = make_scratch_dir();
  char *source = write_scratch_file(&scratch, "plain.c", "int main(void) { return 0; }\n");
  const char *sources[] = {source, NULL};
  char *binary = build("clang", "-fsanitize=thread -g -O1", sources, "plain");
  struct run_result run;
  const char *arguments[] = {"./plain", NULL};
  harness(arguments, &run);
  assert_status(&run, OUTCOME_CANNOT_CHECK, "./plain: no markers: none of the 1 source file");
  run_result_free(&run);
  /* Without -g there are no sources to read. */
  char *nodebug = build("clang", "-fsanitize=thread -O1", sources, "nodebug");
  const char *nodebug_arguments[] = {"./nodebug", NULL};
  harness(nodebug_arguments, &run);
  assert_status(&run, OUTCOME_CANNOT_CHECK, "has no DWARF debugging information");
  run_result_free(&run);
  /* Its source gone: the program's debug information still names it, and nothing here holds markers. */
  cr_assert_eq(unlink(source), 0);
  harness(arguments, &run);
  assert_status(&run, OUTCOME_CANNOT_CHECK, "none of the 0 source files");
  run_result_free(&run);
  free(nodebug);
  free(binary);
  free(source);
}

/* Every marked source of the program is read: `none` in one beside a race marked in another cannot both hold, and
 * the error names both files. */
Test(p14, exe_mode_reads_the_markers_of_every_source_and_names_both_in_a_conflict) {
  scratch = make_scratch_dir();
  char *first = copy_program("racy.c", scratch, "racy.c");
  char *second = write_scratch_file(&scratch, "other.c", "// expect-tsan: none\nint other(void) { return 1; }\n");
  const char *sources[] = {first, second, NULL};
  char *binary = build("clang", "-fsanitize=thread -g -O1 -pthread", sources, "both");
  struct run_result run;
  const char *arguments[] = {"./both", NULL};
  harness(arguments, &run);
  assert_status(&run, OUTCOME_CANNOT_CHECK, "'expect-tsan: none' mixed with 'data race'");
  cr_assert(contains(run.out.data, "other.c") && contains(run.out.data, "racy.c"), "%s", run.out.data);
  run_result_free(&run);
  free(binary);
  free(second);
  free(first);
}

/* A program of two files, each marking its own race (programs/marks_two_files.c and _lib.c). */
static char *build_two_files(char **library) {
  char *first = copy_program("marks_two_files.c", scratch, "marks_two_files.c");
  *library = copy_program("marks_two_files_lib.c", scratch, "marks_two_files_lib.c");
  char *programs = program_path("");
  char *flags = xprintf("-fsanitize=thread -g -O1 -pthread -I%s", programs);
  const char *sources[] = {first, *library, NULL};
  free(build("clang", flags, sources, "two"));
  free(flags);
  free(programs);
  return first;
}

/* The same program built again from the library as it is now in the scratch folder. */
static char *build_two_files_again(const char *library) {
  char *first = xprintf("%s/marks_two_files.c", scratch);
  const char *sources[] = {first, library, NULL};
  char *programs = program_path("");
  char *flags = xprintf("-fsanitize=thread -g -O1 -pthread -I%s", programs);
  free(build("clang", flags, sources, "two"));
  free(flags);
  free(programs);
  return first;
}

/* tsan-verify EXE over a program whose markers are in two of its sources: the first is the case, the other a marker
 * file, and each race hits the marker of its own file. Before: cannot check ("markers in 2 of its source files"). */
Test(p14, exe_mode_checks_markers_in_two_sources) {
  scratch = make_scratch_dir();
  char *library = NULL;
  char *first = build_two_files(&library);
  struct run_result run;
  const char *arguments[] = {"./two", NULL};
  harness(arguments, &run);
  assert_status(&run, OUTCOME_MET, "marks_two_files.c (binary ./two): met (reported: data race)");
  run_result_free(&run);
  /* The library's marker is read, and it must be hit: moved off its race (to the line above), not met, naming the
   * library's file and line. */
  size_t length;
  char *text = read_file_or_fail(library, &length);
  char *unmarked = replace_first(text, "  lib_counter++; // expect-tsan: data race", "  lib_counter++;");
  char *moved = replace_first(unmarked, "void lib_bump(void) {", "void lib_bump(void) { // expect-tsan: data race");
  write_file_or_fail(library, moved, strlen(moved));
  const char *sources[] = {first, library, NULL};
  char *programs = program_path("");
  char *flags = xprintf("-fsanitize=thread -g -O1 -pthread -I%s", programs);
  free(build("clang", flags, sources, "two"));
  harness(arguments, &run);
  assert_status(&run, OUTCOME_NOT_MET, "marks_two_files_lib.c:5: expected data race, TSan reported nothing here");
  run_result_free(&run);
  free(flags);
  free(programs);
  free(moved);
  free(unmarked);
  free(text);
  free(first);
  free(library);
}

/* A marker file is code under test: under tsan-verify EXE, the library's marked file built without TSan is cannot
 * check, naming it. Before: cannot check for another cause ("markers in 2 of its source files"). */
Test(p14, exe_mode_requires_every_marked_source_instrumented) {
  scratch = make_scratch_dir();
  char *first = copy_program("marks_two_files.c", scratch, "marks_two_files.c");
  char *library = copy_program("marks_two_files_lib.c", scratch, "marks_two_files_lib.c");
  char *object = xprintf("%s/lib.o", scratch);
  char *compile[] = {"clang", "-g", "-O1", "-c", library, "-o", object, NULL};
  run_or_fail(compile, 120);
  char *programs = program_path("");
  char *flags = xprintf("-fsanitize=thread -g -O1 -pthread -I%s", programs);
  const char *sources[] = {first, object, NULL};
  free(build("clang", flags, sources, "plain_lib"));
  struct run_result run;
  const char *arguments[] = {"./plain_lib", NULL};
  harness(arguments, &run);
  assert_status(&run, OUTCOME_CANNOT_CHECK, "marks_two_files_lib.c: was compiled without TSan instrumentation");
  run_result_free(&run);
  free(flags);
  free(programs);
  free(object);
  free(library);
  free(first);
}

/* --markers FILE names a marker file on the command line. Before: an unknown option (exit 2). */
Test(p14, markers_option_adds_a_marker_file) {
  scratch = make_scratch_dir();
  char *library = NULL;
  char *first = build_two_files(&library);
  struct run_result run;
  const char *arguments[] = {"--binary", "./two", "marks_two_files.c", "--markers", "marks_two_files_lib.c", NULL};
  harness(arguments, &run);
  assert_status(&run, OUTCOME_MET, NULL);
  run_result_free(&run);
  free(first);
  free(library);
}

/* --binary EXE CASE.c reads the markers of the program's other sources as tsan-verify EXE does (its DWARF names
 * them), so a runner's call is the same check whichever form it takes. Before: the library's marker went unread, and
 * its race was unexpected (not met) while EXE mode was met; moved off its race, the marker was never missed. */
Test(p14, binary_mode_reads_the_markers_of_the_programs_other_sources_as_exe_mode_does) {
  scratch = make_scratch_dir();
  char *library = NULL;
  char *first = build_two_files(&library);
  struct run_result run;
  const char *binary_form[] = {"--binary", "./two", "marks_two_files.c", NULL};
  harness(binary_form, &run);
  assert_status(&run, OUTCOME_MET, "marks_two_files.c (binary ./two): met (reported: data race)");
  run_result_free(&run);
  /* The library's marker moved off its race (to the line above), rebuilt: not met in both forms, naming the library's
   * line. */
  size_t length;
  char *text = read_file_or_fail(library, &length);
  char *moved = replace_first(text, "  lib_counter++; // expect-tsan: data race", "  lib_counter++;");
  char *marked_above = replace_first(moved, "void lib_bump(void) {", "void lib_bump(void) { // expect-tsan: data race");
  write_file_or_fail(library, marked_above, strlen(marked_above));
  free(first);
  first = build_two_files_again(library);
  const char *exe_form[] = {"./two", NULL};
  const char *const *forms[] = {binary_form, exe_form};
  for (size_t f = 0; f < 2; f++) {
    harness(forms[f], &run);
    assert_status(&run, OUTCOME_NOT_MET, "marks_two_files_lib.c:5: expected data race, TSan reported nothing here");
    run_result_free(&run);
  }
  free(marked_above);
  free(moved);
  free(text);
  free(first);
  free(library);
}

/* A marker in a header (an inline function the case includes) is the program's too: --binary reads it as EXE mode
 * does, and `none` in the case beside the header's race marker is the same conflict in both forms (blind round 3,
 * attack 81: the command tsan_verify_add_test registers said met). */
Test(p14, binary_mode_reads_a_headers_markers_as_exe_mode_does) {
  scratch = make_scratch_dir();
  char *header = write_scratch_file(&scratch, "counter.h",
                                    "#include <pthread.h>\n"
                                    "extern int counter;\n"
                                    "extern pthread_mutex_t counter_lock;\n"
                                    "static inline void counter_bump(void) {\n"
                                    "  pthread_mutex_lock(&counter_lock);\n"
                                    "  counter++; // expect-tsan: data race -- issue 41 (fixed: now locked)\n"
                                    "  pthread_mutex_unlock(&counter_lock);\n"
                                    "}\n");
  char *source = write_scratch_file(&scratch, "main.c",
                                    "// expect-tsan: none\n"
                                    "#include \"counter.h\"\n"
                                    "int counter;\n"
                                    "pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;\n"
                                    "static void *worker(void *arg) {\n"
                                    "  counter_bump();\n"
                                    "  return arg;\n"
                                    "}\n"
                                    "int main(void) {\n"
                                    "  pthread_t thread;\n"
                                    "  pthread_create(&thread, 0, worker, 0);\n"
                                    "  counter_bump();\n"
                                    "  pthread_join(thread, 0);\n"
                                    "  return 0;\n"
                                    "}\n");
  const char *sources[] = {source, NULL};
  char *binary = build("clang", "-fsanitize=thread -g -O1 -pthread", sources, "bump");
  const char *binary_form[] = {"--binary", "./bump", "main.c", NULL};
  const char *exe_form[] = {"./bump", NULL};
  const char *const *forms[] = {binary_form, exe_form};
  for (size_t f = 0; f < 2; f++) {
    struct run_result run;
    harness(forms[f], &run);
    assert_status(&run, OUTCOME_CANNOT_CHECK, "'expect-tsan: none' mixed with 'data race' on line 6 of");
    cr_assert(contains(run.out.data, "counter.h"), "the conflict names the header:\n%s", run.out.data);
    run_result_free(&run);
  }
  free(binary);
  free(source);
  free(header);
}

/* The trust checks of --binary hold for EXE: TSan in the program, and a program built from the sources as they are. */
Test(p14, exe_mode_keeps_the_trust_checks_of_binary) {
  scratch = make_scratch_dir();
  char *source = copy_program("racy.c", scratch, "racy.c");
  const char *sources[] = {source, NULL};
  char *plain = build("clang", "-g -O1 -pthread", sources, "uninstrumented");
  struct run_result run;
  const char *uninstrumented[] = {"./uninstrumented", NULL};
  harness(uninstrumented, &run);
  assert_status(&run, OUTCOME_CANNOT_CHECK, "is not TSan-instrumented");
  run_result_free(&run);
  char *binary = build("clang", "-fsanitize=thread -g -O1 -pthread", sources, "racy");
  /* The source changed after the build: its lines may have moved under the markers. */
  size_t length;
  char *text = read_file_or_fail(source, &length);
  char *edited = replace_first(text, "#include <pthread.h>\n", "#include <pthread.h>\n\n");
  write_file_or_fail(source, edited, strlen(edited));
  const char *stale[] = {"./racy", NULL};
  harness(stale, &run);
  cr_assert_eq(run.code, OUTCOME_CANNOT_CHECK, "a stale program is no evidence:\n%s%s", run.out.data, run.err.data);
  run_result_free(&run);
  free(edited);
  free(text);
  free(binary);
  free(plain);
  free(source);
}

/* racy.c whose races are declared at -O2 only, and `none` at every other level: the verdict says which level the
 * harness built at. */
static char *racy_at_o2_only(void) {
  char *source = copy_program("racy.c", scratch, "racy_at_o2.c");
  size_t length;
  char *text = read_file_or_fail(source, &length);
  char *declared = replace_all(text, "// expect-tsan: data race", "// expect-tsan[O2]: data race");
  char *other_levels =
      replace_first(declared, "int counter;", "// expect-tsan[O0,O1,O3,Os,Og,Oz,Ofast]: none\nint counter;");
  write_file_or_fail(source, other_levels, strlen(other_levels));
  free(other_levels);
  free(declared);
  free(text);
  return source;
}

/* Meson's `optimization` and CMake's CMAKE_BUILD_TYPE, as their projects spell them, each to the compiler's flag. */
Test(p14, opt_takes_the_levels_meson_and_cmake_spell, .timeout = 600) {
  scratch = make_scratch_dir();
  char *source = racy_at_o2_only();
  static const struct {
    const char *level;
    int status;
  } levels[] = {{"2", OUTCOME_MET},
                {"RelWithDebInfo", OUTCOME_MET},
                {"relwithdebinfo", OUTCOME_MET},
                {"-O2", OUTCOME_MET},
                {"s", OUTCOME_NOT_MET},
                {"plain", OUTCOME_NOT_MET},
                {"g", OUTCOME_NOT_MET},
                {"Release", OUTCOME_NOT_MET},
                {"MinSizeRel", OUTCOME_NOT_MET},
                {"fast", OUTCOME_CANNOT_CHECK}};
  for (size_t i = 0; i < sizeof levels / sizeof *levels; i++) {
    struct run_result run;
    const char *arguments[] = {"--opt", levels[i].level, "racy_at_o2.c", NULL};
    harness(arguments, &run);
    cr_assert_eq(run.code, levels[i].status, "--opt %s: expected %d, got %d:\n%s%s", levels[i].level, levels[i].status,
                 run.code, run.out.data, run.err.data);
    run_result_free(&run);
  }
  free(source);
}

/* Automake's hard error is 99: "cannot check" becomes it, and nothing else does. */
Test(p14, error_exit_maps_cannot_check_and_nothing_else) {
  scratch = make_scratch_dir();
  char *met = copy_program("racy.c", scratch, "racy.c");
  char *not_met = copy_program("racy_wrong_line.c", scratch, "wrong.c");
  free(copy_program("invisible_barrier.h", scratch, "invisible_barrier.h"));
  char *unchecked = write_scratch_file(&scratch, "unmarked.c", "int main(void) { return 0; }\n");
  struct run_result run;
  const char *cannot[] = {"--error-exit", "99", "unmarked.c", NULL};
  harness(cannot, &run);
  assert_status(&run, 99, "no expect-tsan marker");
  run_result_free(&run);
  const char *failing[] = {"--error-exit", "99", "wrong.c", NULL};
  harness(failing, &run);
  assert_status(&run, OUTCOME_NOT_MET, NULL);
  run_result_free(&run);
  const char *passing[] = {"racy.c", "--error-exit", "99", NULL};
  harness(passing, &run);
  assert_status(&run, OUTCOME_MET, NULL);
  run_result_free(&run);
  /* A status that reads as another verdict is refused. */
  static const char *const refused[] = {"0", "1", "77", "256", "x"};
  for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
    const char *arguments[] = {"--error-exit", refused[i], "racy.c", NULL};
    harness(arguments, &run);
    assert_status(&run, OUTCOME_CANNOT_CHECK, "--error-exit takes");
    run_result_free(&run);
  }
  free(unchecked);
  free(not_met);
  free(met);
}

/* The lines of `text` that start with `prefix`, counted. */
static size_t lines_starting(const char *text, const char *prefix) {
  size_t count = 0;
  for (const char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
    count += strncmp(line, prefix, strlen(prefix)) == 0;
  return count;
}

Test(p14, tap_has_a_point_per_marker_and_per_unexpected_report) {
  scratch = make_scratch_dir();
  char *met = copy_program("racy.c", scratch, "racy.c");
  char *not_met = copy_program("racy_wrong_line.c", scratch, "wrong.c");
  free(copy_program("invisible_barrier.h", scratch, "invisible_barrier.h"));
  struct run_result run;
  const char *arguments[] = {"--tap", "racy.c", "wrong.c", NULL};
  harness(arguments, &run);
  assert_status(&run, OUTCOME_NOT_MET, NULL);
  const char *out = run.out.data;
  cr_assert(starts_with(out, "TAP version 14\n"), "%s", out);
  cr_assert(contains(out, "\nok 1 - racy.c:28: data race\n"), "%s", out);
  cr_assert(contains(out, "\nok 2 - racy.c:39: data race\n"), "%s", out);
  /* racy_wrong_line.c: its race is on line 21, its marker on line 24. */
  cr_assert(contains(out, "\nnot ok 3 - wrong.c:21: unexpected data race"), "%s", out);
  cr_assert(contains(out, "\nnot ok 4 - wrong.c:24: expected data race, TSan reported nothing here\n"), "%s", out);
  cr_assert(contains(out, "  ---\n  message: \"expected data race, TSan reported nothing here\"\n"), "%s", out);
  cr_assert(ends_with(out, "\n1..4\n"), "the plan comes last:\n%s", out);
  cr_assert_eq(lines_starting(out, "ok ") + lines_starting(out, "not ok "), 4, "%s", out);
  /* The verdict lines for people go to stderr: stdout is the TAP stream alone. */
  cr_assert(contains(run.err.data, "racy.c: met"), "%s", run.err.data);
  run_result_free(&run);
  free(not_met);
  free(met);
}

/* A case that cannot be checked is no failure of the code and no pass: the stream bails out, and runners report an
 * error. A name holding '#' cannot open a directive (a forged "# SKIP" or "# TODO"). */
Test(p14, tap_bails_out_when_a_case_cannot_be_checked) {
  scratch = make_scratch_dir();
  char *met = copy_program("racy.c", scratch, "racy#TODO.c");
  char *unchecked = write_scratch_file(&scratch, "unmarked.c", "int main(void) { return 0; }\n");
  struct run_result run;
  const char *arguments[] = {"--tap", "racy#TODO.c", "unmarked.c", "racy#TODO.c", NULL};
  harness(arguments, &run);
  assert_status(&run, OUTCOME_CANNOT_CHECK, NULL);
  const char *out = run.out.data;
  cr_assert(contains(out, "\nok 1 - racy\\#TODO.c:28: data race\n"), "%s", out);
  cr_assert(contains(out, "\nBail out! unmarked.c:1: no expect-tsan marker"), "%s", out);
  cr_assert_eq(lines_starting(out, "ok "), 2, "nothing after the bail-out:\n%s", out);
  cr_assert(!contains(out, "\n1.."), "no plan after a bail-out:\n%s", out);
  run_result_free(&run);
  free(unchecked);
  free(met);
}

/* `xmllint ARGUMENTS...` on the scratch folder's files; its stdout. */
static char *xmllint(const char *const *arguments, int expected_status) {
  struct run_result run;
  run_command("xmllint", arguments, scratch, 60, &run);
  cr_assert(run.end == RUN_EXITED && run.code == expected_status, "xmllint exited %d:\n%s%s", run.code, run.out.data,
            run.err.data);
  char *out = xstrdup(run.out.data);
  run_result_free(&run);
  out[strcspn(out, "\n")] = '\0'; /* one value a line */
  return out;
}

Test(p14, junit_has_a_testcase_per_point_and_an_error_for_cannot_check) {
  scratch = make_scratch_dir();
  char *met = copy_program("racy.c", scratch, "racy.c");
  char *not_met = copy_program("racy_wrong_line.c", scratch, "wrong<&>.c");
  free(copy_program("invisible_barrier.h", scratch, "invisible_barrier.h"));
  char *unchecked = write_scratch_file(&scratch, "unmarked.c", "int main(void) { return 0; }\n");
  struct run_result run;
  const char *arguments[] = {"--junit", "report.xml", "racy.c", "wrong<&>.c", "unmarked.c", NULL};
  harness(arguments, &run);
  assert_status(&run, OUTCOME_CANNOT_CHECK, NULL);
  run_result_free(&run);
  const char *well_formed[] = {"--noout", "report.xml", NULL};
  free(xmllint(well_formed, 0));
  static const struct {
    const char *xpath, *value;
  } counts[] = {{"count(//testsuite)", "3"},
                {"count(//testcase)", "5"},
                {"count(//testcase/failure)", "2"},
                {"count(//testcase/error)", "1"},
                {"string(/testsuites/@tests)", "5"},
                {"string(/testsuites/@failures)", "2"},
                {"string(/testsuites/@errors)", "1"},
                {"string(//testsuite[2]/@name)", "wrong<&>.c"},
                {"string(//testcase[1]/@name)", "racy.c:28: data race"},
                {"string(//error/@type)", "cannot check"}};
  for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
    const char *query[] = {"--xpath", counts[i].xpath, "report.xml", NULL};
    char *value = xmllint(query, 0);
    cr_assert_str_eq(value, counts[i].value, "%s", counts[i].xpath);
    free(value);
  }
  /* A file that cannot be written is no report a runner could read: cannot check, never a pass. */
  const char *unwritable[] = {"--junit", "no/such/folder/report.xml", "racy.c", NULL};
  harness(unwritable, &run);
  assert_status(&run, OUTCOME_CANNOT_CHECK, "--junit no/such/folder/report.xml: cannot write");
  run_result_free(&run);
  free(unchecked);
  free(not_met);
  free(met);
}

/* Every output agrees with the exit status: a JUnit or result file that cannot be written makes the run cannot
 * check, and the TAP stream says so (Bail out!) instead of ending as a pass. */
Test(p14, tap_never_passes_when_a_report_file_cannot_be_written) {
  scratch = make_scratch_dir();
  char *met = copy_program("racy.c", scratch, "racy.c");
  struct run_result run;
  const char *junit[] = {"--tap", "--junit", "no/such/folder/report.xml", "racy.c", NULL};
  harness(junit, &run);
  assert_status(&run, OUTCOME_CANNOT_CHECK, "--junit no/such/folder/report.xml: cannot write");
  cr_assert(contains(run.out.data, "Bail out! --junit no/such/folder/report.xml: cannot write"), "%s", run.out.data);
  cr_assert_eq(lines_starting(run.out.data, "ok "), 0, "%s", run.out.data);
  run_result_free(&run);
  const char *results[] = {"--tap", "--results", "no/such/folder/result.json", "racy.c", NULL};
  harness(results, &run);
  assert_status(&run, OUTCOME_CANNOT_CHECK, "--results no/such/folder/result.json: cannot write");
  cr_assert(contains(run.out.data, "Bail out! racy.c:"), "%s", run.out.data);
  cr_assert(!contains(run.out.data, "\n1.."), "no plan after a bail-out:\n%s", run.out.data);
  run_result_free(&run);
  free(met);
}

/* A report file is only ever a regular file: as root in a CI container, `--results /dev/full` used to unlink the
 * device and rename a regular file onto its path. A FIFO stands in for the device here. */
Test(p14, report_files_that_are_not_regular_files_are_never_replaced) {
  scratch = make_scratch_dir();
  char *met = copy_program("racy.c", scratch, "racy.c");
  char *fifo = xprintf("%s/device", scratch);
  cr_assert_eq(mkfifo(fifo, 0600), 0, "mkfifo %s", fifo);
  const char *options[] = {"--results", "--junit"};
  for (size_t i = 0; i < 2; i++) {
    struct run_result run;
    const char *arguments[] = {options[i], "device", "racy.c", NULL};
    harness(arguments, &run);
    assert_status(&run, OUTCOME_CANNOT_CHECK, "device: not a regular file");
    run_result_free(&run);
    struct stat st;
    cr_assert(lstat(fifo, &st) == 0 && S_ISFIFO(st.st_mode), "%s left the FIFO in place", options[i]);
  }
  free(fifo);
  free(met);
}

/* A C++ case is built with the C++ driver of the toolchain the harness was told to use: clang -> clang++,
 * gcc -> g++; a suffix the drivers read as C++ (.cc, .cpp, .cxx, .C) decides it. */
Test(p14, cplusplus_cases_are_built_with_the_cplusplus_driver) {
  scratch = make_scratch_dir();
  static const struct {
    const char *compiler, *name;
  } builds[] = {{"clang", "race.cc"}, {"gcc", "race.cpp"}, {"clang", "race.cxx"}, {"gcc", "race.C"}};
  for (size_t i = 0; i < sizeof builds / sizeof *builds; i++) {
    char *source = copy_program("races_in_cplusplus.cc", scratch, builds[i].name);
    struct run_result run;
    const char *arguments[] = {"--cc", builds[i].compiler, builds[i].name, NULL};
    harness(arguments, &run);
    cr_assert_eq(run.code, OUTCOME_MET, "%s with %s:\n%s%s", builds[i].name, builds[i].compiler, run.out.data,
                 run.err.data);
    run_result_free(&run);
    free(source);
  }
  /* A compiler whose name says neither: which C++ driver goes with it is not guessed. */
  struct run_result run;
  const char *unknown[] = {"--cc", "cc", "race.C", NULL};
  harness(unknown, &run);
  assert_status(&run, OUTCOME_CANNOT_CHECK, "the C++ driver of the compiler cc cannot be told from its name");
  cr_assert(contains(run.out.data, "\nrace.C: cannot check\n"), "the verdict line names the case:\n%s", run.out.data);
  run_result_free(&run);
}

/* The marker reader reads a C++ file as the compiler does: a raw string holding a marker and a quote, and a digit
 * separator's quote, are no comment and no character literal. */
Test(p14, cplusplus_raw_strings_and_digit_separators_are_read_as_the_compiler_reads_them) {
  scratch = make_scratch_dir();
  char *source = copy_program("reads_raw_strings_and_digit_separators.cc", scratch, "raw.cc");
  static const char *const compilers[] = {"clang", "gcc"};
  for (size_t i = 0; i < sizeof compilers / sizeof *compilers; i++) {
    struct run_result run;
    const char *arguments[] = {"--cc", compilers[i], "raw.cc", NULL};
    harness(arguments, &run);
    cr_assert_eq(run.code, OUTCOME_MET, "%s:\n%s%s", compilers[i], run.out.data, run.err.data);
    run_result_free(&run);
  }
  free(source);
}

/* A compile error is quoted whole, up to 40 lines, each line on its own: not one line of it. */
Test(p14, a_compile_error_is_quoted_whole_and_bounded) {
  scratch = make_scratch_dir();
  struct strbuf text = {0};
  strbuf_puts(&text, "// expect-tsan: none\nint main(void) { return 0; }\n");
  for (int i = 0; i < 30; i++)
    strbuf_printf(&text, "int broken_%d(void) { return undeclared_%d; }\n", i, i);
  char *source = write_scratch_file(&scratch, "broken.c", text.data);
  struct run_result run;
  const char *arguments[] = {"--cc", "clang", "broken.c", NULL};
  harness(arguments, &run);
  assert_status(&run, OUTCOME_CANNOT_CHECK, "compile error (clang): ");
  const char *out = run.out.data;
  /* clang's error, the source line it quotes, and the caret under it. */
  cr_assert(contains(out, "broken.c: note: clang: int broken_0(void) { return undeclared_0; }\n"), "%s", out);
  cr_assert(contains(out, "use of undeclared identifier 'undeclared_1'"), "%s", out);
  cr_assert_eq(lines_starting(out, "broken.c: note: clang: "), 40, "%s", out);
  cr_assert(contains(out, "broken.c: note: clang printed "), "%s", out);
  cr_assert(contains(out, "more lines (tsan-verify quotes the first 40)"), "%s", out);
  run_result_free(&run);
  free(source);
  strbuf_free(&text);
}

/* A libtool project's uninstalled program: .libs/racer, linked against .libs/libcounter.so.0 without a run path,
 * and the wrapper script libtool writes as ./racer (programs/libtool_wrapper_of_racer.in, written by libtool 2.4.7
 * for this layout, its build folder replaced by @BUILD@), which sets LD_LIBRARY_PATH and execs the program. */
static void build_libtool_layout(void) {
  char *libs = xprintf("%s/.libs", scratch);
  cr_assert_eq(mkdir(libs, 0755), 0);
  char *library_source = copy_program("races_in_a_library_file.c", scratch, "counter.c");
  char *main_source = copy_program("races_in_a_library_main.c", scratch, "racer.c");
  const char *library_sources[] = {library_source, NULL};
  free(build("clang", "-fsanitize=thread -g -O1 -fPIC -shared -Wl,-soname,libcounter.so.0", library_sources,
             ".libs/libcounter.so.0"));
  char *library = xprintf("%s/.libs/libcounter.so.0", scratch);
  const char *program_sources[] = {main_source, library, NULL};
  free(build("clang", "-fsanitize=thread -g -O1 -pthread", program_sources, ".libs/racer"));
  char *template = program_path("libtool_wrapper_of_racer.in");
  size_t length;
  char *text = read_file_or_fail(template, &length);
  char *wrapper_text = replace_all(text, "@BUILD@", scratch);
  char *wrapper = write_scratch_file(&scratch, "racer", wrapper_text);
  cr_assert_eq(chmod(wrapper, 0755), 0);
  free(wrapper);
  free(wrapper_text);
  free(text);
  free(template);
  free(library);
  free(main_source);
  free(library_source);
  free(libs);
}

/* Automake's `LOG_COMPILER = tsan-verify` runs `tsan-verify ./racer`, and ./racer is libtool's wrapper: the harness
 * finds the program as `libtool --mode=execute` does, and runs it with the wrapper's library path. */
Test(p14, a_libtool_wrapper_is_followed_to_its_program) {
  scratch = make_scratch_dir();
  build_libtool_layout();
  struct run_result run;
  const char *automake[] = {"--error-exit", "99", "./racer", NULL};
  harness(automake, &run);
  assert_met_program(&run, "racer.c");
  cr_assert(contains(run.out.data, "a libtool wrapper script: checked the program it runs"), "%s", run.out.data);
  cr_assert(contains(run.out.data, "with LD_LIBRARY_PATH="), "%s", run.out.data);
  run_result_free(&run);
  const char *binary[] = {"--binary", "./racer", "racer.c", NULL};
  harness(binary, &run);
  assert_met_program(&run, "racer.c");
  run_result_free(&run);
  /* The wrapper's program gone: the wrapper says so, and the harness names the way that needs no wrapper. */
  char *program = xprintf("%s/.libs/racer", scratch);
  cr_assert_eq(unlink(program), 0);
  harness(automake, &run);
  assert_status(&run, 99, "libtool --mode=execute tsan-verify [OPTIONS] ./racer");
  cr_assert(contains(run.out.data, "does not exist"), "the wrapper's own words: %s", run.out.data);
  run_result_free(&run);
  free(program);
}

/* Telling a program from a case opens only regular files: a FIFO given as the case (no writer would ever come) is
 * refused at once by the case reader, as before there were programs to tell apart. */
Test(p14, a_fifo_given_as_the_case_is_refused_without_waiting) {
  scratch = make_scratch_dir();
  char *fifo = xprintf("%s/fifo.c", scratch);
  cr_assert_eq(mkfifo(fifo, 0600), 0);
  struct run_result run;
  const char *arguments[] = {"fifo.c", NULL};
  run_harness(arguments, scratch, 20, &run);
  cr_assert(run.end == RUN_EXITED, "tsan-verify waited on the FIFO (killed after 20 s)");
  assert_status(&run, OUTCOME_CANNOT_CHECK, "fifo.c:1: cannot read the case: not a regular file");
  run_result_free(&run);
  free(fifo);
}
