/* evidence.c: per-process proof that TSan watched, read from each image's own log file. */
#include "runner/evidence.h"
#include "base/util.h"
#include "binary/elfinfo.h"
#include "process/runtime_variables.h"
#include "runner/options.h"
#include "runner/suppression_rules.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
  case SIGHUP: return "SIGHUP";
  case SIGQUIT: return "SIGQUIT";
  }
  return "signal";
}

/* "ThreadSanitizer: Matched 2 suppressions (pid=7):" followed by "2 race:update" lines. */
static void read_matched_suppressions(const char *text, size_t length, long pid, struct evidence *evidence) {
  static const char heading[] = "ThreadSanitizer: Matched ";
  const char *cursor = text, *end = text + length, *line;
  size_t line_length;
  bool in_list = false;
  while (next_line(&cursor, end, &line, &line_length)) {
    if (line_length >= sizeof heading - 1 && memcmp(line, heading, sizeof heading - 1) == 0) {
      in_list = true;
      continue;
    }
    if (!in_list)
      continue;
    const char *p = line, *stop = line + line_length;
    while (p < stop && *p == ' ')
      p++;
    const char *digits = p;
    while (p < stop && isdigit((unsigned char)*p))
      p++;
    if (p == digits || p == stop || *p != ' ' || !memchr(p, ':', (size_t)(stop - p))) {
      in_list = false;
      continue;
    }
    GROW(evidence->suppressions, evidence->suppression_count, evidence->suppression_capacity);
    struct matched_suppression *match = &evidence->suppressions[evidence->suppression_count++];
    *match = (struct matched_suppression){0};
    match->count = strtol(digits, NULL, 10);
    match->rule = xstrndup(p + 1, (size_t)(stop - p - 1));
    match->pid = pid;
  }
}

/* Files of the log folder that no image's log_path names: written by a process the harness did not follow. */
static char **stray_logs(const struct process_table *table) {
  size_t count = 0, capacity = 4;
  char **stray = xcalloc(capacity, sizeof *stray);
  char *folder = xstrdup(table->log_prefix ? table->log_prefix : "");
  char *slash = strrchr(folder, '/');
  DIR *listing = slash ? (*slash = '\0', opendir(folder)) : NULL;
  struct dirent *entry;
  while (listing && (entry = readdir(listing))) {
    if (!starts_with(entry->d_name, "tsan."))
      continue;
    char *path = xprintf("%s/%s", folder, entry->d_name);
    bool known = false;
    for (size_t i = 0; i < table->count && !known; i++)
      known = strcmp(table->images[i].log_path, path) == 0;
    if (known) {
      free(path);
      continue;
    }
    if (count + 2 > capacity)
      stray = xrealloc(stray, (capacity *= 2) * sizeof *stray);
    stray[count++] = path;
    stray[count] = NULL;
  }
  if (listing)
    closedir(listing);
  free(folder);
  return stray;
}

void evidence_collect(const struct process_table *table, size_t limit, struct evidence *evidence) {
  *evidence = (struct evidence){0};
  evidence->stray_logs = stray_logs(table);
  evidence->logs = xcalloc(table->count ? table->count : 1, sizeof *evidence->logs);
  evidence->count = table->count;
  for (size_t i = 0; i < table->count; i++) {
    struct process_log *entry = &evidence->logs[i];
    entry->image = &table->images[i];
    entry->suppressions_from = evidence->suppression_count;
    FILE *file = fopen(entry->image->log_path, "re");
    if (!file) {
      entry->suppressions_to = evidence->suppression_count;
      continue;
    }
    entry->present = true;
    struct strbuf text = {0};
    int status = read_stream(file, limit, &text);
    fclose(file);
    entry->bytes = text.length;
    if (status == 1)
      entry->parse_error =
          xprintf("its log is larger than the %zu bytes the harness reads: reports may be missing", limit);
    else if (status != 0)
      entry->parse_error = xprintf("cannot read its log %s: %s", entry->image->log_path, strerror(errno));
    entry->text = strbuf_release(&text);
    if (!entry->parse_error) {
      char *error = NULL;
      if (tsan_parse(entry->text, entry->bytes, &entry->log, &error) != 0)
        entry->parse_error = error ? error : xstrdup("unparsable output");
      entry->report_count = entry->log.report_count;
      /* "ThreadSanitizer: forked new process with pid P, parent had N threads" */
      const char *had = strstr(entry->text, ", parent had ");
      entry->fork_parent_threads = had ? strtol(had + strlen(", parent had "), NULL, 10) : 0;
      entry->multithreaded_fork = entry->image->forked && entry->fork_parent_threads > 1;
      read_matched_suppressions(entry->text, entry->bytes, entry->image->pid, evidence);
    }
    entry->suppressions_to = evidence->suppression_count;
  }
}

/* "the program" for the process the harness started, "process 123 (child)" for the others. */
static char *process_name(const struct process_image *image, bool root) {
  const char *exe = image->exe ? image->exe : "?";
  const char *base = path_base_name(exe);
  if (root)
    return xprintf("the program (pid %ld)", image->pid);
  if (image->parent == 0) /* a later image of the program's own process: it exec'd (clang 19's runtime re-executes) */
    return xprintf("the program (pid %ld) after an exec of %s", image->pid, base);
  return xprintf("process %ld (%s, %s of pid %ld)", image->pid, base, image->forked ? "forked" : "started",
                 image->parent);
}

/* The kernel's address-space randomization for mmap (/proc/sys/vm/mmap_rnd_bits), or -1 when unknown. TSan's
 * shadow layout fits up to 28 bits; only above that is lowering it the remedy for a mapping failure. */
static long mmap_rnd_bits(void) {
  FILE *file = fopen("/proc/sys/vm/mmap_rnd_bits", "re");
  long bits = -1;
  if (file) {
    if (fscanf(file, "%ld", &bits) != 1)
      bits = -1;
    fclose(file);
  }
  return bits;
}

/* What the runtime's own words mean for the one who reads the verdict, where the line alone does not say it. */
static const char *runtime_words_hint(const char *line) {
  static const struct {
    const char *words, *hint;
  } hints[] = {
      {"Path is too long", " (the log path the harness gives TSan, in a folder under TMPDIR, is longer than TSan "
                           "accepts: set a shorter TMPDIR)"},
      {"failed to read suppressions file", " (the suppressions= file of TSAN_OPTIONS cannot be read; a relative "
                                           "path is read from the program's working directory)"},
      {"with ignores enabled", " (a thread ended inside an ignore annotation that never ended)"},
  };
  if (line && (strstr(line, "unexpected memory mapping") || strstr(line, "mmap_rnd_bits")) && mmap_rnd_bits() > 28)
    return " (TSan cannot place its shadow memory with this much address-space randomization: `sudo sysctl "
           "vm.mmap_rnd_bits=28`)";
  for (size_t i = 0; line && i < sizeof hints / sizeof *hints; i++)
    if (strstr(line, hints[i].words))
      return hints[i].hint;
  return "";
}

/* The runtime's own word in the program's stderr, for a process that never had its log: its FATAL/ERROR/CHECK line
 * ("failed"), or the line in which it stopped watching ("stopped"), with what it means; NULL when there is none. */
static char *runtime_words_in(const char *stderr_text, const char **verb) {
  if (!stderr_text || !*stderr_text)
    return NULL;
  struct tsan_log early = {0};
  char *error = NULL;
  tsan_parse(stderr_text, strlen(stderr_text), &early, &error);
  free(error);
  const char *said = early.fatal ? early.fatal : early.stopped;
  *verb = early.fatal ? "failed" : "stopped watching";
  char *words = said ? xprintf("%s%s", said, runtime_words_hint(said)) : NULL;
  tsan_log_free(&early);
  return words;
}

/* For a process that never had its log and whose runtime said no FATAL/ERROR/CHECK line there: what its stderr
 * says, for the one who reads the verdict. */
static char *stderr_account(const char *stderr_text) {
  if (!stderr_text || !*stderr_text)
    return xstrdup("");
  /* sanitizer_common's own words when it cannot open its log ("ERROR: Can't open file: PATH (reason: N)",
   * sanitizer_file.cpp, ReportFile::ReopenIfNecessary) come after its verbosity=1 lines ("==PID==Installed the
   * sigaction for signal 11"), which say nothing of the failure: the error is quoted, else the first other line. */
  const char *cursor = stderr_text, *end = stderr_text + strlen(stderr_text), *line, *first = NULL;
  size_t length, first_length = 0;
  while (next_line(&cursor, end, &line, &length)) {
    if ((length > 7 && memcmp(line, "ERROR: ", 7) == 0) || (length > 7 && memcmp(line, "FATAL: ", 7) == 0))
      return xprintf("; the runtime said: %.*s", (int)(length < 300 ? length : 300), line);
    size_t digits = length > 2 && line[0] == '=' && line[1] == '=' ? strspn(line + 2, "0123456789") : 0;
    bool verbose = digits && length > digits + 3 && line[2 + digits] == '=' && line[3 + digits] == '=';
    if (!first && !verbose && length) {
      first = line;
      first_length = length;
    }
  }
  if (!first)
    return xstrdup("");
  return xprintf("; stderr begins: %.*s", (int)(first_length < 200 ? first_length : 200), first);
}

/* NULL when every option variable of the image's environment holds exactly what the harness gave the program, else
 * the first that does not (the runtime reads the first occurrence of each: all must agree). */
static char *options_difference(const struct process_image *image, const struct evidence_rules *rules) {
  bool tsan_seen = false;
  for (size_t i = 0; image->option_variables && image->option_variables[i]; i++) {
    const char *entry = image->option_variables[i];
    /* The harness gives no symbolizer path: the runtime then starts the llvm-symbolizer it finds itself. */
    if (entry_sets_symbolizer(entry))
      return xprintf("%.200s", entry);
    const char *given = starts_with(entry, "TSAN_OPTIONS=") ? rules->tsan_options : rules->ubsan_options;
    const char *value = strchr(entry, '=') + 1;
    tsan_seen |= starts_with(entry, "TSAN_OPTIONS=");
    if (given && strcmp(value, given) != 0) {
      /* Quoted from shortly before the first byte that differs: the long common start says nothing. */
      size_t same = 0;
      while (value[same] && value[same] == given[same])
        same++;
      size_t from = same > 40 ? same - 40 : 0;
      return xprintf("%.*s%s%.160s%s", (int)(value - entry), entry, from ? "..." : "", value + from,
                     strlen(value + from) > 160 ? "..." : "");
    }
  }
  return tsan_seen ? NULL : xstrdup("no TSAN_OPTIONS");
}

/* An image that ended before TSan's finalization (it exec'd, or is a child TSan stopped watching) never printed the
 * list of suppressions that matched in it (tsan_rtl.cpp Finalize: PrintMatchedSuppressions): with any suppressions
 * in force, the case's own included, what they hid there cannot be known. Returns false after saying so. */
static bool no_unlisted_suppressions(const struct process_image *image, const struct evidence_rules *rules,
                                     const char *name, const char *path, struct verdict *verdict) {
  const char *source = rules->suppressions_source;
  char *compiled = NULL;
  if (!source && image->exe && elf_defines_symbol(image->exe, "__tsan_default_suppressions"))
    source = compiled = xprintf("__tsan_default_suppressions compiled into %s", image->exe);
  if (source)
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                "%s %s before TSan's finalization, so TSan never listed the suppressions that matched in it, and %s "
                "was in force: a report it hid there cannot be known",
                name, image->end == IMAGE_EXECED ? "exec'd another image" : "ended", source);
  free(compiled);
  return source == NULL;
}

/* The runtime's line without "ThreadSanitizer: ", as expect-tsan-dies names it. */
static const char *death_words(const char *line) {
  return starts_with(line, "ThreadSanitizer: ") ? line + strlen("ThreadSanitizer: ") : line;
}

/* The known death notice (parse.c's tsan_death_notices) that the line starts with, or NULL. */
static const char *death_notice_of(const char *line) {
  for (size_t i = 0; tsan_death_notices[i]; i++)
    if (starts_with(death_words(line), tsan_death_notices[i]))
      return tsan_death_notices[i];
  return NULL;
}

/* Whether an expect-tsan-dies marker of the case names the start of the runtime's line. */
static bool death_declared(const struct evidence_rules *rules, const char *line) {
  for (size_t i = 0; i < rules->expected_death_count; i++)
    if (starts_with(death_words(line), rules->expected_deaths[i].kind))
      return true;
  return false;
}

/* An image whose runtime finished: its own count of reports agrees with its log, and its exit status with them. */
static bool reports_counted(const struct process_log *entry, const struct process_image *image,
                            const struct evidence_rules *rules, const char *name, const char *path,
                            struct verdict *verdict) {
  long counted = entry->log.warnings_reported < 0 ? 0 : entry->log.warnings_reported;
  /* A forked child inherits its parent's count of reports made before the fork. */
  bool count_ok = image->forked ? (size_t)counted >= entry->report_count : (size_t)counted == entry->report_count;
  if (!count_ok) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0, "TSan says %s reported %ld warnings, its log holds %zu", name,
                counted, entry->report_count);
    return false;
  }
  if (entry->report_count > 0 && image->code != rules->exitcode && image->code != rules->ubsan_exitcode) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                "TSan reported in %s, yet its exit status is %d, not TSan's exitcode %ld%s: it left behind TSan's "
                "back",
                name, image->code, rules->exitcode, rules->ubsan_exitcode >= 0 ? " (nor UBSAN_OPTIONS's)" : "");
    return false;
  }
  return true;
}

/* The proof one instrumented image must give; returns false after adding the diagnostic that it is missing.
 * tsan_log_check (report/parse.c) asks a log some of the same questions (did the runtime fail or stop watching, start,
 * finish, count its reports), but of a log captured anywhere, without its processes; here each answer also rests on
 * what the harness saw of the image (how it ended, whether it forked, the case's declared deaths and hidings), which
 * changes the answer (a forked child's count includes its parent's reports; a declared death is no loss), so the two
 * stay apart. */
static bool check_image(const struct process_log *entry, const struct evidence_rules *rules, bool root,
                        const char *path, const char *stderr_text, struct verdict *verdict) {
  const struct process_image *image = entry->image;
  const struct tsan_log *log = &entry->log;
  char *name = process_name(image, root);
  bool ok = false;
  char *difference = rules->tsan_options ? options_difference(image, rules) : NULL;
  if (difference) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                "%s runs with other TSan options than the harness gave the program (%s): what TSan was told to "
                "report cannot be known",
                name, difference);
    free(difference);
  } else if (!entry->present) {
    if (image->forked && image->end == IMAGE_EXECED) {
      /* forked and then exec'd another program without a word from TSan: nothing to lose. TSan's fork interceptor
       * says "forked new process" in the child's own log at verbosity=1 (tsan_rtl.cpp ForkChildAfter), so a child
       * without a log ran no code TSan followed: its own symbolizer's, or posix_spawn's clone before the exec. */
      ok = true;
    } else {
      const char *verb = NULL;
      char *words = runtime_words_in(stderr_text, &verb);
      char *killed = image->end == IMAGE_SIGNALED
                         ? xprintf(" (then it was killed by %s, signal %d)", signal_name(image->code), image->code)
                         : xstrdup("");
      char *begins = words ? NULL : stderr_account(stderr_text);
      if (words)
        verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                    "%s is TSan-instrumented but wrote no TSan log where the harness asked (log_path), because the "
                    "runtime %s: %s%s",
                    name, verb, words, killed);
      else if (image->end == IMAGE_SIGNALED)
        verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                    "%s was killed by %s (signal %d) before its TSan runtime wrote a word where the harness asked "
                    "(log_path): it crashed while TSan started, or before%s",
                    name, signal_name(image->code), image->code, begins);
      else
        verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                    "%s is TSan-instrumented but wrote no TSan log where the harness asked (log_path): TSan did not "
                    "start, or could not open its log%s",
                    name, begins);
      free(words);
      free(killed);
      free(begins);
    }
  } else if (entry->parse_error) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0, "TSan's output of %s is damaged: %s", name, entry->parse_error);
  } else if (log->fatal) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0, "the TSan runtime failed in %s: %s%s", name, log->fatal,
                runtime_words_hint(log->fatal));
  } else if (log->stopped && !log->stopped_dies) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                "TSan says it did not watch all that %s ran: \"%s\" (line %zu of its log)%s", name, log->stopped,
                log->stopped_line, runtime_words_hint(log->stopped));
  } else if (log->stopped && !death_declared(rules, log->stopped)) {
    const char *notice = death_notice_of(log->stopped);
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                "TSan killed %s: \"%s\" (line %zu of its log)%s: what the program meant to run after that never ran "
                "under TSan; a case that expects it says so: `// expect-tsan-dies: %s`",
                name, log->stopped, log->stopped_line, runtime_words_hint(log->stopped),
                notice ? notice : "<the start of that line>");
  } else if (log->stopped) {
    /* A death the case declares: Die() exits with TSan's exitcode, and nothing ran unwatched after it. */
    if (image->end == IMAGE_EXITED && (image->code == rules->exitcode || image->code == rules->ubsan_exitcode))
      ok = true;
    else
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                  "TSan says it killed %s (\"%s\"), yet it ended %s %d, not with TSan's exitcode %ld", name,
                  log->stopped, image->end == IMAGE_SIGNALED ? "by signal" : "with status", image->code,
                  rules->exitcode);
  } else if (!image->forked && !log->runtime_started) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                "TSan did not start in %s: its log has no \"Running under ThreadSanitizer\" banner (verbosity was "
                "lowered? UBSAN_OPTIONS=verbosity=0 overrides the harness's verbosity=1 with clang)",
                name);
  } else if (image->survivor) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                "%s outlived the program and was killed: its reports cannot be checked", name);
  } else if (image->end == IMAGE_SIGNALED) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0, "%s was killed by %s (signal %d) before TSan finished", name,
                signal_name(image->code), image->code);
  } else if (image->end == IMAGE_RUNNING) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0, "%s never ended, as far as the harness could follow it", name);
  } else if (image->end == IMAGE_EXECED) {
    /* it ran until its exec, and its log was set aside before the new image could truncate it */
    ok = no_unlisted_suppressions(image, rules, name, path, verdict);
  } else if (entry->multithreaded_fork && !rules->multithreaded_fork) {
    /* In the child of a multithreaded fork the runtime turns on every ignore (accesses, synchronization,
     * interceptors; v3 also suppresses reports) "in the hope that we will exec soon" (tsan_rtl.cpp ForkChildAfter,
     * LLVM 13 to 19 and gcc's copy): a child that runs on without exec runs its code unwatched, and its silence
     * proves nothing. Its runtime says so only at verbosity=1: "forked new process ..., parent had N threads". */
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                "%s is the child of a fork made while %ld threads ran, and it did not exec: TSan ignores every "
                "access, lock and interceptor in such a child, so nothing it ran was checked (a case that means it "
                "declares `// tsan-hides: multithreaded-fork -- reason`)",
                name, entry->fork_parent_threads);
  } else if (entry->multithreaded_fork) {
    /* No pid in the note: the docs show it, and must read the same in every run. */
    verdict_add(verdict, OUTCOME_MET, path, rules->multithreaded_fork->line,
                "note: a child of a fork made while %ld threads ran, ran unwatched, as the case declares (%s)",
                entry->fork_parent_threads, rules->multithreaded_fork->reason);
    /* Such a child that leaves by _exit, as POSIX advises, never prints the exit statistics. */
    ok = log->runtime_finished ? reports_counted(entry, image, rules, name, path, verdict)
                               : no_unlisted_suppressions(image, rules, name, path, verdict);
  } else if (!log->runtime_finished) {
    if (rules->halt_on_error && entry->report_count > 0)
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                  "halt_on_error stopped %s at its first report; later reports cannot be checked", name);
    else if (image->code == rules->exitcode && entry->report_count == 0)
      verdict_add(
          verdict, OUTCOME_CANNOT_CHECK, path, 0,
          "the TSan runtime did not finish in %s, and its exit status %d is TSan's, yet its log holds no report: "
          "did it close TSan's log descriptor?",
          name, image->code);
    else
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                  "the TSan runtime did not finish in %s (exit status %d; its log ends before TSan's exit statistics: "
                  "it left without TSan seeing it, e.g. through the exit_group system call, or closed TSan's log "
                  "descriptor): reports made at exit, such as thread leaks, could be missing",
                  name, image->code);
  } else {
    ok = reports_counted(entry, image, rules, name, path, verdict);
  }
  free(name);
  return ok;
}

void evidence_check(struct evidence *evidence, const struct evidence_rules *rules, const char *path,
                    const char *stderr_text, struct verdict *verdict) {
  if (evidence->count == 0) {
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0, "the program never started");
    return;
  }
  for (size_t i = 0; evidence->stray_logs && evidence->stray_logs[i]; i++)
    verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                "a TSan log, %s, belongs to no process the harness could follow (started with clone(CLONE_UNTRACED)?): "
                "what it reported cannot be checked",
                evidence->stray_logs[i]);
  for (size_t i = 0; i < evidence->count; i++) {
    const struct process_log *entry = &evidence->logs[i];
    bool root = i == 0;
    if (entry->image->unknown) {
      char *name = process_name(entry->image, root);
      verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0, "the harness cannot tell whether %s runs under TSan: %s",
                  name, entry->image->unknown);
      free(name);
      continue;
    }
    if (!entry->image->instrumented) {
      if (!root && entry->image->pid == evidence->logs[0].image->pid && entry->image->parent == 0)
        verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                    "the program exec'd %s, which is not TSan-instrumented: the rest of its run was not watched",
                    entry->image->exe ? entry->image->exe : "a program");
      else if (root)
        verdict_add(verdict, OUTCOME_CANNOT_CHECK, path, 0,
                    "%s is not TSan-instrumented (no __tsan_init): build it with -fsanitize=thread",
                    entry->image->exe ? entry->image->exe : "the program");
      continue; /* a tool the program ran (sh, the symbolizer, ...): TSan does not watch it, and it proves nothing */
    }
    check_image(entry, rules, root, path, stderr_text, verdict);
  }
  for (size_t d = 0; d < rules->expected_death_count; d++) {
    const struct marker *death = &rules->expected_deaths[d];
    bool seen = false;
    for (size_t i = 0; i < evidence->count && !seen; i++) {
      const struct tsan_log *log = &evidence->logs[i].log;
      seen = log->stopped && log->stopped_dies && starts_with(death_words(log->stopped), death->kind);
    }
    if (!seen)
      verdict_add(verdict, OUTCOME_NOT_MET, path, death->line,
                  "expected TSan to kill a process saying \"%s\", and no process's log says so", death->kind);
  }
  for (size_t s = 0; s < evidence->suppression_count; s++) {
    struct matched_suppression *match = &evidence->suppressions[s];
    match->declared = false;
    for (size_t r = 0; rules->declared_rules && rules->declared_rules[r]; r++)
      match->declared |= strcmp(rules->declared_rules[r], match->rule) == 0;
    if (!match->declared)
      verdict_add(verdict, OUTCOME_NOT_MET, path, 0,
                  "suppression \"%s\" hid %ld report%s in pid %ld, and the case does not declare it (a suppressions= "
                  "file of its own `// tsan-options:`)%s",
                  match->rule, match->count, match->count == 1 ? "" : "s", match->pid,
                  evidence->binary_sets_suppressions ? "; the program compiles in __tsan_default_suppressions" : "");
  }
}

void evidence_merge(struct evidence *evidence, struct tsan_log *merged) {
  *merged = (struct tsan_log){0};
  merged->warnings_reported = -1;
  for (size_t i = 0; i < evidence->count; i++) {
    struct tsan_log *log = &evidence->logs[i].log;
    if (i == 0) {
      merged->runtime_started = log->runtime_started;
      merged->runtime_finished = log->runtime_finished;
      merged->runtime_version = log->runtime_version ? xstrdup(log->runtime_version) : NULL;
      merged->warnings_reported = log->warnings_reported;
    }
    if (!merged->fatal && log->fatal) {
      merged->fatal = xstrdup(log->fatal);
      merged->fatal_line = log->fatal_line;
    }
    for (size_t r = 0; r < log->report_count; r++) {
      GROW(merged->reports, merged->report_count, merged->report_capacity);
      merged->reports[merged->report_count++] = log->reports[r];
    }
    free(log->reports);
    log->reports = NULL;
    log->report_count = log->report_capacity = 0;
  }
}

char **declared_suppression_rules(const char *case_options) {
  struct option_list options = {0};
  char *error = NULL;
  if (options_read(case_options, "the case's tsan-options", &options, &error) != 0)
    free(error); /* the harness refuses such options before the run; nothing is declared */
  char **rules = suppression_file_rules(options_last(&options, "suppressions"));
  option_list_free(&options);
  return rules;
}

void evidence_free(struct evidence *evidence) {
  free_rules(evidence->stray_logs);
  for (size_t i = 0; i < evidence->count; i++) {
    free(evidence->logs[i].text);
    free(evidence->logs[i].parse_error);
    tsan_log_free(&evidence->logs[i].log);
  }
  free(evidence->logs);
  for (size_t s = 0; s < evidence->suppression_count; s++)
    free(evidence->suppressions[s].rule);
  free(evidence->suppressions);
  *evidence = (struct evidence){0};
}
