/* verify.c: the glue, and the checks that make a clean verdict from an unwatched program impossible. */
#include "check/verify.h"
#include "base/private_folder.h"
#include "base/readfile.h"
#include "base/signals.h"
#include "base/util.h"
#include "binary/dwarfinfo.h"
#include "binary/dwarflines.h"
#include "binary/elfinfo.h"
#include "binary/sourceid.h"
#include "binary/staleness.h"
#include "check/background_proof.h"
#include "check/case_flags.h"
#include "check/compiler_reading.h"
#include "check/openmp.h"
#include "check/reading_record.h"
#include "process/runtime_variables.h"
#include "proof/hiding.h"
#include "proof/instrumentation.h"
#include "proof/libtool_wrapper.h"
#include "proof/program_sources.h"
#include "runner/runtime_options.h"
#include "runner/suppressed.h"
#include "source/cflags.h"
#include "source/expect.h"
#include "source/linemap.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Asks the compiler which it is: `cc -dM -E -x LANGUAGE /dev/null` lists __clang_major__ or __GNUC__. */
static int query_compiler_as(const char *compiler, const char *language, struct toolchain *toolchain) {
  char *argv[] = {(char *)compiler, "-dM", "-E", "-x", (char *)language, "/dev/null", NULL};
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

static int query_compiler(const char *compiler, struct toolchain *toolchain) {
  return query_compiler_as(compiler, "c", toolchain);
}

/* The suffix of a C++ source as the gcc and clang drivers read it (gcc's manual, "Options Controlling the Kind of
 * Output": .cc .cp .cxx .cpp .CPP .c++ .C), which is how they pick the language; NULL for any other file. */
static const char *cplusplus_suffix(const char *path) {
  static const char *const suffixes[] = {".cc", ".cp", ".cxx", ".cpp", ".CPP", ".c++", ".C", NULL};
  const char *base = strrchr(path, '/');
  const char *dot = strrchr(base ? base + 1 : path, '.');
  for (size_t i = 0; dot && suffixes[i]; i++)
    if (strcmp(dot, suffixes[i]) == 0)
      return dot;
  return NULL;
}

/* The C++ driver's name beside a C compiler's: clang-19 -> clang++-19, /usr/bin/gcc-12 -> /usr/bin/g++-12,
 * x86_64-linux-gnu-gcc -> x86_64-linux-gnu-g++; a name that already says C++ (clang++, g++) is kept. NULL when the
 * name says neither clang nor gcc. */
static char *cplusplus_driver_name(const char *compiler) {
  const char *slash = strrchr(compiler, '/');
  const char *base = slash ? slash + 1 : compiler;
  if (strstr(base, "++"))
    return xstrdup(compiler);
  const char *clang = strstr(base, "clang");
  if (clang)
    return xprintf("%.*s++%s", (int)(clang + strlen("clang") - compiler), compiler, clang + strlen("clang"));
  const char *gcc = NULL;
  for (const char *at = strstr(base, "gcc"); at; at = strstr(at + 1, "gcc"))
    gcc = at;
  if (gcc)
    return xprintf("%.*sg++%s", (int)(gcc - compiler), compiler, gcc + strlen("gcc"));
  return NULL;
}

/* The C++ driver of the toolchain the harness was told to use, checked to be that toolchain: the driver's own
 * predefined macros (as C++) must name the family and major version the C compiler's name (as C). Returns the driver,
 * or NULL after adding the verdict. */
static char *cplusplus_driver(const struct verify_request *request, struct verdict *verdict) {
  const char *compiler = case_compiler(request);
  char *driver = cplusplus_driver_name(compiler);
  if (!driver) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0,
                "a C++ case, and the C++ driver of the compiler %s cannot be told from its name (neither clang nor "
                "gcc): pass --cc with the C++ compiler (clang++, g++)",
                compiler);
    return NULL;
  }
  struct toolchain c_side, cplusplus_side;
  if (query_compiler_as(driver, "c++", &cplusplus_side) != 0) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0,
                "a C++ case, and %s, the C++ driver of the compiler %s, does not run or does not compile C++ (install "
                "it, or pass --cc with the C++ compiler)",
                driver, compiler);
    free(driver);
    return NULL;
  }
  if (strcmp(driver, compiler) != 0 &&
      (query_compiler(compiler, &c_side) != 0 || strcmp(c_side.family, cplusplus_side.family) != 0 ||
       c_side.major != cplusplus_side.major)) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0,
                "a C++ case, and %s is %s-%d while the compiler %s is %s-%d: not the same toolchain (pass --cc with "
                "the C++ compiler)",
                driver, cplusplus_side.family, cplusplus_side.major, compiler,
                c_side.family[0] ? c_side.family : "unknown", c_side.major);
    free(driver);
    return NULL;
  }
  return driver;
}

/* The line of the compiler's output that says why it failed: its first error ("file:line:col: error: ...", "fatal
 * error: ...", the driver's "clang: error: ..."), not a warning or note before it; when that error is only the
 * driver's word that the link failed ("collect2: error: ld returned 1", "clang: error: linker command failed"), the
 * linker's own last line before it ("undefined reference to `foo'"). Else the first line. */
static void compile_failure_line(const char *text, const char **line, size_t *length) {
  const char *previous = NULL;
  *line = text;
  *length = strcspn(text, "\n");
  for (const char *p = text; *p;) {
    size_t n = strcspn(p, "\n");
    char *copy = xstrndup(p, n);
    bool error = strstr(copy, ": error: ") || strstr(copy, ": fatal error: ") || starts_with(copy, "error: ") ||
                 starts_with(copy, "fatal error: ");
    bool link_summary = error && (strstr(copy, "ld returned") || strstr(copy, "linker command failed"));
    free(copy);
    if (error) {
      if (link_summary && previous) {
        /* The linker's lines end at the summary; its first says what failed ("undefined reference to ..."). */
        *line = previous;
        *length = strcspn(previous, "\n");
      } else {
        *line = p;
        *length = n;
      }
      return;
    }
    if (n)
      previous = p;
    p += n + (p[n] == '\n');
  }
}

/* The compiler's whole output after a failed build, one note a line and at most COMPILE_OUTPUT_LINES of them: the
 * error's context (the template instantiation, the `note:` lines, every undefined symbol of a link) is in the lines
 * around the one the verdict quotes. Each line is escaped when printed, so none can pose as a verdict. */
enum { COMPILE_OUTPUT_LINES = 40 };
static void quote_compiler_output(const struct captured *err, const char *compiler, const char *case_path,
                                  struct verdict *verdict) {
  const char *cursor = err->data, *end = err->data + err->length, *line;
  size_t line_length, shown = 0, total = 0;
  while (next_line(&cursor, end, &line, &line_length)) {
    total++;
    if (shown < COMPILE_OUTPUT_LINES) {
      verdict_add(verdict, OUTCOME_MET, case_path, 0, "note: %s: %.*s", compiler, (int)line_length, line);
      shown++;
    }
  }
  if (total > shown)
    verdict_add(verdict, OUTCOME_MET, case_path, 0,
                "note: %s printed %zu more line%s (tsan-verify quotes the first %d)", compiler, total - shown,
                total - shown == 1 ? "" : "s", COMPILE_OUTPUT_LINES);
  if (err->dropped)
    verdict_add(verdict, OUTCOME_MET, case_path, 0, "note: and %zu bytes more that the harness did not keep",
                err->dropped);
}

/* The binary's own map of the case's lines (its DWARF line table): every line it puts code on must hold code in the
 * file. A binary without DWARF, or without a line of the case, is left to the checks that name that cause; so is one
 * built from another version of the case (staleness.c names it: its MD5 or its times), the likelier cause. */
static int check_binary_lines(const char *case_path, const struct case_spec *spec, const char *binary,
                              struct case_result *result) {
  size_t *lines = NULL, count = 0;
  char *error = NULL;
  int status = 0;
  if (dwarf_source_lines(binary, case_path, &lines, &count, &error) != 0) {
    free(error);
  } else if (linemap_check_dwarf(spec, binary, lines, count, &error) != 0) {
    struct source_identity identity;
    char *stale = NULL, *unused = NULL;
    if (source_identity_init(&identity, case_path, &unused) == 0) {
      if (binary_built_from_case(binary, &identity.case_file, &stale) != 0 && stale)
        verdict_add(&result->verdict, OUTCOME_CANNOT_CHECK, case_path, 0, "%s", stale);
      source_identity_free(&identity);
    }
    if (!stale)
      verdict_add(&result->verdict, OUTCOME_CANNOT_CHECK, NULL, 0, "%s", error);
    free(stale);
    free(unused);
    free(error);
    status = -1;
  }
  free(lines);
  return status;
}

/* Compiles the case into `folder`, with the compiler working there too: what it writes beside its working directory
 * goes with the folder. On failure the compiler's error line becomes the diagnostic. */
static int compile_case(const struct verify_request *request, const char *folder, const struct case_spec *spec,
                        char **binary, struct verdict *verdict, int *interrupted_by) {
  const char *link_libraries = spec->link_libraries;
  const char *compiler = case_compiler(request);
  char *here = getcwd(NULL, 0);
  if (!here) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 1,
                "cannot compile: the current folder cannot be named (%s), and the case's path is relative to it",
                strerror(errno));
    return -1;
  }
  char **flags = case_known_flag_words(request, spec, here);
  size_t n = 0;
  while (flags[n])
    n++;
  /* The libraries the case's `link-libraries` marker names, as -lNAME after the case (the markers' reader let only
   * names through, no flag, no path). */
  char *names = xstrdup(link_libraries ? link_libraries : "");
  size_t library_count = 0;
  for (const char *p = names; *p; p++)
    library_count += *p == ' ';
  library_count += *names != '\0';
  char **link_options = cflags_words_with(spec->link_options ? spec->link_options : "", NULL, here);
  size_t link_option_count = 0;
  while (link_options[link_option_count])
    link_option_count++;
  char **argv = xcalloc(n + library_count + link_option_count + 8, sizeof *argv);
  char **library_flags = xcalloc(library_count + 1, sizeof *library_flags);
  size_t a = 0;
  argv[a++] = (char *)compiler;
  /* The compiler records the flags it was given in each unit's DW_AT_producer (gcc does by default), and the proof
   * reads from that record what turned TSan's instrumentation off (an ignorelist among them), in the compiler's own
   * order of the words; before the user's flags, so that -gno-record-gcc-switches there still wins. */
  argv[a++] = "-grecord-gcc-switches";
  for (size_t i = 0; i < n; i++)
    argv[a++] = flags[i];
  argv[a++] = (char *)(request->opt_level ? request->opt_level : "-O1");
  /* Absolute, so that it is the same file from the folder the compiler works in (and never taken for an option). */
  char *case_path = absolute_path(request->case_path, here);
  argv[a++] = case_path;
  char *saved = NULL;
  size_t made = 0;
  for (char *name = strtok_r(names, " ", &saved); name; name = strtok_r(NULL, " ", &saved))
    argv[a++] = library_flags[made++] = xprintf("-l%s", name);
  /* The case's `link-options` (the markers' reader let only the known ones through), after the libraries. */
  for (size_t i = 0; i < link_option_count; i++)
    argv[a++] = link_options[i];
  argv[a++] = "-o";
  *binary = xprintf("%s/case", folder);
  argv[a++] = *binary;
  /* The compiler's own temporary files (clang's object before the link) go into the private folder too, so that they
   * go with it when a signal ends the run mid-compile. */
  char *compiler_tmpdir = xprintf("TMPDIR=%s", folder);
  char *const compiler_environment[] = {compiler_tmpdir, NULL};
  struct run_request run_request = {.argv = argv,
                                    .timeout_seconds = 300,
                                    .capture_limit = 1 << 20,
                                    .working_directory = folder,
                                    .environment = compiler_environment};
  struct run_result run;
  char *error = NULL;
  int status = 0;
  int started = run_program(&run_request, &run, &error);
  free(compiler_tmpdir);
  if (started != 0) {
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
      const char *line;
      size_t length;
      compile_failure_line(run.err.data, &line, &length);
      if (length) {
        /* The compiler names the case as it was given it (the absolute path): "PATH:LINE:COLUMN: error: ...". */
        size_t at = 1, path_length = strlen(case_path);
        if (length > path_length + 1 && strncmp(line, case_path, path_length) == 0 && line[path_length] == ':') {
          char *end = NULL;
          unsigned long number = strtoul(line + path_length + 1, &end, 10);
          if (end && *end == ':' && number > 0)
            at = (size_t)number;
        }
        verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, at, "compile error (%s): %.*s", compiler,
                    (int)length, line);
        quote_compiler_output(&run.err, compiler, request->case_path, verdict);
      } else
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
  free(case_path);
  free(here);
  free(argv);
  free_words(flags);
  free(names);
  free_words(library_flags);
  free_words(link_options);
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
int image_is_instrumented(const char *exe_path, void *context) {
  (void)context;
  int fd = open(exe_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  close(fd);
  return elf_mentions_symbol(exe_path, "__tsan_init") ? 1 : 0;
}

void check_watched(const struct run_result *run, double timeout_seconds, const struct runtime_options *options,
                   const struct case_spec *spec, const char *path, struct evidence *evidence, struct verdict *verdict) {
  if (run->end == RUN_TIMED_OUT) {
    /* A runtime that failed (a CHECK, an allocation it refused, ...) and then hung, in a death callback or on a lock
     * its failing thread held: the failure is the cause, the timeout only its consequence. */
    const struct process_log *failed = NULL;
    for (size_t i = 0; i < evidence->count && !failed; i++)
      if (evidence->logs[i].log.fatal)
        failed = &evidence->logs[i];
    if (failed)
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                  "the TSan runtime failed in pid %ld (\"%s\") and the program then hung: timed out after %g s; every "
                  "process the program started was killed",
                  failed->image->pid, failed->log.fatal, timeout_seconds);
    else
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                  "timed out after %g s; every process the program started was killed", timeout_seconds);
    return;
  }
  /* The exitcode is pinned in both TSAN_OPTIONS and UBSAN_OPTIONS: one status is TSan's. */
  struct evidence_rules rules = {.exitcode = options->exitcode,
                                 .ubsan_exitcode = -1,
                                 .halt_on_error = options->halt_on_error,
                                 .tsan_options = options->tsan_options,
                                 .ubsan_options = options->ubsan_options};
  rules.declared_rules = declared_suppression_rules(spec ? spec->tsan_options : NULL);
  rules.expected_deaths = spec ? spec->deaths : NULL;
  rules.expected_death_count = spec ? spec->death_count : 0;
  for (size_t i = 0; spec && i < spec->hiding_count; i++)
    if (spec->hidings[i].kind == HIDES_MULTITHREADED_FORK)
      rules.multithreaded_fork = &spec->hidings[i];
  char *source = NULL;
  if (*options->suppressions)
    source = xprintf(options->suppressions_declared ? "the suppressions file %s of the case's tsan-options"
                                                    : "the suppressions file %s of the user's TSAN_OPTIONS",
                     options->suppressions);
  else if (evidence->binary_sets_suppressions)
    source = xstrdup("__tsan_default_suppressions compiled into the program");
  rules.suppressions_source = source;
  evidence_check(evidence, &rules, path, run->err.data, verdict);
  free_rules(rules.declared_rules);
  free(source);
  if (verdict->outcome == OUTCOME_CANNOT_CHECK)
    return;
  if (run->group_survivors)
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                "processes the program started outlived it (killed); their reports cannot be checked");
}

/* The end of the program's stderr, as one escaped line: what a program that fails on its own says about why. */
static char *stderr_ending(const struct captured *err) {
  /* The runtime's own lines ("==PID==Installed the sigaction for signal 11" at verbosity=1, before its log is open)
   * say nothing of the program's failure. */
  struct strbuf own = {0};
  const char *cursor = err->data, *end = err->data + err->length, *line;
  size_t line_length;
  while (next_line(&cursor, end, &line, &line_length)) {
    size_t digits = line_length > 2 && line[0] == '=' && line[1] == '=' ? strspn(line + 2, "0123456789") : 0;
    if (digits && line_length > digits + 3 && line[2 + digits] == '=' && line[3 + digits] == '=')
      continue;
    strbuf_printf(&own, "%.*s\n", (int)line_length, line);
  }
  size_t length = own.length;
  while (length && (own.data[length - 1] == '\n' || own.data[length - 1] == '\r'))
    length--;
  enum { KEPT = 300 };
  size_t from = length > KEPT ? length - KEPT : 0;
  struct strbuf out = {0};
  strbuf_puts(&out, from ? "..." : "");
  if (length)
    strbuf_append_escaped(&out, own.data + from, length - from, true, false);
  strbuf_free(&own);
  return strbuf_release(&out);
}

/* A note with the program's stderr when it failed on its own (killed by a signal, or an exit status it was not
 * expected to give): the cause is in what it said, not in TSan's log. */
static void note_failure_output(const struct verify_request *request, struct case_result *result) {
  const struct run_result *run = &result->run;
  char *ending = stderr_ending(&run->err);
  if (!*ending) {
    free(ending);
    return;
  }
  verdict_add(&result->verdict, OUTCOME_MET, request->case_path, 0, "note: the program's stderr ends: \"%s\"%s", ending,
              request->binary ? ""
                              : " (the harness built it in a private folder and runs it from there: files beside "
                                "the case are not beside the program)");
  free(ending);
}

/* The program's own exit status, when TSan reported nothing: 0, or what `// expect-exit: N` says. When TSan
 * reported, its runtime replaced the status with its exitcode (tsan_rtl.cpp, Finalize), and the program's own is
 * lost. */
static void check_exit_status(const struct verify_request *request, struct case_result *result) {
  const struct case_spec *spec = &result->spec;
  const struct run_result *run = &result->run;
  struct verdict *verdict = &result->verdict;
  const char *path = request->case_path;
  if (result->log.report_count > 0) {
    if (spec->expects_exit)
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, spec->expected_exit_line,
                  "expect-exit: %d cannot be checked: TSan reported, and its runtime replaced the program's exit "
                  "status with its exitcode (%d)",
                  spec->expected_exit, run->code);
    return;
  }
  int expected = spec->expects_exit ? spec->expected_exit : 0;
  if (run->end != RUN_EXITED || run->code == expected)
    return;
  if (spec->expects_exit)
    verdict_add(verdict, OUTCOME_NOT_MET, path, spec->expected_exit_line,
                "expected exit status %d, the program exited with %d (TSan reported nothing)", expected, run->code);
  else
    verdict_add(verdict, OUTCOME_NOT_MET, path, 0,
                "the program exited with status %d, and TSan reported nothing: a failure of its own (when that "
                "status is intended, the case says so with `// expect-exit: %d`)",
                run->code, run->code);
  note_failure_output(request, result);
}

/* Why `report` cannot be placed against the markers, or NULL when it can: the true cause, from the DWARF of the
 * executables the run ran. A frame of an executable without a symbol ("#0 <null> <null> (prog+0x1234)") is built
 * without -g (the whole executable, or the code at that address), or its lines were there and the symbolizer could
 * not read them; a report with no file:line in any frame, while no executable frame lacks one, lies in libraries
 * (named as TSan names them) that carry no debug information TSan could read. A report placed by other frames (the C
 * library's) but in none of the case's gets *note naming those libraries: the report can be judged, and that is
 * where it is. */
static char *unlocated_report_cause(const struct tsan_report *report, const char *binary,
                                    struct source_identity *identity, char **note) {
  bool located = false, in_case = false;
  const struct tsan_frame *unsymbolized = NULL;
  enum frame_debug_info unsymbolized_info = FRAME_NOT_IN_AN_EXECUTABLE;
  struct strbuf libraries = {0};
  for (size_t s = 0; s < report->section_count; s++) {
    const struct tsan_section *section = &report->sections[s];
    located |= section_source_frame(section) != NULL;
    in_case |= innermost_case_frame_identified(section, identity) != NULL;
    for (size_t f = 0; f < section->frame_count; f++) {
      const struct tsan_frame *frame = &section->frames[f];
      if (frame->file || !frame->module)
        continue;
      enum frame_debug_info info = source_identity_debug_info(identity, frame);
      /* TSan's own interceptors in a static runtime have a name and no file: those are fine. */
      bool unnamed = !frame->function || strcmp(frame->function, "<null>") == 0;
      if (info != FRAME_NOT_IN_AN_EXECUTABLE && unnamed && !unsymbolized) {
        unsymbolized = frame;
        unsymbolized_info = info;
      }
      if (info == FRAME_NOT_IN_AN_EXECUTABLE) {
        const char *plus = strstr(frame->module, "+0x");
        size_t length = plus ? (size_t)(plus - frame->module) : strlen(frame->module);
        char *name = xstrndup(frame->module, length);
        if (!libraries.data || !strstr(libraries.data, name))
          strbuf_printf(&libraries, "%s%s", libraries.length ? ", " : "", name);
        free(name);
      }
    }
  }
  char *cause = NULL;
  bool program_has_lines = false;
  if (!in_case && libraries.length) {
    struct dwarf_info dwarf;
    char *error = NULL;
    program_has_lines = binary && dwarf_info_open(binary, &dwarf, &error) == 0;
    if (program_has_lines)
      dwarf_info_close(&dwarf);
    free(error);
  }
  const char *symbolizer = "make sure TSan finds llvm-symbolizer (PATH, or TSAN_OPTIONS=external_symbolizer_path=...)";
  if (report->section_count == 0 || (located && (in_case || !unsymbolized))) {
    if (report->section_count && !in_case && program_has_lines)
      *note = xprintf("note: TSan's %s report (pid %ld) lies outside the case's code, in %s, for which TSan found no "
                      "file:line (built without -g, or stripped)",
                      report->kind, report->pid, libraries.data);
  } else if (unsymbolized && unsymbolized_info == FRAME_MODULE_WITHOUT_DWARF) {
    cause = xprintf("TSan printed no file:line for its %s report (pid %ld): %s has no debug information: build it "
                    "with -g, and %s",
                    report->kind, report->pid, unsymbolized->module, symbolizer);
  } else if (unsymbolized && unsymbolized_info == FRAME_ADDRESS_WITHOUT_UNIT) {
    cause = xprintf("TSan printed no file:line for its %s report (pid %ld): frame #%d (%s) lies in code that no "
                    "compile unit of the executable's DWARF holds (a file built without -g, or assembly)",
                    report->kind, report->pid, unsymbolized->index, unsymbolized->module);
  } else if (unsymbolized) {
    cause = xprintf("TSan printed no file:line for its %s report (pid %ld), though the executable's DWARF has lines "
                    "for frame #%d (%s): its symbolizer could not read them; %s",
                    report->kind, report->pid, unsymbolized->index, unsymbolized->module, symbolizer);
  } else {
    if (program_has_lines)
      cause = xprintf("TSan's %s report (pid %ld) lies entirely in %s, outside the case's code (which has debug "
                      "information): TSan found no file:line for %s (built without -g, or stripped), so the report "
                      "cannot be placed against the markers",
                      report->kind, report->pid, libraries.data, strchr(libraries.data, ',') ? "them" : "it");
    else
      cause = xprintf("TSan printed no file:line for its %s report (pid %ld): build with -g, and %s", report->kind,
                      report->pid, symbolizer);
  }
  strbuf_free(&libraries);
  return cause;
}

/* Everything that must hold before the reports can be trusted to be all there is, beyond each process's own log. */
static void check_run(const struct verify_request *request, const char *binary, const struct runtime_options *options,
                      struct case_result *result, struct source_identity *identity) {
  const char *path = request->case_path;
  struct verdict *verdict = &result->verdict;
  const struct run_result *run = &result->run;
  check_watched(run, run_timeout(request), options, &result->spec, path, &result->evidence, verdict);
  if (verdict->outcome == OUTCOME_CANNOT_CHECK) {
    /* Killed by a signal with its runtime running (the runtime's own failures are quoted from its log, or from
     * stderr when it had none): the program's last words say why. */
    const struct process_log *root = NULL; /* the root pid's last image: the one whose end is the run's */
    for (size_t i = 0; i < result->evidence.count; i++)
      if (result->evidence.logs[i].image->pid == result->evidence.logs[0].image->pid)
        root = &result->evidence.logs[i];
    if (run->end == RUN_SIGNALED && root && root->present && !root->log.fatal)
      note_failure_output(request, result);
    return;
  }
  /* A stack without any file:line cannot be matched to a marker; nor can one where only libraries have lines and
   * the program's own frames have none. Which it is, and why, is read from the executables' DWARF. */
  for (size_t r = 0; r < result->log.report_count; r++) {
    char *note = NULL;
    char *cause = unlocated_report_cause(&result->log.reports[r], binary, identity, &note);
    if (note) {
      verdict_add(verdict, OUTCOME_MET, path, 0, "%s", note);
      free(note);
    }
    if (cause) {
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0, "%s", cause);
      free(cause);
      return;
    }
  }
  check_exit_status(request, result);
}

/* TSan watched the processes; did it watch the code under test? The case's file and every --instrumented file must
 * show TSan's instrumentation in the binary, and whatever hides reports must be declared (hiding.h). */
/* Every --instrumented file, then every marker file not among them, NULL-terminated: the files under test besides
 * the case. */
static const char **other_files_under_test(const struct verify_request *request, const struct case_spec *spec) {
  size_t extra = 0;
  while (request->instrumented_files && request->instrumented_files[extra])
    extra++;
  const char **files = xcalloc(extra + spec->marker_file_count + 1, sizeof *files);
  size_t count = 0;
  for (size_t i = 0; i < extra; i++)
    files[count++] = request->instrumented_files[i];
  for (size_t m = 0; m < spec->marker_file_count; m++) {
    bool given = false;
    for (size_t i = 0; i < extra; i++)
      given |= same_source_file(request->instrumented_files[i], spec->marker_files[m]);
    if (!given)
      files[count++] = spec->marker_files[m];
  }
  return files;
}

/* The case's file, every --instrumented file and every marker file, NULL-terminated: the files under test. */
static const char **files_under_test(const struct verify_request *request, const struct case_spec *spec) {
  const char **others = other_files_under_test(request, spec);
  size_t count = 0;
  while (others[count])
    count++;
  const char **files = xcalloc(count + 2, sizeof *files);
  files[0] = request->case_path;
  memcpy(files + 1, others, count * sizeof *files);
  free(others);
  return files;
}

/* `facts` as instrumentation_read gave them, or NULL with `error` saying why they could not be read. */
static void check_instrumentation(const struct verify_request *request, const char *binary,
                                  const struct instrumentation *facts, const char *error, struct case_result *result) {
  if (!facts)
    verdict_add(&result->verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0,
                "cannot show that TSan instrumented the code under test: %s", error);
  else
    hiding_check(&result->spec, binary, facts, &result->verdict);
}

/* The toolchain the qualified markers are read for. What built the program is read from the program (its .comment)
 * or asked of the compiler; a --toolchain that names another family or major than that reading is a stale claim (a
 * Makefile that pins clang-14 while CC moved to clang-19), which would apply the wrong markers: cannot check. */
static bool spec_needs_toolchain(const struct case_spec *spec) {
  if (spec->requires)
    return true;
  for (size_t i = 0; i < spec->marker_count; i++)
    if (spec->markers[i].selector)
      return true;
  for (size_t i = 0; i < spec->suppressed_count; i++)
    if (spec->suppressed[i].selector)
      return true;
  return false;
}

/* The toolchain that compiled the case's own compile unit, as that unit's DW_AT_producer names it: the compiler's word
 * about this very code. The .comment section is every object's, the C runtime's start files (gcc's) among them, and
 * `-fno-ident` leaves clang's own line out of it (and its producer empty). 0 when the case's unit names its toolchain,
 * 1 when the case has a unit whose producer names none the harness knows, -1 when no unit of `binary` is the case's. */
static int case_unit_toolchain(const char *binary, const char *case_path, struct toolchain *toolchain) {
  struct dwarf_info info;
  char *error = NULL;
  if (dwarf_info_open(binary, &info, &error) != 0) {
    free(error);
    return -1;
  }
  int status = -1;
  for (size_t u = 0; u < info.unit_count && status != 0; u++) {
    const struct dwarf_unit *unit = &info.units[u];
    char *path = dwarf_file_path(unit->name, unit->comp_dir);
    if (same_source_file(path, case_path))
      status = toolchain_from_producer(unit->producer, toolchain) == 0 ? 0 : 1;
    free(path);
  }
  dwarf_info_close(&info);
  return status;
}

/* What built `binary`: its case unit's producer; its .comment only when the binary has no unit of the case (a unit
 * whose producer says nothing leaves the toolchain unknown: the .comment would name the start files' compiler). */
static int program_toolchain(const char *binary, const char *case_path, struct toolchain *toolchain) {
  int unit = case_unit_toolchain(binary, case_path, toolchain);
  if (unit >= 0) {
    if (unit == 1)
      *toolchain = (struct toolchain){{0}, 0, OPT_UNKNOWN};
    return unit == 0 ? 0 : -1;
  }
  return elf_toolchain(binary, toolchain);
}

/* The harness built the case with a compiler that said which it is (-dM -E): the program's own record of its case unit
 * must say the same, or the markers qualified for one toolchain are applied to another (a --cc wrapper can answer the
 * question with one compiler and build with another). 0, or -1 after adding the verdict. */
static int check_built_toolchain(const struct verify_request *request, const char *binary, struct case_result *result) {
  struct toolchain built;
  const struct toolchain *said = &result->toolchain;
  int unit = said->family[0] ? case_unit_toolchain(binary, request->case_path, &built) : -1;
  if (unit < 0)
    return 0;
  if (unit == 1) {
    /* It said which it is; the program says nothing (an empty producer, -fno-ident): the answer stands unconfirmed
     * only where no marker depends on it. */
    if (!spec_needs_toolchain(&result->spec))
      return 0;
    verdict_add(&result->verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0,
                "the program %s built records no toolchain for the case (an empty DW_AT_producer: -fno-ident?), and "
                "the case has toolchain-qualified markers: which toolchain built it cannot be confirmed",
                case_compiler(request));
    return -1;
  }
  if (strcmp(built.family, said->family) == 0 && (!said->major || built.major == said->major))
    return 0;
  verdict_add(&result->verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0,
              "%s says it is %s %d, yet the program it built records %s %d for the case (its DW_AT_producer): the "
              "markers qualified for one toolchain would be applied to the other",
              case_compiler(request), said->family, said->major, built.family, built.major);
  return -1;
}

static int resolve_toolchain(const struct verify_request *request, const char *binary, struct case_result *result) {
  struct toolchain measured = {.opt_level = OPT_UNKNOWN};
  int read = binary ? program_toolchain(binary, request->case_path, &measured)
                    : query_compiler(case_compiler(request), &measured);
  if (!request->toolchain) {
    if (read == 0)
      result->toolchain = measured;
    return 0;
  }
  if (toolchain_parse(request->toolchain, &result->toolchain) != 0) {
    verdict_add(&result->verdict, OUTCOME_CANNOT_CHECK, NULL, 0,
                "unknown toolchain \"%s\" (expected e.g. clang-14 or gcc-12)", request->toolchain);
    return -1;
  }
  const struct toolchain *claimed = &result->toolchain;
  bool contradicts = read == 0 && measured.family[0] &&
                     (strcmp(claimed->family, measured.family) != 0 ||
                      (claimed->major && measured.major && claimed->major != measured.major));
  if (contradicts) {
    verdict_add(&result->verdict, OUTCOME_CANNOT_CHECK, NULL, 0,
                "--toolchain %s contradicts %s, which says %s %d: the markers qualified for one would be applied to "
                "the other (drop --toolchain, or build with the toolchain it names)",
                request->toolchain, binary ? binary : case_compiler(request), measured.family, measured.major);
    return -1;
  }
  return 0;
}

static int read_case_file(const struct verify_request *request, const char *folder, struct case_result *result,
                          struct c_dialect *dialect, char **error);

int verify_write_reading(const struct verify_request *request, const char *record_path, int *interrupted_by,
                         char **error) {
  if (!case_flags_known(request)) {
    *error = xstrdup(
        "with --binary, --write-reading needs the flags the program was built with (--cflags or --cflag, and --cc)");
    return -1;
  }
  struct case_result result = {0};
  if (resolve_toolchain(request, request->binary, &result) != 0) {
    *error =
        xstrdup(result.verdict.diagnostic_count ? result.verdict.diagnostics[0].message : "the toolchain is unknown");
    case_result_free(&result);
    return -1;
  }
  /* The files a check reads the markers of: the case, --markers, --instrumented files that hold markers and, for a
   * built program, every source its DWARF names that holds markers. One that is no marker file costs a reading. */
  char **sources = NULL;
  size_t count = 0, capacity = 0;
  GROW(sources, count, capacity);
  sources[count++] = xstrdup(request->case_path);
  for (size_t i = 0; request->marker_files && request->marker_files[i]; i++) {
    GROW(sources, count, capacity);
    sources[count++] = xstrdup(request->marker_files[i]);
  }
  for (size_t i = 0; request->instrumented_files && request->instrumented_files[i]; i++) {
    char *ignored = NULL;
    if (source_holds_marker(request->instrumented_files[i], &ignored) == 1) {
      GROW(sources, count, capacity);
      sources[count++] = xstrdup(request->instrumented_files[i]);
    }
    free(ignored);
  }
  /* The marker-file search's answers for every file the program's DWARF names are kept too (program_sources.h). */
  struct marked_sources found = {0};
  struct marker_search_answers answers = {0};
  char *ignored = NULL;
  struct dwarf_info info;
  if (request->binary && dwarf_info_open(request->binary, &info, &ignored) == 0) {
    if (marked_sources_find_with(&info, request->binary, NULL, &answers, &found, &ignored) == 0)
      for (size_t i = 0; i < found.count; i++) {
        bool known = false; /* the case, or a file already named */
        for (size_t k = 0; k < count && !known; k++)
          known = same_source_file(found.paths[i], sources[k]);
        if (known)
          continue;
        GROW(sources, count, capacity);
        sources[count++] = xstrdup(found.paths[i]);
      }
    else
      marker_search_answers_free(&answers);
    dwarf_info_close(&info);
  }
  free(ignored);
  marked_sources_free(&found);
  int status = compiler_reading_write(request, result.toolchain.family, sources, count, &answers, record_path,
                                      interrupted_by, error);
  marker_search_answers_free(&answers);
  for (size_t i = 0; i < count; i++)
    free(sources[i]);
  free(sources);
  case_result_free(&result);
  return status;
}

/* The markers of the program: the case's, then each marker file's (--markers, then every --instrumented file that
 * holds a marker: a marker the harness did not read would be a test that silently checks nothing). */
static int read_case(const struct verify_request *request, const char *folder, struct case_result *result,
                     struct c_dialect *dialect, char **error) {
  if (read_case_file(request, folder, result, dialect, error) != 0)
    return -1;
  for (size_t i = 0; request->marker_files && request->marker_files[i]; i++)
    if (case_spec_add_marker_file(&result->spec, request->marker_files[i], dialect, error) != 0)
      return -1;
  for (size_t i = 0; request->instrumented_files && request->instrumented_files[i]; i++) {
    const char *file = request->instrumented_files[i];
    bool given = false; /* also given with --markers, or the case: read once */
    for (size_t m = 0; m < result->spec.marker_file_count; m++)
      given |= same_source_file(file, result->spec.marker_files[m]);
    if (given || same_source_file(file, request->case_path))
      continue;
    int marked = source_holds_marker(file, error);
    if (marked < 0) {
      char *why = *error;
      *error = xprintf("%s:1: cannot read the --instrumented file to look for markers: %s", file, why);
      free(why);
      return -1;
    }
    if (marked && case_spec_add_marker_file(&result->spec, file, dialect, error) != 0)
      return -1;
  }
  return 0;
}

/* Reads the case's own markers. Most files read the same whatever the dialect, and need no question to the compiler;
 * a file whose reading depends on it (trigraphs, digit separators, raw strings) is read again the way the compiler
 * reads it under the case's flags, when they are known. *dialect says what the reading used (the marker files are read
 * under it too). */
static int read_case_file(const struct verify_request *request, const char *folder, struct case_result *result,
                          struct c_dialect *dialect, char **error) {
  *dialect = c_dialect_unknown();
  if (case_spec_read_as(request->case_path, dialect, &result->spec, error) == 0)
    return 0;
  if (!case_flags_known(request))
    return -1;
  char **flags = case_flag_words(request, NULL); /* -fopenmp would change no dialect */
  char *probe_error = NULL;
  int status = -1;
  const char *suffix = cplusplus_suffix(request->case_path);
  if (c_dialect_probe_as(case_compiler(request), flags, folder, suffix ? suffix : ".c", dialect, &probe_error) == 0) {
    free(*error);
    *error = NULL;
    case_spec_free(&result->spec);
    status = case_spec_read_as(request->case_path, dialect, &result->spec, error);
  }
  free(probe_error); /* a compiler that does not work: the first reading's error stands, the compile reports it */
  free_words(flags);
  return status;
}

/* The build (or the binary given) and its line table held against the file: the binary to run (*built when the
 * harness built it), or NULL when the verdict is already given. */
static const char *build_and_map(const struct verify_request *request, const char *folder, struct case_result *result,
                                 const struct c_dialect *dialect, char **built, bool *build_failed) {
  struct verdict *verdict = &result->verdict;
  char *error = NULL;
  const char *binary = request->binary;
  *build_failed = false;
  if (!binary) {
    if (compile_case(request, folder, &result->spec, built, verdict, &result->interrupted_by) != 0) {
      *build_failed = true;
      return NULL;
    }
    binary = *built;
  }
  if (elf_debug_sections_readable(binary, &error) != 0) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0, "%s", error);
    free(error);
    return NULL;
  }
  if (check_binary_lines(request->case_path, &result->spec, binary, result) != 0)
    return NULL;
  /* A marker file's lines are named by its markers as the case's are: the binary's line table must put code only
   * on lines that hold code in the reader's reading of it. */
  for (size_t i = 0; i < result->spec.marker_file_count; i++) {
    struct case_spec file;
    const char *path = result->spec.marker_files[i];
    if (case_spec_read_as(path, dialect, &file, &error) != 0) {
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, NULL, 0, "%s", error); /* it changed since it was read */
      free(error);
      case_spec_free(&file);
      return NULL;
    }
    int lines = check_binary_lines(path, &file, binary, result);
    case_spec_free(&file);
    if (lines != 0)
      return NULL;
  }
  return binary;
}

/* An OpenMP case (uses-openmp) on a toolchain that cannot build one here: its runtime is not installed. Asked only when
 * there is no program yet (the harness builds it, or a --binary that was never built: a build system that could not
 * build it either), of the compiler that would build it: the request's; for a --binary, --cc, else the versioned
 * driver --toolchain names (clang-16, gcc-12: a manifest's runner gives no compiler), and only when that compiler
 * says it is the toolchain the binary is for. True after adding the skip. */
static bool openmp_toolchain_missing(const struct verify_request *request, const char *folder,
                                     struct case_result *result) {
  if (request->binary && access(request->binary, F_OK) == 0)
    return false;
  char *compiler = xstrdup(case_compiler(request));
  if (request->binary) {
    struct toolchain asked;
    if (!request->compiler) {
      free(compiler);
      compiler = xprintf("%s-%d", result->toolchain.family, result->toolchain.major);
    }
    if (!result->toolchain.family[0] || query_compiler(compiler, &asked) != 0 ||
        strcmp(asked.family, result->toolchain.family) != 0 || asked.major != result->toolchain.major) {
      free(compiler);
      return false;
    }
  }
  char *why = NULL;
  int probe = openmp_probe(compiler, folder, &why);
  if (probe == 1) {
    char *package = openmp_package(&result->toolchain);
    verdict_add(&result->verdict, OUTCOME_SKIPPED, request->case_path, result->spec.openmp_line,
                "skipped on %s-%d: the case is an OpenMP program (uses-openmp), and %s cannot build one here (%s): its "
                "OpenMP runtime is not installed (Debian and Ubuntu: %s)",
                result->toolchain.family, result->toolchain.major, compiler, why, package);
    free(package);
  }
  free(why);
  free(compiler);
  return probe == 1;
}

/* The run's environment for an OpenMP case (uses-openmp): the request's entries, then OMP_NUM_THREADS and, with
 * tool=archer, OMP_TOOL_LIBRARIES naming the Archer of the program's own libomp. The runtime is the one the program's
 * loader finds: not installed, the case is skipped; none at all, or Archer asked for and not beside libomp, cannot
 * check. Returns the environment to free (free_words), or NULL after adding the verdict. */
static char **openmp_run_environment(const struct verify_request *request, const char *binary,
                                     struct case_result *result) {
  const struct case_spec *spec = &result->spec;
  struct verdict *verdict = &result->verdict;
  struct openmp_runtime runtime;
  char *error = NULL;
  if (openmp_runtime_of(binary, request->program_environment, &runtime, &error) != 0) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, spec->openmp_line,
                "the case is an OpenMP program (uses-openmp), and which OpenMP runtime it loads cannot be known: %s",
                error);
    free(error);
    return NULL;
  }
  char **environment = NULL;
  char *package = openmp_package(&result->toolchain);
  if (runtime.kind == OPENMP_NONE) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, spec->openmp_line,
                "the case is an OpenMP program (uses-openmp), and %s loads no OpenMP runtime (libomp, libgomp): it was "
                "built without -fopenmp, and its pragmas were never compiled",
                binary);
  } else if (runtime.missing) {
    verdict_add(verdict, OUTCOME_SKIPPED, request->case_path, spec->openmp_line,
                "skipped on %s-%d: the program's OpenMP runtime %s is not installed (its loader finds no file for it; "
                "Debian and Ubuntu: %s)",
                result->toolchain.family, result->toolchain.major, runtime.needed, package);
  } else {
    char *archer = NULL;
    if (spec->openmp_archer && runtime.kind == OPENMP_LIBOMP && !(archer = openmp_archer_beside(runtime.path))) {
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, spec->openmp_line,
                  "uses-openmp asks for tool=archer, and there is no libarcher.so beside the program's libomp (%s): "
                  "LLVM's OpenMP runtime ships it (Debian and Ubuntu: %s)",
                  runtime.path, package);
    } else {
      if (spec->openmp_archer && runtime.kind == OPENMP_LIBGOMP)
        verdict_add(verdict, OUTCOME_MET, request->case_path, spec->openmp_line,
                    "note: tool=archer: the program's OpenMP runtime is GCC's libgomp (%s), which has no tool "
                    "interface (OMPT) to load Archer into; the program ran without a tool",
                    runtime.path);
      size_t count = 0;
      while (request->program_environment && request->program_environment[count])
        count++;
      environment = xcalloc(count + 3, sizeof *environment);
      for (size_t i = 0; i < count; i++)
        environment[i] = xstrdup(request->program_environment[i]);
      environment[count++] = xprintf("OMP_NUM_THREADS=%u", spec->openmp_threads);
      if (archer)
        environment[count++] = xprintf("OMP_TOOL_LIBRARIES=%s", archer);
    }
    free(archer);
  }
  free(package);
  openmp_runtime_free(&runtime);
  return environment;
}

/* Everything up to the run, in the private `folder`: read the markers, build (or take) the binary, and hold the
 * binary's line map against the file. The compiler's reading of the files, when the flags are known, is started and
 * left running beside the build and the run (*reading_started; the caller settles it). Returns the binary to run
 * (*built when the harness built it), or NULL when the verdict is already given (the reading settled). */
static const char *prepare_case(const struct verify_request *request, const char *folder, struct case_result *result,
                                char **built, struct compiler_reading *reading, bool *reading_started) {
  struct verdict *verdict = &result->verdict;
  char *error = NULL;
  struct c_dialect dialect;
  *reading_started = false;
  if (read_case(request, folder, result, &dialect, &error) != 0) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, NULL, 0, "%s", error);
    free(error);
    return NULL;
  }
  if (resolve_toolchain(request, request->binary, result) != 0)
    return NULL;
  /* The level the program is (or was) built at: a --binary's is known only from --opt. */
  result->toolchain.opt_level = request->opt_level ? opt_level_parse(request->opt_level)
                                : request->binary  ? OPT_UNKNOWN
                                                   : OPT_O1;
  if (!result->toolchain.family[0] && spec_needs_toolchain(&result->spec)) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 1,
                "the case has toolchain-qualified markers, and the toolchain is unknown: pass --toolchain");
    return NULL;
  }
  if (result->spec.requires && !selector_matches(result->spec.requires, &result->toolchain)) {
    verdict_add(verdict, OUTCOME_SKIPPED, request->case_path, result->spec.requires_line,
                "skipped on %s-%d: requires %s%s%s", result->toolchain.family, result->toolchain.major,
                result->spec.requires, result->spec.requires_reason ? " -- " : "",
                result->spec.requires_reason ? result->spec.requires_reason : "");
    return NULL;
  }
  if (result->spec.openmp_line && openmp_toolchain_missing(request, folder, result))
    return NULL;
  /* Two readings of each file besides the reader's: the preprocessor's (when the flags are known) and the binary's
   * line table. Markers name the file's own lines; both must map the case, and each marker file, onto exactly those. */
  if (case_flags_known(request)) {
    *reading_started = true;
    if (compiler_reading_start(reading, request, folder, &result->spec, &dialect, result->toolchain.family, verdict) !=
        0) {
      compiler_reading_settle(reading, verdict, &result->interrupted_by);
      *reading_started = false;
      return NULL;
    }
  }
  bool build_failed;
  const char *binary = build_and_map(request, folder, result, &dialect, built, &build_failed);
  if (binary && !request->binary && check_built_toolchain(request, binary, result) != 0)
    binary = NULL;
  if (!binary && *reading_started) {
    /* The harness's build failed: its error is the cause (the reading, with the same compiler and flags, usually
     * fails with it); a failure after the build (the line table) stands with the reading's. */
    if (build_failed)
      compiler_reading_discard(reading, &result->interrupted_by);
    else
      compiler_reading_settle(reading, verdict, &result->interrupted_by);
    *reading_started = false;
  }
  return binary;
}

static const char *elf_type_name(int type) {
  switch (type) {
  case ET_REL: return "object file";
  case ET_DYN: return "shared library";
  case ET_CORE: return "core dump";
  }
  return "file of an unknown type";
}

/* Only a regular file is opened to see what it is: opening a FIFO would wait for a writer that may never come, and
 * a device or a missing file is left to the reader of the case, which says why it cannot be read. */
static bool regular_file(const char *path) {
  struct stat info;
  return stat(path, &info) == 0 && S_ISREG(info.st_mode);
}

/* What a request becomes once the program it names is found: the strings it points to are owned here. */
struct resolution {
  struct verify_request request;
  char *source; /* EXE mode: the first source file that holds markers, the case */
  /* Every other source file of the program that holds markers, NULL-terminated: in EXE mode, and with --binary after
   * the --markers files (program_marker_files). */
  char **marker_files;
  char *program; /* the program behind a libtool wrapper script */
  char *library_path;
  char *environment[2];
};

static void resolution_free(struct resolution *resolution) {
  free(resolution->source);
  for (size_t i = 0; resolution->marker_files && resolution->marker_files[i]; i++)
    free(resolution->marker_files[i]);
  free(resolution->marker_files);
  free(resolution->program);
  free(resolution->library_path);
}

/* A libtool wrapper script given as the program (EXE, or --binary) is replaced by the program it runs, which then
 * runs with the wrapper's LD_LIBRARY_PATH. Returns 0 (nothing to follow, or followed), or -1 after adding the
 * verdict. */
static int follow_libtool_wrapper(struct resolution *resolution, struct case_result *result) {
  const char **slot = resolution->request.binary ? &resolution->request.binary : &resolution->request.case_path;
  const char *wrapper = *slot;
  if (!regular_file(wrapper) || !libtool_wrapper_script(wrapper))
    return 0;
  char *program = NULL, *library_path = NULL, *error = NULL;
  if (libtool_wrapper_program(wrapper, &program, &library_path, &error) != 0) {
    result->spec.path = xstrdup(resolution->request.case_path);
    verdict_add(&result->verdict, OUTCOME_CANNOT_CHECK, wrapper, 0,
                "%s; run the check under libtool instead: libtool --mode=execute tsan-verify [OPTIONS] %s", error,
                wrapper);
    free(error);
    return -1;
  }
  verdict_add(&result->verdict, OUTCOME_MET, wrapper, 0,
              "note: a libtool wrapper script: checked the program it runs, %s%s%s (as libtool --mode=execute runs "
              "it)",
              program, *library_path ? ", with LD_LIBRARY_PATH=" : "", library_path);
  resolution->program = program;
  *slot = program;
  if (*library_path) {
    resolution->library_path = xprintf("LD_LIBRARY_PATH=%s", library_path);
    resolution->environment[0] = resolution->library_path;
    resolution->request.program_environment = resolution->environment;
  }
  free(library_path);
  return 0;
}

/* `tsan-verify EXE`: a case that is an ELF file is the program itself, decided from what the file is (its ELF
 * header), never its name. Its markers are in the source files its DWARF names that hold markers. Returns 0 (a
 * source file, read as one; or a program, then request.binary is it, request.case_path its first marked source and
 * request.marker_files the others), or -1 after adding the verdict. */
static int resolve_program(struct resolution *resolution, struct case_result *result) {
  const struct verify_request *request = &resolution->request;
  struct elf_identity identity;
  if (!regular_file(request->case_path) || elf_identify(request->case_path, &identity) != 0 || !identity.elf)
    return 0;
  struct verdict *verdict = &result->verdict;
  /* The verdict line names what the user gave when no source is found. */
  result->spec.path = xstrdup(request->case_path);
  if (request->binary) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0,
                "--binary %s checks a program against a case's source, and this is an ELF %s, not a source file "
                "(tsan-verify EXE finds the sources itself)",
                request->binary, identity.program ? "program" : elf_type_name(identity.type));
    return -1;
  }
  if (!identity.program) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0,
                "an ELF %s, not a program: tsan-verify runs a program (EXE) or builds a case (CASE.c)",
                elf_type_name(identity.type));
    return -1;
  }
  struct marked_sources sources;
  char *error = NULL;
  if (elf_debug_sections_readable(request->case_path, &error) != 0) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, NULL, 0, "%s", error);
    free(error);
    return -1;
  }
  if (marked_sources_find(request->case_path, &sources, &error) != 0) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0,
                "cannot find the program's markers: %s (tsan-verify EXE reads the markers of the source files its "
                "debug information names: build it with -g)",
                error);
    free(error);
    return -1;
  }
  int status = -1;
  if (sources.count == 0) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0,
                "no markers: none of the %zu source file%s its debug information names (and that exist here) holds "
                "a marker",
                sources.read_count, sources.read_count == 1 ? "" : "s");
  } else if (request->marker_files && request->marker_files[0]) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0,
                "--markers %s: tsan-verify EXE reads the markers of every source file the program's debug information "
                "names, and takes no --markers",
                request->marker_files[0]);
  } else {
    /* The first marked source (in the order the DWARF's compile units name them) is the case; the others are marker
     * files, each under test like it. */
    resolution->request.binary = request->case_path;
    resolution->request.markers_from_every_source = true;
    resolution->source = xstrdup(sources.paths[0]);
    resolution->request.case_path = resolution->source;
    resolution->marker_files = xcalloc(sources.count, sizeof *resolution->marker_files);
    for (size_t i = 1; i < sources.count; i++)
      resolution->marker_files[i - 1] = xstrdup(sources.paths[i]);
    resolution->request.marker_files = resolution->marker_files;
    free(result->spec.path);
    result->spec.path = NULL;
    status = 0;
  }
  marked_sources_free(&sources);
  return status;
}

/* --binary EXE CASE.c: every other source file the program's debug information names that holds markers (a header
 * the case includes, another file of the program) is a marker file, found by the reader tsan-verify EXE uses
 * (program_sources.h), so that a runner's call and EXE mode are one check (principle 14): a program named with
 * --binary leaves none of its markers unread. The --markers files come first; the case, and a file given with
 * --markers, are not read twice. A program that is no readable ELF program with DWARF is left to the checks that
 * name why (a stripped program: its frames without lines). Returns 0, or -1 after adding the verdict. */
static int program_marker_files(struct resolution *resolution, struct case_result *result) {
  const struct verify_request *request = &resolution->request;
  struct elf_identity identity;
  char *error = NULL;
  struct dwarf_info info;
  if (!request->binary || !regular_file(request->binary) || elf_identify(request->binary, &identity) != 0 ||
      !identity.program || elf_debug_sections_readable(request->binary, &error) != 0 ||
      dwarf_info_open(request->binary, &info, &error) != 0) {
    free(error);
    return 0;
  }
  /* The build's record answers for each file whose text is as it was (reading_record.h). */
  struct marker_search_answers known = {0};
  if (request->reading_record_text)
    reading_record_answers(request->reading_record_text, request->reading_record_length, &known);
  struct marked_sources sources;
  int found = marked_sources_find_with(&info, request->binary, &known, NULL, &sources, &error);
  marker_search_answers_free(&known);
  dwarf_info_close(&info);
  if (found != 0) {
    result->spec.path = xstrdup(request->case_path); /* the verdict line names the case */
    verdict_add(&result->verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0,
                "cannot read the markers of the sources %s is built from: %s", request->binary, error);
    free(error);
    return -1;
  }
  size_t given = 0;
  while (request->marker_files && request->marker_files[given])
    given++;
  char **files = xcalloc(given + sources.count + 1, sizeof *files);
  size_t count = 0;
  for (size_t i = 0; i < given; i++)
    files[count++] = xstrdup(request->marker_files[i]);
  for (size_t i = 0; i < sources.count; i++) {
    bool known = same_source_file(sources.paths[i], request->case_path);
    for (size_t m = 0; m < count && !known; m++)
      known = same_source_file(sources.paths[i], files[m]);
    if (!known)
      files[count++] = xstrdup(sources.paths[i]);
  }
  marked_sources_free(&sources);
  resolution->marker_files = files;
  resolution->request.marker_files = files;
  /* Every source was read for markers, so the verdict depends on each as it is now (staleness.h), as in EXE mode. */
  resolution->request.markers_from_every_source = true;
  return 0;
}

static enum outcome verify_source_case(const struct verify_request *request, struct case_result *result);

/* Every image the verdict rests on must be built from every source the verdict depends on as it is now
 * (staleness.h): a --binary, each program the processes exec'd and each library of the project they loaded (`facts`,
 * NULL when they could not be read: the instrumentation check names that); a program the harness built is fresh.
 * The sources: the case, the files its markers pin with `at FILE:LINE` (each resolved as expect.c resolves it; none
 * or several is expect.c's to name), the compile units of its `in FUNCTION` pins, the --instrumented files, and under
 * tsan-verify EXE every source. */
static void check_sources_fresh(const struct verify_request *request, const char *binary, const struct case_spec *spec,
                                struct source_identity *identity, const struct instrumentation *facts,
                                struct verdict *verdict) {
  const char **others = other_files_under_test(request, spec);
  size_t instrumented = 0;
  while (others[instrumented])
    instrumented++;
  char **files = xcalloc(spec->marker_count + instrumented + 1, sizeof *files);
  const char **functions = xcalloc(spec->marker_count + 1, sizeof *functions);
  struct verdict_sources also = {.every_source = request->markers_from_every_source,
                                 .program_built_here = !request->binary};
  /* The project's libraries only: a system library (libc, the runtime) names no source of this machine. */
  const char **libraries = xcalloc((facts ? facts->library_count : 0) + 1, sizeof *libraries);
  for (size_t l = 0; facts && l < facts->library_count; l++)
    if (facts->libraries[l].own_source)
      libraries[also.library_count++] = facts->libraries[l].path;
  also.libraries = libraries;
  for (size_t m = 0; m < spec->marker_count; m++) {
    const struct marker *marker = &spec->markers[m];
    if (marker->pin == PIN_FUNCTION && marker->pin_function)
      functions[also.function_count++] = marker->pin_function;
    if (marker->pin != PIN_FRAME || !marker->pin_file)
      continue;
    char **paths = NULL;
    size_t count = source_identity_find_sources(identity, marker->pin_file, &paths);
    for (size_t i = 0; i < count; i++)
      if (count == 1)
        files[also.file_count++] = paths[i];
      else
        free(paths[i]);
    free(paths);
  }
  size_t pinned = also.file_count;
  for (size_t i = 0; i < instrumented; i++)
    files[also.file_count++] = (char *)others[i];
  also.files = (const char *const *)files;
  also.functions = functions;
  char *problem = NULL;
  if (binary_built_from_sources(identity, binary, &also, &problem) != 0) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0, "%s", problem);
    free(problem);
  }
  for (size_t i = 0; i < pinned; i++)
    free(files[i]);
  free(files);
  free(others);
  free(functions);
  free(libraries);
}

/* The case's tsan-options without their suppressions= items (NULL when nothing is left): the harness then pins the
 * runtime's default, no suppressions at all. */
static char *options_without_suppressions(const char *options) {
  if (!options)
    return NULL;
  struct strbuf kept = {0};
  const char *item = options;
  while (*item) {
    size_t length = strcspn(item, ":");
    if (!starts_with(item, "suppressions=") && length > 0)
      strbuf_printf(&kept, "%s%.*s", kept.length ? ":" : "", (int)length, item);
    item += length + (item[length] == ':');
  }
  return kept.length ? strbuf_release(&kept) : (strbuf_free(&kept), NULL);
}

/* The case's suppressions matched: run it once more without them and judge what they hid (suppressed.h). */
static void check_what_suppressions_hid(const struct verify_request *request, struct case_result *result) {
  struct verify_request bare_request = *request;
  bare_request.without_case_suppressions = true;
  struct case_result bare;
  verify_case(&bare_request, &bare);
  if (bare.interrupted_by) {
    result->interrupted_by = bare.interrupted_by;
    verdict_add(&result->verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0,
                "interrupted by signal %d; every process the program started was killed", bare.interrupted_by);
  } else if (!bare.ran || !bare.report_touches || bare.verdict.outcome == OUTCOME_CANNOT_CHECK) {
    const char *why = "it did not run";
    for (size_t i = 0; i < bare.verdict.diagnostic_count && bare.verdict.outcome == OUTCOME_CANNOT_CHECK; i++)
      why = bare.verdict.diagnostics[i].message; /* the last says why: the first ones may only be notes */
    verdict_add(&result->verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0,
                "the case's suppressions hid reports, and the run without them, made to see what they hid, could not "
                "be checked: %s",
                why);
  } else {
    /* The rules as the run with them read them, in their order: the runtime credits a report to the first that
     * matches it. */
    char **rules = declared_suppression_rules(result->spec.tsan_options);
    check_hidden_reports(&result->spec, &result->toolchain, rules, &result->evidence, &bare.log, bare.report_touches,
                         &result->verdict);
    free_rules(rules);
  }
  case_result_free(&bare);
}

/* A case about a reason the harness cannot check a program (`expect-cannot-check: TEXT`): met when the verdict is
 * cannot check and one of its reasons holds TEXT (every reason stays, as a note), not met when the harness checked
 * the program, and still cannot check when no reason says TEXT. A case whose markers could not be read has none. */
static void expected_cannot_check(struct case_result *result) {
  const struct case_spec *spec = &result->spec;
  struct verdict *verdict = &result->verdict;
  if (!spec->cannot_check_line || verdict->outcome == OUTCOME_SKIPPED)
    return;
  if (verdict->outcome != OUTCOME_CANNOT_CHECK) {
    verdict_add(verdict, OUTCOME_NOT_MET, spec->path, spec->cannot_check_line,
                "the case expects the harness to say it cannot check the program (\"%s\"), and it checked it",
                spec->cannot_check_text);
    return;
  }
  bool said = false;
  for (size_t i = 0; i < verdict->diagnostic_count && !said; i++)
    said = verdict->diagnostics[i].outcome == OUTCOME_CANNOT_CHECK &&
           strstr(verdict->diagnostics[i].message, spec->cannot_check_text) != NULL;
  if (!said) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, spec->path, spec->cannot_check_line,
                "the case expects the harness's reason to say \"%s\", and none of its reasons does",
                spec->cannot_check_text);
    return;
  }
  for (size_t i = 0; i < verdict->diagnostic_count; i++)
    verdict->diagnostics[i].outcome = OUTCOME_MET;
  verdict->outcome = OUTCOME_MET;
  verdict_add(verdict, OUTCOME_MET, spec->path, spec->cannot_check_line,
              "note: cannot check, as the case expects: a reason above says \"%s\"", spec->cannot_check_text);
}

enum outcome verify_case(const struct verify_request *request, struct case_result *result) {
  *result = (struct case_result){0};
  result->toolchain.opt_level = OPT_UNKNOWN; /* a verdict given before the case is read names no level */
  struct resolution resolution = {.request = *request};
  struct strbuf record = {0};
  char *record_error = NULL;
  if (request->reading_record && read_whole_file(request->reading_record, &record, &record_error) == 0) {
    resolution.request.reading_record_text = record.data;
    resolution.request.reading_record_length = record.length;
  }
  free(record_error);
  /* EXE mode has read the program's markers; --binary reads them the same way. */
  if (follow_libtool_wrapper(&resolution, result) == 0 && resolve_program(&resolution, result) == 0 &&
      (resolution.source || program_marker_files(&resolution, result) == 0))
    verify_source_case(&resolution.request, result);
  resolution_free(&resolution);
  expected_cannot_check(result);
  strbuf_free(&record);
  return result->verdict.outcome;
}

/* One case whose markers are in request->case_path, built by the harness or given as request->binary. */
static enum outcome verify_with_compiler(const struct verify_request *request, struct case_result *result);

static enum outcome verify_source_case(const struct verify_request *request, struct case_result *result) {
  /* A C++ case is built (and read by the preprocessor) with the C++ driver of the chosen toolchain. */
  if (!case_flags_known(request) || !cplusplus_suffix(request->case_path))
    return verify_with_compiler(request, result);
  char *driver = cplusplus_driver(request, &result->verdict);
  if (!driver) {
    result->spec.path = xstrdup(request->case_path); /* the verdict line names the case */
    return result->verdict.outcome;
  }
  struct verify_request cplusplus = *request;
  cplusplus.compiler = driver;
  enum outcome outcome = verify_with_compiler(&cplusplus, result);
  free(driver);
  return outcome;
}

/* A program with no dynamic loader to start it (no PT_INTERP: linked with -static): TSan does not support it (clang's
 * ThreadSanitizer.rst, Limitations: "Libc/libstdc++ static linking is not supported"; gcc refuses the link, "cannot
 * specify -static with -fsanitize=thread"), and a program clang links so is killed as its runtime starts, before any
 * word of TSan's. Said before the run, in those words, rather than as the crash it would be. True after adding the
 * verdict. */
static bool statically_linked(const char *case_path, const char *binary, struct verdict *verdict) {
  struct elf_identity identity;
  if (!regular_file(binary) || elf_identify(binary, &identity) != 0 || !identity.elf || !identity.program ||
      identity.interpreter || identity.loader)
    return false;
  verdict_add(verdict, OUTCOME_CANNOT_CHECK, case_path, 0,
              "%s is linked statically (it names no dynamic loader, PT_INTERP): TSan does not support it (clang's "
              "ThreadSanitizer documentation: \"Libc/libstdc++ static linking is not supported\"; gcc refuses the "
              "link: \"cannot specify -static with -fsanitize=thread\"), and such a program dies as TSan's runtime "
              "starts; link it without -static",
              binary);
  return true;
}

/* The case with the compiler the request names (or the default one). */
static enum outcome verify_with_compiler(const struct verify_request *request, struct case_result *result) {
  free(result->binary);
  result->binary = request->binary ? xstrdup(request->binary) : NULL;
  result->toolchain.opt_level = OPT_UNKNOWN; /* until the case is read: a verdict given before names no level */
  struct verdict *verdict = &result->verdict;
  char *error = NULL;
  /* A private folder for the build and for every process's TSan log, whoever built the binary. */
  char *folder = private_folder_create(&error);
  if (!folder) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, NULL, 0, "%s", error);
    free(error);
    return verdict->outcome;
  }
  char *built = NULL;
  struct compiler_reading reading;
  bool reading_started;
  const char *binary = prepare_case(request, folder, result, &built, &reading, &reading_started);
  if (!binary) {
    private_folder_remove(folder);
    free(folder);
    free(built);
    return verdict->outcome;
  }
  /* What users meet before any report: a program linked with -static, in which TSan's runtime does not run. */
  if (statically_linked(request->case_path, binary, verdict)) {
    if (reading_started)
      compiler_reading_settle(&reading, verdict, &result->interrupted_by);
    private_folder_remove(folder);
    free(folder);
    free(built);
    return verdict->outcome;
  }
  /* An OpenMP case runs with the team and the tool it says, whatever the harness's own environment holds. */
  char **openmp_environment = NULL;
  if (result->spec.openmp_line && !(openmp_environment = openmp_run_environment(request, binary, result))) {
    if (reading_started)
      compiler_reading_settle(&reading, verdict, &result->interrupted_by);
    private_folder_remove(folder);
    free(folder);
    free(built);
    return verdict->outcome;
  }
  char *log_prefix = xprintf("%s/tsan", folder);
  struct runtime_options options;
  char *case_options =
      request->without_case_suppressions ? options_without_suppressions(result->spec.tsan_options) : NULL;
  int built_options = runtime_options_build(
      getenv("TSAN_OPTIONS"), getenv("UBSAN_OPTIONS"),
      request->without_case_suppressions ? case_options : result->spec.tsan_options, log_prefix, &options, &error);
  free(case_options);
  if (built_options != 0) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0,
                "the TSan runtime cannot read the options it would run with: %s", error);
    free(error);
    if (reading_started)
      compiler_reading_settle(&reading, verdict, &result->interrupted_by);
    free(log_prefix);
    free_words(openmp_environment);
    private_folder_remove(folder);
    free(folder);
    free(built);
    return verdict->outcome;
  }
  result->tsan_options = xstrdup(options.tsan_options);
  result->ubsan_options = xstrdup(options.ubsan_options);
  /* A rule the runtime applies without counting it (called_from_lib) hides reports where no list shows them. */
  if (!request->without_case_suppressions)
    check_uncounted_suppressions(&result->spec, options.suppressions, options.suppressions_declared, verdict);
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
                                    .ubsan_options = result->ubsan_options,
                                    .timeout_seconds = run_timeout(request),
                                    .capture_limit = capture_limit(request),
                                    .trace = true,
                                    .environment =
                                        openmp_environment ? openmp_environment : request->program_environment,
                                    .cleared_prefixes = openmp_environment ? openmp_cleared_prefixes : NULL,
                                    .log_prefix = log_prefix,
                                    .classify = image_is_instrumented};
  /* The binary's proof of instrumentation needs nothing of the run but the libraries it loaded (added below): it is
   * read on a thread of its own while the program runs. */
  /* The compiler's reading ends before the program starts: a program that changes a file the compiler reads (a header
   * swapped for a stub for a moment, then put back) must not change what the reading saw. A reading the build kept
   * costs no compiler; one read now overlapped the harness's build of the case, or costs a compiler's start. */
  if (reading_started)
    compiler_reading_wait(&reading, &result->interrupted_by);
  const char **files = files_under_test(request, &result->spec);
  struct background_proof proof;
  background_proof_start(&proof, binary, files);
  int run_status = 0;
  if (result->interrupted_by) /* by a signal from outside, while the reading was awaited: the program never starts */
    result->run.interrupted_by = result->interrupted_by;
  else
    run_status = run_program(&run_request, &result->run, &error);
  bool facts_read = background_proof_finish(&proof) == 0;
  struct instrumentation facts = proof.facts;
  char *facts_error = proof.error;
  /* The compiler's reading is settled after the run is judged, as if it had been read first: when it failed, its
   * diagnostics are the verdict alone. */
  if (run_status != 0) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0, "%s", error);
    free(error);
  } else if (result->run.interrupted_by) {
    result->interrupted_by = result->run.interrupted_by;
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0,
                "interrupted by signal %d; every process the program started was killed", result->interrupted_by);
  } else {
    result->ran = true;
    char signal[32];
    signal_spelling(result->run.first_signal_from_program, signal);
    char sender[64];
    if (result->run.first_signal_sender > 0)
      snprintf(sender, sizeof sender, "from pid %ld", result->run.first_signal_sender);
    else
      snprintf(sender, sizeof sender, "queued naming a sender the kernel does not vouch for");
    if (result->run.signals_from_program)
      verdict_add(verdict, OUTCOME_MET, request->case_path, 0,
                  "note: the program sent its parent, the harness, %s (signal %d, %s; %u signal%s in "
                  "all); the harness dropped %s",
                  signal, result->run.first_signal_from_program, sender, result->run.signals_from_program,
                  result->run.signals_from_program == 1 ? "" : "s",
                  result->run.signals_from_program == 1 ? "it" : "them");
    evidence_collect(&result->run.processes, 4 * capture_limit(request), &result->evidence);
    const char *const defaults[] = {"__tsan_default_options", "__tsan_default_suppressions"};
    bool sets[2];
    elf_defines_symbols(argv[0], defaults, 2, sets);
    result->evidence.binary_sets_options = sets[0];
    result->evidence.binary_sets_suppressions = sets[1];
    evidence_merge(&result->evidence, &result->log);
    copy_logs_to(options.user_log_path, &result->evidence);
    struct source_identity identity;
    if (source_identity_init(&identity, request->case_path, &error) != 0) {
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, NULL, 0, "%s", error);
      free(error);
    } else {
      /* The markers were read before the run, the freshness of the binary is judged against the files after it: a
       * program that rewrites its own source while it runs (its markers read from one text, the binary built from
       * another) would pass both. Every file whose markers were read must hold the same text now. */
      for (size_t f = 0; f <= result->spec.marker_file_count; f++) {
        if (case_spec_text_unchanged(&result->spec, f) == 1)
          continue;
        const char *path = f == 0 ? result->spec.path : result->spec.marker_files[f - 1];
        verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                    "%s changed (or could no longer be read) while the harness checked it: its markers were read from "
                    "another text than the one the binary is now compared with",
                    path);
      }
      /* Frames name their module by its base name: every executable the run ran can be one. */
      source_identity_add_module(&identity, binary);
      for (size_t i = 0; i < result->run.processes.count; i++)
        if (result->run.processes.images[i].exe)
          source_identity_add_module(&identity, result->run.processes.images[i].exe);
      source_identity_settle_locations(&identity, &result->log);
      /* What the binary's code calls is read before the run is judged: a call that redirects the reports is the
       * cause of what the logs then lack. */
      /* The libraries the processes actually loaded, wherever the loader found them (a libtool wrapper's
       * LD_LIBRARY_PATH, a dlopen): the project's are under the same proof as those the RUNPATH names. */
      for (size_t i = 0; facts_read && i < result->run.processes.count; i++)
        instrumentation_add_loaded(&facts, binary, (const char *const *)result->run.processes.images[i].loaded_files);
      /* A marker may pin a race in one of them (`at src/pool.c:4`): their sources are the program's. */
      for (size_t l = 0; facts_read && l < facts.library_count; l++)
        if (facts.libraries[l].own_source && !facts.libraries[l].program)
          source_identity_add_library(&identity, facts.libraries[l].path, facts.libraries[l].needed);
      if (facts_read) {
        hiding_check_report_redirects(request->case_path, &facts, verdict);
        if (!request->without_case_suppressions)
          check_compiled_in_suppressions(&result->spec, facts.default_suppressions, facts.default_suppressions_unread,
                                         verdict);
      }
      check_run(request, binary, &options, result, &identity);
      if (verdict->outcome != OUTCOME_CANNOT_CHECK)
        check_sources_fresh(request, binary, &result->spec, &identity, facts_read ? &facts : NULL, verdict);
      if (verdict->outcome != OUTCOME_CANNOT_CHECK)
        check_instrumentation(request, binary, facts_read ? &facts : NULL, facts_error, result);
      if (verdict->outcome != OUTCOME_CANNOT_CHECK) {
        expect_check_identified(&result->spec, &result->log, &result->toolchain, NULL, &identity, verdict);
        check_expected_output(&result->spec, &result->run.out, verdict);
        check_declared_suppression_counts(&result->spec, &result->toolchain, &result->evidence, verdict);
      }
      if (request->without_case_suppressions) {
        const char **others = other_files_under_test(request, &result->spec);
        size_t files = 0;
        while (others[files])
          files++;
        struct case_file *under_test = xcalloc(files + 1, sizeof *under_test);
        size_t read = 0;
        for (size_t i = 0; i < files; i++) {
          char *unread = NULL;
          read += case_file_read(others[i], &under_test[read], &unread) == 0;
          free(unread); /* a file under test that cannot be read is the instrumentation check's to name */
        }
        free(others);
        result->report_touches = xcalloc(result->log.report_count + 1, sizeof *result->report_touches);
        for (size_t r = 0; r < result->log.report_count; r++)
          result->report_touches[r] =
              report_touches_markers(&result->spec, &result->log.reports[r], &identity, under_test, read);
        for (size_t i = 0; i < read; i++)
          case_file_free(&under_test[i]);
        free(under_test);
      }
      source_identity_free(&identity);
    }
  }
  if (facts_read)
    instrumentation_free(&facts);
  free(facts_error);
  free(files);
  /* When the reading failed, nothing of the run is judged (it rests on lines the compiler reads otherwise than the
   * markers do): settling drops every diagnostic the run gave, and the reading's stand alone. */
  if (reading_started && compiler_reading_settle(&reading, verdict, &result->interrupted_by) != 0) {
    result->ran = false;
    tsan_log_free(&result->log); /* its reports were never judged */
    result->log = (struct tsan_log){0};
  }
  /* A signal from outside that came while the harness judged the run (no run was reading the held signals then) ends
   * the case as it would have ended the run: a cancelled CI job is never a pass. */
  int late_signal = result->interrupted_by ? 0 : held_signals_wait(0, -1);
  if (late_signal) {
    result->interrupted_by = late_signal;
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, request->case_path, 0,
                "interrupted by signal %d while the harness judged the run", late_signal);
  }
  bool case_suppressed = false; /* the case's own rules matched (undeclared ones are already not met) */
  for (size_t s = 0; s < result->evidence.suppression_count; s++)
    case_suppressed |= result->evidence.suppressions[s].declared;
  if (verdict->outcome != OUTCOME_CANNOT_CHECK && result->ran && !request->without_case_suppressions && case_suppressed)
    check_what_suppressions_hid(request, result);
  /* Last, so that the first diagnostic stays the verdict's cause. */
  if (options.overridden)
    verdict_add(verdict, OUTCOME_MET, request->case_path, 0,
                "note: the harness ran TSan with its defaults instead of the user's %s: only options known to leave "
                "TSan's reports, their frames and the program's end as they are reach the runtime (a case that means "
                "one declares it in its `// tsan-options:`)",
                options.overridden);
  for (int i = 0; i < RUNTIME_VARIABLE_PAIRS; i++)
    if (getenv(runtime_symbolizer_variables[i]))
      verdict_add(verdict, OUTCOME_MET, request->case_path, 0,
                  "note: the harness left out %s: the symbolizer writes every frame's file and line, so TSan ran with "
                  "the llvm-symbolizer it finds itself",
                  runtime_symbolizer_variables[i]);
  runtime_options_free(&options);
  free(argv);
  free(relative);
  free(log_prefix);
  free_words(openmp_environment);
  private_folder_remove(folder);
  free(folder);
  free(built);
  return verdict->outcome;
}

void case_result_free(struct case_result *result) {
  case_spec_free(&result->spec);
  free(result->report_touches);
  free(result->binary);
  evidence_free(&result->evidence);
  free(result->tsan_options);
  free(result->ubsan_options);
  run_result_free(&result->run);
  tsan_log_free(&result->log);
  verdict_free(&result->verdict);
  *result = (struct case_result){0}; /* freed twice (a test's loop, then its teardown) stays harmless */
}

static int by_text(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* "; LABEL: a, b" with `items` sorted and each told once; nothing when there is none. */
static void append_set(struct strbuf *out, const char *label, char **items, size_t count) {
  qsort(items, count, sizeof *items, by_text);
  for (size_t i = 0; i < count; i++)
    if (i == 0 || strcmp(items[i], items[i - 1]) != 0)
      strbuf_printf(out, "%s%s%s%s", i == 0 ? "; " : ", ", i == 0 ? label : "", i == 0 ? ": " : "", items[i]);
}

char *verdict_fingerprint(const struct case_result *result) {
  const struct case_spec *spec = &result->spec;
  const struct verdict *verdict = &result->verdict;
  size_t count = 0;
  char **items = xcalloc(spec->marker_count + result->log.report_count + 1, sizeof *items);
  for (size_t m = 0; verdict->marker_report && m < spec->marker_count; m++) {
    const struct marker *marker = &spec->markers[m];
    if (verdict->marker_report[m] < 0)
      continue;
    /* A marker of a marker file is named with its file: line 12 of lib.c is not line 12 of the case. */
    const char *file = marker->file ? marker->file : "";
    const char *of = marker->file ? " of " : "";
    if (marker->pin == PIN_FUNCTION)
      items[count++] =
          xprintf("%s in %s (line %zu%s%s)", marker->kind, marker->pin_function, marker->comment_line, of, file);
    else if (marker->pin == PIN_FRAME)
      items[count++] = xprintf("%s at %s:%zu (line %zu%s%s)", marker->kind, marker->pin_file, marker->pin_line,
                               marker->comment_line, of, file);
    else
      items[count++] = xprintf("%s on line %zu%s%s", marker->kind, marker->line, of, file);
  }
  size_t hit = count;
  /* A report no marker expects: its kind and the frame it blames, which do not depend on thread numbering. */
  for (size_t r = 0; verdict->report_marker && r < result->log.report_count; r++) {
    const struct tsan_report *report = &result->log.reports[r];
    if (verdict->report_marker[r] >= 0)
      continue;
    const struct tsan_frame *blamed = NULL;
    for (size_t i = 0; i < report->section_count && !blamed; i++)
      if (report_section_is_about(report, &report->sections[i]))
        blamed = section_source_frame(&report->sections[i]);
    items[count++] = blamed ? xprintf("%s in %s at %s:%d", report->kind, blamed->function, blamed->file, blamed->line)
                            : xprintf("%s", report->kind);
  }
  struct strbuf out = {0};
  strbuf_printf(&out, "%s", outcome_name(verdict->outcome));
  append_set(&out, "markers hit", items, hit);
  append_set(&out, "reports not expected", items + hit, count - hit);
  for (size_t i = 0; i < count; i++)
    free(items[i]);
  free(items);
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
