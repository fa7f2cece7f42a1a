/* p14_adoption.c: tsan-verify where a project's own build system runs it. `tsan-verify EXE` checks a program built
 * elsewhere against the markers of the sources its debug information names, with every trust check of --binary;
 * what a file is decides from its ELF header, never its name. */
#include "support.h"
#include "util.h"
#include "verify.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
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
  assert_status(&run, OUTCOME_MET, "racy.c: met (reported: data race)");
  run_result_free(&run);
  const char *meson[] = {gcc, NULL};
  harness(meson, &run);
  assert_status(&run, OUTCOME_MET, "racy.c: met (reported: data race)");
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
  assert_status(&run, OUTCOME_MET, "main.c: met (reported: data race)");
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
  assert_status(&run, OUTCOME_MET, "racy.c: met (reported: data race)");
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

Test(p14, exe_mode_with_markers_in_two_sources_names_both) {
  scratch = make_scratch_dir();
  char *first = copy_program("racy.c", scratch, "racy.c");
  char *second = write_scratch_file(&scratch, "other.c", "int other(void) { return 1; } // expect-tsan: none\n");
  const char *sources[] = {first, second, NULL};
  char *binary = build("clang", "-fsanitize=thread -g -O1 -pthread", sources, "both");
  struct run_result run;
  const char *arguments[] = {"./both", NULL};
  harness(arguments, &run);
  assert_status(&run, OUTCOME_CANNOT_CHECK, "markers in 2 of its source files");
  cr_assert(contains(run.out.data, "other.c") && contains(run.out.data, "racy.c"), "%s", run.out.data);
  run_result_free(&run);
  free(binary);
  free(second);
  free(first);
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
