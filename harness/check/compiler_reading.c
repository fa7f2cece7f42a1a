/* compiler_reading.c: the compiler's own reading of the case and its marker files, beside the build or the run
 * (compiler_reading.h). */
#include "check/compiler_reading.h"
#include "base/side_thread.h"
#include "base/util.h"
#include "check/case_flags.h"
#include "process/run.h"
#include "source/cflags.h"
#include "source/linemap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

/* The compiler's own reading of `source`, the case or a marker file: `cc FLAGS -E -C SOURCE` under the case's flags
 * (line markers, comments kept), checked against the reader's reading of the same file, `spec` (linemap.c). Returns 0
 * when they agree; -1 after adding the verdict. A compiler that cannot preprocess the file is cannot check, wherever
 * the program came from: flags that build a program can still fail -E (`-Werror` with a linker flag: "input unused"),
 * and a reading that did not happen agrees with nothing. When the harness's own build of the case fails too, the
 * build's error is the verdict instead (compiler_reading_discard). */
static int check_compiler_reading(struct compiler_reading *reading, const char *source, bool marker_file,
                                  const struct case_spec *spec, bool alongside) {
  const struct verify_request *request = reading->request;
  const char *folder = reading->folder;
  const char *what = marker_file ? "the marker file" : "the case";
  char **flags = case_flag_words(request, reading->spec); /* the case's: its uses-openmp holds for every file */
  size_t n = 0;
  while (flags[n])
    n++;
  char **argv = xcalloc(n + 8, sizeof *argv);
  size_t a = 0;
  argv[a++] = (char *)case_compiler(request);
  /* The other sources the flags build with the case (`--cflags "... src/lib.c"`) are left out: this reads one file,
   * and with a second input the driver refuses -o. */
  for (size_t i = 0; i < n; i++)
    if (!cflags_word_is_source(flags, i))
      argv[a++] = flags[i];
  char *output = xprintf("%s/case.i", folder);
  char *dashed = source[0] == '-' ? xprintf("./%s", source) : NULL;
  argv[a++] = "-E";
  argv[a++] = "-C";
  /* gcc restates a line around a macro a system header defines (`bool` at a line's start: "_Bool", then "# 10 FILE"),
   * with no flag to tell it from a #line directive when the line follows an #include's return; without macro
   * expansion tracking it prints the line whole. The line numbers are the same either way. clang knows no such flag
   * and says so. What built the program (its .comment, or the compiler asked once: resolve_toolchain) says which to
   * expect; any other compiler's own answer decides, without a run to ask it which it is. */
  size_t tracking = a;
  if (strcmp(reading->family, "clang") != 0)
    argv[a++] = "-ftrack-macro-expansion=0";
  argv[a++] = dashed ? dashed : (char *)source;
  argv[a++] = "-o";
  argv[a++] = output;
  char *compiler_tmpdir = xprintf("TMPDIR=%s", folder);
  char *const compiler_environment[] = {compiler_tmpdir, NULL};
  struct run_request run_request = {.argv = argv,
                                    .timeout_seconds = 300,
                                    .capture_limit = 1 << 20,
                                    .environment = compiler_environment,
                                    .alongside = alongside,
                                    .cancelled = alongside ? &reading->cancelled : NULL};
  struct run_result run;
  char *error = NULL;
  int status = 0;
  int started = run_program(&run_request, &run, &error);
  if (started == 0 && !run.interrupted_by && !(run.end == RUN_EXITED && run.code == 0) && run.err.data &&
      strcmp(argv[tracking], "-ftrack-macro-expansion=0") == 0 && strstr(run.err.data, "-ftrack-macro-expansion")) {
    run_result_free(&run);
    memmove(&argv[tracking], &argv[tracking + 1], (a - tracking) * sizeof *argv);
    a--;
    started = run_program(&run_request, &run, &error);
  }
  free(compiler_tmpdir);
  if (started != 0) {
    verdict_add(&reading->verdict, OUTCOME_CANNOT_CHECK, source, 1,
                "cannot run the compiler %s to read %s with the case's flags: %s", case_compiler(request), what, error);
    status = -1;
    free(error);
  } else {
    reading->interrupted_by = run.interrupted_by;
    bool preprocessed = run.end == RUN_EXITED && run.code == 0 && !run.interrupted_by;
    FILE *file = preprocessed ? fopen(output, "rbe") : NULL;
    struct strbuf text = {0};
    if (file && read_stream(file, 256u << 20, &text) == 0) {
      if (linemap_check_preprocessed(spec, text.data ? text.data : "", text.length, &reading->dialect, &error) != 0) {
        verdict_add(&reading->verdict, OUTCOME_CANNOT_CHECK, NULL, 0, "%s (the compiler's reading%s: %s -E -C)", error,
                    marker_file ? " of the marker file, with the case's flags" : "", case_compiler(request));
        free(error);
        status = -1;
      }
    } else {
      const char *message = run.err.data ? run.err.data : "";
      size_t length = strcspn(message, "\n");
      char *how = run.interrupted_by                  ? xprintf("interrupted by signal %d", run.interrupted_by)
                  : run.end == RUN_TIMED_OUT          ? xprintf("it ran past %.0f s", run_request.timeout_seconds)
                  : run.end == RUN_SIGNALED           ? xprintf("killed by signal %d", run.code)
                  : run.end == RUN_EXITED && run.code ? xprintf("exit status %d", run.code)
                                                      : xstrdup("it wrote no output");
      verdict_add(&reading->verdict, OUTCOME_CANNOT_CHECK, source, 1,
                  "%s cannot preprocess %s with the case's flags (%s): %.*s", case_compiler(request), what, how,
                  (int)length, length ? message : "(no message)");
      free(how);
      status = -1;
    }
    if (file)
      fclose(file);
    strbuf_free(&text);
    run_result_free(&run);
  }
  remove(output);
  free(output);
  free(dashed);
  free(argv);
  free_words(flags);
  return status;
}

/* The compiler's reading of every file whose markers the verdict reads: the case, then each marker file, each under
 * the case's flags (what the harness knows of how the program was built). A marker in code the compiler skips, or on
 * a line it counts as another, names its own file and line. Returns 0 when every reading agrees; -1 after adding the
 * verdict. */
static int check_compiler_readings(struct compiler_reading *reading, bool alongside) {
  if (check_compiler_reading(reading, reading->request->case_path, false, reading->spec, alongside) != 0)
    return -1;
  for (size_t i = 0; i < reading->spec->marker_file_count; i++) {
    const char *path = reading->spec->marker_files[i];
    struct case_spec file;
    char *error = NULL;
    if (case_spec_read_as(path, &reading->dialect, &file, &error) != 0) {
      verdict_add(&reading->verdict, OUTCOME_CANNOT_CHECK, NULL, 0, "%s", error); /* it changed since it was read */
      free(error);
      case_spec_free(&file);
      return -1;
    }
    int status = check_compiler_reading(reading, path, true, &file, alongside);
    case_spec_free(&file);
    if (status != 0)
      return -1;
  }
  return 0;
}

static void *read_on_thread(void *argument) {
  struct compiler_reading *reading = argument;
  reading->status = check_compiler_readings(reading, true);
  atomic_store(&reading->done, true);
  if (reading->done_fd >= 0)
    eventfd_write(reading->done_fd, 1);
  return NULL;
}

/* Waits for the thread, reading meanwhile the signals the harness holds: the caller runs nothing that would. A signal
 * from outside cancels the reading; the caller's case is interrupted by it. */
static void join_reading(struct compiler_reading *reading, int *interrupted_by) {
  if (!reading->on_thread)
    return;
  while (!atomic_load(&reading->done)) {
    /* Woken by the thread's end; the limit only bounds a wake-up that went astray. */
    int signal_number = held_signals_wait(reading->done_fd >= 0 ? 1000 : 20, reading->done_fd);
    if (signal_number && !reading->cancelled) {
      reading->cancelled = signal_number;
      if (!*interrupted_by)
        *interrupted_by = signal_number;
    }
  }
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
