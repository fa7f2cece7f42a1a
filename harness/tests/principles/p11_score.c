/* p11_score.c: principle 11 of docs/HOSTILE.md: `tsan-verify score` never passes silently, and scores what the
 * property says. A corpus where nothing could be scored exits 2; --opt and the other options of check mode are
 * read as check mode reads them; for the no-data-race property only data-race reports count; a task of another
 * property is skipped with a note; the SV-COMP stub makes the threads the program asks for; every case is listed;
 * TSan's runs are judged by the same per-process proof as check mode, and their code by check mode's instrumentation
 * proof (flags or an ignorelist that turn TSan off make a program unchecked, a declared no_sanitize function is
 * honoured and named); Helgrind and DRD follow every fork and exec, and a run with an image the tool did not watch
 * is unchecked; external-race sections are access sections; flags, environment, repeated runs and a time limit are
 * options. Programs are harness/tests/programs/score_*.c and others of that folder; the real TSan log is
 * fixtures/clang14-external-race.txt. */
#include "base/util.h"
#include "process/run.h"
#include "process/trace.h"
#include "score/detect.h"
#include "score/score.h"
#include "score/truth.h"
#include "score/valgrind.h"
#include "support.h"

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *scratch;

static void cleanup(void) {
  if (scratch)
    remove_scratch_dir(scratch);
  scratch = NULL;
}

TestSuite(p11_external_race, .fini = cleanup);
TestSuite(p11_score, .fini = cleanup, .timeout = 240);

/* A TSV corpus in the scratch folder labelling programs of harness/tests/programs: "racy.c\tbug\n..." */
static char *corpus_of(const char *lines) {
  struct strbuf text = {0};
  const char *line = lines;
  while (*line) {
    size_t length = strcspn(line, "\n");
    strbuf_printf(&text, "%s/%.*s\n", HARNESS_PROGRAMS_DIR, (int)length, line);
    line += length + (line[length] == '\n');
  }
  char *path = write_scratch_file(&scratch, "corpus.tsv", text.data);
  strbuf_free(&text);
  return path;
}

struct score_run {
  int status;
  char *out, *err;
};

/* Runs `tsan-verify score ARGS...` (NULL-terminated) and waits for it. */
static struct score_run run_score(const char *first, ...) {
  const char *arguments[32] = {"score"};
  size_t count = 1;
  va_list args;
  va_start(args, first);
  for (const char *arg = first; arg && count < 30; arg = va_arg(args, const char *))
    arguments[count++] = arg;
  va_end(args);
  arguments[count] = NULL;
  struct run_result result;
  run_harness(arguments, NULL, 200, &result);
  cr_assert_eq(result.end, RUN_EXITED, "tsan-verify score did not exit normally");
  struct score_run run = {result.code, xstrdup(result.out.data), xstrdup(result.err.data)};
  run_result_free(&result);
  return run;
}

static void score_run_free(struct score_run *run) {
  free(run->out);
  free(run->err);
}

/* ---- External-race sections are access sections (parse.c) ---- */

Test(p11_external_race, reads_modifying_and_previous_read_only_access_sections_as_accesses) {
  struct tsan_log log;
  parse_fixture("clang14-external-race.txt", &log);
  cr_assert_eq(log.report_count, 1);
  cr_assert_str_eq(log.reports[0].kind, "race on Box");
  const struct tsan_section *modifying = section_at(&log, 0, 0), *previous = section_at(&log, 0, 1);
  cr_assert_eq(modifying->kind, SECTION_ACCESS, "\"%s\" is an access section", modifying->title);
  cr_assert(modifying->access.write && !modifying->access.previous && !modifying->access.atomic);
  cr_assert_str_eq(modifying->access.thread, "main thread");
  cr_assert_eq(modifying->access.size, 0, "an external access has no size");
  cr_assert_eq(previous->kind, SECTION_ACCESS, "\"%s\" is an access section", previous->title);
  cr_assert(!previous->access.write && previous->access.previous);
  cr_assert_str_eq(previous->access.thread, "thread T1");
  cr_assert_eq(frame_at(&log, 0, 0, 0)->line, 17);
  tsan_log_free(&log);
}

Test(p11_external_race, scores_a_report_on_the_modifying_access_as_a_hit_not_a_miss_and_a_false_alarm) {
  struct tsan_log log;
  parse_fixture("clang14-external-race.txt", &log);
  struct case_truth truth = {.buggy = true, .line_count = 1};
  truth.lines = xcalloc(1, sizeof *truth.lines);
  truth.lines[0] = (struct truth_line){17, xstrdup("race on")};
  struct case_score score = {0};
  score_case_log(&truth, &log, "fixtures/programs/external_race.c", &score);
  cr_assert(score.line.tp == 1 && score.line.fn == 0 && score.line.fp == 0,
            "line 17 is the modifying access: tp=%zu fn=%zu fp=%zu", score.line.tp, score.line.fn, score.line.fp);
  case_truth_free(&truth);
  tsan_log_free(&log);
}

/* ---- The scorer's command line and its results ---- */

Test(p11_score, exits_2_when_no_case_of_a_corpus_could_be_built) {
  char *corpus = corpus_of("compile_error.c\tbug\n");
  struct score_run run = run_score(corpus, NULL);
  cr_assert_eq(run.status, 2, "nothing scored is no result; stdout: %s stderr: %s", run.out, run.err);
  cr_assert(contains(run.err, "/compile_error: "), "names the case and why: %s", run.err);
  cr_assert(contains(run.err, "scored no case (1 unchecked, 0 skipped)"), "says nothing was scored: %s", run.err);
  score_run_free(&run);
  free(corpus);
}

Test(p11_score, accepts_opt_as_check_mode_does) {
  char *corpus = corpus_of("racy.c\tbug\n");
  struct score_run run = run_score("--opt", "O1", "--json", corpus, NULL);
  cr_assert_eq(run.status, 0, "stderr: %s", run.err);
  cr_assert(contains(run.out, "\"scored\": 1, \"skipped\": 0, \"unchecked\": 0"), "one case scored: %s", run.out);
  cr_assert(contains(run.out, "\"file\": {\"tp\": 1, \"fp\": 0, \"tn\": 0, \"fn\": 0"), "and caught: %s", run.out);
  score_run_free(&run);
  struct score_run bad = run_score("--opt", "O7", corpus, NULL);
  cr_assert_eq(bad.status, 2);
  cr_assert(contains(bad.err, "--opt takes O0, O1, O2, O3, Os, Og, Oz or Ofast (with or without '-'), not \"O7\""),
            "%s", bad.err);
  score_run_free(&bad);
  free(corpus);
}

Test(p11_score, counts_only_data_races_for_the_no_data_race_property) {
  char *corpus = corpus_of("score_thread_leak.c\tcorrect\n");
  struct score_run run = run_score("--json", corpus, NULL);
  cr_assert_eq(run.status, 0, "stderr: %s", run.err);
  cr_assert(contains(run.out, "\"file\": {\"tp\": 0, \"fp\": 0, \"tn\": 1, \"fn\": 0"),
            "a thread leak is no data race: %s", run.out);
  score_run_free(&run);
  free(corpus);
}

Test(p11_score, skips_a_task_of_another_property_with_a_note) {
  char *program = xprintf("%s/racy.c", HARNESS_PROGRAMS_DIR);
  char *race_text = xprintf("format_version: '2.0'\ninput_files: '%s'\nproperties:\n"
                            "  - property_file: ../properties/no-data-race.prp\n    expected_verdict: false\n",
                            program);
  char *reach_text = xprintf("format_version: '2.0'\ninput_files: '%s'\nproperties:\n"
                             "  - property_file: ../properties/unreach-call.prp\n    expected_verdict: true\n",
                             program);
  char *race = write_scratch_file(&scratch, "race.yml", race_text),
       *reach = write_scratch_file(&scratch, "reach.yml", reach_text);
  struct score_run run = run_score("--json", race, reach, NULL);
  cr_assert_eq(run.status, 0, "one task of another property does not end the run: %s", run.err);
  cr_assert(contains(run.out, "\"scored\": 1, \"skipped\": 1, \"unchecked\": 0"), "%s", run.out);
  cr_assert(contains(run.err, "skipped: "), "the skip is noted: %s", run.err);
  cr_assert(contains(run.err, "reach.yml: no property_file ending in no-data-race.prp"), "and why: %s", run.err);
  score_run_free(&run);
  free(race), free(reach), free(race_text), free(reach_text), free(program);
}

Test(p11_score, the_svcomp_stub_makes_the_threads_a_nondeterministic_count_asks_for) {
  char *corpus = corpus_of("score_nondet_threads.c\tbug\n");
  struct score_run run = run_score("--json", corpus, NULL);
  cr_assert_eq(run.status, 0, "stderr: %s", run.err);
  cr_assert(contains(run.out, "\"file\": {\"tp\": 1, \"fp\": 0, \"tn\": 0, \"fn\": 0"),
            "more than one worker, so the race is there to find: %s", run.out);
  score_run_free(&run);
  free(corpus);
}

Test(p11_score, lists_every_case_and_names_the_bugs_no_detector_catches) {
  /* score_thread_leak.c has no race, so labelled a bug it is a miss: FN 1. */
  char *corpus = corpus_of("racy.c\tbug\nscore_thread_leak.c\tbug\ncompile_error.c\tcorrect\n");
  struct score_run run = run_score(corpus, NULL);
  cr_assert_eq(run.status, 0, "stderr: %s", run.err);
  cr_assert(contains(run.out, "/racy  "), "the caught case is listed: %s", run.out);
  cr_assert(contains(run.out, "caught"), "%s", run.out);
  cr_assert(contains(run.out, "missed"), "the missed case is listed: %s", run.out);
  cr_assert(contains(run.out, "unchecked"), "and the one that could not be built: %s", run.out);
  cr_assert(contains(run.out, "/score_thread_leak\n") && !contains(run.out, "catches: none"),
            "never none with FN > 0: %s", run.out);
  score_run_free(&run);
  struct score_run markdown = run_score("--markdown", corpus, NULL);
  cr_assert(contains(markdown.out, "/score_thread_leak`\n"), "%s", markdown.out);
  cr_assert(contains(markdown.out, "/score_thread_leak | bug | **missed** |"), "%s", markdown.out);
  score_run_free(&markdown);
  free(corpus);
}

Test(p11_score, judges_tsan_runs_by_each_processs_own_log_not_by_stderr) {
  /* closes_stderr.c closes its stderr, then races: on stderr there is nothing to read. */
  char *corpus = corpus_of("closes_stderr.c\tbug\n");
  struct score_run run = run_score("--json", corpus, NULL);
  cr_assert_eq(run.status, 0, "stderr: %s", run.err);
  cr_assert(contains(run.out, "\"file\": {\"tp\": 1, \"fp\": 0, \"tn\": 0, \"fn\": 0"), "the race is caught: %s",
            run.out);
  score_run_free(&run);
  /* aborts.c is killed by SIGABRT before TSan finishes: its run proves nothing. */
  char *aborts = corpus_of("aborts.c\tcorrect\n");
  struct score_run killed = run_score("--json", aborts, NULL);
  cr_assert_eq(killed.status, 2, "stdout: %s stderr: %s", killed.out, killed.err);
  cr_assert(contains(killed.err, "was killed by SIGABRT"), "says why: %s", killed.err);
  score_run_free(&killed);
  free(aborts);
  free(corpus);
}

Test(p11_score, takes_flags_environment_repeated_runs_and_a_time_limit) {
  char *flagged = corpus_of("score_needs_a_flag.c\tbug\n");
  struct score_run with_flag = run_score("--json", "--cflags", "-DSCORE_FLAG -O1", flagged, NULL);
  cr_assert_eq(with_flag.status, 0, "--cflags reach the compiler: %s", with_flag.err);
  cr_assert(contains(with_flag.out, "\"tp\": 1"), "%s", with_flag.out);
  score_run_free(&with_flag);
  char *asked = corpus_of("score_races_when_asked.c\tbug\n");
  struct score_run with_env = run_score("--json", "--env", "SCORE_RACE=1", asked, NULL);
  cr_assert(with_env.status == 0 && contains(with_env.out, "\"tp\": 1"), "--env reaches the program: %s %s",
            with_env.out, with_env.err);
  score_run_free(&with_env);
  struct score_run once = run_score("--json", asked, NULL);
  cr_assert(once.status == 0 && contains(once.out, "\"fn\": 1"), "run 1 (seed 1) does not race: %s %s", once.out,
            once.err);
  score_run_free(&once);
  struct score_run twice = run_score("--json", "--repeat", "2", asked, NULL);
  cr_assert(twice.status == 0 && contains(twice.out, "\"tp\": 1"), "run 2 (seed 2) races: %s %s", twice.out, twice.err);
  score_run_free(&twice);
  char *hangs = corpus_of("hang.c\tcorrect\n");
  struct score_run limited = run_score("--timeout", "1", hangs, NULL);
  cr_assert_eq(limited.status, 2, "%s", limited.err);
  cr_assert(contains(limited.err, "timed out after 1 s"), "%s", limited.err);
  score_run_free(&limited);
  struct score_run bad = run_score("--timeout", "soon", hangs, NULL);
  cr_assert_eq(bad.status, 2);
  cr_assert(contains(bad.err, "--timeout takes a finite number of seconds above 0, not \"soon\""), "%s", bad.err);
  score_run_free(&bad);
  free(hangs), free(asked), free(flagged);
}

Test(p11_score, takes_each_tasks_own_flags_from_the_lists_third_column) {
  /* The part is a file beside the list, named relative to it, as FILE is. */
  char *part = write_scratch_file(&scratch, "part.c", "int part(void) { return 1; }\n");
  char *text = xprintf("%s/score_needs_a_flag.c\tbug\t-DSCORE_FLAG\n"
                       "%s/score_needs_a_part.c\tbug\tpart.c -lm\n"
                       "%s/racy.c\tbug\n",
                       HARNESS_PROGRAMS_DIR, HARNESS_PROGRAMS_DIR, HARNESS_PROGRAMS_DIR);
  char *corpus = write_scratch_file(&scratch, "flags.tsv", text);
  struct score_run run = run_score("--json", corpus, NULL);
  cr_assert_eq(run.status, 0, "stderr: %s", run.err);
  cr_assert(contains(run.out, "\"scored\": 3, \"skipped\": 0, \"unchecked\": 0"), "each built with its own words: %s",
            run.out);
  cr_assert(contains(run.out, "\"file\": {\"tp\": 3, \"fp\": 0, \"tn\": 0, \"fn\": 0"), "%s", run.out);
  score_run_free(&run);
  /* A task's words are its own: the next task does not build with them. */
  char *alone = xprintf("%s/score_needs_a_part.c\tbug\tpart.c\n%s/score_needs_a_flag.c\tbug\n", HARNESS_PROGRAMS_DIR,
                        HARNESS_PROGRAMS_DIR);
  char *alone_corpus = write_scratch_file(&scratch, "alone.tsv", alone);
  struct score_run separate = run_score("--json", alone_corpus, NULL);
  cr_assert(contains(separate.out, "\"scored\": 1, \"skipped\": 0, \"unchecked\": 1"), "%s %s", separate.out,
            separate.err);
  score_run_free(&separate);
  char *bad_text = xprintf("%s/racy.c\tbug\t-O1\textra\n", HARNESS_PROGRAMS_DIR);
  char *bad = write_scratch_file(&scratch, "bad.tsv", bad_text);
  struct score_run refused = run_score(bad, NULL);
  cr_assert_eq(refused.status, 2);
  cr_assert(contains(refused.err, "bad.tsv:1: expected FILE<TAB>bug or FILE<TAB>correct, then optionally <TAB>FLAGS"),
            "%s", refused.err);
  score_run_free(&refused);
  free(bad), free(bad_text), free(alone_corpus), free(alone), free(corpus), free(text), free(part);
}

Test(p11_score, takes_declared_tsan_options_as_a_case_declares_them_and_names_them) {
  char *corpus = corpus_of("score_interceptor_race.c\tbug\n");
  /* A CI-wide TSAN_OPTIONS cannot hide reports: the harness pins TSan's default. */
  setenv("TSAN_OPTIONS", "ignore_interceptors_accesses=1", 1);
  struct score_run ambient = run_score("--json", corpus, NULL);
  unsetenv("TSAN_OPTIONS");
  cr_assert(ambient.status == 0 && contains(ambient.out, "\"tp\": 1"), "pinned: %s %s", ambient.out, ambient.err);
  cr_assert(contains(ambient.err, "note: ignore_interceptors_accesses=1 (TSAN_OPTIONS) replaced by TSan's default in "
                                  "every run"),
            "and said, with the way to mean it: %s", ambient.err);
  score_run_free(&ambient);
  /* Declared on the command line (Archer's ignore_noninstrumented_modules=1 is the use), it is the run's option, and
   * the configuration's name says so. */
  struct score_run declared = run_score("--json", "--tsan-options", "ignore_interceptors_accesses=1", corpus, NULL);
  cr_assert_eq(declared.status, 0, "stderr: %s", declared.err);
  cr_assert(contains(declared.out, "\"fn\": 1"), "the declared option reaches TSan: %s", declared.out);
  cr_assert(contains(declared.out, " O1 ignore_interceptors_accesses=1\", \"detector\": \"tsan\""), "and is named: %s",
            declared.out);
  score_run_free(&declared);
  struct score_run valgrind = run_score("--detector", "helgrind", "--tsan-options", "halt_on_error=1", corpus, NULL);
  cr_assert_eq(valgrind.status, 2);
  cr_assert(contains(valgrind.err, "--tsan-options are TSan's: give them with --detector tsan"), "%s", valgrind.err);
  score_run_free(&valgrind);
  free(corpus);
}

/* ---- TSan's runs are judged by check mode's instrumentation proof (proof/instrumentation.h, proof/hiding.h) ---- */

Test(p11_score, a_program_whose_own_flags_turn_tsan_off_is_unchecked_not_missed) {
  /* The list's third column leaves every access of racy.c uninstrumented: the runtime starts and finishes, and TSan
   * watches nothing of the code (hostile round 3, attack 60). */
  char *corpus = corpus_of("racy.c\tbug\t-fno-sanitize-thread-memory-access\n");
  struct score_run run = run_score("--cc", "clang", corpus, NULL);
  cr_assert_eq(run.status, 2, "nothing could be checked; stdout: %s stderr: %s", run.out, run.err);
  cr_assert(!contains(run.out, "missed"), "not a miss charged to TSan: %s", run.out);
  cr_assert(contains(run.err, "unchecked: ") && contains(run.err, "is not fully instrumented by TSan"),
            "names the function: %s", run.err);
  cr_assert(contains(run.err, "-fno-sanitize-thread-memory-access"), "and the flag the compiler recorded: %s", run.err);
  score_run_free(&run);
  free(corpus);
}

Test(p11_score, an_ignorelist_among_the_flags_is_unchecked_not_missed) {
  /* `fun:*`: every function loses its access instrumentation (hostile round 3, attack 61). */
  char *ignorelist = write_scratch_file(&scratch, "all.ignore", "fun:*\n");
  char *flag = xprintf("-fsanitize-ignorelist=%s", ignorelist);
  char *corpus = corpus_of("racy.c\tbug\n");
  struct score_run run = run_score("--cc", "clang", "--cflags", flag, corpus, NULL);
  cr_assert_eq(run.status, 2, "nothing could be checked; stdout: %s stderr: %s", run.out, run.err);
  cr_assert(!contains(run.out, "missed"), "not a miss charged to TSan: %s", run.out);
  cr_assert(contains(run.err, "not fully instrumented by TSan") && contains(run.err, "-fsanitize-ignorelist="),
            "names the function and the ignorelist: %s", run.err);
  score_run_free(&run);
  free(corpus), free(flag), free(ignorelist);
}

Test(p11_score, a_no_sanitize_function_is_unchecked_unless_the_program_declares_it) {
  /* Undeclared, as check mode: cannot check, with the marker that would declare it. */
  char *include = xprintf("-I%s", HARNESS_PROGRAMS_DIR);
  char *undeclared = corpus_of("hides_a_race_with_no_sanitize.c\tbug\n");
  struct score_run refused = run_score("--cc", "clang", undeclared, NULL);
  cr_assert_eq(refused.status, 2, "stdout: %s stderr: %s", refused.out, refused.err);
  cr_assert(contains(refused.err, "not fully instrumented by TSan") &&
                contains(refused.err, "// tsan-hides: uninstrumented "),
            "%s", refused.err);
  score_run_free(&refused);
  /* Declared, as check mode honours it: scored (TSan's miss is the program's stated limit), and named in a note. */
  char *source = program_path("hides_a_race_with_no_sanitize.c");
  size_t length = 0;
  char *text = read_file_or_fail(source, &length);
  char *declared_text = xprintf("%s// tsan-hides: uninstrumented worker -- the test means it\n"
                                "// tsan-hides: uninstrumented write_from_main -- the test means it\n",
                                text);
  char *copy = write_scratch_file(&scratch, "declares_no_sanitize.c", declared_text);
  char *line = xprintf("%s\tbug\t%s\n%s/racy.c\tbug\n", copy, include, HARNESS_PROGRAMS_DIR);
  char *list = write_scratch_file(&scratch, "declared.tsv", line);
  struct score_run scored = run_score("--cc", "clang", "--json", list, NULL);
  cr_assert_eq(scored.status, 0, "stdout: %s stderr: %s", scored.out, scored.err);
  cr_assert(contains(scored.out, "\"file\": {\"tp\": 1, \"fp\": 0, \"tn\": 0, \"fn\": 1"), "scored: %s", scored.out);
  cr_assert(contains(scored.err, "note: ") && contains(scored.err, "hides reports, as the case declares") &&
                contains(scored.err, "worker"),
            "and said: %s", scored.err);
  cr_assert(!contains(scored.err, "/racy: "), "a program that declares nothing has no note: %s", scored.err);
  score_run_free(&scored);
  free(list), free(line), free(copy), free(declared_text), free(text), free(source), free(undeclared), free(include);
}

/* Whether clang builds and links an OpenMP program here (libomp installed). */
static bool clang_builds_openmp(void) {
  char *source = program_path("score_openmp_race.c");
  if (!scratch)
    scratch = make_scratch_dir();
  char *binary = xprintf("%s/openmp_probe", scratch);
  char *argv[] = {"clang", "-fopenmp", source, "-o", binary, NULL};
  struct run_request request = {.argv = argv, .timeout_seconds = 120, .capture_limit = 1 << 16};
  struct run_result run;
  char *error = NULL;
  bool built = run_program(&request, &run, &error) == 0 && run.end == RUN_EXITED && run.code == 0;
  if (!error)
    run_result_free(&run);
  free(error), free(binary), free(source);
  return built;
}

Test(p11_score, a_library_the_configuration_declares_is_scored_and_named) {
  /* A bad declaration is refused before anything is built, in the markers' words. */
  char *corpus = corpus_of("score_openmp_race.c\tbug\n");
  struct score_run bad = run_score("--tsan-hides", "uninstrumented", corpus, NULL);
  cr_assert_eq(bad.status, 2);
  cr_assert(contains(bad.err, "--tsan-hides \"uninstrumented\": tsan-hides: uninstrumented takes one function name"),
            "%s", bad.err);
  score_run_free(&bad);
  struct score_run valgrind = run_score("--detector", "drd", "--tsan-hides", "fibers -- x", corpus, NULL);
  cr_assert_eq(valgrind.status, 2);
  cr_assert(contains(valgrind.err, "--tsan-hides declares what hides reports from TSan"), "%s", valgrind.err);
  score_run_free(&valgrind);
  if (!clang_builds_openmp()) {
    free(corpus);
    cr_skip_test("clang cannot build an OpenMP program here (libomp is not installed)");
  }
  /* clang's libomp, found through the RUNPATH clang writes, is a library of the program TSan does not watch, called
   * from every OpenMP program: check mode's proof refuses it undeclared, and a corpus's sources cannot declare it. */
  struct score_run refused =
      run_score("--cc", "clang", "--cflags", "-fopenmp", "--env", "OMP_NUM_THREADS=3", corpus, NULL);
  cr_assert_eq(refused.status, 2, "stdout: %s stderr: %s", refused.out, refused.err);
  cr_assert(contains(refused.err, "// tsan-hides: uninstrumented libomp"), "%s", refused.err);
  score_run_free(&refused);
  /* The configuration declares it: every program is scored, and the configuration's name says what it declared. */
  struct score_run declared =
      run_score("--cc", "clang", "--cflags", "-fopenmp", "--env", "OMP_NUM_THREADS=3", "--json", "--tsan-hides",
                "uninstrumented libomp.so.5 -- LLVM's OpenMP runtime, not built with TSan", corpus, NULL);
  cr_assert_eq(declared.status, 0, "stdout: %s stderr: %s", declared.out, declared.err);
  cr_assert(contains(declared.out, "\"scored\": 1"), "%s", declared.out);
  cr_assert(contains(declared.out, " O1 hides uninstrumented libomp.so.5\""), "named: %s", declared.out);
  cr_assert(contains(declared.err, "note: ") && contains(declared.err, "libomp.so.5"), "%s", declared.err);
  score_run_free(&declared);
  free(corpus);
}

/* ---- Helgrind and DRD watch every image the program runs ---- */

static bool valgrind_installed(void) {
  char *argv[] = {"valgrind", "--version", NULL};
  struct run_request request = {.argv = argv, .timeout_seconds = 30, .capture_limit = 1 << 12};
  struct run_result run;
  char *error = NULL;
  if (run_program(&request, &run, &error) != 0) {
    free(error);
    return false;
  }
  bool works = run.end == RUN_EXITED && run.code == 0;
  run_result_free(&run);
  return works;
}

static void skip_without_valgrind(void) {
  if (valgrind_xml_unavailable())
    cr_skip_test("%s", valgrind_xml_unavailable());
  if (!valgrind_installed())
    cr_skip_test("valgrind is not installed");
}

Test(p11_score, helgrind_and_drd_follow_the_program_into_an_execd_image) {
  skip_without_valgrind();
  /* The race is in the image a forked child execs (hostile round 3, attack 62): a tool that does not follow the exec
   * never runs it, and scored a miss. */
  char *corpus = corpus_of("score_races_after_exec.c\tbug\n");
  const char *tools[] = {"helgrind", "drd"};
  for (size_t t = 0; t < 2; t++) {
    struct score_run run = run_score("--detector", tools[t], "--json", corpus, NULL);
    cr_assert_eq(run.status, 0, "%s: stdout: %s stderr: %s", tools[t], run.out, run.err);
    cr_assert(contains(run.out, "\"file\": {\"tp\": 1, \"fp\": 0, \"tn\": 0, \"fn\": 0"), "%s caught it: %s", tools[t],
              run.out);
    score_run_free(&run);
  }
  free(corpus);
}

Test(p11_score, helgrind_hears_a_forked_child_and_an_image_that_execs) {
  skip_without_valgrind();
  /* A forked child that never execs (silenced before), and a race in an image that then execs itself, keeping its
   * pid (its output must not be overwritten by the next image's). */
  char *corpus = corpus_of("score_races_in_a_forked_child.c\tbug\nscore_races_then_execs.c\tbug\n");
  struct score_run run = run_score("--detector", "helgrind", "--json", corpus, NULL);
  cr_assert_eq(run.status, 0, "stdout: %s stderr: %s", run.out, run.err);
  cr_assert(contains(run.out, "\"file\": {\"tp\": 2, \"fp\": 0, \"tn\": 0, \"fn\": 0"), "both caught: %s", run.out);
  score_run_free(&run);
  free(corpus);
}

/* A Valgrind document of `pid` by helgrind, up to its RUNNING status, then `ending`. */
static char *document(const char *name, long pid, const char *ending) {
  char *text = xprintf("<?xml version=\"1.0\"?>\n<valgrindoutput>\n<protocolversion>4</protocolversion>\n"
                       "<preamble>\n  <line>Using Valgrind-3.19.0 and LibVEX</line>\n</preamble>\n"
                       "<pid>%ld</pid>\n<tool>helgrind</tool>\n<status>\n  <state>RUNNING</state>\n</status>\n%s",
                       pid, ending);
  char *path = write_scratch_file(&scratch, name, text);
  free(text);
  return path;
}

static const char finished[] = "<status>\n  <state>FINISHED</state>\n</status>\n</valgrindoutput>\n";
static const char cut_by_exec[] = "";
static const char closed_unfinished[] = "</valgrindoutput>\n";

static void add_image(struct process_table *table, long pid, long parent, bool forked, const char *exe,
                      enum image_end end, char *log_path) {
  GROW(table->images, table->count, table->capacity);
  table->images[table->count++] = (struct process_image){
      .pid = pid, .parent = parent, .forked = forked, .exe = xstrdup(exe), .end = end, .log_path = log_path};
}

Test(p11_score, a_valgrind_run_with_an_image_the_tool_did_not_follow_is_unchecked) {
  /* What a traced run of `valgrind --trace-children=yes` looks like: the launcher (the wrapper's shell, valgrind.bin)
   * execs the tool, whose document is set aside per image; a forked child's document stops at its exec. */
  struct process_table table = {.root = 100};
  add_image(&table, 100, 0, false, "/usr/bin/dash", IMAGE_EXECED, xstrdup("/nonexistent/none.100.0"));
  add_image(&table, 100, 0, false, "/usr/bin/valgrind.bin", IMAGE_EXECED, xstrdup("/nonexistent/none.100.1"));
  add_image(&table, 100, 0, false, "/usr/libexec/valgrind/helgrind-amd64-linux", IMAGE_EXITED,
            document("helgrind.100.2", 100, finished));
  add_image(&table, 101, 100, true, "/usr/libexec/valgrind/helgrind-amd64-linux", IMAGE_EXECED,
            document("helgrind.101.0", 101, cut_by_exec));
  /* The child's exec went through the launcher to the tool: watched. */
  add_image(&table, 101, 100, false, "/usr/bin/valgrind.bin", IMAGE_EXECED, xstrdup("/nonexistent/none.101.1"));
  add_image(&table, 101, 100, false, "/usr/libexec/valgrind/helgrind-amd64-linux", IMAGE_EXITED,
            document("helgrind.101.2", 101, finished));
  struct tsan_log log;
  char *error = NULL;
  cr_assert_eq(valgrind_images_read(&table, "helgrind", NULL, &log, &error), 0, "every image watched: %s",
               error ? error : "");
  cr_assert(log.runtime_finished);
  tsan_log_free(&log);
  /* The same exec, run by the kernel outside the tool: the image runs the program itself and writes no document. */
  free(table.images[4].exe);
  table.images[4].exe = xstrdup("/tmp/tsan-verify-detect.1/program");
  table.images[4].end = IMAGE_EXITED;
  table.count = 5;
  cr_assert_eq(valgrind_images_read(&table, "helgrind", NULL, &log, &error), -1, "an image ran unwatched");
  cr_assert(contains(error, "helgrind did not watch pid 101, which ran /tmp/tsan-verify-detect.1/program and exited"),
            "%s", error);
  free(error);
  error = NULL;
  /* A document that ends without FINISHED, its image having exited: the tool did not see it to its end. */
  table.count = 3;
  free(table.images[2].log_path);
  table.images[2].log_path = document("helgrind.100.unfinished", 100, closed_unfinished);
  cr_assert_eq(valgrind_images_read(&table, "helgrind", NULL, &log, &error), -1);
  cr_assert(contains(error, "helgrind did not see pid 100"), "%s", error);
  free(error);
  table.count = 6;
  process_table_free(&table);
}
