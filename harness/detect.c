/* detect.c: build a program from sources, run it under TSan, Helgrind or DRD, read what the detector says. */
#include "detect.h"
#include "run.h"
#include "runtime_options.h"
#include "util.h"
#include "valgrind.h"
#include "verify.h"

#include <errno.h>
#include <ftw.h>
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

static int build(const struct detect_request *request, const char *binary, int *interrupted_by, char **error) {
  const char *compiler = request->compiler ? request->compiler : getenv("CC");
  if (!compiler || !*compiler)
    compiler = "clang";
  char **argv = xcalloc(request->source_count + 16, sizeof *argv);
  size_t a = 0;
  argv[a++] = (char *)compiler;
  argv[a++] = "-g";
  argv[a++] = "-pthread";
  argv[a++] = (char *)(request->opt_level ? request->opt_level : "-O1");
  argv[a++] = request->detector == DETECTOR_TSAN ? "-fsanitize=thread" : "-gdwarf-4";
  argv[a++] = "-w"; /* corpora are not ours to lint */
  for (size_t i = 0; i < request->source_count; i++)
    argv[a++] = request->sources[i];
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

static int run_detector(const struct detect_request *request, const char *folder, const char *binary,
                        struct tsan_log *log, int *interrupted_by, char **error) {
  char *xml = xprintf("%s/valgrind.xml", folder);
  char *tool = xprintf("--tool=%s", detector_name(request->detector));
  char *xml_file = xprintf("--xml-file=%s", xml);
  char *tsan_argv[] = {(char *)binary, NULL};
  /* A forked child stays silent: its own XML document would follow the parent's in the same file. */
  char *valgrind_argv[] = {"valgrind", tool,           "--xml=yes", "--child-silent-after-fork=yes",
                           xml_file,   (char *)binary, NULL};
  bool tsan = request->detector == DETECTOR_TSAN;
  char *why = NULL;
  struct runtime_options options = {0};
  if (tsan && runtime_options_build(getenv("TSAN_OPTIONS"), getenv("UBSAN_OPTIONS"), NULL, NULL, &options, &why) != 0) {
    *error = xprintf("%s: cannot run tsan: %s", request->sources[0], why);
    free(why);
    free(xml_file);
    free(tool);
    free(xml);
    return -1;
  }
  struct run_request run_request = {.argv = tsan ? tsan_argv : valgrind_argv,
                                    .tsan_options = options.tsan_options, /* log on stderr */
                                    .ubsan_options = options.ubsan_options,
                                    .timeout_seconds = request->timeout_seconds > 0 ? request->timeout_seconds : 120,
                                    .capture_limit = 8 << 20};
  struct run_result run;
  int status = 0;
  if (run_program(&run_request, &run, &why) != 0) {
    *error = xprintf("%s: cannot run %s: %s", request->sources[0], detector_name(request->detector), why);
    free(why);
    status = -1;
  } else {
    *interrupted_by = run.interrupted_by;
    if (run.end == RUN_TIMED_OUT) {
      *error = xprintf("%s: %s did not finish in %.0f s", request->sources[0], detector_name(request->detector),
                       run_request.timeout_seconds);
      status = -1;
    } else if (tsan) {
      status = tsan_parse(run.err.data, run.err.length, log, &why);
      if (status == 0 && !log->runtime_started) {
        why = xstrdup("TSan did not start (is the program built with -fsanitize=thread?)");
        tsan_log_free(log);
        status = -1;
      }
    } else {
      status = valgrind_xml_read(xml, log, &why);
      if (status == 0 && !log->runtime_finished) {
        why = xprintf("%s did not see the program to its end", detector_name(request->detector));
        tsan_log_free(log);
        status = -1;
      }
    }
    if (status != 0 && !*error) {
      *error = xprintf("%s: %s", request->sources[0], why ? why : "cannot read the detector's output");
    }
    free(why);
    run_result_free(&run);
  }
  runtime_options_free(&options);
  free(xml_file);
  free(tool);
  free(xml);
  return status;
}

int detect_run(const struct detect_request *request, struct tsan_log *log, int *interrupted_by, char **error) {
  *log = (struct tsan_log){.warnings_reported = -1};
  *interrupted_by = 0;
  *error = NULL;
  const char *tmp = getenv("TMPDIR");
  char *folder = xprintf("%s/tsan-verify-detect.XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(folder)) {
    *error = xprintf("cannot create a private folder in %s: %s", tmp && *tmp ? tmp : "/tmp", strerror(errno));
    free(folder);
    return -1;
  }
  char *binary = xprintf("%s/program", folder);
  int status = build(request, binary, interrupted_by, error);
  if (status == 0 && !*interrupted_by)
    status = run_detector(request, folder, binary, log, interrupted_by, error);
  nftw(folder, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
  free(binary);
  free(folder);
  return status;
}
