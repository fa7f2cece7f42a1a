/* verify.c: the glue, and the checks that make a clean verdict from an unwatched program impossible. */
#include "verify.h"
#include "elfinfo.h"
#include "expect.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char default_cflags[] = "-fsanitize=thread -g -pthread";
static const char harness_defaults[] = "atexit_sleep_ms=0:second_deadlock_stack=1";
/* What the checks cannot work without: every report printed, symbolized with full paths, the start/finish proof
 * (verbosity=1), each process's log in its own file, and the list of suppressions that matched. */
static const char harness_forced[] = "report_bugs=1:verbosity=1:log_exe_name=0:print_suppressions=1:symbolize=1:"
                                     "strip_path_prefix=:color=never";

char *harness_tsan_options(const char *user_options, const char *case_options, const char *log_prefix) {
  struct strbuf out = {0};
  strbuf_puts(&out, harness_defaults);
  if (user_options && *user_options)
    strbuf_printf(&out, ":%s", user_options);
  if (case_options && *case_options)
    strbuf_printf(&out, ":%s", case_options);
  strbuf_printf(&out, ":%s:log_path=\"%s\"", harness_forced, log_prefix ? log_prefix : "stderr");
  return strbuf_release(&out);
}

char *tsan_option_string(const char *options, const char *name) {
  char *value = NULL;
  size_t n = strlen(name);
  const char *p = options ? options : "";
  while (*p) {
    p += strspn(p, ": ,\t");
    const char *key = p;
    size_t key_length = strcspn(p, "=: ,\t");
    p += key_length;
    if (*p != '=')
      continue;
    p++;
    char quote = *p == '"' || *p == '\'' ? *p : 0;
    if (quote)
      p++;
    size_t length = quote ? strcspn(p, quote == '"' ? "\"" : "'") : strcspn(p, ": ,\t");
    if (key_length == n && strncmp(key, name, n) == 0) {
      free(value);
      value = xstrndup(p, length);
    }
    p += length;
    if (quote && *p)
      p++;
  }
  return value;
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
  struct run_request request = {.argv = argv, .timeout_seconds = 60, .capture_limit = 1 << 20};
  struct run_result run;
  char *error = NULL;
  *toolchain = (struct toolchain){{0}, 0, OPT_UNKNOWN};
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
  struct run_request run_request = {.argv = argv, .timeout_seconds = 300, .capture_limit = 1 << 20};
  struct run_result run;
  char *error = NULL;
  int status = 0;
  if (run_program(&run_request, &run, &error) != 0) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 1,
                "cannot compile: %s (--cc names the C compiler to build the case with; default: $CC, else clang)",
                error);
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
      if (length)
        verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 1, "compile error (%s): %.*s", compiler,
                    (int)length, run.err.data);
      else
        verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 1,
                    "%s is not a working C compiler: it %s %d and printed no error", compiler,
                    run.end == RUN_EXITED ? "exited with status" : "was killed by signal", run.code);
      status = -1;
    } else if (access(*binary, X_OK) != 0) {
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 1,
                  "%s is not a working C compiler: it succeeded, yet wrote no program to -o %s", compiler, *binary);
      status = -1;
    }
    run_result_free(&run);
  }
  free(dashed);
  free(argv);
  free_words(flags);
  return status;
}

static double run_timeout(const struct verify_request *request) {
  return request->timeout_seconds > 0 ? request->timeout_seconds : DEFAULT_TIMEOUT_SECONDS;
}

static size_t capture_limit(const struct verify_request *request) {
  return request->capture_limit ? request->capture_limit : DEFAULT_CAPTURE_LIMIT;
}

/* A log_path the user set is honoured: each process's log also lands at LOG_PATH.PID, as TSan itself would have
 * written it, so `ctest -T memcheck` finds them; an image whose pid ran another after it (an exec, or a new process
 * given an ended one's pid) at LOG_PATH.PID.N, N counting the images of the pid before it. */
static void copy_logs_to(const char *user_log_path, const struct evidence *evidence) {
  if (!user_log_path || !*user_log_path || strcmp(user_log_path, "stderr") == 0 || strcmp(user_log_path, "stdout") == 0)
    return;
  for (size_t i = 0; i < evidence->count; i++) {
    const struct process_log *entry = &evidence->logs[i];
    if (!entry->present)
      continue;
    unsigned earlier = 0;
    bool later = false;
    for (size_t j = 0; j < evidence->count; j++)
      if (j != i && evidence->logs[j].image->pid == entry->image->pid) {
        earlier += j < i;
        later |= j > i;
      }
    char *target = entry->image->end == IMAGE_EXECED || later
                       ? xprintf("%s.%ld.%u", user_log_path, entry->image->pid, earlier)
                       : xprintf("%s.%ld", user_log_path, entry->image->pid);
    FILE *file = fopen(target, "we");
    if (file) {
      fwrite(entry->text, 1, entry->bytes, file);
      fclose(file);
    }
    free(target);
  }
}

/* Up to `limit` bytes of `text` with control characters and quotes escaped, for a one-line message. */
static char *quoted_excerpt(const char *text, size_t length, size_t limit) {
  struct strbuf out = {0};
  strbuf_append_escaped(&out, text, length < limit ? length : limit, true, false);
  if (length > limit)
    strbuf_puts(&out, "...");
  return strbuf_release(&out);
}

/* expect-output: the text must be in stdout; NUL bytes in stdout do not end the search. When the program printed
 * more than the harness keeps, a text not found may be in what was dropped: cannot check. */
static void check_expected_output(const struct case_spec *spec, const struct captured *out, struct verdict *verdict) {
  for (size_t o = 0; o < spec->output_count; o++) {
    const char *text = spec->outputs[o].text;
    if (memmem(out->data, out->length, text, strlen(text)))
      continue;
    if (out->dropped) {
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, spec->path, spec->outputs[o].line,
                  "expected output \"%s\" is not in the first %zu bytes of stdout, and the program printed %zu more "
                  "that the harness did not keep",
                  text, out->length, out->dropped);
    } else {
      char *seen = quoted_excerpt(out->data, out->length, 300);
      verdict_add(verdict, OUTCOME_NOT_MET, spec->path, spec->outputs[o].line,
                  "expected output \"%s\", not in the program's stdout (%zu bytes): \"%s\"", text, out->length, seen);
      free(seen);
    }
  }
}

/* The classify hook of the process table: is the image TSan's? (__tsan_init: clang links the runtime in, gcc's
 * program imports it from libtsan.so.) An executable that cannot be opened is neither. */
static int image_is_instrumented(const char *exe_path, void *context) {
  (void)context;
  int fd = open(exe_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  close(fd);
  return elf_mentions_symbol(exe_path, "__tsan_init") ? 1 : 0;
}

/* Everything that must hold before the reports can be trusted to be all there is, beyond each process's own log. */
static void check_run(const struct verify_request *request, struct case_result *result) {
  const char *path = request->case_path;
  struct verdict *verdict = &result->verdict;
  const struct run_result *run = &result->run;
  if (run->end == RUN_TIMED_OUT) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                "timed out after %g s; every process the program started was killed", run_timeout(request));
    return;
  }
  struct evidence_rules rules = {0};
  rules.exitcode = tsan_option_value(result->tsan_options, "exitcode", 66);
  /* clang's TSan runtime holds UBSan and parses UBSAN_OPTIONS after TSAN_OPTIONS, so an exitcode there wins; gcc's
   * does not read it. Either status is TSan's. */
  const char *ubsan_options = getenv("UBSAN_OPTIONS");
  rules.ubsan_exitcode = ubsan_options ? tsan_option_value(ubsan_options, "exitcode", -1) : -1;
  rules.halt_on_error = tsan_option_value(result->tsan_options, "halt_on_error", 0) != 0;
  rules.declared_rules = declared_suppression_rules(result->spec.tsan_options);
  rules.tsan_options = result->tsan_options;
  rules.expected_deaths = result->spec.deaths;
  rules.expected_death_count = result->spec.death_count;
  evidence_check(&result->evidence, &rules, path, run->err.data, verdict);
  free_rules(rules.declared_rules);
  if (verdict->outcome == OUTCOME_CANNOT_CHECK)
    return;
  if (run->group_survivors) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                "processes the program started outlived it (killed); their reports cannot be checked");
    return;
  }
  /* A stack without any file:line cannot be matched to a marker: that is the build's fault, not the case's. So is
   * one where only libraries have lines and the program's own frames have none (a stripped binary). */
  for (size_t r = 0; r < result->log.report_count; r++) {
    const struct tsan_report *report = &result->log.reports[r];
    bool located = false, in_case = false, program_unsymbolized = false;
    for (size_t s = 0; s < report->section_count; s++) {
      const struct tsan_section *section = &report->sections[s];
      located |= section_source_frame(section) != NULL;
      in_case |= innermost_case_frame(section, path) != NULL;
      for (size_t f = 0; f < section->frame_count; f++) {
        const struct tsan_frame *frame = &section->frames[f];
        /* "#0 <null> <null> (prog+0x1234)": no symbol at all, in the program rather than a library (TSan's own
         * interceptors in a static runtime have a name and no file: those are fine). */
        bool unnamed = !frame->function || strcmp(frame->function, "<null>") == 0;
        program_unsymbolized |= unnamed && !frame->file && frame->module && !starts_with(frame->module, "lib") &&
                                !starts_with(frame->module, "ld-") && !starts_with(frame->module, "[");
      }
    }
    if ((!located || (!in_case && program_unsymbolized)) && report->section_count > 0) {
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                  "TSan printed no file:line for its %s report (pid %ld): build with -g, and make sure TSan finds "
                  "llvm-symbolizer (PATH, or TSAN_OPTIONS=external_symbolizer_path=...)",
                  report->kind, report->pid);
      return;
    }
  }
  if (result->log.report_count == 0 && run->code != 0)
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
  /* The level the program is (or was) built at: a --binary's is known only from --opt. */
  result->toolchain.opt_level = request->opt_level ? opt_level_parse(request->opt_level)
                                : request->binary  ? OPT_UNKNOWN
                                                   : OPT_O1;
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
  /* A private folder for the build and for every process's TSan log, whoever built the binary. */
  const char *tmp = getenv("TMPDIR");
  char *folder = xprintf("%s/tsan-verify.XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(folder) || strchr(folder, '"')) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, NULL, 0, "cannot create a private folder in %s: %s",
                tmp && *tmp ? tmp : "/tmp", strchr(folder, '"') ? "its name holds a double quote" : strerror(errno));
    free(folder);
    return verdict->outcome;
  }
  char *built = NULL;
  const char *binary = request->binary;
  if (!binary) {
    if (compile_case(request, folder, &built, verdict, &result->interrupted_by) != 0) {
      remove_tree(folder);
      free(folder);
      free(built);
      return verdict->outcome;
    }
    binary = built;
  }
  char *log_prefix = xprintf("%s/tsan", folder);
  const char *user_options = getenv("TSAN_OPTIONS");
  result->tsan_options = harness_tsan_options(user_options, result->spec.tsan_options, log_prefix);
  size_t argument_count = 0;
  while (request->program_args && request->program_args[argument_count])
    argument_count++;
  char **argv = xcalloc(argument_count + 2, sizeof *argv);
  char *relative = NULL;
  argv[0] = strchr(binary, '/') ? (char *)binary : (relative = xprintf("./%s", binary));
  for (size_t i = 0; i < argument_count; i++)
    argv[i + 1] = request->program_args[i];
  struct run_request run_request = {.argv = argv,
                                    .tsan_options = result->tsan_options,
                                    .timeout_seconds = run_timeout(request),
                                    .capture_limit = capture_limit(request),
                                    .trace = true,
                                    .log_prefix = log_prefix,
                                    .classify = image_is_instrumented};
  if (run_program(&run_request, &result->run, &error) != 0) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0, "%s", error);
    free(error);
  } else if (result->run.interrupted_by) {
    result->interrupted_by = result->run.interrupted_by;
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0,
                "interrupted by signal %d; every process the program started was killed", result->interrupted_by);
  } else {
    result->ran = true;
    evidence_collect(&result->run.processes, 4 * capture_limit(request), &result->evidence);
    result->evidence.binary_sets_options = elf_defines_symbol(argv[0], "__tsan_default_options");
    result->evidence.binary_sets_suppressions = elf_defines_symbol(argv[0], "__tsan_default_suppressions");
    evidence_merge(&result->evidence, &result->log);
    char *user_log_path = tsan_option_string(user_options, "log_path");
    copy_logs_to(user_log_path, &result->evidence);
    free(user_log_path);
    check_run(request, result);
    if (verdict->outcome != OUTCOME_CANNOT_CHECK) {
      expect_check(&result->spec, &result->log, &result->toolchain, NULL, verdict);
      check_expected_output(&result->spec, &result->run.out, verdict);
    }
  }
  free(argv);
  free(relative);
  free(log_prefix);
  remove_tree(folder);
  free(folder);
  free(built);
  return verdict->outcome;
}

void case_result_free(struct case_result *result) {
  case_spec_free(&result->spec);
  evidence_free(&result->evidence);
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
        summary->first_flip_result = xmalloc(sizeof again);
        *summary->first_flip_result = again; /* kept whole; freed by repeat_summary_free */
        again = (struct case_result){0};
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
  if (summary->first_flip_result) {
    case_result_free(summary->first_flip_result);
    free(summary->first_flip_result);
  }
  *summary = (struct repeat_summary){0};
}
