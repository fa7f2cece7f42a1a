/* detect.c: build a program from sources, run it under TSan, Helgrind or DRD, read what the detector says. */
#include "score/detect.h"
#include "base/util.h"
#include "check/verify.h"
#include "process/run.h"
#include "proof/hiding.h"
#include "proof/instrumentation.h"
#include "runner/evidence.h"
#include "runner/runtime_options.h"
#include "score/valgrind.h"
#include "source/markers.h"

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *detector_name(enum detector detector) {
  switch (detector) {
  case DETECTOR_TSAN: return "tsan";
  case DETECTOR_HELGRIND: return "helgrind";
  case DETECTOR_DRD: return "drd";
  }
  return "?";
}

int detector_from_name(const char *name) {
  for (int d = DETECTOR_TSAN; d <= DETECTOR_DRD; d++)
    if (strcmp(name, detector_name((enum detector)d)) == 0)
      return d;
  return -1;
}

static int remove_entry(const char *path, const struct stat *info, int flag, struct FTW *walk) {
  (void)info, (void)flag, (void)walk;
  return remove(path);
}

static const char *first_line(const char *text, int *length) {
  *length = (int)strcspn(text, "\n");
  return text;
}

static size_t count_of(char *const *list) {
  size_t count = 0;
  while (list && list[count])
    count++;
  return count;
}

static int build(const struct detect_request *request, const char *binary, int *interrupted_by, char **error) {
  const char *compiler = request->compiler ? request->compiler : getenv("CC");
  if (!compiler || !*compiler)
    compiler = "clang";
  size_t flag_count = count_of(request->cflags), task_flag_count = count_of(request->task_flags);
  char **argv = xcalloc(request->source_count + flag_count + task_flag_count + 16, sizeof *argv);
  size_t a = 0;
  argv[a++] = (char *)compiler;
  /* As check mode builds: the compiler records its flags in each unit's DW_AT_producer (gcc does by default), where
   * the proof reads what turned TSan's instrumentation off (an ignorelist among them); before the corpus's flags, so
   * that a -gno-record-gcc-switches there still wins and the proof rests on the code alone. */
  if (request->detector == DETECTOR_TSAN)
    argv[a++] = "-grecord-gcc-switches";
  argv[a++] = "-g";
  argv[a++] = "-pthread";
  argv[a++] = (char *)(request->opt_level ? request->opt_level : "-O1");
  argv[a++] = request->detector == DETECTOR_TSAN ? "-fsanitize=thread" : "-gdwarf-4";
  argv[a++] = "-w"; /* corpora are not ours to lint */
  for (size_t i = 0; i < flag_count; i++)
    argv[a++] = request->cflags[i];
  for (size_t i = 0; i < request->source_count; i++)
    argv[a++] = request->sources[i];
  /* After the sources, where the linker wants the libraries a program uses (-lm). */
  for (size_t i = 0; i < task_flag_count; i++)
    argv[a++] = request->task_flags[i];
  if (request->stub)
    argv[a++] = (char *)request->stub;
  argv[a++] = "-o";
  argv[a++] = (char *)binary;
  struct run_request run_request = {.argv = argv, .timeout_seconds = 300, .capture_limit = 1 << 20};
  struct run_result run;
  char *why = NULL;
  int status = 0;
  if (run_program(&run_request, &run, &why) != 0) {
    *error = xprintf("%s: cannot compile: %s", request->sources[0], why);
    free(why);
    status = -1;
  } else {
    *interrupted_by = run.interrupted_by;
    if (run.interrupted_by || run.end != RUN_EXITED || run.code != 0) {
      int length;
      const char *line = first_line(run.err.data, &length);
      *error = xprintf("%s: compile error (%s): %.*s", request->sources[0], compiler, length, line);
      status = -1;
    }
    run_result_free(&run);
  }
  free(argv);
  return status;
}

static double run_timeout(const struct detect_request *request) {
  return request->timeout_seconds > 0 ? request->timeout_seconds : 120;
}

/* The request's environment, then SVCOMP_SEED for this run (the last entry of a name wins). */
static char **run_environment(const struct detect_request *request, unsigned run_number) {
  size_t count = count_of(request->environment);
  unsigned long seed = 1;
  const char *user_seed = getenv("SVCOMP_SEED");
  for (size_t i = 0; i < count; i++)
    if (starts_with(request->environment[i], "SVCOMP_SEED="))
      user_seed = request->environment[i] + strlen("SVCOMP_SEED=");
  if (user_seed && *user_seed)
    seed = strtoul(user_seed, NULL, 10);
  char **environment = xcalloc(count + 2, sizeof *environment);
  for (size_t i = 0; i < count; i++)
    environment[i] = request->environment[i];
  environment[count] = xprintf("SVCOMP_SEED=%lu", seed + (run_number ? run_number - 1 : 0));
  return environment;
}

/* What the program's first source declares (`// tsan-hides:`, docs/MARKERS.md), read as check mode reads a case's
 * markers. A corpus's program (an SV-COMP task) holds no marker and declares nothing; a catalog case declares its
 * uninstrumented functions. Returns 0, or -1 with *error ("path:line: what is wrong") when the markers cannot be
 * read: what they declare is then unknown. */
static int read_declarations(const char *source, struct case_spec *declared, char **error) {
  *declared = (struct case_spec){0};
  int holds_marker = source_holds_marker(source, error);
  if (holds_marker < 0)
    return -1;
  if (holds_marker == 0) {
    declared->path = xstrdup(source);
    return 0;
  }
  if (case_spec_read(source, declared, error) != 0) {
    case_spec_free(declared);
    return -1;
  }
  return 0;
}

/* TSan: a runtime that started and finished proves nothing about the program's own code (a binary holds __tsan_init
 * as soon as its link has -fsanitize=thread). So the program is proved as check mode proves a case: its binary read
 * (instrumentation_read) with the program's sources as the files under test, and what its first source declares. */
static int read_instrumentation(const struct detect_request *request, struct detect_program *program, char **error) {
  const char *source = request->sources[0];
  struct case_spec *declared = xcalloc(1, sizeof *declared);
  if (read_declarations(source, declared, error) != 0) {
    free(declared);
    return -1;
  }
  /* The configuration's declarations stand beside the program's own (score_main.c refused a bad one). */
  for (size_t i = 0; request->declared_hidings && request->declared_hidings[i]; i++) {
    struct declared_hiding hiding;
    char *why = NULL;
    if (declared_hiding_parse(request->declared_hidings[i], &hiding, &why) != 0) {
      *error = xprintf("%s: --tsan-hides \"%s\": %s", source, request->declared_hidings[i], why);
      free(why);
      case_spec_free(declared);
      free(declared);
      return -1;
    }
    GROW(declared->hidings, declared->hiding_count, declared->hiding_capacity);
    declared->hidings[declared->hiding_count++] = hiding;
  }
  const char **files = xcalloc(request->source_count + 1, sizeof *files);
  for (size_t i = 0; i < request->source_count; i++)
    files[i] = request->sources[i];
  struct instrumentation *facts = xcalloc(1, sizeof *facts);
  char *why = NULL;
  int status = instrumentation_read(program->binary, files, facts, &why);
  free(files);
  if (status != 0) {
    *error = xprintf("%s: cannot show that TSan instrumented the code under test: %s", source, why);
    free(why);
    free(facts);
    case_spec_free(declared);
    free(declared);
    return -1;
  }
  program->facts = facts;
  program->declared = declared;
  return 0;
}

/* The code under test, as check mode judges it once TSan watched the processes (hiding.h): every function of the
 * program's sources instrumented, or declared; the libraries the processes loaded under the same proof. What the
 * program declares is kept as the program's notes, once. */
static void check_code_watched(struct detect_program *program, const struct process_table *processes,
                               struct verdict *verdict) {
  for (size_t i = 0; i < processes->count; i++)
    instrumentation_add_loaded(program->facts, program->binary, (const char *const *)processes->images[i].loaded_files);
  size_t before = verdict->diagnostic_count;
  hiding_check(program->declared, program->binary, program->facts, verdict);
  if (program->notes || verdict->outcome != OUTCOME_MET)
    return;
  struct strbuf notes = {0};
  for (size_t i = before; i < verdict->diagnostic_count; i++)
    strbuf_printf(&notes, "%s%s", notes.length ? "; " : "", verdict->diagnostics[i].message);
  if (notes.length)
    program->notes = strbuf_release(&notes);
  strbuf_free(&notes);
}

/* The verdict's cause, "file:line: message": its first diagnostic of the verdict's own outcome (a note before it, a
 * library TSan does not watch, is not why). */
static char *verdict_cause(const struct verdict *verdict, const char *source) {
  for (size_t i = 0; i < verdict->diagnostic_count; i++) {
    const struct diagnostic *cause = &verdict->diagnostics[i];
    if (cause->outcome != verdict->outcome)
      continue;
    const char *file = cause->file ? cause->file : source;
    return cause->line ? xprintf("%s:%zu: %s", file, cause->line, cause->message)
                       : xprintf("%s: %s", file, cause->message);
  }
  return xprintf("%s: TSan did not watch the run", source);
}

/* TSan: the run traced, each process logging to a file of its own, judged by the per-process proof. */
static int run_tsan(const struct detect_request *request, struct detect_program *program, char *const *environment,
                    struct tsan_log *log, int *interrupted_by, char **error) {
  const char *source = request->sources[0];
  /* Each run logs into a folder of its own: an earlier run's logs would be strays of this one. */
  char *log_folder = xprintf("%s/run.XXXXXX", program->folder);
  if (!mkdtemp(log_folder)) {
    *error = xprintf("%s: cannot create a log folder in %s: %s", source, program->folder, strerror(errno));
    free(log_folder);
    return -1;
  }
  char *log_prefix = xprintf("%s/tsan", log_folder);
  free(log_folder);
  struct runtime_options options = {0};
  char *why = NULL;
  /* The configuration's declared options are what a case's tsan-options are in check mode: the only way past a
   * pinned option, and stated on the command line, never taken from a CI-wide TSAN_OPTIONS. */
  if (runtime_options_build(getenv("TSAN_OPTIONS"), getenv("UBSAN_OPTIONS"), request->tsan_options, log_prefix,
                            &options, &why) != 0) {
    *error = xprintf("%s: cannot run tsan: %s", source, why);
    free(why);
    free(log_prefix);
    return -1;
  }
  char *argv[] = {program->binary, NULL};
  struct run_request run_request = {.argv = argv,
                                    .tsan_options = options.tsan_options,
                                    .ubsan_options = options.ubsan_options,
                                    .environment = environment,
                                    .timeout_seconds = run_timeout(request),
                                    .capture_limit = DEFAULT_CAPTURE_LIMIT,
                                    .trace = true,
                                    .log_prefix = log_prefix,
                                    .classify = image_is_instrumented};
  struct run_result run;
  int status = 0;
  if (run_program(&run_request, &run, &why) != 0) {
    *error = xprintf("%s: cannot run tsan: %s", source, why);
    free(why);
    status = -1;
  } else {
    *interrupted_by = run.interrupted_by;
    struct evidence evidence = {0};
    struct verdict verdict = {0};
    if (run.interrupted_by) {
      verdict_add(&verdict, OUTCOME_CANNOT_CHECK, source, 0, "interrupted by signal %d", run.interrupted_by);
    } else {
      evidence_collect(&run.processes, 4 * (size_t)DEFAULT_CAPTURE_LIMIT, &evidence);
      /* Before the run's own evidence, as in check mode: a call that sends the reports elsewhere is the cause of
       * what the logs then lack. */
      hiding_check_report_redirects(source, program->facts, &verdict);
      check_watched(&run, run_request.timeout_seconds, &options, NULL, source, &evidence, &verdict);
      if (verdict.outcome != OUTCOME_CANNOT_CHECK)
        check_code_watched(program, &run.processes, &verdict);
    }
    if (verdict.outcome != OUTCOME_MET) {
      *error = verdict_cause(&verdict, source);
      status = -1;
    } else {
      evidence_merge(&evidence, log);
    }
    verdict_free(&verdict);
    evidence_free(&evidence);
    run_result_free(&run);
  }
  runtime_options_free(&options);
  free(log_prefix);
  return status;
}

/* Whether `image` is one the run started with (not a fork's): the harness's exec of the launcher, and what it execs. */
static bool started_image(const struct process_table *processes, const struct process_image *image) {
  return image->pid == processes->root && !image->forked && image->parent == 0;
}

/* Whether the image's document is there: the tool wrote PREFIX.PID in it, which the trace set aside (trace.h). */
static bool document_exists(const struct process_image *image) {
  struct stat file;
  return image->log_path && stat(image->log_path, &file) == 0 && S_ISREG(file.st_mode);
}

/* The executables the run ran before the tool wrote its first document: Valgrind's launcher (Debian's wrapper script,
 * through its shell, then valgrind.bin), which an exec under --trace-children=yes runs again on its way to the tool.
 * NULL-terminated; the strings are the table's. */
static const char **launcher_executables(const struct process_table *processes) {
  const char **launchers = xcalloc(processes->count + 1, sizeof *launchers);
  size_t count = 0;
  for (size_t i = 0; i < processes->count; i++) {
    const struct process_image *image = &processes->images[i];
    if (!started_image(processes, image))
      continue;
    if (document_exists(image) || image->end != IMAGE_EXECED || !image->exe)
      break;
    launchers[count++] = image->exe;
  }
  return launchers;
}

static bool listed(const char **list, const char *text) {
  for (size_t i = 0; text && list[i]; i++)
    if (strcmp(list[i], text) == 0)
      return true;
  return false;
}

static const char *image_end_text(const struct process_image *image, char *buffer, size_t size) {
  switch (image->end) {
  case IMAGE_RUNNING: return "was still running";
  case IMAGE_EXECED: return "exec'd";
  case IMAGE_EXITED: snprintf(buffer, size, "exited with status %d", image->code); return buffer;
  case IMAGE_SIGNALED: snprintf(buffer, size, "was killed by signal %d", image->code); return buffer;
  }
  return "ended";
}

/* One image that has a document: read, its pid and tool checked, and (unless it exec'd) watched to its end. */
static int read_image_document(const struct process_image *image, const char *tool, struct tsan_log *document,
                               char **error) {
  *error = NULL;
  long pid;
  char *why = NULL;
  bool replaced = image->end == IMAGE_EXECED;
  if (valgrind_xml_read_image(image->log_path, replaced, document, &pid, &why) != 0) {
    *error = xprintf("cannot read what %s said of pid %ld (%s): %s", tool, image->pid, image->exe, why);
    free(why);
    return -1;
  }
  char ended[64];
  if (pid != image->pid || !document->runtime_version || !starts_with(document->runtime_version, tool))
    *error = xprintf("the document of pid %ld (%s) is not %s's for that process: it names pid %ld and %s", image->pid,
                     image->exe, tool, pid, document->runtime_version ? document->runtime_version : "no tool");
  else if (!replaced && !document->runtime_finished)
    *error = xprintf("%s did not see pid %ld (%s) to its end: it %s, and its document has no FINISHED status", tool,
                     image->pid, image->exe, image_end_text(image, ended, sizeof ended));
  if (!*error)
    return 0;
  tsan_log_free(document);
  return -1;
}

/* Valgrind's own first word on why it stopped ("valgrind: mmap(...) failed in UME ..."), quoted from the run's
 * stderr after "; Valgrind said: ", or "" when it said nothing. */
static char *tool_words(const char *tool_output) {
  for (const char *line = tool_output; line && *line;) {
    size_t length = strcspn(line, "\n");
    if (starts_with(line, "valgrind:"))
      return xprintf("; Valgrind said: %.*s", (int)length, line);
    line += length + (line[length] == '\n');
  }
  return xstrdup("");
}

/* An image without a document, as the message names it: the tool that did not start in it, or code it did not
 * follow. `tools` are the executables of the images that have one. */
static char *unwatched_image(const struct process_image *image, const char *tool, const char **tools,
                             const char *tool_output) {
  char ended[64];
  const char *end = image_end_text(image, ended, sizeof ended);
  char *said = tool_words(tool_output);
  char *message =
      listed(tools, image->exe)
          ? xprintf("%s started in pid %ld (%s) and %s before it wrote its document: it did not run that image%s", tool,
                    image->pid, image->exe, end, said)
          : xprintf("%s did not watch pid %ld, which ran %s and %s without a document of the tool's: an image the "
                    "tool did not follow, whose races it cannot have seen%s",
                    tool, image->pid, image->exe ? image->exe : "an unknown executable", end, said);
  free(said);
  return message;
}

int valgrind_images_read(const struct process_table *processes, const char *tool, const char *tool_output,
                         struct tsan_log *log, char **error) {
  *log = (struct tsan_log){.warnings_reported = -1};
  *error = NULL;
  const char **launchers = launcher_executables(processes);
  const char **tools = xcalloc(processes->count + 1, sizeof *tools);
  for (size_t i = 0, count = 0; i < processes->count; i++)
    if (document_exists(&processes->images[i]) && !listed(tools, processes->images[i].exe))
      tools[count++] = processes->images[i].exe;
  size_t documents = 0;
  for (size_t i = 0; i < processes->count && !*error; i++) {
    const struct process_image *image = &processes->images[i];
    if (!document_exists(image)) {
      /* The launcher, on its way to the tool, runs no code of the program's; any other image did, unwatched. */
      if (image->end != IMAGE_EXECED || !listed(launchers, image->exe))
        *error = unwatched_image(image, tool, tools, tool_output);
      continue;
    }
    struct tsan_log document;
    if (read_image_document(image, tool, &document, error) != 0)
      break;
    documents++;
    if (!log->runtime_version)
      log->runtime_version = xstrdup(document.runtime_version);
    log->runtime_started |= document.runtime_started;
    for (size_t r = 0; r < document.report_count; r++) {
      GROW(log->reports, log->report_count, log->report_capacity);
      log->reports[log->report_count++] = document.reports[r];
    }
    document.report_count = 0;
    tsan_log_free(&document);
  }
  free(tools);
  free(launchers);
  if (!*error && documents == 0) {
    char *said = tool_words(tool_output);
    *error = xprintf("%s wrote no document: it did not run the program%s", tool, said);
    free(said);
  }
  if (*error) {
    tsan_log_free(log);
    *log = (struct tsan_log){.warnings_reported = -1};
    return -1;
  }
  /* Every image that ended was seen to its end (read_image_document): so was the program. */
  log->runtime_finished = true;
  return 0;
}

/* A '%' of a path given to Valgrind's --xml-file, which expands %p, %n, %q{...} and aborts on any other. */
static char *valgrind_escaped(const char *path) {
  struct strbuf escaped = {0};
  for (const char *c = path; *c; c++)
    strbuf_append(&escaped, *c == '%' ? "%%" : c, *c == '%' ? 2 : 1);
  return strbuf_release(&escaped);
}

/* Helgrind or DRD: the program under Valgrind, followed into every process and exec (--trace-children=yes), each
 * image writing its own XML document at PREFIX.PID (Valgrind opens %p again in a forked child, so a fork's child is
 * heard, not silenced). The run is traced as TSan's is, so the harness sets each image's document aside when it
 * ends or execs (trace.h): an exec keeps the pid, and the next image's tool would truncate the file. */
static int run_valgrind(const struct detect_request *request, const struct detect_program *program,
                        char *const *environment, struct tsan_log *log, int *interrupted_by, char **error) {
  const char *source = request->sources[0];
  const char *tool_name = detector_name(request->detector);
  char *log_folder = xprintf("%s/run.XXXXXX", program->folder);
  char absolute[PATH_MAX];
  /* Absolute: a forked child opens its document where it is then, after any chdir of the program's. */
  if (!mkdtemp(log_folder) || !realpath(log_folder, absolute)) {
    *error = xprintf("%s: cannot create a log folder in %s: %s", source, program->folder, strerror(errno));
    free(log_folder);
    return -1;
  }
  free(log_folder);
  char *log_prefix = xprintf("%s/%s", absolute, tool_name);
  char *escaped = valgrind_escaped(log_prefix);
  char *tool = xprintf("--tool=%s", tool_name);
  char *xml_file = xprintf("--xml-file=%s.%%p", escaped);
  char *argv[] = {"valgrind", tool, "--xml=yes",
                  /* Every image the program runs, under the tool: an exec'd one too, and a fork's child heard. */
                  "--trace-children=yes", "--child-silent-after-fork=no", xml_file, program->binary, NULL};
  struct run_request run_request = {.argv = argv,
                                    .environment = environment,
                                    .timeout_seconds = run_timeout(request),
                                    .capture_limit = 8 << 20,
                                    .trace = true,
                                    .log_prefix = log_prefix};
  struct run_result run;
  char *why = NULL;
  int status = 0;
  if (run_program(&run_request, &run, &why) != 0) {
    *error = xprintf("%s: cannot run %s: %s", source, tool_name, why);
    free(why);
    status = -1;
  } else {
    *interrupted_by = run.interrupted_by;
    if (run.interrupted_by) {
      *error = xprintf("%s: interrupted by signal %d", source, run.interrupted_by);
      status = -1;
    } else if (run.end == RUN_TIMED_OUT) {
      *error = xprintf("%s: %s did not finish in %.0f s", source, tool_name, run_request.timeout_seconds);
      status = -1;
    } else if (run.group_survivors) {
      *error = xprintf("%s: processes the program started outlived it (killed); %s did not see them to their end",
                       source, tool_name);
      status = -1;
    } else if (valgrind_images_read(&run.processes, tool_name, run.err.data, log, &why) != 0) {
      *error = xprintf("%s: %s", source, why);
      free(why);
      status = -1;
    }
    run_result_free(&run);
  }
  free(xml_file);
  free(tool);
  free(escaped);
  free(log_prefix);
  return status;
}

int detect_build(const struct detect_request *request, struct detect_program *program, int *interrupted_by,
                 char **error) {
  *program = (struct detect_program){0};
  *interrupted_by = 0;
  *error = NULL;
  const char *tmp = getenv("TMPDIR");
  char *folder = xprintf("%s/tsan-verify-detect.XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(folder) || strchr(folder, '"')) {
    *error = xprintf("cannot create a private folder in %s: %s", tmp && *tmp ? tmp : "/tmp",
                     strchr(folder, '"') ? "its name holds a double quote" : strerror(errno));
    free(folder);
    return -1;
  }
  program->folder = folder;
  program->binary = xprintf("%s/program", folder);
  if (build(request, program->binary, interrupted_by, error) != 0 || *interrupted_by) {
    if (!*error)
      *error = xprintf("%s: interrupted while compiling", request->sources[0]);
    detect_program_free(program);
    return -1;
  }
  if (request->detector == DETECTOR_TSAN && read_instrumentation(request, program, error) != 0) {
    detect_program_free(program);
    return -1;
  }
  return 0;
}

int detect_run(const struct detect_request *request, struct detect_program *program, unsigned run_number,
               struct tsan_log *log, int *interrupted_by, char **error) {
  *log = (struct tsan_log){.warnings_reported = -1};
  *interrupted_by = 0;
  *error = NULL;
  char **environment = run_environment(request, run_number);
  size_t own = count_of(request->environment);
  int status = request->detector == DETECTOR_TSAN
                   ? run_tsan(request, program, environment, log, interrupted_by, error)
                   : run_valgrind(request, program, environment, log, interrupted_by, error);
  free(environment[own]);
  free(environment);
  return status;
}

void detect_program_free(struct detect_program *program) {
  if (program->folder)
    nftw(program->folder, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
  free(program->binary);
  free(program->folder);
  if (program->facts)
    instrumentation_free(program->facts);
  free(program->facts);
  if (program->declared)
    case_spec_free(program->declared);
  free(program->declared);
  free(program->notes);
  *program = (struct detect_program){0};
}
