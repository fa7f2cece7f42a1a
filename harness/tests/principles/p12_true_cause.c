/* p12_true_cause.c: principle 12 of docs/HOSTILE.md, verdicts and messages name the true cause: the program's own
 * exit status is part of the contract (expect-exit), a failure of its own shows what it said, a runtime failure
 * before a hang is quoted, a compile error is quoted rather than the warning before it, a relative TMPDIR still
 * reaches every process's log, the runtime's own words are quoted, the vm.mmap_rnd_bits hint appears only when it
 * applies, and a manifest line's field count is named. */
#include "base/util.h"
#include "binary/sourceid.h"
#include "check/verify.h"
#include "cli/catalog.h"
#include "process/run.h"
#include "runner/evidence.h"
#include "source/markers.h"
#include "support.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#define STR_OR_NULL(s) ((s) ? (s) : "(null)")

static struct case_result result;
static char *case_path;
static char *scratch;

static void setup(void) {
  unset_user_environment();
  scratch = make_scratch_dir();
}

static void cleanup(void) {
  case_result_free(&result);
  free(case_path);
  case_path = NULL;
  remove_scratch_dir(scratch);
  scratch = NULL;
}

TestSuite(true_cause, .init = setup, .fini = cleanup, .timeout = 90);

static void assert_said(const struct verdict *verdict, const char *text, bool said) {
  char *seen = verdict_diagnostics(verdict);
  cr_assert_eq(contains(seen, text), said, "%s \"%s\" in:%s", said ? "expected" : "did not expect", text, seen);
  free(seen);
}

Test(true_cause, meets_a_correct_program_whose_declared_exit_status_is_not_zero) {
  verify_program("exits_three_as_declared.c", "clang", 20, &result);
  assert_outcome(&result, OUTCOME_MET);
}

Test(true_cause, names_the_exit_status_and_the_marker_when_a_correct_program_exits_non_zero) {
  verify_program("exits_nonzero.c", "clang", 20, &result);
  assert_outcome(&result, OUTCOME_NOT_MET);
  assert_said(&result.verdict, "the program exited with status 3, and TSan reported nothing", true);
  assert_said(&result.verdict, "`// expect-exit: 3`", true);
}

Test(true_cause, rejects_an_expect_exit_marker_that_is_no_exit_status) {
  const char *texts[] = {"// expect-exit: many\n// expect-tsan: none\nint main(void) { return 0; }\n",
                         "// expect-exit: 256\n// expect-tsan: none\nint main(void) { return 0; }\n",
                         "// expect-exit: 1\n// expect-exit: 2\n// expect-tsan: none\nint main(void) { return 0; }\n",
                         NULL};
  for (size_t i = 0; texts[i]; i++) {
    struct case_spec spec;
    char *error = NULL;
    cr_assert_neq(case_spec_parse("exit.c", texts[i], strlen(texts[i]), &spec, &error), 0, "accepted: %s", texts[i]);
    cr_assert(contains(error, "expect-exit"), "got: %s", error);
    free(error);
    case_spec_free(&spec);
  }
}

Test(true_cause, quotes_the_runtime_failure_that_came_before_a_hang) {
  verify_program("fails_in_the_runtime_then_hangs.c", "clang", 5, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_said(&result.verdict, "ERROR: ThreadSanitizer: requested allocation size", true);
  assert_said(&result.verdict, "and the program then hung: timed out after 5 s", true);
}

Test(true_cause, shows_what_a_program_that_aborts_for_a_missing_companion_file_said) {
  verify_program("needs_a_companion_file.c", "clang", 20, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_said(&result.verdict, "needs_a_companion_file: cannot open ", true);
  assert_said(&result.verdict, "companion.txt", true);
  assert_said(&result.verdict, "files beside the case are not beside the program", true);
}

/* The cause (the verdict's first diagnostic) is the error, not the warning before it; the notes after it quote the
 * compiler's whole output, the warning included. */
Test(true_cause, quotes_the_compile_error_not_the_warning_before_it) {
  verify_program("warns_then_fails_to_compile.c", "clang", 20, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  cr_assert_geq(result.verdict.diagnostic_count, 1);
  const char *cause = result.verdict.diagnostics[0].message;
  cr_assert(contains(cause, "error: use of undeclared identifier 'undeclared_variable'"), "%s", cause);
  cr_assert(!contains(cause, "this warning comes first"), "%s", cause);
  /* On the error's own line (4), which editors and CI annotations jump to. Before: line 1 (blind round 8, 72). */
  cr_assert_eq(result.verdict.diagnostics[0].line, 4, "the error's line, got %zu", result.verdict.diagnostics[0].line);
  for (size_t i = 1; i < result.verdict.diagnostic_count; i++)
    cr_assert(starts_with(result.verdict.diagnostics[i].message, "note: "), "only notes follow the cause: %s",
              result.verdict.diagnostics[i].message);
}

Test(true_cause, reaches_the_log_of_a_child_forked_after_a_chdir_with_a_relative_tmpdir) {
  /* tsan-verify itself, started in SCRATCH with TMPDIR=tmp: the program changes to / and then forks. */
  char *relative = xprintf("%s/tmp", scratch);
  cr_assert_eq(mkdir(relative, 0700), 0);
  cr_assert_eq(chdir(scratch), 0);
  setenv("TMPDIR", "tmp", 1);
  case_path = program_path("chdirs_then_forks.c");
  const char *arguments[] = {"--cc", "clang", case_path, NULL};
  struct run_result run;
  run_harness(arguments, NULL, 60, &run);
  cr_assert(run.end == RUN_EXITED && run.code == OUTCOME_MET, "expected met (0), got %d: %s%s", run.code, run.out.data,
            run.err.data);
  run_result_free(&run);
  free(relative);
}

/* One instrumented image (pid 4242, exited 66) whose log holds `log_text`, or has no log when it is NULL; judged with
 * `stderr_text` as the program's stderr. */
static void judge_one_image(const char *log_text, const char *stderr_text, struct verdict *verdict) {
  struct process_image image = {.pid = 4242, .instrumented = true, .end = IMAGE_EXITED, .code = 66};
  image.exe = xstrdup("/bin/case");
  image.log_path = xprintf("%s/tsan.4242", scratch);
  if (log_text)
    write_file_or_fail(image.log_path, log_text, strlen(log_text));
  struct process_table table = {.images = &image, .count = 1, .capacity = 1, .root = 4242};
  struct evidence evidence = {0};
  evidence_collect(&table, 1 << 20, &evidence);
  struct evidence_rules rules = {.exitcode = 66, .ubsan_exitcode = -1};
  evidence_check(&evidence, &rules, "case.c", stderr_text, verdict);
  evidence_free(&evidence);
  free(image.exe);
  free(image.log_path);
}

static long mmap_rnd_bits_of_this_machine(void) {
  FILE *file = fopen("/proc/sys/vm/mmap_rnd_bits", "r");
  long bits = -1;
  if (file) {
    if (fscanf(file, "%ld", &bits) != 1)
      bits = -1;
    fclose(file);
  }
  return bits;
}

Test(true_cause, hints_at_vm_mmap_rnd_bits_only_when_it_is_above_28) {
  struct verdict verdict = {0};
  judge_one_image("***** Running under ThreadSanitizer v3 (pid 4242) *****\n"
                  "FATAL: ThreadSanitizer: unexpected memory mapping 0x7b0000000000-0x7b0000100000\n",
                  "", &verdict);
  cr_assert_eq(verdict.outcome, OUTCOME_CANNOT_CHECK);
  assert_said(&verdict, "FATAL: ThreadSanitizer: unexpected memory mapping 0x7b0000000000-0x7b0000100000", true);
  long bits = mmap_rnd_bits_of_this_machine();
  assert_said(&verdict, "sysctl vm.mmap_rnd_bits=28", bits > 28);
  verdict_free(&verdict);
}

Test(true_cause, quotes_the_runtime_when_it_could_not_open_its_log) {
  struct verdict verdict = {0};
  judge_one_image(NULL,
                  "==4242==Installed the sigaction for signal 11\n==4242==Installed the sigaction for signal 7\n"
                  "ERROR: Can't open file: tmp/tsan-verify.abc/tsan.4242 (reason: 2)",
                  &verdict);
  cr_assert_eq(verdict.outcome, OUTCOME_CANNOT_CHECK);
  assert_said(&verdict, "the runtime said: ERROR: Can't open file: tmp/tsan-verify.abc/tsan.4242 (reason: 2)", true);
  assert_said(&verdict, "other TSAN_OPTIONS", false);
  verdict_free(&verdict);
}

Test(true_cause, names_the_field_count_of_a_manifest_line) {
  const char *lines[] = {"a\tb\tc\tclang-14\textra\n", "a\tb\n", NULL};
  const char *said[] = {":1: 5 tab-separated fields, expected 3 or 4", ":1: 2 tab-separated fields, expected 3 or 4"};
  char *manifest = xprintf("%s/cases.tsv", scratch);
  for (size_t i = 0; lines[i]; i++) {
    write_file_or_fail(manifest, lines[i], strlen(lines[i]));
    struct catalog catalog;
    char *error = NULL;
    cr_assert_neq(catalog_read(manifest, &catalog, &error), 0, "accepted: %s", lines[i]);
    cr_assert(contains(error, said[i]), "got: %s", STR_OR_NULL(error));
    free(error);
    catalog_free(&catalog);
  }
  free(manifest);
}

/* ---- a file whose name ends in ":N" ---- */

/* gcc prints no column: racy.c's race in a case named "racy:3" is printed "racy:3:28", which reads as file racy, line
 * 3, column 28 too. Before: not met, both races "unexpected" at racy:3 and both markers unhit. */
Test(true_cause, meets_a_case_whose_file_name_ends_in_a_colon_and_a_number) {
  case_path = copy_program("racy.c", scratch, "racy:3");
  struct verify_request request = {
      .case_path = case_path, .compiler = "gcc", .cflags = "-x c -fsanitize=thread -g -pthread", .timeout_seconds = 60};
  verify_case(&request, &result);
  assert_outcome(&result, OUTCOME_MET);
  const struct tsan_frame *frame = frame_at(&result.log, 0, 0, 0);
  cr_assert(ends_with(STR_OR_NULL(frame->file), "/racy:3") && frame->column == 0,
            "the frame is in racy:3, line %d, without a column: got %s, column %d", frame->line,
            STR_OR_NULL(frame->file), frame->column);
}

/* The same location when both "x" and "x:3" are files here (no DWARF to ask): the frame may be line 3 of x or line 28
 * of the case, so it is placed nowhere, never guessed. With only x:3, it is line 28 of x:3. */
Test(true_cause, places_a_location_that_reads_two_ways_only_when_one_reading_names_a_file) {
  case_path = xprintf("%s/x:3", scratch);
  char *other = xprintf("%s/x", scratch);
  write_file_or_fail(case_path, "int main(void) { return 0; }\n", strlen("int main(void) { return 0; }\n"));
  char *text = xprintf("==================\n"
                       "WARNING: ThreadSanitizer: data race (pid=1)\n"
                       "  Write of size 4 at 0x1 by main thread:\n"
                       "    #0 main %s:3:28 (prog+0x3)\n"
                       "\n"
                       "SUMMARY: ThreadSanitizer: data race %s:3:28 in main\n"
                       "==================\n",
                       other, other);
  for (int both = 0; both < 2; both++) {
    if (both)
      write_file_or_fail(other, "", 0);
    struct tsan_log log;
    parse_text(text, &log);
    struct source_identity identity;
    char *error = NULL;
    cr_assert_eq(source_identity_init(&identity, case_path, &error), 0, "%s", STR_OR_NULL(error));
    source_identity_settle_locations(&identity, &log);
    struct tsan_frame *frame = &log.reports[0].sections[0].frames[0];
    char *why = NULL;
    enum frame_place place = source_identity_place(&identity, frame, &why);
    if (both) {
      cr_assert_eq(place, FRAME_UNRESOLVED, "x and x:3 both exist: got place %d", place);
      cr_assert(contains(STR_OR_NULL(why), "reads as file"), "got: %s", STR_OR_NULL(why));
    } else {
      cr_assert_eq(place, FRAME_IN_CASE, "only x:3 exists: got place %d (file %s)", place, frame->file);
      cr_assert_eq(frame->line, 28, "line 28 of x:3, got %d", frame->line);
    }
    free(why);
    source_identity_free(&identity);
    tsan_log_free(&log);
  }
  free(text);
  free(other);
}

/* ---- a report that lies in a library without debug information ---- */

/* Builds programs/calls_a_racing_library.c in the scratch folder against its library, racer.so (gcc, -O1, no -g, no
 * TSan, stripped), with `program_flags` (-g or not); returns the program's path. */
static char *build_with_racing_library(const char *program_flags) {
  char *library_source = program_path("calls_a_racing_library_lib.c");
  case_path = copy_program("calls_a_racing_library.c", scratch, "calls_a_racing_library.c");
  char *script = xprintf("gcc -O1 -fPIC -shared -Wl,-soname,racer.so '%s' -o racer.so && strip racer.so && "
                         "clang -fsanitize=thread %s -O1 -pthread '%s' \"$PWD/racer.so\" -Wl,-rpath,'$ORIGIN' -o prog",
                         library_source, program_flags, case_path);
  const char *arguments[] = {"-c", script, NULL};
  struct run_result run;
  run_command("/bin/sh", arguments, scratch, 120, &run);
  cr_assert(run.end == RUN_EXITED && run.code == 0, "the build failed: %s", STR_OR_NULL(run.err.data));
  run_result_free(&run);
  free(script);
  free(library_source);
  return xprintf("%s/prog", scratch);
}

static void refute_diagnostic(const struct case_result *checked, const char *text) {
  for (size_t i = 0; i < checked->verdict.diagnostic_count; i++)
    cr_assert(!contains(checked->verdict.diagnostics[i].message, text), "no diagnostic should say \"%s\": %s", text,
              checked->verdict.diagnostics[i].message);
}

Test(true_cause, names_the_library_a_report_lies_in_instead_of_asking_a_program_built_with_g_for_g) {
  /* Before: 2, "TSan printed no file:line for its data race report (pid N): build with -g, ..." (a frame of a
   * module whose name does not start with "lib" was taken for the program's). */
  /* The case calls racer.so, the program's own library built without TSan: cannot check (principle 1), beside the
   * report's true cause. */
  char *binary = build_with_racing_library("-g");
  struct verify_request request = {.case_path = case_path, .binary = binary, .timeout_seconds = 60};
  verify_case(&request, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "whose racer_run a file under test calls");
  assert_diagnostic(&result, "lies outside the case's code, in racer.so, for which TSan found no file:line");
  refute_diagnostic(&result, "build with -g");
  free(binary);
}

Test(true_cause, says_the_program_has_no_debug_information_when_it_was_built_without_g) {
  /* Before: 2, the same words as above, from the report rather than from the binary. */
  char *binary = build_with_racing_library("");
  struct verify_request request = {.case_path = case_path, .binary = binary, .timeout_seconds = 60};
  verify_case(&request, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "prog has no DWARF debugging information");
  assert_diagnostic(&result, "build it with -g");
  free(binary);
}

/* Debug sections compressed with zstd (clang -gz=zstd, objcopy --compress-debug-sections=zstd): elfutils 0.188
 * cannot decompress them and libdw reads on as if they were absent, so the harness used to say the binary "was not
 * built from the case" (and `tsan-verify EXE`: "none of the 0 source files"). Found by the blind round. */
Test(true_cause, names_debug_sections_that_libelf_cannot_decompress) {
  scratch = make_scratch_dir();
  char *source = copy_program("racy.c", scratch, "racy.c");
  free(copy_program("invisible_barrier.h", scratch, "invisible_barrier.h"));
  char *command = xprintf("cd '%s' && clang -fsanitize=thread -g -O1 -pthread racy.c -o plain && "
                          "objcopy --compress-debug-sections=zstd plain zstd",
                          scratch);
  char *argv[] = {"sh", "-c", command, NULL};
  run_or_fail(argv, 120);
  char *binary = xprintf("%s/zstd", scratch);
  struct verify_request request = {.case_path = source, .binary = binary, .timeout_seconds = 60};
  verify_case(&request, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_said(&result.verdict, "its debug section .debug_info is compressed with zstd", true);
  assert_said(&result.verdict, "was not built from the case", false);
  case_result_free(&result);
  memset(&result, 0, sizeof result);
  request = (struct verify_request){.case_path = binary, .timeout_seconds = 60};
  verify_case(&request, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_said(&result.verdict, "build it with -gz=zlib or -gz=none", true);
  free(binary);
  free(command);
  free(source);
}

/* ---- the runtime's reports sent elsewhere, and the runtime's own re-exec ---- */

/* The verdict's first diagnostic: its cause. */
static const char *first_diagnostic(void) {
  cr_assert_gt(result.verdict.diagnostic_count, 0, "a verdict with a diagnostic");
  return result.verdict.diagnostics[0].message;
}

Test(true_cause, names_a_call_that_sends_the_reports_to_another_path) {
  /* Before: "... its exit status 66 is TSan's, yet its log holds no report: did it close TSan's log descriptor?" */
  verify_program("redirects_reports_to_a_path.c", "clang", 30, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  cr_assert(contains(first_diagnostic(), "the program calls __sanitizer_set_report_path (in main), which sends TSan's "
                                         "reports elsewhere than the log the harness gives each process"),
            "got %s", first_diagnostic());
}

Test(true_cause, names_a_call_that_sends_the_reports_to_another_descriptor) {
  verify_program("redirects_reports_to_a_descriptor.c", "gcc", 30, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  cr_assert(contains(first_diagnostic(), "the program calls __sanitizer_set_report_fd (in main)"), "got %s",
            first_diagnostic());
}

Test(true_cause, meets_a_racy_program_started_with_an_unlimited_stack) {
  /* `ulimit -s unlimited`: TSan's runtime limits the stack to 32 MiB and re-execs itself (tsan_platform_linux.cpp
   * InitializePlatform); the first image never wrote a log, and the verdict was "TSan did not start". The harness
   * now starts the program with the limit the runtime wants. */
  struct rlimit limit;
  cr_assert_eq(getrlimit(RLIMIT_STACK, &limit), 0);
  if (limit.rlim_max != RLIM_INFINITY)
    cr_skip_test("the hard stack limit is not unlimited here");
  limit.rlim_cur = RLIM_INFINITY;
  cr_assert_eq(setrlimit(RLIMIT_STACK, &limit), 0);
  verify_program("racy.c", "clang", 30, &result);
  assert_outcome(&result, OUTCOME_MET);
}

/* `--cc ./mycc`, a compiler named from the caller's folder: the harness builds in its private folder, where the name
 * meant nothing. Before: "cannot start ./mycc: No such file or directory" for a file that is there (blind round 10). */
Test(true_cause, runs_a_compiler_named_by_a_path_relative_to_the_callers_folder) {
  char *wrapper = xprintf("%s/mycc", scratch);
  const char *script = "#!/bin/sh\nexec clang \"$@\"\n";
  write_file_or_fail(wrapper, script, strlen(script));
  cr_assert_eq(chmod(wrapper, 0755), 0);
  char *source = program_path("closes_stdout.c");
  const char *arguments[] = {"--cc", "./mycc", source, NULL};
  struct run_result run;
  run_harness(arguments, scratch, 90, &run);
  cr_assert(run.end == RUN_EXITED && run.code == OUTCOME_MET, "expected met, got %d:\n%s%s", run.code,
            STR_OR_NULL(run.out.data), STR_OR_NULL(run.err.data));
  run_result_free(&run);
  free(source);
  free(wrapper);
}
