/* score_main.c: the `tsan-verify score` subcommand's arguments in, a score table out. Like main.c (which dispatches
 * here), this is command-line code: the only part of the scorer that prints. */
#include "score_main.h"
#include "corpus.h"
#include "detect.h"
#include "score.h"
#include "util.h"
#include "verdict.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TSAN_VERIFY_SVCOMP_STUB
#define TSAN_VERIFY_SVCOMP_STUB NULL
#endif

static const char score_usage[] =
    "usage: tsan-verify score [--detector tsan|helgrind|drd] [--json|--markdown] --runs RUNS.tsv...\n"
    "       tsan-verify score [--detector tsan|helgrind|drd] [--json] [--cc CC] [--opt LEVEL] TASK.yml|LIST.tsv...\n"
    "RUNS.tsv: CONFIG DETECTOR CASE_NAME CASE_SOURCE EVIDENCE per line (see harness/score.h); TASK.yml: an SV-COMP\n"
    "task with a no-data-race.prp property; LIST.tsv: FILE<TAB>bug|correct. Corpora are built with the SV-COMP stub\n"
    "(--stub FILE, default harness/svcomp/svcomp.c) and run under the detector (default tsan).\n";

static int score_usage_error(const char *message) {
  fprintf(stderr, "tsan-verify score: %s\n%s", message, score_usage);
  return OUTCOME_CANNOT_CHECK;
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
      {"help", no_argument, NULL, OPT_HELP},
      {NULL, 0, NULL, 0},
  };
  const char *detector = NULL, *command = "ci/detectors.sh";
  bool json = false, markdown = false;
  struct detect_request request = {.stub = TSAN_VERIFY_SVCOMP_STUB};
  const char **runs = xcalloc((size_t)argc + 1, sizeof *runs);
  size_t run_count = 0;
  optind = 0; /* glibc: start afresh, main.c's getopt_long has run */
  int option;
  while ((option = getopt_long(argc, argv, "", options, NULL)) != -1) {
    switch (option) {
    case OPT_DETECTOR: detector = optarg; break;
    case OPT_JSON: json = true; break;
    case OPT_MARKDOWN: markdown = true; break;
    case OPT_RUNS: runs[run_count++] = optarg; break;
    case OPT_COMMAND: command = optarg; break;
    case OPT_CC: request.compiler = optarg; break;
    case OPT_OPT: request.opt_level = optarg; break;
    case OPT_STUB: request.stub = optarg; break;
    case OPT_TIMEOUT: request.timeout_seconds = strtod(optarg, NULL); break;
    case OPT_HELP:
      fputs(score_usage, stdout);
      free(runs);
      return OUTCOME_MET;
    default: free(runs); return score_usage_error("unknown option");
    }
  }
  int status = OUTCOME_MET;
  if (detector && detector_from_name(detector) < 0)
    status = score_usage_error("--detector is tsan, helgrind or drd");
  else if (json && markdown)
    status = score_usage_error("choose one of --json and --markdown");
  else if (run_count == 0 && optind == argc)
    status = score_usage_error("give --runs RUNS.tsv or corpus files");
  else if (run_count && optind < argc)
    status = score_usage_error("score either --runs files or corpora, not both");
  if (status != OUTCOME_MET) {
    free(runs);
    return status;
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
    if (!error) {
      request.detector = detector ? (enum detector)detector_from_name(detector) : DETECTOR_TSAN;
      const char *compiler = request.compiler ? request.compiler : getenv("CC") ? getenv("CC") : "clang";
      char name[256];
      snprintf(name, sizeof name, "%s %s %s", detector_name(request.detector), compiler,
               request.opt_level ? request.opt_level + (request.opt_level[0] == '-') : "O1");
      score_corpus(&corpus, &request, name, &table, &interrupted_by);
      for (size_t c = 0; c < table.config_count; c++)
        for (size_t i = 0; i < table.configs[c].case_count; i++)
          if (table.configs[c].cases[i].state == CASE_UNCHECKED)
            fprintf(stderr, "%s\n", table.configs[c].cases[i].reason);
    }
    corpus_free(&corpus);
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
  free(runs);
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
