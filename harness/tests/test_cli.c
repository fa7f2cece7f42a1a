/* test_cli.c: main.c, the command line as a user meets it: tsan-verify itself is run, and its exit status, stdout
 * and stderr are checked. Also normalize_root(), the --root default. */
#include "base/util.h"
#include "process/run.h"
#include "report/normalize.h"
#include "support.h"

#include <criterion/criterion.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *scratch;

static void setup(void) {
  unsetenv("TSAN_OPTIONS");
  scratch = make_scratch_dir();
}

static void cleanup(void) {
  remove_scratch_dir(scratch);
  scratch = NULL;
}

TestSuite(cli, .init = setup, .fini = cleanup, .timeout = 120);

struct cli_run {
  int status; /* exit status, or -1 when tsan-verify did not exit normally */
  char *out, *err;
};

/* Runs tsan-verify with `args` (NULL-terminated); the caller frees out and err with cli_run_free. */
static struct cli_run run_cli(const char *const *args) {
  size_t count = 0;
  while (args[count])
    count++;
  char **argv = xcalloc(count + 2, sizeof *argv);
  argv[0] = TSAN_VERIFY_EXE;
  for (size_t i = 0; i < count; i++)
    argv[i + 1] = (char *)args[i];
  struct run_request request = {.argv = argv, .tsan_options = NULL, .timeout_seconds = 100, .capture_limit = 1 << 20};
  struct run_result result;
  char *error = NULL;
  cr_assert_eq(run_program(&request, &result, &error), 0, "cannot run tsan-verify: %s", error ? error : "");
  struct cli_run run = {result.end == RUN_EXITED ? result.code : -1, xstrdup(result.out.data),
                        xstrdup(result.err.data)};
  run_result_free(&result);
  free(argv);
  return run;
}

static void cli_run_free(struct cli_run *run) {
  free(run->out);
  free(run->err);
}

static size_t line_count(const char *text) {
  size_t lines = 0;
  for (const char *p = text; *p; p++)
    lines += *p == '\n';
  return lines;
}

static size_t occurrences(const char *text, const char *needle) {
  size_t count = 0;
  for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle))
    count++;
  return count;
}

/* A usage error: exit 2, nothing on stdout, one line on stderr holding `expected`. */
static void assert_usage_error(const char *const *args, const char *expected) {
  struct cli_run run = run_cli(args);
  cr_assert_eq(run.status, 2, "exit 2 expected for %s, got %d (stderr: %s)", args[0], run.status, run.err);
  cr_assert_str_empty(run.out, "nothing on stdout, got: %s", run.out);
  cr_assert_eq(line_count(run.err), 1, "a one-line error, got: %s", run.err);
  cr_assert(contains(run.err, expected), "the error should say \"%s\", got: %s", expected, run.err);
  cli_run_free(&run);
}

static char *write_case(const char *name, const char *text) {
  char *path = xprintf("%s/%s", scratch, name);
  write_file_or_fail(path, text, strlen(text));
  return path;
}

Test(cli, help_goes_to_stdout_and_exits_0) {
  const char *short_form[] = {"-h", NULL}, *long_form[] = {"--help", NULL};
  const char *const *forms[] = {short_form, long_form};
  for (int i = 0; i < 2; i++) {
    struct cli_run run = run_cli(forms[i]);
    cr_assert_eq(run.status, 0, "%s exits 0, got %d", forms[i][0], run.status);
    cr_assert(starts_with(run.out, "usage: tsan-verify"), "%s prints the usage, got: %s", forms[i][0], run.out);
    cr_assert(contains(run.out, "--root DIR") && contains(run.out, "--color WHEN") && contains(run.out, "-- ARGS"),
              "the usage lists the new options: %s", run.out);
    cli_run_free(&run);
  }
}

Test(cli, version_prints_the_project_version) {
  const char *args[] = {"--version", NULL};
  struct cli_run run = run_cli(args);
  cr_assert_eq(run.status, 0, "--version exits 0, got %d", run.status);
  cr_assert_str_eq(run.out, "tsan-verify " TSAN_VERIFY_VERSION "\n", "got: %s", run.out);
  cli_run_free(&run);
}

Test(cli, an_unknown_option_offers_the_closest_one) {
  const char *args[] = {"--jsno", "a.c", NULL};
  assert_usage_error(args, "unknown option '--jsno'; did you mean '--json'?");
  const char *far[] = {"--frobnicate", "a.c", NULL};
  struct cli_run run = run_cli(far);
  cr_assert_eq(run.status, 2, "exit 2");
  cr_assert(!contains(run.err, "did you mean"), "nothing is close to --frobnicate, got: %s", run.err);
  cli_run_free(&run);
  const char *value[] = {"--json=yes", "a.c", NULL};
  assert_usage_error(value, "option '--json' takes no value");
}

Test(cli, timeout_must_be_finite_and_above_zero) {
  const char *bad[] = {"nan", "inf", "0", "-1", "1x", "", "-inf"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    const char *args[] = {"--timeout", bad[i], "a.c", NULL};
    char *expected = xprintf("--timeout takes a finite number of seconds above 0, not \"%s\"", bad[i]);
    assert_usage_error(args, expected);
    free(expected);
  }
}

Test(cli, opt_takes_a_level_with_or_without_the_dash) {
  char *source = xprintf("%s/seed/no_lock.c", CASES_DIR);
  const char *levels[] = {"O2", "-O2", "O0"};
  for (size_t i = 0; i < 3; i++) {
    const char *args[] = {"--opt", levels[i], source, NULL};
    struct cli_run run = run_cli(args);
    cr_assert_eq(run.status, 0, "--opt %s: the case should be met, got %d: %s%s", levels[i], run.status, run.out,
                 run.err);
    /* The verdict line names a level that is not the default. */
    char *line = xprintf("no_lock.c (-%s): met", levels[i] + (levels[i][0] == '-'));
    cr_assert(contains(run.out, line), "a verdict line with the level: %s", run.out);
    free(line);
    cli_run_free(&run);
  }
  const char *garbage[] = {"--opt", "fast", source, NULL};
  assert_usage_error(garbage,
                     "--opt takes O0, O1, O2, O3, Os, Og, Oz or Ofast (with or without '-'), Meson's plain, 0, "
                     "g, 1, 2, 3 or s, or CMake's Debug, Release, RelWithDebInfo or MinSizeRel, not \"fast\"");
  free(source);
}

/* Every option's value stays its value, whatever the option's place in the list (a value once came out as a case). */
Test(cli, each_option_keeps_its_value) {
  char *source = xprintf("%s/seed/no_lock.c", CASES_DIR);
  const char *args[] = {"--cc",        "clang",    "--cflags",  "-fsanitize=thread -g -pthread",
                        "--toolchain", "clang-14", "--timeout", "60",
                        "--repeat",    "1",        source,      NULL};
  struct cli_run run = run_cli(args);
  cr_assert_eq(run.status, 0, "met, got %d: %s%s", run.status, run.out, run.err);
  cr_assert_eq(line_count(run.out), 1, "one verdict line, for the one case: %s", run.out);
  cli_run_free(&run);
  free(source);
}

Test(cli, several_cases_give_a_verdict_each_and_the_worst_status) {
  char *met = xprintf("%s/seed/no_lock.c", CASES_DIR);
  char *not_met = program_path("racy_wrong_line.c");
  char *missing = xprintf("%s/no_such_case.c", scratch);
  const char *two[] = {met, not_met, NULL};
  struct cli_run run = run_cli(two);
  cr_assert_eq(run.status, 1, "met + not met exits 1, got %d: %s%s", run.status, run.out, run.err);
  cr_assert(contains(run.out, "no_lock.c: met") && contains(run.out, "racy_wrong_line.c: not met"),
            "a verdict line for each case: %s", run.out);
  cli_run_free(&run);
  const char *three[] = {met, missing, not_met, NULL};
  run = run_cli(three);
  cr_assert_eq(run.status, 2, "a case that cannot be checked makes it 2, got %d: %s", run.status, run.out);
  cr_assert(contains(run.out, "racy_wrong_line.c: not met"), "the cases after it are still checked: %s", run.out);
  cli_run_free(&run);
  const char *binary_two[] = {"--binary", "/bin/true", met, not_met, NULL};
  assert_usage_error(binary_two, "--binary checks one case, and 2 are given");
  free(met);
  free(not_met);
  free(missing);
}

Test(cli, arguments_after_the_double_dash_reach_the_program) {
  char *source = program_path("prints_its_arguments.c");
  const char *with[] = {source, "--", "one", "two words", "three", NULL};
  struct cli_run run = run_cli(with);
  cr_assert_eq(run.status, 0, "the program prints its arguments, got %d: %s", run.status, run.out);
  cli_run_free(&run);
  const char *without[] = {source, NULL};
  run = run_cli(without);
  cr_assert_eq(run.status, 1, "without them expect-output is not met, got %d: %s", run.status, run.out);
  cli_run_free(&run);
  /* An option-looking argument after -- is the program's, not tsan-verify's. */
  const char *dashed[] = {source, "--", "--json", NULL};
  run = run_cli(dashed);
  cr_assert_eq(run.status, 1, "--json after -- is an argument (expect-output not met), got %d", run.status);
  cr_assert(!starts_with(run.out, "{"), "no JSON was asked for: %s", run.out);
  cli_run_free(&run);
  free(source);
}

Test(cli, root_makes_sarif_and_normalized_paths_relative) {
  char *source = xprintf("%s/seed/no_lock.c", CASES_DIR);
  const char *normalized[] = {"--normalize", "--root", CASES_DIR, source, NULL};
  struct cli_run run = run_cli(normalized);
  cr_assert_eq(run.status, 0, "met, got %d: %s", run.status, run.err);
  cr_assert(contains(run.out, " seed/no_lock.c:"), "frames relative to --root: %s", run.out);
  cr_assert(!contains(run.out, CASES_DIR), "no absolute path under the root is left: %s", run.out);
  cli_run_free(&run);
  const char *sarif[] = {"--sarif", "--root", CASES_DIR, source, NULL};
  run = run_cli(sarif);
  cr_assert(contains(run.out, "\"uri\":\"seed/no_lock.c\",\"uriBaseId\":\"SRCROOT\""), "SARIF: %s", run.out);
  cli_run_free(&run);
  const char *mixed[] = {"--sarif", "--json", source, NULL};
  assert_usage_error(mixed, "--sarif is a document of its own: not with --json");
  const char *not_a_folder[] = {"--normalize", "--root", source, source, NULL};
  run = run_cli(not_a_folder);
  cr_assert_eq(run.status, 2, "--root must be a folder, got %d", run.status);
  cr_assert(contains(run.err, "not a folder"), "got: %s", run.err);
  cli_run_free(&run);
  free(source);
}

/* gcc's runtime prints a frame's file as it was on the compile line: relative to the folder tsan-verify ran in. */
Test(cli, sarif_puts_a_relative_frame_path_under_the_root) {
  size_t length;
  char *program = program_path("racy.c");
  char *text = read_file_or_fail(program, &length);
  char *folder = xprintf("%s/sub", scratch), *copy = xprintf("%s/sub/racy.c", scratch);
  cr_assert_eq(mkdir(folder, 0700), 0, "mkdir %s", folder);
  write_file_or_fail(copy, text, length);
  char previous[PATH_MAX];
  cr_assert_not_null(getcwd(previous, sizeof previous), "getcwd");
  cr_assert_eq(chdir(scratch), 0, "chdir");
  const char *args[] = {"--cc", "gcc", "--sarif", "--root", scratch, "sub/racy.c", NULL};
  struct cli_run run = run_cli(args);
  cr_assert_eq(chdir(previous), 0, "chdir back");
  if (run.status == 2 && contains(run.err, "compile"))
    cr_skip_test("gcc with a TSan runtime is not installed: %s", run.err);
  cr_assert_eq(run.status, 0, "met, got %d: %s", run.status, run.err);
  cr_assert(contains(run.out, "\"uri\":\"sub/racy.c\",\"uriBaseId\":\"SRCROOT\""), "relative to the root: %s", run.out);
  cr_assert(!contains(run.out, "\"uri\":\"sub/racy.c\"}"), "never a bare relative path: %s", run.out);
  cli_run_free(&run);
  free(program);
  free(text);
  free(copy);
  free(folder);
}

Test(cli, sarif_of_several_cases_is_one_run) {
  char *race = xprintf("%s/seed/no_lock.c", CASES_DIR);
  char *deadlock = xprintf("%s/seed/lock_order_inversion.c", CASES_DIR);
  const char *args[] = {"--sarif", race, deadlock, NULL};
  struct cli_run run = run_cli(args);
  cr_assert_eq(run.status, 0, "both met, got %d: %s", run.status, run.err);
  cr_assert_eq(occurrences(run.out, "\"$schema\""), 1, "one SARIF document: %s", run.out);
  cr_assert_eq(occurrences(run.out, "\"tool\""), 1, "one run: %s", run.out);
  cr_assert(contains(run.out, "\"ruleId\":\"tsan/data-race\"") &&
                contains(run.out, "\"ruleId\":\"tsan/lock-order-inversion\""),
            "the results of both cases: %s", run.out);
  cr_assert(contains(run.err, "no_lock.c: met") && contains(run.err, "lock_order_inversion.c: met"),
            "the verdicts go to stderr: %s", run.err);
  cli_run_free(&run);
  free(race);
  free(deadlock);
}

/* tsan-verify --sarif EXE: the markers of every source the program's DWARF names are in the document, each at its own
 * file and line. programs/races_only_in_a_marker_file.c marks its own race; its _lib.c marks one of its two races (met)
 * and a line no race reaches (not met). Before: only the reports, and exit 1 with nothing in the SARIF to say why. */
Test(cli, sarif_carries_the_markers_of_every_source_file) {
  char *test = copy_program("races_only_in_a_marker_file.c", scratch, "races_only_in_a_marker_file.c");
  char *library = copy_program("races_only_in_a_marker_file_lib.c", scratch, "races_only_in_a_marker_file_lib.c");
  char *programs = program_path("");
  char *include = xprintf("-I%s", programs);
  char *program = xprintf("%s/program", scratch);
  char *build[] = {"clang", "-fsanitize=thread", "-g", "-O1", "-pthread", include, test, library, "-o", program, NULL};
  run_or_fail(build, 120);
  const char *args[] = {"--sarif", "--root", scratch, program, NULL};
  struct cli_run run = run_cli(args);
  cr_assert_eq(run.status, 1, "not met (an unexpected report, an unmet marker), got %d: %s", run.status, run.err);
  const char *at_library = "\"uri\":\"races_only_in_a_marker_file_lib.c\",\"uriBaseId\":\"SRCROOT\"},\"region\":"
                           "{\"startLine\":";
  char *unmet = xprintf("\"ruleId\":\"tsan-verify/expected-report-missing\",\"ruleIndex\":1,\"kind\":\"fail\","
                        "\"level\":\"error\",\"message\":{\"text\":\"expected data race, TSan reported nothing "
                        "here\"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{%s25}",
                        at_library);
  cr_assert_eq(occurrences(run.out, "\"ruleId\":\"tsan-verify/expected-report-missing\""), 1,
               "one result for the one unmet marker: %s", run.out);
  cr_assert(contains(run.out, unmet), "the unmet marker, at the line of the library it is about: %s", run.out);
  cr_assert_eq(occurrences(run.out, "\"suppressions\":[{\"kind\":\"inSource\",\"status\":\"accepted\""), 2,
               "the two expected reports, each with the marker it met: %s", run.out);
  char *met = xprintf("\"justification\":\"expect-tsan: data race\",\"location\":{\"physicalLocation\":{"
                      "\"artifactLocation\":{%s19}",
                      at_library);
  cr_assert(contains(run.out, met), "the library's met marker, at its own line: %s", run.out);
  cr_assert(contains(run.out, "\"uri\":\"races_only_in_a_marker_file.c\",\"uriBaseId\":\"SRCROOT\"},\"region\":{"
                              "\"startLine\":22}"),
            "the test's met marker, at its own line: %s", run.out);
  cli_run_free(&run);
  free(met);
  free(unmet);
  free(test);
  free(library);
  free(programs);
  free(include);
  free(program);
}

Test(cli, a_misspelt_kind_gets_a_suggestion_and_the_list) {
  char *typo = write_case("typo.c", "int x;\nint main(void) { return x; } // expect-tsan: data rase\n");
  const char *args[] = {typo, NULL};
  struct cli_run run = run_cli(args);
  cr_assert_eq(run.status, 2, "a bad marker cannot be checked, got %d", run.status);
  cr_assert(contains(run.out, "typo.c:2: unknown kind \"data rase\"") &&
                contains(run.out, "did you mean \"data race\"?") &&
                contains(run.out, "valid kinds: none, data race, heap-use-after-free, thread leak"),
            "got: %s", run.out);
  cli_run_free(&run);
  char *note = write_case("note.c", "int x;\nint main(void) { return x; } // expect-tsan: data race on the counter\n");
  const char *noted[] = {note, NULL};
  run = run_cli(noted);
  cr_assert_eq(run.status, 2, "exit 2, got %d", run.status);
  cr_assert(contains(run.out, "did you mean \"data race -- on the counter\"? (a note follows \" -- \")"), "got: %s",
            run.out);
  cli_run_free(&run);
  free(typo);
  free(note);
}

Test(cli, catalog_that_checks_nothing_exits_2) {
  char *empty = write_case("empty.manifest", "# nothing here\n");
  const char *args[] = {"catalog", empty, NULL};
  struct cli_run run = run_cli(args);
  cr_assert_eq(run.status, 2, "an empty manifest checks nothing: exit 2, got %d: %s", run.status, run.out);
  cr_assert(contains(run.err, "checked nothing: the manifest lists no case"), "got: %s", run.err);
  cli_run_free(&run);
  char *one = write_case("one.manifest", "seed/no_lock\t/nonexistent/no_lock\t/nonexistent/no_lock.c\tclang-14\n");
  const char *after[] = {"catalog", one, "--filter", "locks/", NULL};
  const char *before[] = {"catalog", "--filter", "locks/", one, NULL};
  const char *const *orders[] = {after, before};
  for (int i = 0; i < 2; i++) {
    run = run_cli(orders[i]);
    cr_assert_eq(run.status, 2, "a filter that matches nothing: exit 2, got %d: %s", run.status, run.err);
    cr_assert(contains(run.err, "checked nothing: no case name of the 1 contains \"locks/\""), "order %d: %s", i,
              run.err);
    cli_run_free(&run);
  }
  const char *refused[] = {"catalog", one, "--json", NULL};
  assert_usage_error(refused, "catalog does not take --json");
  const char *misplaced[] = {"--filter", "x", "a.c", NULL};
  assert_usage_error(misplaced, "--filter is for catalog");
  free(empty);
  free(one);
}

Test(cli, catalog_runs_a_built_case_and_colors_on_request) {
  char *source = xprintf("%s/seed/no_lock.c", CASES_DIR);
  char *binary = xprintf("%s/no_lock", scratch);
  char *compile[] = {"clang", "-fsanitize=thread", "-g", "-O1", source, "-o", binary, NULL};
  struct run_request request = {.argv = compile, .timeout_seconds = 120, .capture_limit = 1 << 20};
  struct run_result built;
  char *error = NULL;
  cr_assert_eq(run_program(&request, &built, &error), 0, "cannot run clang: %s", error ? error : "");
  cr_assert(built.end == RUN_EXITED && built.code == 0, "clang failed: %s", built.err.data);
  run_result_free(&built);
  char *row = xprintf("seed/no_lock\t%s\t%s\n", binary, source);
  char *manifest = write_case("built.manifest", row);
  const char *plain[] = {"catalog", "--color=never", manifest, "--filter", "seed/", NULL};
  struct cli_run run = run_cli(plain);
  cr_assert_eq(run.status, 0, "the case passes, got %d: %s%s", run.status, run.out, run.err);
  cr_assert(contains(run.out, "seed/no_lock") && contains(run.out, "1 passed, 0 failed"), "got: %s", run.out);
  cr_assert(!contains(run.out, "\033["), "--color=never: no escape sequence: %s", run.out);
  cli_run_free(&run);
  const char *colored[] = {"catalog", "--color", "always", manifest, NULL};
  run = run_cli(colored);
  cr_assert(contains(run.out, "\033[32mpass\033[0m"), "--color=always paints the verdict: %s", run.out);
  cli_run_free(&run);
  setenv("NO_COLOR", "1", 1);
  const char *automatic[] = {"catalog", "--color=auto", manifest, NULL};
  run = run_cli(automatic);
  unsetenv("NO_COLOR");
  cr_assert(!contains(run.out, "\033["), "--color=auto with NO_COLOR: none: %s", run.out);
  cli_run_free(&run);
  const char *bad[] = {"catalog", "--color=sometimes", manifest, NULL};
  assert_usage_error(bad, "--color takes auto, always or never, not \"sometimes\"");
  free(source);
  free(binary);
  free(row);
  free(manifest);
}

/* ---- normalize_root(): --root, and its default ---- */

TestSuite(root, .init = setup, .fini = cleanup);

Test(root, is_the_git_work_tree_top_above_the_current_folder) {
  char *top = xprintf("%s/repo", scratch), *git = xprintf("%s/repo/.git", scratch),
       *deep = xprintf("%s/repo/a/b", scratch), *inner = xprintf("%s/repo/a", scratch);
  cr_assert_eq(mkdir(top, 0700) | mkdir(git, 0700) | mkdir(inner, 0700) | mkdir(deep, 0700), 0, "mkdir");
  char previous[PATH_MAX];
  cr_assert_not_null(getcwd(previous, sizeof previous), "getcwd");
  cr_assert_eq(chdir(deep), 0, "chdir");
  char *error = NULL;
  char *root = normalize_root(NULL, &error);
  char resolved[PATH_MAX];
  cr_assert_not_null(realpath(top, resolved), "realpath");
  cr_assert_str_eq(root ? root : "(null)", resolved, "the folder holding .git");
  free(root);
  /* A worktree's .git is a file: it counts the same. */
  cr_assert_eq(rmdir(git), 0, "rmdir");
  write_file_or_fail(git, "gitdir: /elsewhere\n", 19);
  root = normalize_root(NULL, &error);
  cr_assert_str_eq(root ? root : "(null)", resolved, "a .git file marks the top too");
  free(root);
  cr_assert_eq(chdir(previous), 0, "chdir back");
  free(top);
  free(git);
  free(deep);
  free(inner);
}

Test(root, is_the_current_folder_outside_a_work_tree_and_the_given_folder_resolved) {
  char previous[PATH_MAX], resolved[PATH_MAX];
  cr_assert_not_null(getcwd(previous, sizeof previous), "getcwd");
  cr_assert_eq(chdir(scratch), 0, "chdir");
  cr_assert_not_null(realpath(scratch, resolved), "realpath");
  char *error = NULL;
  char *root = normalize_root(NULL, &error);
  /* The scratch folder is under /tmp (or $TMPDIR): no work tree is above it, unless TMPDIR is inside one. */
  cr_assert_not_null(root, "a root: %s", error ? error : "");
  char *marker = xprintf("%s/.git", root);
  cr_assert(strcmp(root, resolved) == 0 || (access(marker, F_OK) == 0 && starts_with(resolved, root)),
            "the current folder %s, or a work tree's top above it, got %s", resolved, root);
  free(marker);
  free(root);
  char *given = xprintf("%s/./", scratch);
  root = normalize_root(given, &error);
  cr_assert_str_eq(root ? root : "(null)", resolved, "a given folder, resolved");
  free(root);
  free(given);
  cr_assert_null(normalize_root("/nonexistent/folder", &error), "a missing folder is an error");
  cr_assert(error && contains(error, "--root /nonexistent/folder: "), "got: %s", error ? error : "(null)");
  free(error);
  cr_assert_eq(chdir(previous), 0, "chdir back");
}

/* --results FILE: the case's JSON object, as --json prints it, written to FILE while the plain verdict still goes to
 * stdout; a file left by an earlier run is replaced, or removed when this run writes none. */
Test(cli, results_writes_the_json_object_beside_the_plain_verdict) {
  char *source = xprintf("%s/seed/no_lock.c", CASES_DIR);
  char *results = xprintf("%s/no_lock.json", scratch);
  write_file_or_fail(results, "stale", 5);
  const char *with[] = {"--results", results, "--root", CASES_DIR, source, NULL};
  struct cli_run run = run_cli(with);
  cr_assert_eq(run.status, 0, "met, got %d: %s", run.status, run.err);
  cr_assert(contains(run.out, "met"), "the plain verdict on stdout: %s", run.out);
  cr_assert(!starts_with(run.out, "{"), "no JSON on stdout: %s", run.out);
  size_t length;
  char *written = read_file_or_fail(results, &length);
  cr_assert(starts_with(written, "{\"case\":"), "the --json object: %.200s", written);
  cr_assert(contains(written, "\"outcome\":\"met\""), "with its outcome: %.400s", written);
  cr_assert(contains(written, "\"normalized\":\"WARNING: ThreadSanitizer: data race"), "and the normalized log");
  cr_assert(contains(written, " seed/no_lock.c:"), "paths relative to --root: %.2000s", written);
  cli_run_free(&run);
  free(written);
  /* A run that writes no result leaves no stale one: a usage error after the file exists. */
  const char *two[] = {"--results", results, source, source, NULL};
  assert_usage_error(two, "--results writes one case's result, and 2 cases are given");
  const char *unwritable[] = {"--results", "/nonexistent-folder/r.json", source, NULL};
  run = run_cli(unwritable);
  cr_assert_eq(run.status, 2, "a result that cannot be written is cannot check, got %d", run.status);
  /* The verdict's own diagnostic, so that every output (text, TAP, JUnit) says it. */
  cr_assert(contains(run.out, "--results /nonexistent-folder/r.json: cannot write"), "the file named: %s", run.out);
  cr_assert(contains(run.out, ": cannot check\n"), "the verdict: %s", run.out);
  cli_run_free(&run);
  free(results);
  free(source);
}

/* The JSON string value of the first "key": in `text`, unescaped; NULL when there is none. */
static char *json_string_value(const char *text, const char *key) {
  char *opening = xprintf("\"%s\":\"", key);
  const char *at = strstr(text, opening);
  size_t skip = strlen(opening);
  free(opening);
  if (!at)
    return NULL;
  struct strbuf value = {0};
  for (const char *p = at + skip; *p && *p != '"'; p++) {
    if (*p == '\\') {
      p++;
      cr_assert(*p == '"' || *p == '\\' || *p == '/', "an escape the options never hold: \\%c", *p);
    }
    strbuf_printf(&value, "%c", *p);
  }
  return strbuf_release(&value);
}

/* --print-tsan-options prints the TSAN_OPTIONS a check gives the case's program, from the code that builds them for
 * the check: the user's options and the case's own (its suppressions file made absolute) in the same places; the one
 * difference is the last item, log_path, stderr there and the run's private folder in a check. */
Test(cli, print_tsan_options_is_what_a_check_gives_the_program) {
  setenv("TSAN_OPTIONS", "history_size=7:halt_on_error=1:log_path=/nonexistent/user", 1);
  char *source = xprintf("%s/limits/suppressed.c", CASES_DIR);
  const char *print[] = {"--print-tsan-options", source, NULL};
  struct cli_run printed = run_cli(print);
  cr_assert_eq(printed.status, 0, "exit 0, got %d: %s", printed.status, printed.err);
  cr_assert_eq(line_count(printed.out), 1, "one line for one case: %s", printed.out);
  printed.out[strlen(printed.out) - 1] = '\0';
  cr_assert(ends_with(printed.out, ":log_path=stderr"), "logging to stderr, last: %s", printed.out);
  char *supp = xprintf(":suppressions=%s/limits/suppressed.supp:", CASES_DIR);
  cr_assert(contains(printed.out, supp), "the case's suppressions, absolute: %s", printed.out);
  cr_assert(contains(printed.out, ":history_size=7:"), "the user's harmless option stays: %s", printed.out);
  const char *check[] = {"--json", source, NULL};
  struct cli_run checked = run_cli(check);
  cr_assert_eq(checked.status, 0, "the case is met, got %d: %s", checked.status, checked.err);
  char *given = json_string_value(checked.out, "tsan_options");
  cr_assert_not_null(given, "the JSON names the options of the run: %.500s", checked.out);
  size_t same = strlen(printed.out) - strlen("stderr");
  cr_assert(strncmp(given, printed.out, same) == 0, "the run got\n  %s\nthe option printed\n  %s", given, printed.out);
  cr_assert(starts_with(given + same, "/") && ends_with(given, "/tsan") && !strchr(given + same, ':'),
            "the run logs into its private folder: %s", given + same);
  /* Several cases: a line each, in order; one that cannot be read prints nothing at all. */
  char *plain = xprintf("%s/seed/no_lock.c", CASES_DIR);
  const char *two[] = {"--print-tsan-options", plain, source, NULL};
  struct cli_run both = run_cli(two);
  cr_assert_eq(both.status, 0, "exit 0, got %d: %s", both.status, both.err);
  cr_assert_eq(line_count(both.out), 2, "a line each: %s", both.out);
  cr_assert(!contains(strtok(both.out, "\n"), "suppressions=/"), "the first case has no suppressions file");
  const char *bad[] = {"--print-tsan-options", plain, "/nonexistent/case.c", NULL};
  struct cli_run missing = run_cli(bad);
  cr_assert_eq(missing.status, 2, "a case that cannot be read is exit 2, got %d", missing.status);
  cr_assert_str_empty(missing.out, "and nothing is printed: %s", missing.out);
  cr_assert(contains(missing.err, "/nonexistent/case.c"), "the error names it: %s", missing.err);
  const char *with_json[] = {"--print-tsan-options", "--json", plain, NULL};
  assert_usage_error(with_json, "--print-tsan-options takes no other option");
  cli_run_free(&printed);
  cli_run_free(&checked);
  cli_run_free(&both);
  cli_run_free(&missing);
  free(given);
  free(supp);
  free(plain);
  free(source);
  unsetenv("TSAN_OPTIONS");
}
