/* main.c: arguments in, one library call, an exit status out (0 met, 1 not met, 2 cannot check, 77 skipped). */
#include "catalog.h"
#include "normalize.h"
#include "output.h"
#include "sarif.h"
#include "score_main.h"
#include "util.h"
#include "verify.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: tsan-verify [options] CASE.c            compile CASE.c with TSan, run it, check its markers\n"
    "       tsan-verify --binary EXE [options] CASE.c   check an already built EXE against CASE.c's markers\n"
    "       tsan-verify catalog MANIFEST [--filter TEXT]  run every case of a manifest, print a verdict table\n"
    "       tsan-verify parse [--json|--sarif|--normalize] [FILE|-]   read TSan output captured anywhere; exit 1 if it "
    "holds a report\n"
    "       tsan-verify score [--detector D] [--json|--markdown] --runs RUNS.tsv | TASK.yml|LIST.tsv...   score "
    "detectors against ground truth (tsan-verify score --help)\n"
    "options:\n"
    "  --cc CC            compiler (default: $CC, else clang)\n"
    "  --opt LEVEL        optimization level (default: -O1)\n"
    "  --cflags FLAGS     replace the default flags \"-fsanitize=thread -g -pthread\"\n"
    "  --toolchain ID     the toolchain for [qualified] markers, e.g. clang-14, gcc-12 (default: detected)\n"
    "  --timeout SECONDS  kill the program's process group after this long (default: 30)\n"
    "  --repeat N         run the case N times; fail, naming the run, if any verdict differs\n"
    "  --json             print the parsed reports and the verdict as JSON on stdout\n"
    "  --sarif            print the reports as SARIF 2.1.0 on stdout\n"
    "  --normalize        print the reports without addresses, pids, tids, BuildIds and machine paths\n"
    "  -v, --verbose      show the program's full output and TSAN_OPTIONS\n"
    "exit status: 0 met, 1 not met, 2 cannot check (bad input, or TSan did not watch), 77 skipped\n";

static int usage_error(const char *message) {
  fprintf(stderr, "tsan-verify: %s\n%s", message, usage);
  return OUTCOME_CANNOT_CHECK;
}

enum log_format { LOG_TEXT, LOG_JSON, LOG_SARIF, LOG_NORMALIZED };

/* `parse`: reads a log, prints its reports; 1 when it holds a report, 0 when none, 2 when unreadable. */
static int parse_log_file(const char *path, enum log_format format) {
  struct tsan_log log;
  char *error = NULL;
  if (tsan_log_read(path, &log, &error) != 0) {
    fprintf(stderr, "%s\n", error);
    free(error);
    return OUTCOME_CANNOT_CHECK;
  }
  if (format == LOG_JSON) {
    write_json_reports(stdout, &log, NULL, NULL);
    fputc('\n', stdout);
  } else if (format == LOG_SARIF) {
    write_sarif(stdout, &log, NULL);
  } else if (format == LOG_NORMALIZED) {
    char *text = normalize_log(&log, NULL);
    fputs(text, stdout);
    free(text);
  } else {
    write_reports_text(stdout, &log);
  }
  int status = log.report_count ? OUTCOME_NOT_MET : OUTCOME_MET;
  tsan_log_free(&log);
  return status;
}

/* SIGINT and SIGTERM wait until temporary files are removed and the program's group is killed; then they act. */
static void hold_interrupts(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigprocmask(SIG_BLOCK, &set, NULL);
}

/* `received` is a signal the runner already took (it reads them to stop the program); it is raised again so
 * the harness ends the way its caller expects of SIGINT or SIGTERM. A signal still pending acts on unblocking. */
static void release_interrupts(int received) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  if (received) {
    signal(received, SIG_DFL);
    raise(received);
  }
}

int main(int argc, char **argv) {
  hold_interrupts();
  enum {
    OPT_BINARY = 256,
    OPT_CC,
    OPT_OPT,
    OPT_CFLAGS,
    OPT_TOOLCHAIN,
    OPT_TIMEOUT,
    OPT_JSON,
    OPT_FILTER,
    OPT_HELP,
    OPT_REPEAT,
    OPT_NORMALIZE,
    OPT_SARIF
  };
  static const struct option options[] = {
      {"binary", required_argument, NULL, OPT_BINARY},
      {"cc", required_argument, NULL, OPT_CC},
      {"opt", required_argument, NULL, OPT_OPT},
      {"cflags", required_argument, NULL, OPT_CFLAGS},
      {"toolchain", required_argument, NULL, OPT_TOOLCHAIN},
      {"timeout", required_argument, NULL, OPT_TIMEOUT},
      {"json", no_argument, NULL, OPT_JSON},
      {"filter", required_argument, NULL, OPT_FILTER},
      {"repeat", required_argument, NULL, OPT_REPEAT},
      {"normalize", no_argument, NULL, OPT_NORMALIZE},
      {"sarif", no_argument, NULL, OPT_SARIF},
      {"verbose", no_argument, NULL, 'v'},
      {"help", no_argument, NULL, OPT_HELP},
      {NULL, 0, NULL, 0},
  };
  struct verify_request request = {0};
  bool json = false, verbose = false, normalize = false, sarif = false;
  const char *filter = NULL;
  unsigned long repeat = 1;
  int option;
  while ((option = getopt_long(argc, argv, "+v", options, NULL)) != -1) {
    switch (option) {
    case OPT_BINARY: request.binary = optarg; break;
    case OPT_CC: request.compiler = optarg; break;
    case OPT_OPT: request.opt_level = optarg; break;
    case OPT_CFLAGS: request.cflags = optarg; break;
    case OPT_TOOLCHAIN: request.toolchain = optarg; break;
    case OPT_JSON: json = true; break;
    case OPT_NORMALIZE: normalize = true; break;
    case OPT_SARIF: sarif = true; break;
    case OPT_FILTER: filter = optarg; break;
    case 'v': verbose = true; break;
    case OPT_HELP: fputs(usage, stdout); return 0;
    case OPT_REPEAT: {
      char *end;
      repeat = strtoul(optarg, &end, 10);
      if (*end || repeat == 0 || repeat > 100000)
        return usage_error("--repeat takes a number of runs from 1 to 100000");
      break;
    }
    case OPT_TIMEOUT: {
      char *end;
      request.timeout_seconds = strtod(optarg, &end);
      if (*end || request.timeout_seconds <= 0)
        return usage_error("--timeout takes a positive number of seconds");
      break;
    }
    default: return usage_error("unknown option");
    }
  }
  if (optind < argc && strcmp(argv[optind], "catalog") == 0) {
    /* Options may also follow the subcommand. */
    optind++;
    while ((option = getopt_long(argc, argv, "+v", options, NULL)) != -1) {
      if (option == OPT_FILTER)
        filter = optarg;
      else if (option == OPT_TIMEOUT)
        request.timeout_seconds = strtod(optarg, NULL);
      else
        return usage_error("catalog takes only --filter and --timeout");
    }
    if (optind + 1 != argc)
      return usage_error("catalog takes one MANIFEST");
    struct catalog catalog;
    char *error = NULL;
    if (catalog_read(argv[optind], &catalog, &error) != 0) {
      fprintf(stderr, "%s\n", error);
      free(error);
      catalog_free(&catalog);
      return OUTCOME_CANNOT_CHECK;
    }
    bool color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
    int interrupted_by = 0;
    enum outcome worst = catalog_run(&catalog, &request, filter, stdout, color, &interrupted_by);
    catalog_free(&catalog);
    fflush(stdout);
    release_interrupts(interrupted_by);
    return worst;
  }
  if (optind < argc && strcmp(argv[optind], "score") == 0)
    return score_command(argc - optind, argv + optind);
  if (optind < argc && strcmp(argv[optind], "parse") == 0) {
    optind++;
    while ((option = getopt_long(argc, argv, "+v", options, NULL)) != -1) {
      if (option == OPT_JSON)
        json = true;
      else if (option == OPT_SARIF)
        sarif = true;
      else if (option == OPT_NORMALIZE)
        normalize = true;
      else
        return usage_error("parse takes only --json, --sarif or --normalize");
    }
    if (optind + 1 < argc)
      return usage_error("parse takes at most one FILE");
    if (json + sarif + normalize > 1)
      return usage_error("choose one of --json, --sarif and --normalize");
    enum log_format format = json ? LOG_JSON : sarif ? LOG_SARIF : normalize ? LOG_NORMALIZED : LOG_TEXT;
    return parse_log_file(optind < argc ? argv[optind] : "-", format);
  }
  if (optind + 1 != argc)
    return usage_error(optind == argc ? "no case given" : "more than one case given");
  request.case_path = argv[optind];
  struct case_result result;
  struct repeat_summary repeated;
  enum outcome outcome = verify_repeated(&request, (unsigned)repeat, &result, &repeated);
  if (repeated.flips)
    fprintf(stderr, "%s: %u of %u runs differ from run 1; the first: %s\n", request.case_path, repeated.flips,
            repeated.runs_done, repeated.first_flip);
  else if (repeat > 1 && repeated.runs_done == repeat)
    fprintf(stderr, "%s: all %u runs gave the same verdict\n", request.case_path, repeated.runs_done);
  repeat_summary_free(&repeated);
  char *root = normalize_root_for(request.case_path);
  if (json) {
    write_json(stdout, &result, root);
  } else if (sarif) {
    write_sarif(stdout, &result.log, root);
  } else if (normalize) {
    char *text = normalize_log(&result.log, root);
    fputs(text, stdout);
    free(text);
  }
  write_text(json || sarif || normalize ? stderr : stdout, &result, verbose);
  free(root);
  fflush(stdout);
  int interrupted_by = result.interrupted_by;
  case_result_free(&result);
  release_interrupts(interrupted_by);
  return outcome;
}
