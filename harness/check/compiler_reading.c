/* compiler_reading.c: the compiler's own reading of the case and its marker files, beside the build or the run
 * (compiler_reading.h). */
#include "check/compiler_reading.h"
#include "base/private_folder.h"
#include "base/readfile.h"
#include "base/side_thread.h"
#include "base/util.h"
#include "check/build_inputs.h"
#include "check/case_flags.h"
#include "check/reading_record.h"
#include "process/run.h"
#include "source/cflags.h"
#include "source/linemap.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

/* The words of the compiler's reading of `source` under the case's flags, without its output (`-o FILE`): what a kept
 * reading is found by (reading_record.h). *tracking is the index of gcc's -ftrack-macro-expansion=0, or 0. */
static char **reading_words(const struct verify_request *request, const struct case_spec *spec, const char *family,
                            const char *source, size_t *tracking) {
  char **flags = case_flag_words(request, spec); /* the case's: its uses-openmp holds for every file */
  size_t n = 0;
  while (flags[n])
    n++;
  char **words = xcalloc(n + 6, sizeof *words);
  size_t a = 0;
  words[a++] = xstrdup(case_compiler(request));
  /* The other sources the flags build with the case (`--cflags "... src/lib.c"`) are left out: this reads one file,
   * and with a second input the driver refuses -o. */
  for (size_t i = 0; i < n; i++)
    if (!cflags_word_is_source(flags, i))
      words[a++] = xstrdup(flags[i]);
  free_words(flags);
  words[a++] = xstrdup("-E");
  words[a++] = xstrdup("-C");
  /* gcc restates a line around a macro a system header defines (`bool` at a line's start: "_Bool", then "# 10 FILE"),
   * with no flag to tell it from a #line directive when the line follows an #include's return; without macro
   * expansion tracking it prints the line whole. The line numbers are the same either way. clang knows no such flag
   * and says so. What built the program (its .comment, or the compiler asked once: resolve_toolchain) says which to
   * expect; any other compiler's own answer decides, without a run to ask it which it is. */
  *tracking = 0;
  if (strcmp(family, "clang") != 0) {
    *tracking = a;
    words[a++] = xstrdup("-ftrack-macro-expansion=0");
  }
  words[a++] = source[0] == '-' ? xprintf("./%s", source) : xstrdup(source);
  return words;
}

/* Runs the compiler's reading `words` into `output` (with `-MD -MF dependencies` too when that is not NULL): 0 with
 * *run to read, -1 with *error when it could not be started. gcc's -ftrack-macro-expansion=0, refused by a compiler
 * that does not know it, is dropped and the reading run again. */
static int run_reading(char **words, size_t tracking, const char *output, const char *dependencies, const char *folder,
                       bool alongside, volatile sig_atomic_t *cancelled, struct run_result *run, char **error) {
  size_t n = 0;
  while (words[n])
    n++;
  char **argv = xcalloc(n + 6, sizeof *argv); /* -MD -MF FILE -o FILE NULL */
  memcpy(argv, words, n * sizeof *argv);
  size_t a = n;
  if (dependencies) {
    argv[a++] = "-MD";
    argv[a++] = "-MF";
    argv[a++] = (char *)dependencies;
  }
  argv[a++] = "-o";
  argv[a++] = (char *)output;
  char *compiler_tmpdir = xprintf("TMPDIR=%s", folder);
  char *const compiler_environment[] = {compiler_tmpdir, NULL};
  struct run_request run_request = {.argv = argv,
                                    .timeout_seconds = 300,
                                    .capture_limit = 1 << 20,
                                    .environment = compiler_environment,
                                    .alongside = alongside,
                                    .cancelled = cancelled};
  int started = run_program(&run_request, run, error);
  if (started == 0 && !run->interrupted_by && !(run->end == RUN_EXITED && run->code == 0) && run->err.data &&
      tracking && strstr(run->err.data, "-ftrack-macro-expansion")) {
    run_result_free(run);
    memmove(&argv[tracking], &argv[tracking + 1], (a - tracking) * sizeof *argv);
    started = run_program(&run_request, run, error);
  }
  free(compiler_tmpdir);
  free(argv);
  return started;
}

/* What the compiler's reading of `source` printed, into *text: found in the build's record (--reading) when it still
 * stands, else read by the compiler now. Returns 0, or -1 after adding the verdict (the compiler could not read it). */
static int compiler_reading_text(struct compiler_reading *reading, const char *source, bool marker_file, bool alongside,
                                 struct strbuf *text, bool *kept_by_the_build) {
  *kept_by_the_build = false;
  const struct verify_request *request = reading->request;
  const char *what = marker_file ? "the marker file" : "the case";
  size_t tracking;
  char **words = reading_words(request, reading->spec, reading->family, source, &tracking);
  int status = 0;
  if (request->reading_record_text) {
    char folder[PATH_MAX], *kept = NULL, *why_not = NULL;
    size_t kept_length = 0;
    if (getcwd(folder, sizeof folder) &&
        reading_record_find(request->reading_record, request->reading_record_text, request->reading_record_length,
                            words, folder, request->binary, &kept, &kept_length, &why_not) == 0) {
      *text = (struct strbuf){.data = kept, .length = kept_length, .capacity = kept_length + 1};
      *kept_by_the_build = true;
      free_words(words);
      return 0;
    }
    free(why_not); /* the compiler reads it now, as without a record */
  }
  char *output = xprintf("%s/case.i", reading->folder);
  struct run_result run;
  char *error = NULL;
  if (run_reading(words, tracking, output, NULL, reading->folder, alongside, alongside ? &reading->cancelled : NULL,
                  &run, &error) != 0) {
    verdict_add(&reading->verdict, OUTCOME_CANNOT_CHECK, source, 1,
                "cannot run the compiler %s to read %s with the case's flags: %s", case_compiler(request), what, error);
    free(error);
    status = -1;
  } else {
    reading->interrupted_by = run.interrupted_by;
    bool preprocessed = run.end == RUN_EXITED && run.code == 0 && !run.interrupted_by;
    FILE *file = preprocessed ? fopen(output, "rbe") : NULL;
    if (!file || read_stream(file, 256u << 20, text) != 0) {
      const char *message = run.err.data ? run.err.data : "";
      size_t length = strcspn(message, "\n");
      char *how = run.interrupted_by                  ? xprintf("interrupted by signal %d", run.interrupted_by)
                  : run.end == RUN_TIMED_OUT          ? xstrdup("it ran past 300 s")
                  : run.end == RUN_SIGNALED           ? xprintf("killed by signal %d", run.code)
                  : run.end == RUN_EXITED && run.code ? xprintf("exit status %d", run.code)
                                                      : xstrdup("it wrote no output");
      verdict_add(&reading->verdict, OUTCOME_CANNOT_CHECK, source, 1,
                  "%s cannot preprocess %s with the case's flags (%s): %.*s", case_compiler(request), what, how,
                  (int)length, length ? message : "(no message)");
      free(how);
      strbuf_free(text);
      status = -1;
    }
    if (file)
      fclose(file);
    run_result_free(&run);
  }
  remove(output);
  free(output);
  free_words(words);
  return status;
}

/* The DWARF of the program the request names, read when first needed (a reading the compiler made now). */
struct program_dwarf {
  bool tried, read;
  struct dwarf_info info;
};

static bool program_dwarf_of(const struct compiler_reading *reading, struct program_dwarf *program) {
  if (!program->tried && reading->request->binary) {
    char *ignored = NULL;
    program->read = dwarf_info_open(reading->request->binary, &program->info, &ignored) == 0;
    free(ignored);
  }
  program->tried = true;
  return program->read;
}

/* One file's reading: its text (the compiler's, or the build's kept one) and the file's own markers. */
struct file_reading {
  const char *source;
  bool marker_file;
  struct case_spec own_spec; /* a marker file's, read again under the case's dialect; unused for the case */
  struct strbuf text;
};

/* The first part of one file's reading, which ends before the program starts: the compiler's text of the file (or the
 * build's kept text), held against what the program's build read (build_inputs.h). Returns 0, or -1 after adding the
 * verdict. A compiler that cannot preprocess the file is cannot check, wherever the program came from: flags that
 * build a program can still fail -E (`-Werror` with a linker flag: "input unused"), and a reading that did not happen
 * agrees with nothing. When the harness's own build of the case fails too, the build's error is the verdict instead
 * (compiler_reading_discard). */
static int read_file_text(struct compiler_reading *reading, struct file_reading *file, struct program_dwarf *program,
                          bool alongside) {
  bool kept;
  if (compiler_reading_text(reading, file->source, file->marker_file, alongside, &file->text, &kept) != 0)
    return -1;
  char *error = NULL;
  char folder[PATH_MAX];
  /* A reading of other files than the build read is no reading of what the program was built from. The build's kept
   * reading was held against the program when it was written (keep_reading), and the record is the same program's. */
  if (!kept && program_dwarf_of(reading, program) && getcwd(folder, sizeof folder) &&
      build_inputs_check(&program->info, file->source, file->text.data ? file->text.data : "", file->text.length,
                         folder, &error) != 0) {
    verdict_add(&reading->verdict, OUTCOME_CANNOT_CHECK, NULL, 0, "%s (the compiler's reading: %s -E -C)", error,
                case_compiler(reading->request));
    free(error);
    return -1;
  }
  return 0;
}

/* The second part, which needs nothing of the files and may go on while the program runs: the text held against the
 * markers' reader's reading of the same file (linemap.c). A marker in code the compiler skips, or on a line it counts
 * as another, names its own file and line. Returns 0 when they agree; -1 after adding the verdict. */
static int check_file_text(struct compiler_reading *reading, const struct file_reading *file) {
  const struct case_spec *spec = file->marker_file ? &file->own_spec : reading->spec;
  char *error = NULL;
  if (linemap_check_preprocessed(spec, file->text.data ? file->text.data : "", file->text.length, &reading->dialect,
                                 &error) != 0) {
    verdict_add(&reading->verdict, OUTCOME_CANNOT_CHECK, NULL, 0, "%s (the compiler's reading%s: %s -E -C)", error,
                file->marker_file ? " of the marker file, with the case's flags" : "", case_compiler(reading->request));
    free(error);
    return -1;
  }
  return 0;
}

/* The texts are read: the program may start (compiler_reading_wait). */
static void texts_read(struct compiler_reading *reading) {
  atomic_store(&reading->texts_ready, true);
  if (reading->done_fd >= 0)
    eventfd_write(reading->done_fd, 1);
}

/* The compiler's reading of every file whose markers the verdict reads: the case, then each marker file, each under
 * the case's flags (what the harness knows of how the program was built). Every text is read first (before the
 * program starts), then each is checked. Returns 0 when every reading agrees; -1 after adding the verdict. */
static int check_compiler_readings(struct compiler_reading *reading, bool alongside) {
  /* What the program's build read, when the program was built elsewhere (the harness's own build reads as the reading
   * does). A program without DWARF has no line to hold against the markers either (the proof says so). */
  struct program_dwarf program = {0};
  size_t count = 1 + reading->spec->marker_file_count;
  struct file_reading *files = xcalloc(count, sizeof *files);
  int status = 0;
  for (size_t i = 0; i < count && status == 0; i++) {
    struct file_reading *file = &files[i];
    file->marker_file = i > 0;
    file->source = i == 0 ? reading->request->case_path : reading->spec->marker_files[i - 1];
    char *error = NULL;
    if (file->marker_file && case_spec_read_as(file->source, &reading->dialect, &file->own_spec, &error) != 0) {
      verdict_add(&reading->verdict, OUTCOME_CANNOT_CHECK, NULL, 0, "%s", error); /* it changed since it was read */
      free(error);
      status = -1;
    } else {
      status = read_file_text(reading, file, &program, alongside);
    }
  }
  if (program.read)
    dwarf_info_close(&program.info);
  texts_read(reading);
  for (size_t i = 0; i < count && status == 0; i++)
    status = check_file_text(reading, &files[i]);
  for (size_t i = 0; i < count; i++) {
    case_spec_free(&files[i].own_spec);
    strbuf_free(&files[i].text);
  }
  free(files);
  return status;
}

static void *read_on_thread(void *argument) {
  struct compiler_reading *reading = argument;
  reading->status = check_compiler_readings(reading, true);
  atomic_store(&reading->done, true);
  if (reading->done_fd >= 0)
    eventfd_write(reading->done_fd, 1);
  return NULL;
}

/* Waits until `reached` (the texts read, or the thread's end), reading meanwhile the signals the harness holds: the
 * caller runs nothing that would. A signal from outside cancels the reading; the caller's case is interrupted by it. */
static void wait_for(struct compiler_reading *reading, atomic_bool *reached, int *interrupted_by) {
  while (!atomic_load(reached)) {
    /* Woken by the thread's writes; the limit only bounds a wake-up that went astray. */
    int signal_number = held_signals_wait(reading->done_fd >= 0 ? 1000 : 20, reading->done_fd);
    eventfd_t written;
    if (reading->done_fd >= 0)
      eventfd_read(reading->done_fd, &written); /* so that the next wait sleeps until the next write */
    if (signal_number && !reading->cancelled) {
      reading->cancelled = signal_number;
      if (!*interrupted_by)
        *interrupted_by = signal_number;
    }
  }
}

/* Waits for the thread's end (wait_for) and joins it. */
static void join_reading(struct compiler_reading *reading, int *interrupted_by) {
  if (!reading->on_thread)
    return;
  wait_for(reading, &reading->done, interrupted_by);
  pthread_join(reading->thread, NULL);
  reading->on_thread = false;
  if (reading->done_fd >= 0)
    close(reading->done_fd);
  reading->done_fd = -1;
}

int compiler_reading_start(struct compiler_reading *reading, const struct verify_request *request, const char *folder,
                           const struct case_spec *spec, const struct c_dialect *dialect, const char *family,
                           const struct verdict *verdict) {
  *reading = (struct compiler_reading){.request = request,
                                       .folder = folder,
                                       .spec = spec,
                                       .dialect = *dialect,
                                       .family = family,
                                       .mark = verdict->diagnostic_count,
                                       .done_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)};
  reading->on_thread = run_alongside_possible() && side_thread_start(&reading->thread, read_on_thread, reading);
  if (!reading->on_thread && reading->done_fd >= 0) {
    close(reading->done_fd);
    reading->done_fd = -1;
  }
  if (!reading->on_thread)
    reading->status = check_compiler_readings(reading, false);
  return reading->status;
}

void compiler_reading_wait(struct compiler_reading *reading, int *interrupted_by) {
  if (reading->on_thread)
    wait_for(reading, &reading->texts_ready, interrupted_by);
}

void compiler_reading_discard(struct compiler_reading *reading, int *interrupted_by) {
  join_reading(reading, interrupted_by);
  verdict_free(&reading->verdict);
  if (reading->interrupted_by && !*interrupted_by)
    *interrupted_by = reading->interrupted_by;
}

int compiler_reading_settle(struct compiler_reading *reading, struct verdict *verdict, int *interrupted_by) {
  join_reading(reading, interrupted_by);
  if (reading->status != 0)
    verdict_truncate(verdict, reading->mark);
  verdict_take(verdict, &reading->verdict);
  if (reading->interrupted_by && !*interrupted_by)
    *interrupted_by = reading->interrupted_by;
  return reading->status;
}

/* The response files the words name (`@FILE`), and those they name in turn, added to `paths`: the compiler reads its
 * flags from them, and lists none of them among what it read. A word inside one that merely starts with '@' and
 * names a file costs that file's MD5, nothing more. */
static void response_files(char *const *words, const char *here, char ***paths, size_t *count) {
  size_t first = *count;
  for (size_t i = 1; words[i]; i++)
    if (words[i][0] == '@' && words[i][1])
      dependency_add(paths, count, xstrdup(words[i] + 1));
  for (size_t f = first; f < *count; f++) {
    char *path = path_in_folder(here, (*paths)[f]);
    struct strbuf text;
    char *error = NULL;
    if (read_whole_file(path, &text, &error) == 0) {
      for (char *p = text.data; (p = strchr(p, '@')) != NULL; p++) {
        if (p > text.data && !strchr(" \t\r\n'\"", p[-1]))
          continue;
        size_t length = strcspn(p + 1, " \t\r\n'\"");
        if (length)
          dependency_add(paths, count, xstrndup(p + 1, length));
      }
      strbuf_free(&text);
    }
    free(error);
    free(path);
  }
}

/* Reads `source` for the record: the compiler's reading and what it read (its dependency list and its line markers).
 * Returns 0 after appending it, 1 when the compiler could not read it (nothing kept: a check reads it again and says
 * why), -1 with *error when the record cannot be written. */
static int keep_reading(const struct verify_request *request, const char *family, const char *source,
                        const struct dwarf_info *program, const char *folder, const char *here, FILE *record,
                        int *interrupted_by, char **error) {
  size_t tracking;
  char **words = reading_words(request, NULL, family, source, &tracking); /* a --binary's flags are its own */
  char *output = xprintf("%s/case.i", folder), *dependencies = xprintf("%s/case.d", folder);
  struct run_result run;
  char *run_error = NULL;
  int status = 1;
  if (run_reading(words, tracking, output, dependencies, folder, false, NULL, &run, &run_error) != 0) {
    free(run_error);
  } else if (run.interrupted_by) {
    /* A signal from outside ends the writing: no record is written, and the harness then ends by the signal. */
    *interrupted_by = run.interrupted_by;
    *error = xprintf("interrupted by signal %d", run.interrupted_by);
    status = -1;
    run_result_free(&run);
  } else {
    struct strbuf text = {0}, listed = {0};
    char *read_error = NULL;
    if (run.end == RUN_EXITED && run.code == 0 && !run.interrupted_by &&
        read_whole_file(output, &text, &read_error) == 0 && read_whole_file(dependencies, &listed, &read_error) == 0) {
      char **inputs = NULL;
      size_t input_count = 0;
      line_marker_files(text.data, text.length, &inputs, &input_count);
      response_files(words, here, &inputs, &input_count);
      /* A reading that did not read what the program's build read is not kept: a check reads the file again and
       * says so (build_inputs.h). */
      if (program && build_inputs_check(program, source, text.data, text.length, here, &read_error) != 0) {
        /* nothing kept */
      } else if (dependency_files(listed.data, listed.length, &inputs, &input_count, &read_error) == 0) {
        struct kept_reading kept = {.words = words,
                                    .folder = here,
                                    .program = request->binary,
                                    .output = text.data,
                                    .output_length = text.length};
        /* A file the compiler read that cannot be read now keeps nothing; a record that cannot be written fails. */
        status = reading_record_append(record, &kept, inputs, input_count, error);
        if (status == 1) {
          free(*error);
          *error = NULL;
        }
      }
      for (size_t i = 0; i < input_count; i++)
        free(inputs[i]);
      free(inputs);
    }
    free(read_error);
    strbuf_free(&text);
    strbuf_free(&listed);
    run_result_free(&run);
  }
  remove(output);
  remove(dependencies);
  free(output);
  free(dependencies);
  free_words(words);
  return status;
}

int compiler_reading_write(const struct verify_request *request, const char *family, char *const *sources, size_t count,
                           const struct marker_search_answers *answers, const char *record_path, int *interrupted_by,
                           char **error) {
  char here[PATH_MAX];
  if (!getcwd(here, sizeof here)) {
    *error = xprintf("cannot name the current folder: %s", strerror(errno));
    return -1;
  }
  char *folder = private_folder_create(error);
  if (!folder)
    return -1;
  /* Written beside, then renamed over the record: a check never reads half a record, and an old one goes. */
  char *partial = xprintf("%s.%ld.partial", record_path, (long)getpid());
  FILE *record = fopen(partial, "wbe");
  int status = 0;
  if (!record) {
    *error = xprintf("%s: cannot write: %s", partial, strerror(errno));
    status = -1;
  }
  struct dwarf_info program;
  char *ignored = NULL;
  bool program_read = request->binary && dwarf_info_open(request->binary, &program, &ignored) == 0;
  free(ignored);
  for (size_t i = 0; status == 0 && i < count; i++)
    if (keep_reading(request, family, sources[i], program_read ? &program : NULL, folder, here, record, interrupted_by,
                     error) < 0)
      status = -1;
  if (program_read)
    dwarf_info_close(&program);
  if (status == 0 && answers)
    status = reading_record_append_answers(record, answers, error);
  if (record && fclose(record) != 0 && status == 0) {
    *error = xprintf("%s: cannot write: %s", partial, strerror(errno));
    status = -1;
  }
  if (status == 0 && rename(partial, record_path) != 0) {
    *error = xprintf("%s: cannot write: %s", record_path, strerror(errno));
    status = -1;
  }
  if (status != 0)
    remove(partial);
  free(partial);
  private_folder_remove(folder);
  free(folder);
  return status;
}
