/* score_main.c: the `tsan-verify score` subcommand's arguments in, a score table out. Like main.c (which dispatches
 * here), this is command-line code: the only part of the scorer that prints. */
#include "cli/score_main.h"
#include "base/util.h"
#include "binary/toolchain.h"
#include "report/verdict.h"
#include "runner/runtime_options.h"
#include "score/corpus.h"
#include "score/detect.h"
#include "score/score.h"
#include "score/valgrind.h"
#include "source/markers.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TSAN_VERIFY_SVCOMP_STUB
#define TSAN_VERIFY_SVCOMP_STUB NULL
#endif
#ifndef TSAN_VERIFY_SVCOMP_STUB_FROM_BINDIR
#define TSAN_VERIFY_SVCOMP_STUB_FROM_BINDIR "../share/tsan-verify/svcomp/svcomp.c"
#endif

/* The stub installed beside this binary (PREFIX/bin/tsan-verify -> PREFIX/share/tsan-verify/svcomp/svcomp.c), else
 * the source tree's for a binary run from its build tree; NULL when neither exists. */
static char *default_stub(void) {
  char exe[4096];
  ssize_t length = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (length > 0) {
    exe[length] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) {
      *slash = '\0';
      char *installed = xprintf("%s/%s", exe, TSAN_VERIFY_SVCOMP_STUB_FROM_BINDIR);
      if (access(installed, R_OK) == 0)
        return installed;
      free(installed);
    }
  }
  const char *built = TSAN_VERIFY_SVCOMP_STUB;
  return built && access(built, R_OK) == 0 ? xstrdup(built) : NULL;
}

static const char score_usage[] =
    "usage: tsan-verify score [--detector tsan|helgrind|drd] [--json|--markdown] --runs RUNS.tsv...\n"
    "       tsan-verify score [--detector tsan|helgrind|drd] [--json] [--cc CC] [--opt LEVEL] [--cflags FLAGS]\n"
    "                         [--env NAME=VALUE]... [--tsan-options K=V[:K=V...]]... [--tsan-hides DECLARATION]...\n"
    "                         [--repeat N] [--timeout S] [--stub FILE] TASK.yml|LIST.tsv...\n"
    "RUNS.tsv: CONFIG DETECTOR CASE_NAME CASE_SOURCE EVIDENCE per line (see harness/score/score.h); TASK.yml: an "
    "SV-COMP\n"
    "task with a no-data-race.prp property; LIST.tsv: FILE<TAB>bug|correct. Corpora are built with the SV-COMP stub\n"
    "(--stub FILE, default the one installed in PREFIX/share/tsan-verify/svcomp/), FLAGS and the list's third column\n"
    "(the task's own words, FILE<TAB>LABEL<TAB>FLAGS), run under the detector (default tsan) with the --env\n"
    "variables and the declared --tsan-options (the only way past an option the harness pins, as a case's\n"
    "tsan-options), up to N times each (a race when any run reports one), each run killed after S seconds\n"
    "(default 120). Under TSan each program's code must show TSan's instrumentation, as in check mode, unless the\n"
    "program's source declares what hides reports (// tsan-hides:) or the configuration does, for every program\n"
    "(--tsan-hides 'uninstrumented libomp.so.5 -- reason'). Only data-race reports count. Exit status 2 when a\n"
    "configuration scored no task.\n";

static int score_usage_error(const char *message) {
  fprintf(stderr, "tsan-verify score: %s\n%s", message, score_usage);
  return OUTCOME_CANNOT_CHECK;
}

/* FLAGS split at blanks, NULL-terminated. */
static char **split_blanks(const char *text) {
  char **words = xcalloc(strlen(text) / 2 + 2, sizeof *words);
  size_t count = 0;
  char *copy = xstrdup(text);
  for (char *save = NULL, *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
    words[count++] = xstrdup(w);
  free(copy);
  return words;
}

static void free_words(char **words) {
  for (size_t i = 0; words && words[i]; i++)
    free(words[i]);
  free(words);
}

static void score_options_free(const char **runs, char **environment, char **cflags, char *opt_flag, char *bad,
                               char *tsan_options, const char **hidings) {
  free(hidings);
  free(tsan_options);
  free(runs);
  free(environment);
  free_words(cflags);
  free(opt_flag);
  free(bad);
}

int score_command(int argc, char **argv) {
  enum {
    OPT_DETECTOR = 256,
    OPT_JSON,
    OPT_MARKDOWN,
    OPT_RUNS,
    OPT_COMMAND,
    OPT_CC,
    OPT_OPT,
    OPT_STUB,
    OPT_TIMEOUT,
    OPT_CFLAGS,
    OPT_ENV,
    OPT_REPEAT,
    OPT_TSAN_OPTIONS,
    OPT_TSAN_HIDES,
    OPT_HELP
  };
  static const struct option options[] = {
      {"detector", required_argument, NULL, OPT_DETECTOR},
      {"json", no_argument, NULL, OPT_JSON},
      {"markdown", no_argument, NULL, OPT_MARKDOWN},
      {"runs", required_argument, NULL, OPT_RUNS},
      {"command", required_argument, NULL, OPT_COMMAND},
      {"cc", required_argument, NULL, OPT_CC},
      {"opt", required_argument, NULL, OPT_OPT},
      {"stub", required_argument, NULL, OPT_STUB},
      {"timeout", required_argument, NULL, OPT_TIMEOUT},
      {"cflags", required_argument, NULL, OPT_CFLAGS},
      {"env", required_argument, NULL, OPT_ENV},
      {"repeat", required_argument, NULL, OPT_REPEAT},
      {"tsan-options", required_argument, NULL, OPT_TSAN_OPTIONS},
      {"tsan-hides", required_argument, NULL, OPT_TSAN_HIDES},
      {"help", no_argument, NULL, OPT_HELP},
      {NULL, 0, NULL, 0},
  };
  const char *detector = NULL, *command = "ci/detectors.sh";
  bool json = false, markdown = false;
  struct detect_request request = {0};
  const char **runs = xcalloc((size_t)argc + 1, sizeof *runs);
  char **environment = xcalloc((size_t)argc + 1, sizeof *environment);
  const char **hidings = xcalloc((size_t)argc + 1, sizeof *hidings); /* --tsan-hides, NULL-terminated */
  char **cflags = NULL, *opt_flag = NULL, *tsan_options = NULL;
  size_t run_count = 0, environment_count = 0, hiding_count = 0;
  unsigned repeat = 1;
  char *bad = NULL; /* the first bad option value, as a message */
  optind = 0;       /* glibc: start afresh, main.c's getopt_long has run */
  opterr = 1;
  int option;
  while ((option = getopt_long(argc, argv, "", options, NULL)) != -1) {
    switch (option) {
    case OPT_DETECTOR: detector = optarg; break;
    case OPT_JSON: json = true; break;
    case OPT_MARKDOWN: markdown = true; break;
    case OPT_RUNS: runs[run_count++] = optarg; break;
    case OPT_COMMAND: command = optarg; break;
    case OPT_CC: request.compiler = optarg; break;
    case OPT_OPT:
      /* As in check mode: O0..O3, Os, Oz, Ofast, Og, with or without the '-'. */
      if (opt_level_parse(optarg) == OPT_UNKNOWN || strcmp(optarg + (optarg[0] == '-'), "O") == 0) {
        if (!bad)
          bad = xprintf("--opt takes O0, O1, O2, O3, Os, Og, Oz or Ofast (with or without '-'), not \"%s\"", optarg);
      } else {
        free(opt_flag);
        opt_flag = xprintf("-%s", optarg + (optarg[0] == '-'));
      }
      break;
    case OPT_STUB: request.stub = optarg; break;
    case OPT_TIMEOUT: {
      char *stop;
      errno = 0;
      double seconds = strtod(optarg, &stop);
      if ((*stop || stop == optarg || errno || !isfinite(seconds) || seconds <= 0) && !bad)
        bad = xprintf("--timeout takes a finite number of seconds above 0, not \"%s\"", optarg);
      request.timeout_seconds = seconds;
      break;
    }
    case OPT_CFLAGS: {
      free_words(cflags);
      cflags = split_blanks(optarg);
      break;
    }
    case OPT_ENV:
      if ((!strchr(optarg, '=') || optarg[0] == '=') && !bad)
        bad = xprintf("--env takes NAME=VALUE, not \"%s\"", optarg);
      environment[environment_count++] = optarg;
      break;
    case OPT_TSAN_OPTIONS: {
      char *joined = tsan_options ? xprintf("%s:%s", tsan_options, optarg) : xstrdup(optarg);
      free(tsan_options);
      tsan_options = joined;
      break;
    }
    case OPT_TSAN_HIDES: {
      /* Read as the markers' reader reads a `// tsan-hides:` line, so that a bad one is refused before any build. */
      struct declared_hiding hiding;
      char *why = NULL;
      if (declared_hiding_parse(optarg, &hiding, &why) != 0) {
        if (!bad)
          bad = xprintf("--tsan-hides \"%s\": %s", optarg, why);
        free(why);
      } else {
        free(hiding.function);
        free(hiding.reason);
      }
      hidings[hiding_count++] = optarg;
      break;
    }
    case OPT_REPEAT: {
      char *stop;
      errno = 0;
      unsigned long count = strtoul(optarg, &stop, 10);
      if ((*stop || stop == optarg || errno || count == 0 || count > 10000 || optarg[0] == '-') && !bad)
        bad = xprintf("--repeat takes a number of runs from 1 to 10000, not \"%s\"", optarg);
      repeat = (unsigned)count;
      break;
    }
    case OPT_HELP:
      fputs(score_usage, stdout);
      score_options_free(runs, environment, cflags, opt_flag, bad, tsan_options, hidings);
      return OUTCOME_MET;
    default:
      score_options_free(runs, environment, cflags, opt_flag, bad, tsan_options, hidings);
      return score_usage_error("unknown option");
    }
  }
  request.opt_level = opt_flag;
  request.cflags = cflags;
  request.environment = environment_count ? environment : NULL;
  request.tsan_options = tsan_options;
  request.declared_hidings = hiding_count ? hidings : NULL;
  int status = OUTCOME_MET;
  if (bad)
    status = score_usage_error(bad);
  else if (detector && detector_from_name(detector) < 0)
    status = score_usage_error("--detector is tsan, helgrind or drd");
  else if (detector && detector_from_name(detector) != DETECTOR_TSAN && valgrind_xml_unavailable()) {
    fprintf(stderr, "tsan-verify score: --detector %s: %s\n", detector, valgrind_xml_unavailable());
    status = OUTCOME_CANNOT_CHECK;
  } else if (tsan_options && detector && detector_from_name(detector) != DETECTOR_TSAN)
    status = score_usage_error("--tsan-options are TSan's: give them with --detector tsan");
  else if (hiding_count && detector && detector_from_name(detector) != DETECTOR_TSAN)
    status = score_usage_error("--tsan-hides declares what hides reports from TSan: give it with --detector tsan");
  else if (json && markdown)
    status = score_usage_error("choose one of --json and --markdown");
  else if (run_count == 0 && optind == argc)
    status = score_usage_error("give --runs RUNS.tsv or corpus files");
  else if (run_count && optind < argc)
    status = score_usage_error("score either --runs files or corpora, not both");
  if (status != OUTCOME_MET) {
    score_options_free(runs, environment, cflags, opt_flag, bad, tsan_options, hidings);
    return status;
  }
  /* A user's TSAN_OPTIONS cannot hide reports (the harness pins TSan's defaults), so a value it replaces is said once,
   * with the way to mean it: Archer's advice, ignore_noninstrumented_modules=1 in TSAN_OPTIONS, would otherwise
   * turn into unexplained false alarms from libomp. */
  if (optind < argc && (!detector || detector_from_name(detector) == DETECTOR_TSAN)) {
    struct runtime_options pinned;
    char *why = NULL;
    if (runtime_options_build(getenv("TSAN_OPTIONS"), getenv("UBSAN_OPTIONS"), tsan_options, NULL, &pinned, &why) ==
            0 &&
        pinned.overridden)
      fprintf(stderr,
              "tsan-verify score: note: %s replaced by TSan's default in every run (an option that hides reports is "
              "the configuration's to declare: --tsan-options)\n",
              pinned.overridden);
    runtime_options_free(&pinned);
    free(why);
  }
  struct score_table table = {0};
  char *error = NULL;
  int interrupted_by = 0;
  for (size_t i = 0; i < run_count && !error; i++)
    score_runs_read(runs[i], detector, &table, &error);
  if (optind < argc && !error) {
    struct corpus corpus = {0};
    for (int i = optind; i < argc && !error; i++)
      corpus_read(argv[i], &corpus, &error);
    char *found_stub = request.stub ? NULL : default_stub();
    if (!request.stub)
      request.stub = found_stub;
    if (!error) {
      request.detector = detector ? (enum detector)detector_from_name(detector) : DETECTOR_TSAN;
      const char *compiler = request.compiler ? request.compiler : getenv("CC") ? getenv("CC") : "clang";
      /* Declared options and hiding change what TSan reports, so the configuration's name says them. */
      struct strbuf name = {0};
      strbuf_printf(&name, "%s %s %s%s%s", detector_name(request.detector), compiler,
                    request.opt_level ? request.opt_level + 1 : "O1", tsan_options ? " " : "",
                    tsan_options ? tsan_options : "");
      for (size_t i = 0; i < hiding_count; i++) {
        const char *dashes = strstr(hidings[i], " -- ");
        strbuf_printf(&name, " hides %.*s", (int)(dashes ? (size_t)(dashes - hidings[i]) : strlen(hidings[i])),
                      hidings[i]);
      }
      score_corpus(&corpus, &request, repeat, name.data, &table, &interrupted_by);
      strbuf_free(&name);
    }
    corpus_free(&corpus);
    free(found_stub);
  }
  if (!error) {
    /* Every task left out is named, and a configuration that scored nothing is no result at all. */
    for (size_t c = 0; c < table.config_count; c++) {
      const struct score_config *config = &table.configs[c];
      size_t scored = 0, unchecked = 0, skipped = 0;
      for (size_t i = 0; i < config->case_count; i++) {
        const struct case_score *one = &config->cases[i];
        scored += one->state == CASE_SCORED;
        unchecked += one->state == CASE_UNCHECKED;
        skipped += one->state == CASE_SKIPPED;
        if (one->state != CASE_SCORED && one->reason)
          fprintf(stderr, "%s: %s: %s\n", one->state == CASE_SKIPPED ? "skipped" : "unchecked", one->name, one->reason);
        /* A result obtained with code the detector did not watch, as the program declares, says so. */
        if (one->state == CASE_SCORED && one->note)
          fprintf(stderr, "note: %s: %s\n", one->name, one->note);
      }
      if (scored == 0 && !interrupted_by) {
        fprintf(stderr,
                "tsan-verify score: %s scored no case (%zu unchecked, %zu skipped): there is nothing to score\n",
                config->name, unchecked, skipped);
        status = OUTCOME_CANNOT_CHECK;
      }
    }
  }
  if (error) {
    fprintf(stderr, "%s\n", error);
    free(error);
    status = OUTCOME_CANNOT_CHECK;
  } else if (json) {
    score_write_json(stdout, &table);
  } else if (markdown) {
    score_write_markdown(stdout, &table, command);
  } else {
    score_write_text(stdout, &table);
  }
  score_table_free(&table);
  score_options_free(runs, environment, cflags, opt_flag, bad, tsan_options, hidings);
  fflush(stdout);
  if (interrupted_by) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, interrupted_by);
    signal(interrupted_by, SIG_DFL);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(interrupted_by);
  }
  return status;
}
