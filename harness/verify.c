/* verify.c: the glue, and the checks that make a clean verdict from an unwatched program impossible. */
#include "verify.h"
#include "elfinfo.h"
#include "expect.h"
#include "util.h"

#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char default_cflags[] = "-fsanitize=thread -g -pthread";
static const char harness_defaults[] = "atexit_sleep_ms=0:second_deadlock_stack=1";
static const char harness_forced[] = "report_bugs=1:verbosity=1:log_path=stderr:color=never";

char *harness_tsan_options(const char *user_options, const char *case_options) {
  struct strbuf out = {0};
  strbuf_puts(&out, harness_defaults);
  if (user_options && *user_options)
    strbuf_printf(&out, ":%s", user_options);
  if (case_options && *case_options)
    strbuf_printf(&out, ":%s", case_options);
  strbuf_printf(&out, ":%s", harness_forced);
  return strbuf_release(&out);
}

long tsan_option_value(const char *options, const char *name, long fallback) {
  long value = fallback;
  size_t n = strlen(name);
  for (const char *p = options; *p;) {
    size_t length = strcspn(p, ": ,\t");
    if (length > n && strncmp(p, name, n) == 0 && p[n] == '=') {
      const char *v = p + n + 1;
      value = strcmp(v, "true") == 0 || starts_with(v, "true") ? 1 : starts_with(v, "false") ? 0 : strtol(v, NULL, 10);
    }
    p += length;
    if (*p)
      p++;
  }
  return value;
}

static char **split_words(const char *text, size_t extra) {
  size_t capacity = strlen(text) / 2 + 2 + extra;
  char **words = xcalloc(capacity, sizeof *words);
  size_t count = 0;
  char *copy = xstrdup(text);
  for (char *save = NULL, *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
    words[count++] = xstrdup(w);
  free(copy);
  return words;
}

static void free_words(char **words) {
  for (size_t i = 0; words[i]; i++)
    free(words[i]);
  free(words);
}

static size_t word_count(char **words) {
  size_t n = 0;
  while (words[n])
    n++;
  return n;
}

static const char *compiler_of(const struct verify_request *request) {
  if (request->compiler)
    return request->compiler;
  const char *cc = getenv("CC");
  return cc && *cc ? cc : "clang";
}

/* Asks the compiler which it is: `cc -dM -E -x c /dev/null` lists __clang_major__ or __GNUC__. */
static int query_compiler(const char *compiler, struct toolchain *toolchain) {
  char *argv[] = {(char *)compiler, "-dM", "-E", "-x", "c", "/dev/null", NULL};
  struct run_request request = {argv, NULL, 60, 1 << 20};
  struct run_result run;
  char *error = NULL;
  *toolchain = (struct toolchain){{0}, 0};
  if (run_program(&request, &run, &error) != 0) {
    free(error);
    return -1;
  }
  const char *clang = strstr(run.out.data, "#define __clang_major__ ");
  const char *gnuc = strstr(run.out.data, "#define __GNUC__ ");
  if (clang) {
    strcpy(toolchain->family, "clang");
    toolchain->major = atoi(clang + strlen("#define __clang_major__ "));
  } else if (gnuc) {
    strcpy(toolchain->family, "gcc");
    toolchain->major = atoi(gnuc + strlen("#define __GNUC__ "));
  }
  int status = run.end == RUN_EXITED && run.code == 0 && toolchain->family[0] ? 0 : -1;
  run_result_free(&run);
  return status;
}

static int remove_entry(const char *path, const struct stat *info, int flag, struct FTW *walk) {
  (void)info, (void)flag, (void)walk;
  return remove(path);
}

static void remove_tree(const char *path) { nftw(path, remove_entry, 8, FTW_DEPTH | FTW_PHYS); }

/* Compiles the case into `folder`; on failure the compiler's first lines become the diagnostic. */
static int compile_case(const struct verify_request *request, const char *folder, char **binary,
                        struct verdict *verdict, int *interrupted_by) {
  const char *compiler = compiler_of(request);
  char **flags = split_words(request->cflags ? request->cflags : default_cflags, 0);
  size_t n = word_count(flags);
  char **argv = xcalloc(n + 8, sizeof *argv);
  size_t a = 0;
  argv[a++] = (char *)compiler;
  for (size_t i = 0; i < n; i++)
    argv[a++] = flags[i];
  argv[a++] = (char *)(request->opt_level ? request->opt_level : "-O1");
  argv[a++] = (char *)request->case_path;
  argv[a++] = "-o";
  *binary = xprintf("%s/case", folder);
  argv[a++] = *binary;
  /* A path that starts with '-' must not be taken for an option. */
  char *dashed = NULL;
  if (request->case_path[0] == '-') {
    dashed = xprintf("./%s", request->case_path);
    argv[a - 3] = dashed;
  }
  struct run_request run_request = {argv, NULL, 300, 1 << 20};
  struct run_result run;
  char *error = NULL;
  int status = 0;
  if (run_program(&run_request, &run, &error) != 0) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 1, "cannot compile: %s", error);
    free(error);
    status = -1;
  } else {
    *interrupted_by = run.interrupted_by;
    if (run.interrupted_by) {
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0, "interrupted by signal %d while compiling",
                  run.interrupted_by);
      status = -1;
    } else if (run.end != RUN_EXITED || run.code != 0) {
      size_t length = strcspn(run.err.data, "\n");
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 1, "compile error (%s): %.*s", compiler,
                  (int)length, run.err.data);
      status = -1;
    }
    run_result_free(&run);
  }
  free(dashed);
  free(argv);
  free_words(flags);
  return status;
}

static const char *signal_name(int sig) {
  switch (sig) {
  case SIGSEGV: return "SIGSEGV";
  case SIGABRT: return "SIGABRT";
  case SIGKILL: return "SIGKILL";
  case SIGBUS: return "SIGBUS";
  case SIGILL: return "SIGILL";
  case SIGFPE: return "SIGFPE";
  case SIGTERM: return "SIGTERM";
  case SIGINT: return "SIGINT";
  case SIGPIPE: return "SIGPIPE";
  }
  return "signal";
}

/* Everything that must hold before the reports can be trusted to be all there is. */
static void check_watched(const struct verify_request *request, struct case_result *result, const char *binary,
                          const char *parse_error) {
  const char *path = request->case_path;
  struct verdict *verdict = &result->verdict;
  const struct run_result *run = &result->run;
  const struct tsan_log *log = &result->log;
  long exitcode = tsan_option_value(result->tsan_options, "exitcode", 66);
  /* clang's TSan runtime holds UBSan and parses UBSAN_OPTIONS after TSAN_OPTIONS, so an exitcode there wins; gcc's
   * does not read it. Either status is TSan's. */
  const char *ubsan_options = getenv("UBSAN_OPTIONS");
  long ubsan_exitcode = ubsan_options ? tsan_option_value(ubsan_options, "exitcode", -1) : -1;
  bool halt = tsan_option_value(result->tsan_options, "halt_on_error", 0) != 0;
  if (run->end == RUN_TIMED_OUT) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                "timed out after %g s; the program's whole process group was killed", request->timeout_seconds);
    return;
  }
  if (log->fatal) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0, "the TSan runtime failed: %s", log->fatal);
    return;
  }
  if (!log->runtime_started) {
    if (!elf_mentions_symbol(binary, "__tsan_init")) {
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                  "%s is not TSan-instrumented (no __tsan_init): build it with -fsanitize=thread", binary);
    } else {
      /* The runtime's own complaint, such as "ERROR: Invalid value for int option: 'x'" from a bad TSAN_OPTIONS. */
      size_t first = strcspn(run->err.data, "\n");
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                  "TSan did not start: its banner is missing from the program's stderr (exit %s %d)%s%.*s",
                  run->end == RUN_SIGNALED ? "signal" : "status", run->code, first ? "; stderr begins: " : "",
                  (int)(first < 200 ? first : 200), run->err.data);
    }
    return;
  }
  if (parse_error) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0, "TSan's output is damaged: %s", parse_error);
    return;
  }
  if (run->err.lost) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                "TSan's output exceeded what the harness keeps (%zu bytes of it lost): reports may be missing",
                run->err.lost);
    return;
  }
  if (run->end == RUN_SIGNALED) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0, "killed by %s (signal %d) before TSan finished",
                signal_name(run->code), run->code);
    return;
  }
  if (!log->runtime_finished) {
    if (halt && log->report_count > 0)
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                  "halt_on_error stopped the program at its first report; later reports cannot be checked");
    else
      verdict_add(
          verdict, OUTCOME_CANNOT_CHECK, path, 0,
          "the TSan runtime did not finish (exit status %d: the program closed its stderr, or left without TSan "
          "seeing it, e.g. through the exit_group system call): reports made at exit, "
          "such as thread leaks, could be missing",
          run->code);
    return;
  }
  long counted = log->warnings_reported < 0 ? 0 : log->warnings_reported;
  if ((size_t)counted != log->report_count) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0, "TSan says it reported %ld warnings, its output holds %zu",
                counted, log->report_count);
    return;
  }
  if (run->group_survivors) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                "processes the program started outlived it (killed); their reports cannot be checked");
    return;
  }
  if (log->report_count > 0 && run->code != exitcode && run->code != ubsan_exitcode)
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                "TSan reported, yet the exit status is %d, not TSan's exitcode %ld%s: the output is not this run's?",
                run->code, exitcode, ubsan_exitcode >= 0 ? " (nor UBSAN_OPTIONS's)" : "");
  else if (log->report_count == 0 && run->code != 0)
    verdict_add(verdict, OUTCOME_NOT_MET, path, 0, "the program failed on its own: exit status %d", run->code);
}

static int resolve_toolchain(const struct verify_request *request, const char *binary, struct case_result *result) {
  if (request->toolchain) {
    if (toolchain_parse(request->toolchain, &result->toolchain) != 0) {
      verdict_add(&result->verdict, OUTCOME_CANNOT_CHECK, NULL, 0,
                  "unknown toolchain \"%s\" (expected e.g. clang-14 or gcc-12)", request->toolchain);
      return -1;
    }
    return 0;
  }
  if (binary)
    elf_toolchain(binary, &result->toolchain);
  else
    query_compiler(compiler_of(request), &result->toolchain);
  return 0;
}

static bool spec_needs_toolchain(const struct case_spec *spec) {
  if (spec->requires)
    return true;
  for (size_t i = 0; i < spec->marker_count; i++)
    if (spec->markers[i].selector)
      return true;
  return false;
}

enum outcome verify_case(const struct verify_request *request, struct case_result *result) {
  *result = (struct case_result){0};
  struct verdict *verdict = &result->verdict;
  char *error = NULL;
  if (case_spec_read(request->case_path, &result->spec, &error) != 0) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, NULL, 0, "%s", error);
    free(error);
    return verdict->outcome;
  }
  if (resolve_toolchain(request, request->binary, result) != 0)
    return verdict->outcome;
  if (!result->toolchain.family[0] && spec_needs_toolchain(&result->spec)) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 1,
                "the case has toolchain-qualified markers, and the toolchain is unknown: pass --toolchain");
    return verdict->outcome;
  }
  if (result->spec.requires && !selector_matches(result->spec.requires, &result->toolchain)) {
    verdict_add(verdict, OUTCOME_SKIPPED, request->case_path, result->spec.requires_line,
                "skipped on %s-%d: requires %s%s%s", result->toolchain.family, result->toolchain.major,
                result->spec.requires, result->spec.requires_reason ? " -- " : "",
                result->spec.requires_reason ? result->spec.requires_reason : "");
    return verdict->outcome;
  }
  char *folder = NULL, *built = NULL;
  const char *binary = request->binary;
  if (!binary) {
    const char *tmp = getenv("TMPDIR");
    folder = xprintf("%s/tsan-verify.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(folder)) {
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, NULL, 0, "cannot create a private folder in %s: %s",
                  tmp && *tmp ? tmp : "/tmp", strerror(errno));
      free(folder);
      return verdict->outcome;
    }
    if (compile_case(request, folder, &built, verdict, &result->interrupted_by) != 0) {
      remove_tree(folder);
      free(folder);
      free(built);
      return verdict->outcome;
    }
    binary = built;
  }
  result->tsan_options = harness_tsan_options(getenv("TSAN_OPTIONS"), result->spec.tsan_options);
  size_t arg_count = 0;
  while (request->program_args && request->program_args[arg_count])
    arg_count++;
  char **argv = xcalloc(arg_count + 2, sizeof *argv);
  argv[0] = (char *)binary;
  for (size_t i = 0; i < arg_count; i++)
    argv[i + 1] = request->program_args[i];
  char *relative = NULL;
  if (!strchr(binary, '/'))
    argv[0] = relative = xprintf("./%s", binary);
  struct run_request run_request = {argv, result->tsan_options,
                                    request->timeout_seconds > 0 ? request->timeout_seconds : DEFAULT_TIMEOUT_SECONDS,
                                    request->capture_limit ? request->capture_limit : DEFAULT_CAPTURE_LIMIT};
  if (run_program(&run_request, &result->run, &error) != 0) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0, "%s", error);
    free(error);
  } else if (result->run.interrupted_by) {
    result->interrupted_by = result->run.interrupted_by;
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0,
                "interrupted by signal %d; the program's process group was killed", result->interrupted_by);
  } else {
    result->ran = true;
    char *parse_error = NULL;
    if (tsan_parse(result->run.err.data, result->run.err.length, &result->log, &parse_error) != 0 && !parse_error)
      parse_error = xstrdup("unparsable output");
    check_watched(request, result, argv[0], parse_error);
    free(parse_error);
    if (verdict->outcome != OUTCOME_CANNOT_CHECK)
      expect_check(&result->spec, &result->log, &result->toolchain, result->run.out.data, verdict);
  }
  free(relative);
  free(argv);
  if (folder) {
    remove_tree(folder);
    free(folder);
    free(built);
  }
  return verdict->outcome;
}

void case_result_free(struct case_result *result) {
  case_spec_free(&result->spec);
  free(result->tsan_options);
  run_result_free(&result->run);
  tsan_log_free(&result->log);
  verdict_free(&result->verdict);
}

/* What must stay the same from run to run: the outcome, and each report's kind and the marker it hit. */
static char *verdict_fingerprint(const struct case_result *result) {
  struct strbuf out = {0};
  strbuf_printf(&out, "%s", outcome_name(result->verdict.outcome));
  for (size_t r = 0; r < result->log.report_count; r++)
    strbuf_printf(&out, "; %s (marker %d)", result->log.reports[r].kind,
                  result->verdict.report_marker ? result->verdict.report_marker[r] : -1);
  return strbuf_release(&out);
}

enum outcome verify_repeated(const struct verify_request *request, unsigned runs, struct case_result *first,
                             struct repeat_summary *summary) {
  *summary = (struct repeat_summary){0};
  enum outcome outcome = verify_case(request, first);
  summary->runs_done = 1;
  if (outcome == OUTCOME_CANNOT_CHECK || outcome == OUTCOME_SKIPPED)
    return outcome;
  /* Every run is made even after a flip: how often a case flips says more than that it flipped once. */
  char *expected = verdict_fingerprint(first);
  for (unsigned run = 2; run <= runs && !first->interrupted_by; run++) {
    struct case_result again;
    verify_case(request, &again);
    first->interrupted_by = again.interrupted_by;
    summary->runs_done = run;
    char *seen = verdict_fingerprint(&again);
    if (strcmp(seen, expected) != 0 && !again.interrupted_by) {
      if (summary->flips++ == 0) {
        summary->first_flip_run = run;
        summary->first_flip =
            xprintf("run %u of %u differs from run 1: \"%s\" instead of \"%s\"", run, runs, seen, expected);
      }
      outcome = OUTCOME_NOT_MET;
    }
    free(seen);
    case_result_free(&again);
  }
  free(expected);
  return outcome;
}

void repeat_summary_free(struct repeat_summary *summary) {
  free(summary->first_flip);
  *summary = (struct repeat_summary){0};
}
