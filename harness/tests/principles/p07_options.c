/* p07_options.c: principle 7 of docs/HOSTILE.md, "options are read the way the runtime reads them". The harness's
 * reading of TSAN_OPTIONS (options.c) is compiler-rt's FlagParser's, and the options it gives the program
 * (runtime_options.c) pin what hides reports; end to end, a user's options that the runtime reads one way are never
 * read another way by the harness. */
#include "base/util.h"
#include "check/verify.h"
#include "runner/options.h"
#include "runner/runtime_options.h"
#include "support.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define STR_OR_NULL(s) ((s) ? (s) : "(null)")

static struct case_result result;
static char *scratch;
static struct option_list list;
static struct runtime_options built;
static char *error;

static void cleanup(void) {
  case_result_free(&result);
  remove_scratch_dir(scratch);
  scratch = NULL;
  option_list_free(&list);
  runtime_options_free(&built);
  free(error);
  error = NULL;
}

TestSuite(option_reading, .init = unset_user_environment, .fini = cleanup);
TestSuite(pinned_options, .init = unset_user_environment, .fini = cleanup);
TestSuite(options_end_to_end, .init = unset_user_environment, .fini = cleanup, .timeout = 60);

static const char *last(const char *text, const char *name) {
  option_list_free(&list);
  char *why = NULL;
  cr_assert_eq(options_read(text, "test", &list, &why), 0, "\"%s\" should read: %s", text, STR_OR_NULL(why));
  return options_last(&list, name);
}

/* ---- the reader: sanitizer_flag_parser.cpp ---- */

Test(option_reading, splits_on_every_separator_the_runtime_knows) {
  cr_assert_str_eq(last("a=1 b=2,c=3:d=4\te=5\nf=6\rg=7", "g"), "7");
  cr_assert_eq(list.count, 7, "seven options, got %zu", list.count);
  cr_assert_str_eq(options_last(&list, "f"), "6", "a newline separates (FlagParser::is_space)");
  cr_assert_str_eq(options_last(&list, "e"), "5", "a tab too");
  cr_assert_str_eq(last("history_size=2\r\nexitcode=5", "exitcode"), "5", "CR LF line ends separate");
}

Test(option_reading, reads_a_quoted_value_whole_and_needs_no_separator_after_it) {
  cr_assert_str_eq(last("log_path=\"/a:b c,d\"exitcode='7'", "log_path"), "/a:b c,d");
  cr_assert_str_eq(options_last(&list, "exitcode"), "7", "the next name starts right after the closing quote");
  cr_assert_str_eq(last("a='x\"y'", "a"), "x\"y", "the other quote is an ordinary character");
  cr_assert_str_eq(last("a=x\"y", "a"), "x\"y", "a quote inside an unquoted value is an ordinary character");
}

Test(option_reading, the_last_assignment_wins_and_an_empty_value_is_a_value) {
  cr_assert_str_eq(last("exitcode=1:exitcode=2", "exitcode"), "2");
  cr_assert_str_eq(last("strip_path_prefix=/x:strip_path_prefix=", "strip_path_prefix"), "");
  cr_assert_null(last("xexitcode=1:exitcode_x=2", "exitcode"), "a longer name is another option");
}

Test(option_reading, stops_where_the_runtime_stops) {
  cr_assert_eq(options_read("verbosity", "TSAN_OPTIONS", &list, &error), -1, "a name without '='");
  cr_assert(contains(error, "TSAN_OPTIONS: expected '=' after \"verbosity\""), "got %s", error);
  free(error);
  error = NULL;
  cr_assert_eq(options_read("a=1:log_path=\"/x", "TSAN_OPTIONS", &list, &error), -1, "an unterminated quote");
  cr_assert(contains(error, "unterminated string in the value of log_path"), "got %s", error);
}

Test(option_reading, reads_an_included_file_in_place) {
  char *included = write_scratch_file(&scratch, "opts", "exitcode=5\nhalt_on_error=1 # not a comment: a name\n");
  char *text = xprintf("exitcode=1:include=%s:verbosity=2", included);
  cr_assert_eq(options_read(text, "TSAN_OPTIONS", &list, &error), -1, "'#' is no comment sign to the runtime");
  free(error);
  error = NULL;
  free(included);
  included = write_scratch_file(&scratch, "opts", "exitcode=5\nhalt_on_error=1\n");
  cr_assert_str_eq(last(text, "exitcode"), "5", "the file's assignments come where include= stood");
  cr_assert_str_eq(options_last(&list, "halt_on_error"), "1");
  cr_assert_str_eq(options_last(&list, "verbosity"), "2");
  cr_assert_null(options_last(&list, "include"), "include= itself is no option");
  free(text);
  free(included);
}

Test(option_reading, skips_a_missing_include_if_exists_and_refuses_a_missing_include) {
  cr_assert_str_eq(last("include_if_exists=/nonexistent/opts:exitcode=4", "exitcode"), "4");
  cr_assert_eq(options_read("include=/nonexistent/opts", "TSAN_OPTIONS", &list, &error), -1);
  cr_assert(contains(error, "Failed to read options from '/nonexistent/opts'"), "the runtime's words, got %s", error);
}

/* A FIFO named where the runtime reads a file: the harness would block in open() for ever, beyond any timeout and
 * with its signals held. Before: the harness hung (found by a blind round). */
Test(option_reading, refuses_an_include_and_a_suppressions_file_that_are_not_regular_files) {
  char *folder = make_scratch_dir();
  char *fifo = xprintf("%s/options.fifo", folder);
  cr_assert_eq(mkfifo(fifo, 0600), 0);
  char *include = xprintf("include_if_exists=%s", fifo);
  cr_assert_eq(options_read(include, "TSAN_OPTIONS", &list, &error), -1);
  cr_assert(contains(error, "is not a regular file"), "got %s", error);
  free(error);
  error = NULL;
  char *suppressions = xprintf("suppressions=%s", fifo);
  cr_assert_eq(runtime_options_build(suppressions, NULL, NULL, "/t/tsan", &built, &error), -1);
  cr_assert(contains(error, "is not a regular file"), "got %s", error);
  remove_scratch_dir(folder);
  free(suppressions);
  free(include);
  free(fifo);
}

Test(option_reading, refuses_an_include_named_per_process_and_one_that_includes_itself) {
  cr_assert_eq(options_read("include=/tmp/%p.opts", "TSAN_OPTIONS", &list, &error), -1);
  cr_assert(contains(error, "names its file with %b, %d or %p"), "got %s", error);
  free(error);
  error = NULL;
  if (!scratch)
    scratch = make_scratch_dir();
  char *self = xprintf("%s/self", scratch);
  char *text = xprintf("include=%s", self);
  write_file_or_fail(self, text, strlen(text));
  cr_assert_eq(options_read(text, "TSAN_OPTIONS", &list, &error), -1);
  cr_assert(contains(error, "does a file include itself?"), "got %s", error);
  free(text);
  free(self);
}

Test(option_reading, writes_back_what_the_runtime_reads_the_same_way) {
  const char *text = "a=\"x y\":b='q\"r':c=:d=plain:e=\"'lead\":f=mid\"dle";
  cr_assert_eq(options_read(text, "test", &list, &error), 0);
  struct strbuf out = {0};
  options_write(&out, &list);
  struct option_list again = {0};
  cr_assert_eq(options_read(out.data, "test", &again, &error), 0, "the written string reads: %s", out.data);
  cr_assert_eq(again.count, list.count);
  for (size_t i = 0; i < list.count; i++) {
    cr_assert_str_eq(again.items[i].name, list.items[i].name);
    cr_assert_str_eq(again.items[i].value, list.items[i].value, "%s: written as %s", list.items[i].name, out.data);
  }
  option_list_free(&again);
  strbuf_free(&out);
}

/* ---- what the harness gives the program ---- */

static const char *value_in(const char *options, const char *name) { return last(options, name); }

Test(pinned_options, pins_what_hides_reports_after_the_users_options) {
  cr_assert_eq(runtime_options_build("report_thread_leaks=0:exitcode=0:halt_on_error=true:history_size=3", NULL, NULL,
                                     "/t/tsan", &built, &error),
               0);
  cr_assert_str_eq(value_in(built.tsan_options, "report_thread_leaks"), "1");
  cr_assert_str_eq(value_in(built.tsan_options, "exitcode"), "66");
  cr_assert_str_eq(value_in(built.tsan_options, "halt_on_error"), "0");
  cr_assert_str_eq(value_in(built.tsan_options, "history_size"), "3", "an option that hides nothing stays the user's");
  cr_assert_str_eq(value_in(built.tsan_options, "log_path"), "/t/tsan");
  cr_assert_eq(built.exitcode, 66);
  cr_assert(!built.halt_on_error);
  cr_assert_str_eq(
      STR_OR_NULL(built.overridden),
      "report_thread_leaks=0 (TSAN_OPTIONS), exitcode=0 (TSAN_OPTIONS), halt_on_error=true (TSAN_OPTIONS)");
}

Test(pinned_options, pins_the_common_flags_in_ubsan_options_too) {
  cr_assert_eq(runtime_options_build(NULL, "verbosity=0:log_path=/x:print_suppressions=0:exitcode=3:print_stacktrace=1",
                                     NULL, "/t/tsan", &built, &error),
               0);
  cr_assert_str_eq(value_in(built.ubsan_options, "verbosity"), "1");
  cr_assert_str_eq(value_in(built.ubsan_options, "log_path"), "/t/tsan");
  cr_assert_str_eq(value_in(built.ubsan_options, "print_suppressions"), "1");
  cr_assert_str_eq(value_in(built.ubsan_options, "exitcode"), "66");
  cr_assert_str_eq(value_in(built.ubsan_options, "print_stacktrace"), "1", "UBSan's own options stay");
  cr_assert_null(value_in(built.ubsan_options, "halt_on_error"), "UBSan's halt_on_error is not TSan's");
  cr_assert_null(value_in(built.ubsan_options, "suppressions"), "UBSan's suppressions are not TSan's");
  cr_assert_str_eq(STR_OR_NULL(built.overridden), "exitcode=3 (UBSAN_OPTIONS)");
  cr_assert_str_eq(STR_OR_NULL(built.user_log_path), "/x", "the user's log_path is known, for the copies");
}

Test(pinned_options, lets_the_case_declare_what_it_means_and_nothing_the_checks_need) {
  cr_assert_eq(runtime_options_build("halt_on_error=0", NULL,
                                     "halt_on_error=1:ignore_noninstrumented_modules=1:verbosity=0:log_path=/c",
                                     "/t/tsan", &built, &error),
               0);
  cr_assert_str_eq(value_in(built.tsan_options, "halt_on_error"), "1");
  cr_assert_str_eq(value_in(built.tsan_options, "ignore_noninstrumented_modules"), "1");
  cr_assert_str_eq(value_in(built.tsan_options, "verbosity"), "1");
  cr_assert_str_eq(value_in(built.tsan_options, "log_path"), "/t/tsan");
  cr_assert(built.halt_on_error);
  cr_assert_null(built.overridden, "nothing of the user's hides reports here, got %s", STR_OR_NULL(built.overridden));
}

Test(pinned_options, takes_the_cases_suppressions_else_the_users_else_none) {
  cr_assert_eq(runtime_options_build("suppressions=/u.supp", NULL, "suppressions=/c.supp", "/t", &built, &error), 0);
  cr_assert_str_eq(built.suppressions, "/c.supp");
  cr_assert(built.suppressions_declared);
  runtime_options_free(&built);
  cr_assert_eq(runtime_options_build("suppressions=/u.supp", "suppressions=/ubsan.supp", NULL, "/t", &built, &error),
               0);
  cr_assert_str_eq(built.suppressions, "/u.supp", "UBSAN_OPTIONS's suppressions are UBSan's");
  cr_assert(!built.suppressions_declared);
  runtime_options_free(&built);
  cr_assert_eq(runtime_options_build(NULL, NULL, NULL, "/t", &built, &error), 0);
  cr_assert_str_eq(value_in(built.tsan_options, "suppressions"), "", "none: also a default-options function's go");
}

/* ---- an allow-list: what is not known to be harmless is pinned ---- */

Test(pinned_options, pins_every_option_not_known_to_be_harmless) {
  /* flush_memory_ms and memory_limit_mb flush the shadow memory (a race across the flush is forgotten),
   * symbolize_inline_frames=0 folds an inlined function's frame into its caller's: none of them was pinned. */
  cr_assert_eq(runtime_options_build("flush_memory_ms=10:memory_limit_mb=1:symbolize_inline_frames=0:io_sync=2", NULL,
                                     NULL, "/t/tsan", &built, &error),
               0);
  cr_assert_str_eq(value_in(built.tsan_options, "flush_memory_ms"), "0");
  cr_assert_str_eq(value_in(built.tsan_options, "memory_limit_mb"), "0");
  cr_assert_str_eq(value_in(built.tsan_options, "symbolize_inline_frames"), "1");
  cr_assert_str_eq(value_in(built.tsan_options, "io_sync"), "1");
  cr_assert_str_eq(STR_OR_NULL(built.overridden),
                   "flush_memory_ms=10 (TSAN_OPTIONS), memory_limit_mb=1 (TSAN_OPTIONS), "
                   "symbolize_inline_frames=0 (TSAN_OPTIONS), io_sync=2 (TSAN_OPTIONS)");
}

Test(pinned_options, leaves_out_an_option_it_does_not_know_and_keeps_what_is_harmless) {
  cr_assert_eq(
      runtime_options_build("a_future_option=1:demangle=0:external_symbolizer_path=/my/symbolizer:history_size="
                            "1:atexit_sleep_ms=50:flush_symbolizer_ms=100:history_size=5",
                            NULL, NULL, "/t/tsan", &built, &error),
      0);
  cr_assert_null(value_in(built.tsan_options, "a_future_option"), "no default to pin: the runtime keeps its own");
  cr_assert_null(value_in(built.tsan_options, "demangle"), "not every runtime knows it: left out");
  cr_assert_null(value_in(built.tsan_options, "external_symbolizer_path"), "another symbolizer writes other frames");
  cr_assert_str_eq(value_in(built.tsan_options, "history_size"), "5", "more history only restores more stacks");
  cr_assert_str_eq(value_in(built.tsan_options, "atexit_sleep_ms"), "50");
  cr_assert_str_eq(value_in(built.tsan_options, "flush_symbolizer_ms"), "100");
  cr_assert_str_eq(STR_OR_NULL(built.overridden), "a_future_option=1 (TSAN_OPTIONS), demangle=0 (TSAN_OPTIONS), "
                                                  "external_symbolizer_path=/my/symbolizer (TSAN_OPTIONS)");
  runtime_options_free(&built);
  cr_assert_eq(runtime_options_build("history_size=1", NULL, NULL, "/t/tsan", &built, &error), 0);
  cr_assert_null(value_in(built.tsan_options, "history_size"), "less history than a runtime's default is left out");
  cr_assert_str_eq(STR_OR_NULL(built.overridden), "history_size=1 (TSAN_OPTIONS)");
}

Test(pinned_options, pins_the_common_options_in_ubsan_options_and_keeps_ubsans_own) {
  cr_assert_eq(
      runtime_options_build(NULL, "symbolize_inline_frames=0:a_future_option=1:print_stacktrace=1:flush_memory_ms=10",
                            NULL, "/t/tsan", &built, &error),
      0);
  cr_assert_str_eq(value_in(built.ubsan_options, "symbolize_inline_frames"), "1");
  cr_assert_null(value_in(built.ubsan_options, "a_future_option"));
  cr_assert_str_eq(value_in(built.ubsan_options, "print_stacktrace"), "1", "UBSan's own option");
  cr_assert_str_eq(value_in(built.tsan_options, "flush_memory_ms"), "0");
  cr_assert_str_eq(STR_OR_NULL(built.overridden),
                   "symbolize_inline_frames=0 (UBSAN_OPTIONS), a_future_option=1 (UBSAN_OPTIONS)",
                   "flush_memory_ms is TSan's own: the UBSan parser never reads it");
}

Test(pinned_options, pins_an_option_that_an_include_file_gives) {
  char *included = write_scratch_file(&scratch, "ci.opts", "flush_memory_ms=10\n");
  char *text = xprintf("include=%s", included);
  cr_assert_eq(runtime_options_build(text, NULL, NULL, "/t/tsan", &built, &error), 0);
  cr_assert_str_eq(value_in(built.tsan_options, "flush_memory_ms"), "0");
  cr_assert_str_eq(STR_OR_NULL(built.overridden), "flush_memory_ms=10 (TSAN_OPTIONS)");
  free(text);
  free(included);
}

Test(pinned_options, lets_the_case_declare_a_pinned_option_and_one_it_does_not_know) {
  cr_assert_eq(runtime_options_build("flush_memory_ms=20:a_future_option=3", NULL,
                                     "flush_memory_ms=10:a_future_option=2", "/t/tsan", &built, &error),
               0);
  cr_assert_str_eq(value_in(built.tsan_options, "flush_memory_ms"), "10");
  cr_assert_str_eq(value_in(built.tsan_options, "a_future_option"), "2");
  cr_assert_null(built.overridden, "the case declares both, got %s", STR_OR_NULL(built.overridden));
}

Test(pinned_options, says_why_the_runtime_could_not_read_the_users_options) {
  cr_assert_eq(runtime_options_build(NULL, "print_stacktrace", NULL, "/t", &built, &error), -1);
  cr_assert(contains(error, "UBSAN_OPTIONS: expected '='"), "got %s", error);
}

/* ---- end to end ---- */

Test(options_end_to_end, meets_a_racy_program_whose_users_exitcode_follows_a_newline) {
  /* The harness once split only on ": ,\t": it read exitcode 66 and accused the program of leaving "behind TSan's
   * back" when it exited 5. */
  setenv("TSAN_OPTIONS", "history_size=4\nexitcode=5", 1);
  verify_program("racy.c", "clang", 20, &result);
  assert_outcome(&result, OUTCOME_MET);
  assert_diagnostic(&result,
                    "note: the harness ran TSan with its defaults instead of the user's exitcode=5 (TSAN_OPTIONS)");
  cr_assert_eq(result.run.code, 66, "TSan's exitcode is pinned, got %d", result.run.code);
}

/* TSAN_SYMBOLIZER_PATH names the symbolizer the runtime starts, which writes every frame's file and line: a fake one
 * put any line on the case. Before: its answers were taken (the blind round of session 11: met on a line that does
 * not race); here /bin/false answers nothing, and the frames the markers need were lost. */
Test(options_end_to_end, leaves_out_the_users_symbolizer_path_and_says_so) {
  setenv("TSAN_SYMBOLIZER_PATH", "/bin/false", 1);
  verify_program("racy.c", "clang", 20, &result);
  assert_outcome(&result, OUTCOME_MET);
  assert_diagnostic(&result, "note: the harness left out TSAN_SYMBOLIZER_PATH");
}

Test(options_end_to_end, meets_a_racy_program_whose_users_exitcode_is_quoted) {
  setenv("TSAN_OPTIONS", "exitcode=\"5\"", 1);
  verify_program("racy.c", "clang", 20, &result);
  assert_outcome(&result, OUTCOME_MET);
}

Test(options_end_to_end, meets_a_racy_program_whose_users_exitcode_comes_from_an_include_file) {
  char *included = write_scratch_file(&scratch, "ci.opts", "exitcode=5\n");
  char *options = xprintf("include=%s", included);
  setenv("TSAN_OPTIONS", options, 1);
  verify_program("racy.c", "clang", 20, &result);
  assert_outcome(&result, OUTCOME_MET);
  cr_assert(!contains(result.tsan_options, "include="), "the file is read once, by the harness: %s",
            result.tsan_options);
  free(options);
  free(included);
}

Test(options_end_to_end, meets_two_races_under_a_ci_wide_halt_on_error_and_says_it_was_overridden) {
  setenv("TSAN_OPTIONS", "halt_on_error=1", 1);
  verify_program("two_races.c", "clang", 20, &result);
  assert_outcome(&result, OUTCOME_MET);
  cr_assert_eq(result.log.report_count, 2, "TSan ran to the end, got %zu reports", result.log.report_count);
  assert_diagnostic(&result, "instead of the user's halt_on_error=1 (TSAN_OPTIONS)");
}

Test(options_end_to_end, cannot_check_two_expected_reports_when_the_case_itself_declares_halt_on_error) {
  /* A scratch copy of two_races.c that declares the option: the case's own declaration is the only way it reaches
   * the runtime (a user's is overridden, above). */
  size_t length = 0;
  char *text = read_file_or_fail(program_path("two_races.c"), &length);
  char *declared =
      replace_first(text, "#include <pthread.h>", "// tsan-options: halt_on_error=1\n#include <pthread.h>");
  char *path = write_scratch_file(&scratch, "declares_halt_on_error.c", declared);
  /* The copy lives in a scratch folder: the programs' folder is where its invisible_barrier.h is. */
  struct verify_request request = {.case_path = path,
                                   .compiler = "clang",
                                   .cflags = "-fsanitize=thread -g -pthread -I" HARNESS_PROGRAMS_DIR,
                                   .timeout_seconds = 20};
  verify_case(&request, &result);
  free(path);
  free(declared);
  free(text);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "halt_on_error stopped the program (pid ");
  cr_assert_eq(result.log.report_count, 1, "TSan stopped after one report, got %zu", result.log.report_count);
}

Test(options_end_to_end, cannot_check_naming_an_unterminated_quote_in_the_users_options) {
  /* Before, the harness appended its options after the open quote: the runtime swallowed them and failed on a
   * value the user never wrote. */
  setenv("TSAN_OPTIONS", "history_size=\"2", 1);
  verify_program("racy.c", "clang", 20, &result);
  assert_outcome(&result, OUTCOME_CANNOT_CHECK);
  assert_diagnostic(&result, "TSAN_OPTIONS: unterminated string in the value of history_size");
  cr_assert(!result.ran, "the program is not run with options the runtime cannot read");
}

Test(options_end_to_end, does_not_meet_a_race_that_a_users_shadow_flush_would_forget) {
  /* Before, the user's flush_memory_ms=10 reached the runtime, which flushed its shadow between the two writes:
   * exit 0, "met (reported: none)", no note. */
  setenv("TSAN_OPTIONS", "flush_memory_ms=10", 1);
  verify_program("race_across_a_shadow_flush.c", "clang", 20, &result);
  assert_outcome(&result, OUTCOME_NOT_MET);
  assert_diagnostic(&result, "expected no report, TSan reported data race");
  assert_diagnostic(&result, "instead of the user's flush_memory_ms=10 (TSAN_OPTIONS)");
}

Test(options_end_to_end, does_not_meet_a_race_that_a_users_memory_limit_from_an_include_file_would_forget) {
  char *included = write_scratch_file(&scratch, "ci.opts", "memory_limit_mb=1\n");
  char *options = xprintf("include=%s", included);
  setenv("TSAN_OPTIONS", options, 1);
  verify_program("race_across_a_shadow_flush.c", "clang", 20, &result);
  assert_outcome(&result, OUTCOME_NOT_MET);
  assert_diagnostic(&result, "instead of the user's memory_limit_mb=1 (TSAN_OPTIONS)");
  free(options);
  free(included);
}

Test(options_end_to_end, does_not_meet_a_wrong_pin_that_ubsan_options_without_inline_frames_would_hit) {
  /* Before, UBSAN_OPTIONS=symbolize_inline_frames=0 folded bump() into worker(): "met (reported: data race)". */
  setenv("UBSAN_OPTIONS", "symbolize_inline_frames=0", 1);
  verify_program("race_in_an_inlined_function.c", "clang", 20, &result);
  assert_outcome(&result, OUTCOME_NOT_MET);
  assert_diagnostic(&result, "instead of the user's symbolize_inline_frames=0 (UBSAN_OPTIONS)");
}

/* ---- the pins are the runtimes' own defaults ---- */

/* The options a TSan program built by `compiler` lists with help=1, as "NAME\tVALUE" lines (compiler-rt
 * sanitizer_flag_parser.cpp, FlagParser::PrintFlagDescriptions: "\tNAME\n\t\t- description (Current Value: V)"). */
static char *runtime_defaults(const char *compiler) {
  if (!scratch)
    scratch = make_scratch_dir();
  char *source = write_scratch_file(&scratch, "empty.c", "int main(void) { return 0; }\n");
  char *binary = xprintf("%s/empty.%s", scratch, compiler);
  char *build[] = {(char *)compiler, "-fsanitize=thread", source, "-o", binary, NULL};
  run_or_fail(build, 60);
  char *command = xprintf("env -u UBSAN_OPTIONS TSAN_OPTIONS=help=1 %s 2>&1", binary);
  FILE *help = popen(command, "r");
  cr_assert_not_null(help);
  struct strbuf text = {0}, out = {0};
  read_stream(help, 1 << 20, &text);
  pclose(help);
  const char *cursor = text.data, *end = text.data + text.length, *line;
  size_t length;
  char *name = NULL;
  while (next_line(&cursor, end, &line, &length)) {
    if (length > 1 && line[0] == '\t' && line[1] != '\t') {
      free(name);
      name = xstrndup(line + 1, length - 1);
    } else if (name) {
      char *text_line = xstrndup(line, length);
      char *value = strstr(text_line, "(Current Value: ");
      if (value) {
        value += strlen("(Current Value: ");
        char *close = strrchr(value, ')');
        if (close)
          *close = '\0';
        strbuf_printf(&out, "%s\t%s\n", name, value);
        free(name);
        name = NULL;
      }
      free(text_line);
    }
  }
  free(name);
  strbuf_free(&text);
  free(source);
  free(binary);
  free(command);
  return strbuf_release(&out);
}

/* A value as the runtime prints it, in the spelling the harness writes: true/false as 1/0, hex as decimal. */
static char *normalized(const char *value) {
  if (strcmp(value, "true") == 0)
    return xstrdup("1");
  if (strcmp(value, "false") == 0)
    return xstrdup("0");
  if (strncmp(value, "0x", 2) == 0)
    return xprintf("%lld", strtoll(value, NULL, 16));
  return xstrdup(value);
}

static void assert_pins_are_the_defaults_of(const char *compiler) {
  /* What the checks force (and the harness's own values) differ from the runtime's defaults on purpose. */
  static const char *const forced[] = {"report_bugs",        "verbosity",    "log_exe_name",          "log_suffix",
                                       "print_suppressions", "symbolize",    "strip_path_prefix",     "color",
                                       "log_path",           "suppressions", "second_deadlock_stack", "help",
                                       "atexit_sleep_ms"};
  char *defaults = runtime_defaults(compiler);
  cr_assert_eq(runtime_options_build(NULL, NULL, NULL, "/t/tsan", &built, &error), 0);
  size_t compared = 0;
  const char *cursor = defaults, *end = defaults + strlen(defaults), *line;
  size_t length;
  while (next_line(&cursor, end, &line, &length)) {
    char *entry = xstrndup(line, length), *tab = strchr(entry, '\t');
    *tab = '\0';
    bool skip = false;
    for (size_t i = 0; i < sizeof forced / sizeof *forced; i++)
      skip |= strcmp(entry, forced[i]) == 0;
    const char *pinned = skip ? NULL : value_in(built.tsan_options, entry);
    if (pinned) {
      char *runtime = normalized(tab + 1), *ours = normalized(pinned);
      cr_expect_str_eq(ours, runtime, "%s pins %s=%s, its runtime's default is %s", compiler, entry, pinned, tab + 1);
      compared++;
      free(runtime);
      free(ours);
    }
    free(entry);
  }
  cr_assert_gt(compared, 80, "%s: only %zu pinned options compared", compiler, compared);
  free(defaults);
}

Test(pinned_options, pins_each_option_to_the_default_clangs_runtime_prints) {
  assert_pins_are_the_defaults_of("clang");
}

Test(pinned_options, pins_each_option_to_the_default_gccs_runtime_prints) { assert_pins_are_the_defaults_of("gcc"); }
