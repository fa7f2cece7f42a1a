/* main.c: arguments in, one library call, an exit status out (0 met, 1 not met, 2 cannot check, 77 skipped). */
#include "base/private_folder.h"
#include "base/signals.h"
#include "base/util.h"
#include "binary/elfinfo.h"
#include "check/verify.h"
#include "cli/catalog.h"
#include "cli/explain_main.h"
#include "cli/score_main.h"
#include "explain/explain_output.h"
#include "output/output.h"
#include "output/runner_output.h"
#include "output/sarif.h"
#include "report/normalize.h"
#include "report/suggest.h"
#include "runner/runtime_options.h"
#include "source/markers.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef TSAN_VERIFY_VERSION
#error "the build defines TSAN_VERIFY_VERSION (the project version)"
#endif

static const char usage[] =
    "usage: tsan-verify [options] CASE.c... [-- ARGS...]   compile each case with TSan, run it, check its markers\n"
    "       tsan-verify [options] EXE [-- ARGS...]   check a built program (an ELF file) against the markers of the\n"
    "                     one source file its debug information names that holds markers\n"
    "       tsan-verify --binary EXE [options] CASE.c [-- ARGS...]   check an already built EXE against CASE.c\n"
    "       tsan-verify catalog MANIFEST [--filter TEXT] [--timeout S] [--color WHEN]   run every case of a manifest\n"
    "       tsan-verify parse [--json|--sarif|--normalize] [--root DIR] [FILE|-]   read TSan output captured "
    "anywhere\n"
    "       tsan-verify explain [--json] [--color WHEN] [LOG|-]   explain each report of a log: its reading, its "
    "mistake pattern, the catalog's lesson (tsan-verify explain --help)\n"
    "       tsan-verify score [--detector D] [--json|--markdown] --runs RUNS.tsv | TASK.yml|LIST.tsv...   score "
    "detectors against ground truth (tsan-verify score --help)\n"
    "       tsan-verify --print-tsan-options [CASE.c...]   the TSAN_OPTIONS a check gives each case's program (one "
    "line each; no case: one line for a case without tsan-options), logging to stderr\n"
    "options:\n"
    "  --cc CC            compiler (default: $CC, else clang)\n"
    "  --opt LEVEL        optimization level: O0, O1, O2, O3, Os, Og, Oz or Ofast, with or without '-'; Meson's\n"
    "                     plain (-O0), 0, g, 1, 2, 3, s; CMake's Debug (-O0), RelWithDebInfo (-O2), Release (-O3),\n"
    "                     MinSizeRel (-Os) (default: O1)\n"
    "  --cflags FLAGS     replace the default flags \"-fsanitize=thread -g -pthread\" (with --binary: the flags it\n"
    "                     was built with, so the compiler's reading of the case's lines is checked too), split on\n"
    "                     blanks\n"
    "  --cflag FLAG       one more flag, taken whole: its blanks and quotes are its own (repeatable; after --cflags,\n"
    "                     or after the default flags; e.g. --cflag @FILE, a response file the compiler reads)\n"
    "  --toolchain ID     the toolchain for [qualified] markers, e.g. clang-14, gcc-12 (default: detected)\n"
    "  --timeout SECONDS  kill the program's process group after this long (default: 30)\n"
    "  --repeat N         run each case N times; fail, naming the run, if any verdict differs\n"
    "  --json             print the parsed reports and the verdict as JSON on stdout (one object per case and line)\n"
    "  --sarif            print the reports and markers of every case as one SARIF 2.1.0 run on stdout\n"
    "  --results FILE     also write the case's JSON object (as --json prints it) to FILE, for tools that read the\n"
    "                     results of a test run instead of running the case again (one case)\n"
    "  --normalize        print the reports without addresses, pids, tids, BuildIds and machine paths\n"
    "  --root DIR         SARIF and normalized paths are relative to DIR (default: the git work tree's top, else .)\n"
    "  --color WHEN       auto (default: a terminal, and NO_COLOR unset), always or never\n"
    "  --instrumented FILE  a source file of the program whose code TSan must have instrumented, like the case's\n"
    "                     (repeatable; a file linked in without TSan is cannot check either way, unless\n"
    "                     declared; naming it says whose code it is and checks every function); one that holds\n"
    "                     markers is a marker file too\n"
    "  --markers FILE     another source of the program whose expect-tsan markers are checked with the case's\n"
    "                     (repeatable; a line marker there is hit by a frame in that file); it is under test\n"
    "  --tap              print TAP version 14 on stdout: a test point per marker and per unexpected report; a case\n"
    "                     that cannot be checked is \"Bail out!\"\n"
    "  --junit FILE       write JUnit XML to FILE: a testsuite per case, a testcase per test point\n"
    "  --reading FILE     the compiler's reading of the case kept by the build (--write-reading): used while the\n"
    "                     compiler, its flags, the program and every file it read are unchanged, else the compiler\n"
    "                     reads the case again\n"
    "  --write-reading FILE  write the compiler's reading of the case (and of its marker files) to FILE, with\n"
    "                     what it read, and check nothing: the build's step after linking the program\n"
    "  --explain          under each case's text, explain every report no marker expects: its reading, its mistake\n"
    "                     pattern, the catalog's lesson (as tsan-verify explain does)\n"
    "  --error-exit N     exit with N (2-255, not 77) instead of 2 when a case cannot be checked (Automake: 99)\n"
    "  -v, --verbose      show the program's full output and TSAN_OPTIONS\n"
    "  -h, --help         this text;  --version  the version\n"
    "ARGS after -- are given to every program. Exit status: 0 met, 1 not met, 2 cannot check (bad input, or TSan\n"
    "did not watch), 77 skipped; with several cases, the worst (skipped counts only when every case is skipped).\n";

static int usage_error(const char *format, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *format, ...) {
  va_list args;
  va_start(args, format);
  char *message = xvprintf(format, args);
  va_end(args);
  fprintf(stderr, "tsan-verify: %s (tsan-verify --help shows the usage)\n", message);
  free(message);
  return OUTCOME_CANNOT_CHECK;
}

/* `path` from the current folder; `path` itself when the folder cannot be named. */
static char *absolute_from_here(const char *path) {
  char here[PATH_MAX];
  return getcwd(here, sizeof here) ? xprintf("%s/%s", here, path) : xstrdup(path);
}

/* Option ids index option_names and the `given` bits; getopt returns them plus OPT_BASE, clear of the characters
 * it returns ('?', ':', 1 for a non-option, 'h', 'v'). */
enum { OPT_BASE = 256 };
enum option_id {
  OPT_BINARY,
  OPT_CC,
  OPT_OPT,
  OPT_CFLAGS,
  OPT_TOOLCHAIN,
  OPT_TIMEOUT,
  OPT_JSON,
  OPT_FILTER,
  OPT_HELP,
  OPT_VERSION,
  OPT_REPEAT,
  OPT_NORMALIZE,
  OPT_SARIF,
  OPT_ROOT,
  OPT_COLOR,
  OPT_VERBOSE,
  OPT_INSTRUMENTED,
  OPT_TAP,
  OPT_JUNIT,
  OPT_ERROR_EXIT,
  OPT_RESULTS,
  OPT_MARKERS,
  OPT_EXPLAIN,
  OPT_CFLAG,
  OPT_READING,
  OPT_WRITE_READING,
  OPT_PRINT_TSAN_OPTIONS,
  OPT_COUNT
};

static const struct option long_options[] = {
    {"binary", required_argument, NULL, OPT_BINARY + OPT_BASE},
    {"cc", required_argument, NULL, OPT_CC + OPT_BASE},
    {"opt", required_argument, NULL, OPT_OPT + OPT_BASE},
    {"cflags", required_argument, NULL, OPT_CFLAGS + OPT_BASE},
    {"toolchain", required_argument, NULL, OPT_TOOLCHAIN + OPT_BASE},
    {"timeout", required_argument, NULL, OPT_TIMEOUT + OPT_BASE},
    {"json", no_argument, NULL, OPT_JSON + OPT_BASE},
    {"filter", required_argument, NULL, OPT_FILTER + OPT_BASE},
    {"help", no_argument, NULL, OPT_HELP + OPT_BASE},
    {"version", no_argument, NULL, OPT_VERSION + OPT_BASE},
    {"repeat", required_argument, NULL, OPT_REPEAT + OPT_BASE},
    {"normalize", no_argument, NULL, OPT_NORMALIZE + OPT_BASE},
    {"sarif", no_argument, NULL, OPT_SARIF + OPT_BASE},
    {"root", required_argument, NULL, OPT_ROOT + OPT_BASE},
    {"color", required_argument, NULL, OPT_COLOR + OPT_BASE},
    {"verbose", no_argument, NULL, OPT_VERBOSE + OPT_BASE},
    {"instrumented", required_argument, NULL, OPT_INSTRUMENTED + OPT_BASE},
    {"tap", no_argument, NULL, OPT_TAP + OPT_BASE},
    {"junit", required_argument, NULL, OPT_JUNIT + OPT_BASE},
    {"error-exit", required_argument, NULL, OPT_ERROR_EXIT + OPT_BASE},
    {"results", required_argument, NULL, OPT_RESULTS + OPT_BASE},
    {"markers", required_argument, NULL, OPT_MARKERS + OPT_BASE},
    {"explain", no_argument, NULL, OPT_EXPLAIN + OPT_BASE},
    {"cflag", required_argument, NULL, OPT_CFLAG + OPT_BASE},
    {"reading", required_argument, NULL, OPT_READING + OPT_BASE},
    {"write-reading", required_argument, NULL, OPT_WRITE_READING + OPT_BASE},
    {"print-tsan-options", no_argument, NULL, OPT_PRINT_TSAN_OPTIONS + OPT_BASE},
    {NULL, 0, NULL, 0},
};

/* The options each mode takes; the others are refused by name. */
#define BIT(option) (1u << (option))
static const unsigned catalog_options = BIT(OPT_FILTER) | BIT(OPT_TIMEOUT) | BIT(OPT_COLOR);
static const unsigned parse_options = BIT(OPT_JSON) | BIT(OPT_SARIF) | BIT(OPT_NORMALIZE) | BIT(OPT_ROOT);
static const unsigned check_options = ~(BIT(OPT_FILTER));

struct cli {
  struct verify_request request;
  bool json, verbose, normalize, sarif, tap;
  bool explain; /* --explain: each unexpected report explained (explain/) */
  const char *filter, *root, *color;
  const char *junit;         /* --junit FILE, or NULL */
  int error_exit;            /* --error-exit N: the exit status for "cannot check"; 0 when not given */
  const char *results;       /* --results FILE, or NULL */
  const char *write_reading; /* --write-reading FILE: write the compiler's readings there instead of checking */
  char *compiler;            /* --cc made absolute, when it was a relative path */
  unsigned long repeat;
  unsigned given;      /* BIT(option) for every option on the command line */
  char **words;        /* the arguments that are not options, in order */
  size_t word_count;   /* ... up to the first "--" */
  char **program_args; /* after "--": NULL-terminated, or NULL */
  char **instrumented; /* --instrumented FILE, each: NULL-terminated */
  size_t instrumented_count;
  char **markers; /* --markers FILE, each: NULL-terminated */
  size_t marker_count;
  char **cflag_words; /* --cflag FLAG, each: NULL-terminated */
  size_t cflag_count;
};

/* The compiler's flag for a level as a build system spells it: the flag itself ("O2", "-O2", "Ofast"); Meson's
 * `optimization` (plain, 0, g, 1, 2, 3, s; plain adds no flag, and gcc and clang then optimize as at -O0); CMake's
 * CMAKE_BUILD_TYPE, any case, by the flags CMake gives gcc and clang (Debug: none, so -O0; Release -O3;
 * RelWithDebInfo -O2; MinSizeRel -Os). NULL for anything else. */
static char *opt_flag(const char *level) {
  static const char *const flags[] = {"O0", "O1", "O2", "O3", "Os", "Og", "Oz", "Ofast", NULL};
  static const struct {
    const char *spelling, *flag;
  } meson[] = {{"plain", "-O0"}, {"0", "-O0"}, {"g", "-Og"}, {"1", "-O1"}, {"2", "-O2"}, {"3", "-O3"}, {"s", "-Os"}},
    cmake[] = {{"Debug", "-O0"}, {"Release", "-O3"}, {"RelWithDebInfo", "-O2"}, {"MinSizeRel", "-Os"}};
  const char *bare = level[0] == '-' ? level + 1 : level;
  for (size_t i = 0; flags[i]; i++)
    if (strcmp(bare, flags[i]) == 0)
      return xprintf("-%s", bare);
  for (size_t i = 0; i < sizeof meson / sizeof *meson; i++)
    if (strcmp(level, meson[i].spelling) == 0)
      return xstrdup(meson[i].flag);
  for (size_t i = 0; i < sizeof cmake / sizeof *cmake; i++)
    if (strcasecmp(level, cmake[i].spelling) == 0)
      return xstrdup(cmake[i].flag);
  return NULL;
}

/* The long option the user meant by `text` ("--jsno", "--jsno=x" or "-x"). */
static int unknown_option(const char *text) {
  const char *names[OPT_COUNT + 1] = {0};
  for (size_t i = 0; long_options[i].name; i++)
    names[i] = long_options[i].name;
  const char *word = text;
  while (*word == '-')
    word++;
  char *name = xstrndup(word, strcspn(word, "="));
  for (size_t i = 0; long_options[i].name; i++)
    if (strcmp(name, long_options[i].name) == 0 && long_options[i].has_arg == no_argument) {
      free(name);
      return usage_error("option '--%s' takes no value", long_options[i].name);
    }
  const char *near = *name ? closest_word(name, names) : NULL;
  int status = near ? usage_error("unknown option '%s'; did you mean '--%s'?", text, near)
                    : usage_error("unknown option '%s'", text);
  free(name);
  return status;
}

/* Fills `cli` from argv. Returns -1 when the arguments are valid, else the exit status to leave with. */
static int parse_arguments(int argc, char **argv, struct cli *cli) {
  /* Everything after the first "--" goes to the program, untouched. */
  int end = argc;
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], "--") == 0) {
      end = i;
      cli->program_args = argv + i + 1;
      break;
    }
  char *saved = argv[end];
  argv[end] = NULL;
  cli->words = xcalloc((size_t)argc + 1, sizeof *cli->words);
  opterr = 0;
  optind = 1;
  int option, status = -1;
  /* A leading '-' in the option string returns each non-option in order (as option 1), so that the cases, the
   * subcommand and options may come in any order. */
  while (status < 0 && (option = getopt_long(end, argv, "-:hv", long_options, NULL)) != -1) {
    if (option == 1) {
      cli->words[cli->word_count++] = optarg;
      continue;
    }
    if (option == 'h')
      option = OPT_HELP + OPT_BASE;
    if (option == 'v')
      option = OPT_VERBOSE + OPT_BASE;
    if (option == '?') {
      const char *text = argv[optind - 1];
      status = starts_with(text, "--") ? unknown_option(text) : usage_error("unknown option '-%c'", optopt);
      break;
    }
    if (option == ':') {
      status = usage_error("option '%s' needs a value", argv[optind - 1]);
      break;
    }
    option -= OPT_BASE;
    cli->given |= BIT(option);
    switch (option) {
    case OPT_BINARY: cli->request.binary = optarg; break;
    case OPT_CC:
      /* A relative path to the compiler is the caller's: the harness's own build runs in its private folder. */
      free(cli->compiler);
      cli->compiler = optarg[0] != '/' && strchr(optarg, '/') ? absolute_from_here(optarg) : NULL;
      cli->request.compiler = cli->compiler ? cli->compiler : optarg;
      break;
    case OPT_CFLAGS: cli->request.cflags = optarg; break;
    case OPT_TOOLCHAIN: cli->request.toolchain = optarg; break;
    case OPT_JSON: cli->json = true; break;
    case OPT_NORMALIZE: cli->normalize = true; break;
    case OPT_SARIF: cli->sarif = true; break;
    case OPT_FILTER: cli->filter = optarg; break;
    case OPT_ROOT: cli->root = optarg; break;
    case OPT_RESULTS: cli->results = optarg; break;
    case OPT_READING: cli->request.reading_record = optarg; break;
    case OPT_WRITE_READING: cli->write_reading = optarg; break;
    case OPT_EXPLAIN: cli->explain = true; break;
    case OPT_VERBOSE: cli->verbose = true; break;
    case OPT_TAP: cli->tap = true; break;
    case OPT_JUNIT: cli->junit = optarg; break;
    case OPT_ERROR_EXIT: {
      /* Never a status that reads as another verdict: 0 met, 1 not met, 77 skipped. */
      char *stop;
      errno = 0;
      long code = strtol(optarg, &stop, 10);
      if (errno || stop == optarg || *stop || code < 2 || code > 255 || code == OUTCOME_SKIPPED)
        status = usage_error("--error-exit takes the exit status for \"cannot check\", 2 to 255 but 77 (0, 1 and 77 "
                             "mean met, not met and skipped), not \"%s\"",
                             optarg);
      else
        cli->error_exit = (int)code;
      break;
    }
    case OPT_INSTRUMENTED:
      cli->instrumented = xrealloc(cli->instrumented, (cli->instrumented_count + 2) * sizeof *cli->instrumented);
      cli->instrumented[cli->instrumented_count++] = optarg;
      cli->instrumented[cli->instrumented_count] = NULL;
      break;
    case OPT_MARKERS:
      cli->markers = xrealloc(cli->markers, (cli->marker_count + 2) * sizeof *cli->markers);
      cli->markers[cli->marker_count++] = optarg;
      cli->markers[cli->marker_count] = NULL;
      break;
    case OPT_CFLAG:
      cli->cflag_words = xrealloc(cli->cflag_words, (cli->cflag_count + 2) * sizeof *cli->cflag_words);
      cli->cflag_words[cli->cflag_count++] = optarg;
      cli->cflag_words[cli->cflag_count] = NULL;
      break;
    case OPT_HELP:
      fputs(usage, stdout);
      status = 0;
      break;
    case OPT_VERSION:
      printf("tsan-verify %s\n", TSAN_VERIFY_VERSION);
      status = 0;
      break;
    case OPT_OPT: {
      char *flag = opt_flag(optarg);
      if (!flag) {
        status = usage_error("--opt takes O0, O1, O2, O3, Os, Og, Oz or Ofast (with or without '-'), Meson's plain, 0, "
                             "g, 1, 2, 3 or s, or CMake's Debug, Release, RelWithDebInfo or MinSizeRel, not \"%s\"",
                             optarg);
        break;
      }
      free((char *)cli->request.opt_level);
      cli->request.opt_level = flag;
      break;
    }
    case OPT_COLOR:
      if (strcmp(optarg, "auto") != 0 && strcmp(optarg, "always") != 0 && strcmp(optarg, "never") != 0)
        status = usage_error("--color takes auto, always or never, not \"%s\"", optarg);
      cli->color = optarg;
      break;
    case OPT_REPEAT: {
      char *stop;
      errno = 0;
      cli->repeat = strtoul(optarg, &stop, 10);
      if (errno || stop == optarg || *stop || optarg[0] == '-' || cli->repeat == 0 || cli->repeat > 100000)
        status = usage_error("--repeat takes a number of runs from 1 to 100000, not \"%s\"", optarg);
      break;
    }
    case OPT_TIMEOUT: {
      char *stop;
      double seconds = strtod(optarg, &stop);
      if (stop == optarg || *stop || !isfinite(seconds) || seconds <= 0)
        status = usage_error("--timeout takes a finite number of seconds above 0, not \"%s\"", optarg);
      cli->request.timeout_seconds = seconds;
      break;
    }
    }
  }
  argv[end] = saved;
  return status;
}

static const char *const option_names[OPT_COUNT] = {
    [OPT_BINARY] = "--binary",
    [OPT_CC] = "--cc",
    [OPT_OPT] = "--opt",
    [OPT_CFLAGS] = "--cflags",
    [OPT_TOOLCHAIN] = "--toolchain",
    [OPT_TIMEOUT] = "--timeout",
    [OPT_JSON] = "--json",
    [OPT_FILTER] = "--filter",
    [OPT_HELP] = "--help",
    [OPT_VERSION] = "--version",
    [OPT_REPEAT] = "--repeat",
    [OPT_NORMALIZE] = "--normalize",
    [OPT_SARIF] = "--sarif",
    [OPT_ROOT] = "--root",
    [OPT_INSTRUMENTED] = "--instrumented",
    [OPT_COLOR] = "--color",
    [OPT_VERBOSE] = "--verbose",
    [OPT_TAP] = "--tap",
    [OPT_JUNIT] = "--junit",
    [OPT_ERROR_EXIT] = "--error-exit",
    [OPT_RESULTS] = "--results",
    [OPT_MARKERS] = "--markers",
    [OPT_READING] = "--reading",
    [OPT_WRITE_READING] = "--write-reading",
    [OPT_EXPLAIN] = "--explain",
    [OPT_CFLAG] = "--cflag",
    [OPT_PRINT_TSAN_OPTIONS] = "--print-tsan-options",
};

/* The first option given that `mode` does not take, or -1. */
static int refused_option(const struct cli *cli, unsigned allowed) {
  for (int option = 0; option < OPT_COUNT; option++)
    if ((cli->given & BIT(option)) && !(allowed & BIT(option)))
      return option;
  return -1;
}

static bool use_color(const char *when) {
  if (when && strcmp(when, "always") == 0)
    return true;
  if (when && strcmp(when, "never") == 0)
    return false;
  const char *no_color = getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

enum log_format { LOG_TEXT, LOG_JSON, LOG_SARIF, LOG_NORMALIZED };

/* `parse`: reads a log, prints its reports; 1 when it holds a report, 0 when it proves that TSan ran and reported
 * nothing, 2 when it cannot be read or believed (damaged, contradicting itself, speaking of a report it does not
 * hold, without proof that TSan ran). A damaged log still shows what was read before the damage. */
static int parse_log_file(const char *path, enum log_format format, const char *root) {
  struct tsan_log log;
  char *error = NULL;
  int read = tsan_log_read(path, &log, &error);
  if (read == -1) {
    fprintf(stderr, "%s\n", error);
    free(error);
    return OUTCOME_CANNOT_CHECK;
  }
  /* A log that contradicts itself (a runtime failure, a count that disagrees with the reports) proves nothing. */
  int status = read != 0                                 ? OUTCOME_CANNOT_CHECK
               : tsan_log_check(&log, path, &error) != 0 ? OUTCOME_CANNOT_CHECK
               : log.report_count                        ? OUTCOME_NOT_MET
                                                         : OUTCOME_MET;
  if (format == LOG_JSON) {
    write_json_reports(stdout, &log, NULL, NULL);
    fputc('\n', stdout);
  } else if (format == LOG_SARIF) {
    write_sarif(stdout, &log, root);
  } else if (format == LOG_NORMALIZED) {
    char *text = normalize_log(&log, root);
    fputs(text, stdout);
    free(text);
  } else {
    write_reports_text(stdout, &log, status != OUTCOME_CANNOT_CHECK);
  }
  fflush(stdout);
  if (error)
    fprintf(stderr, "%s\n", error);
  free(error);
  tsan_log_free(&log);
  return status;
}

static int run_parse(struct cli *cli) {
  int refused = refused_option(cli, parse_options);
  if (refused >= 0)
    return usage_error("parse does not take %s (it takes --json, --sarif, --normalize and --root)",
                       option_names[refused]);
  if (cli->program_args)
    return usage_error("parse runs no program: nothing may follow '--'");
  if (cli->word_count > 2)
    return usage_error("parse takes at most one FILE");
  if (cli->json + cli->sarif + cli->normalize > 1)
    return usage_error("choose one of --json, --sarif and --normalize");
  char *error = NULL, *root = NULL;
  if ((cli->sarif || cli->normalize) && !(root = normalize_root(cli->root, &error))) {
    fprintf(stderr, "tsan-verify: %s\n", error);
    free(error);
    return OUTCOME_CANNOT_CHECK;
  }
  enum log_format format = cli->json ? LOG_JSON : cli->sarif ? LOG_SARIF : cli->normalize ? LOG_NORMALIZED : LOG_TEXT;
  int status = parse_log_file(cli->word_count == 2 ? cli->words[1] : "-", format, root);
  free(root);
  return status;
}

static int run_catalog(struct cli *cli) {
  int refused = refused_option(cli, catalog_options);
  if (refused >= 0)
    return usage_error("catalog does not take %s (it takes --filter, --timeout and --color)", option_names[refused]);
  if (cli->program_args)
    return usage_error("catalog runs the manifest's programs without arguments: nothing may follow '--'");
  if (cli->word_count != 2)
    return usage_error("catalog takes one MANIFEST");
  const char *path = cli->words[1];
  struct catalog catalog;
  char *error = NULL;
  if (catalog_read(path, &catalog, &error) != 0) {
    fprintf(stderr, "%s\n", error);
    free(error);
    catalog_free(&catalog);
    return OUTCOME_CANNOT_CHECK;
  }
  size_t matching = catalog_count_matching(&catalog, cli->filter);
  if (matching == 0) {
    if (catalog.count == 0)
      fprintf(stderr, "%s: checked nothing: the manifest lists no case\n", path);
    else
      fprintf(stderr, "%s: checked nothing: no case name of the %zu contains \"%s\"\n", path, catalog.count,
              cli->filter);
    catalog_free(&catalog);
    return OUTCOME_CANNOT_CHECK;
  }
  int interrupted_by = 0;
  enum outcome worst =
      catalog_run(&catalog, &cli->request, cli->filter, stdout, use_color(cli->color), &interrupted_by);
  catalog_free(&catalog);
  fflush(stdout);
  act_on_signal(interrupted_by);
  return worst;
}

/* --print-tsan-options [CASE.c...]: the TSAN_OPTIONS a check gives each case's program, built by the code that builds
 * them for a check (runtime_options_build, from this process's TSAN_OPTIONS and UBSAN_OPTIONS and the case's
 * tsan-options as the marker reader resolves them), one line a case. The one difference: every process logs to stderr
 * (log_path=stderr, the option's last item), where a check points log_path at a private folder of its run. Tools that
 * run a case's program themselves (bench's direct runs, a lit suite) read the options here instead of keeping a copy.
 */
static int run_print_tsan_options(const struct cli *cli) {
  for (int option = 0; option < OPT_COUNT; option++)
    if (option != OPT_PRINT_TSAN_OPTIONS && (cli->given & BIT(option)))
      return usage_error("--print-tsan-options takes no other option (it takes case sources), not %s",
                         option_names[option]);
  if (cli->program_args)
    return usage_error("--print-tsan-options runs no program: nothing may follow '--'");
  size_t count = cli->word_count ? cli->word_count : 1;
  char **lines = xcalloc(count, sizeof *lines);
  int status = 0;
  for (size_t i = 0; i < count && status == 0; i++) {
    const char *path = cli->word_count ? cli->words[i] : NULL;
    struct case_spec spec = {0};
    struct elf_identity identity;
    char *error = NULL;
    if (path && elf_identify(path, &identity) == 0 && identity.elf) {
      error = xprintf("%s: an ELF file; give the case's source, whose tsan-options the options hold", path);
    } else if (!path || case_spec_read(path, &spec, &error) == 0) {
      struct runtime_options options;
      if (runtime_options_build(getenv("TSAN_OPTIONS"), getenv("UBSAN_OPTIONS"), path ? spec.tsan_options : NULL, NULL,
                                &options, &error) == 0)
        lines[i] = xstrdup(options.tsan_options);
      runtime_options_free(&options);
    }
    if (path)
      case_spec_free(&spec);
    if (error) {
      fprintf(stderr, "tsan-verify: %s\n", error);
      free(error);
      status = OUTCOME_CANNOT_CHECK;
    }
  }
  /* All or nothing: a reader pairs the lines with the cases it gave. */
  for (size_t i = 0; i < count; i++) {
    if (status == 0)
      printf("%s\n", lines[i]);
    free(lines[i]);
  }
  free(lines);
  return status;
}

/* met < skipped < not met < cannot check; skipped wins over met only when nothing was met. */
static enum outcome worse(enum outcome so_far, enum outcome next, bool first) {
  if (first)
    return next;
  if (so_far == OUTCOME_CANNOT_CHECK || next == OUTCOME_CANNOT_CHECK)
    return OUTCOME_CANNOT_CHECK;
  if (so_far == OUTCOME_NOT_MET || next == OUTCOME_NOT_MET)
    return OUTCOME_NOT_MET;
  if (so_far == OUTCOME_MET || next == OUTCOME_MET)
    return OUTCOME_MET;
  return OUTCOME_SKIPPED;
}

/* --results FILE: the case's JSON object, written beside FILE and renamed onto it, so that a reader never sees half
 * a result and a failed run leaves no stale one. 0, or -1 with the cause on stderr (the verdict cannot be handed on,
 * so the run cannot count as checked). */
/* Returns 0, or -1 with *error. */
static int write_results_file(const char *path, const struct case_result *result, const char *root, char **error) {
  char *partial = xprintf("%s.partial.%ld", path, (long)getpid());
  FILE *out = fopen(partial, "w");
  int status = 0;
  if (!out) {
    *error = xprintf("--results %s: cannot write %s: %s", path, partial, strerror(errno));
    free(partial);
    return -1;
  }
  write_json(out, result, root);
  if (ferror(out) | (fclose(out) != 0) || rename(partial, path) != 0) {
    *error = xprintf("--results %s: cannot write it: %s", path, strerror(errno));
    unlink(partial);
    status = -1;
  }
  free(partial);
  return status;
}

/* The JUnit file is written when every case has ended; a path that cannot be written is known before the first
 * case runs, so that no report says pass (TAP's points, the text) while the exit status says cannot check. The
 * file is created empty if it is missing, and left as it was otherwise. */
static int junit_path_writable(const char *path, char **error) {
  struct stat st;
  if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
    *error = xprintf("--junit %s: not a regular file; it is never written", path);
    return -1;
  }
  int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW, 0666);
  if (fd < 0) {
    *error = xprintf("--junit %s: cannot write: %s", path, strerror(errno));
    return -1;
  }
  bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  close(fd);
  if (!regular) {
    *error = xprintf("--junit %s: not a regular file; it is never written", path);
    return -1;
  }
  return 0;
}

/* --explain: every report of the case that no marker expects, explained under the case's text. */
static void write_unexpected_explanations(FILE *out, const struct case_result *result,
                                          const struct pattern_set *patterns, bool color) {
  const struct tsan_log *log = &result->log;
  for (size_t r = 0; r < log->report_count; r++) {
    if (result->verdict.report_marker && result->verdict.report_marker[r] >= 0)
      continue;
    /* A run that cannot be checked may have lost part of a report (a damaged or cut log): read, never matched. */
    bool doubtful = result->verdict.outcome == OUTCOME_CANNOT_CHECK;
    struct explanation explanation;
    explain_report(&log->reports[r], doubtful ? NULL : patterns, &explanation);
    if (doubtful)
      explanation.not_matched = "the case cannot be checked, so its reports may be incomplete; no pattern is tried";
    fprintf(out, "explanation of report %zu (log line %zu), %s, which no marker expects:\n", r + 1,
            log->reports[r].first_line, log->reports[r].kind ? log->reports[r].kind : "?");
    write_explanation_text(out, &explanation, "  ", color);
    explanation_free(&explanation);
  }
}

/* --write-reading FILE: the build keeps the compiler's reading of the case beside the program, so that its checks
 * (--reading FILE) need not start the compiler (reading_record.h). */
static int write_reading(struct cli *cli) {
  static const unsigned takes = BIT(OPT_WRITE_READING) | BIT(OPT_BINARY) | BIT(OPT_CC) | BIT(OPT_CFLAGS) |
                                BIT(OPT_CFLAG) | BIT(OPT_TOOLCHAIN) | BIT(OPT_OPT) | BIT(OPT_INSTRUMENTED) |
                                BIT(OPT_MARKERS) | BIT(OPT_TIMEOUT) | BIT(OPT_RESULTS) | BIT(OPT_ROOT);
  int refused = refused_option(cli, takes);
  if (refused >= 0)
    return usage_error("--write-reading does not take %s: it writes the compiler's reading and checks nothing",
                       option_names[refused]);
  if (cli->word_count != 1)
    return usage_error("--write-reading writes the reading of one case, and %zu are given", cli->word_count);
  struct verify_request request = cli->request;
  request.case_path = cli->words[0];
  request.instrumented_files = cli->instrumented;
  request.marker_files = cli->markers;
  request.cflag_words = cli->cflag_words;
  char *error = NULL;
  int interrupted_by = 0;
  if (verify_write_reading(&request, cli->write_reading, &interrupted_by, &error) != 0) {
    fprintf(stderr, "tsan-verify: --write-reading %s: %s\n", cli->write_reading, error);
    free(error);
    act_on_signal(interrupted_by); /* ends by the signal, as the harness does in every mode */
    return cli->error_exit ? cli->error_exit : OUTCOME_CANNOT_CHECK;
  }
  return 0;
}

static int run_cases(struct cli *cli) {
  int refused = refused_option(cli, check_options);
  if (refused >= 0)
    return usage_error("%s is for catalog (tsan-verify catalog MANIFEST %s TEXT)", option_names[refused],
                       option_names[refused]);
  size_t count = cli->word_count;
  if (count == 0)
    return usage_error("no case given");
  if (cli->sarif && (cli->json || cli->normalize))
    return usage_error("--sarif is a document of its own: not with %s", cli->json ? "--json" : "--normalize");
  if (cli->tap && (cli->json || cli->sarif || cli->normalize))
    return usage_error("--tap is a stream of its own on stdout: not with %s", cli->json    ? "--json"
                                                                              : cli->sarif ? "--sarif"
                                                                                           : "--normalize");
  if (cli->request.binary && count > 1)
    return usage_error("--binary checks one case, and %zu are given", count);
  if (cli->markers && count > 1)
    return usage_error("--markers names marker files of one program, and %zu cases are given", count);
  if (cli->results && count > 1)
    return usage_error("--results writes one case's result, and %zu cases are given", count);
  char *error = NULL;
  if (cli->write_reading)
    return write_reading(cli);
  char *root = normalize_root(cli->root, &error);
  if (!root) {
    fprintf(stderr, "tsan-verify: %s\n", error);
    free(error);
    return OUTCOME_CANNOT_CHECK;
  }
  /* A result file that outlives a failed run would be read as this run's. Only a regular file is replaced: the
   * harness runs as root in CI containers, where `--results /dev/full` would otherwise remove a device. */
  struct stat existing;
  if (cli->results && lstat(cli->results, &existing) == 0 && !S_ISREG(existing.st_mode)) {
    fprintf(stderr, "tsan-verify: --results %s: not a regular file; it is never replaced\n", cli->results);
    free(root);
    return OUTCOME_CANNOT_CHECK;
  }
  if (cli->results && unlink(cli->results) != 0 && errno != ENOENT) {
    fprintf(stderr, "tsan-verify: --results %s: cannot replace it: %s\n", cli->results, strerror(errno));
    free(root);
    return OUTCOME_CANNOT_CHECK;
  }
  /* Patterns that cannot be read are known before the first case runs: an explanation asked for is never left out. */
  struct pattern_set patterns = {0};
  if (cli->explain && explain_load_patterns(NULL, NULL, &patterns, &error) != 0) {
    fprintf(stderr, "tsan-verify: --explain: %s\n", error);
    free(error);
    pattern_set_free(&patterns);
    free(root);
    return OUTCOME_CANNOT_CHECK;
  }
  cli->request.program_args = cli->program_args;
  cli->request.instrumented_files = cli->instrumented;
  cli->request.marker_files = cli->markers;
  cli->request.cflag_words = cli->cflag_words;
  struct case_result *results = xcalloc(count, sizeof *results);
  enum outcome worst = OUTCOME_MET;
  size_t done = 0;
  int interrupted_by = 0;
  FILE *text = cli->json || cli->sarif || cli->normalize || cli->tap ? stderr : stdout;
  struct test_points *points = xcalloc(count, sizeof *points);
  struct tap_writer tap;
  if (cli->tap)
    tap_begin(&tap, stdout);
  if (cli->junit && junit_path_writable(cli->junit, &error) != 0) {
    fprintf(stderr, "tsan-verify: %s\n", error);
    if (cli->tap)
      tap_bail_out(&tap, error);
    free(error);
    free(points);
    free(results);
    free(root);
    pattern_set_free(&patterns);
    return OUTCOME_CANNOT_CHECK;
  }
  for (size_t i = 0; i < count && !interrupted_by; i++) {
    struct verify_request request = cli->request;
    request.case_path = cli->words[i];
    struct case_result *result = &results[done];
    struct repeat_summary repeated;
    enum outcome outcome = verify_repeated(&request, (unsigned)cli->repeat, result, &repeated);
    if (repeated.flips) {
      fprintf(stderr, "%s: %u of %u runs differ from run 1; the first: %s\n", request.case_path, repeated.flips,
              repeated.runs_done, repeated.first_flip);
      fprintf(stderr, "--- run %u, the first that differs:\n", repeated.first_flip_run);
      write_text(stderr, repeated.first_flip_result, cli->verbose);
      fprintf(stderr, "--- run 1:\n");
    } else if (cli->repeat > 1 && repeated.runs_done == cli->repeat)
      fprintf(stderr, "%s: all %u runs gave the same verdict\n", request.case_path, repeated.runs_done);
    /* Before the outputs, so that a result file that cannot be written is this case's verdict in every one of them. */
    if (cli->results && write_results_file(cli->results, result, root, &error) != 0) {
      verdict_add(&result->verdict, OUTCOME_CANNOT_CHECK, request.case_path, 0, "%s", error);
      free(error);
      outcome = result->verdict.outcome;
    }
    test_points_of_case(result, outcome, repeated.first_flip, &points[done]);
    if (cli->tap)
      tap_write_case(&tap, &points[done]);
    repeat_summary_free(&repeated);
    if (cli->json) {
      write_json(stdout, result, root);
    } else if (cli->normalize) {
      char *normalized = normalize_log(&result->log, root);
      fputs(normalized, stdout);
      free(normalized);
    }
    write_text(text, result, cli->verbose);
    if (cli->explain)
      write_unexpected_explanations(text, result, &patterns, use_color(cli->color));
    fflush(text);
    worst = worse(worst, outcome, done == 0);
    interrupted_by = result->interrupted_by;
    done++;
  }
  if (cli->sarif)
    write_sarif_cases(stdout, results, done, root);
  if (cli->junit) {
    struct junit_case *cases = xcalloc(done + 1, sizeof *cases);
    for (size_t i = 0; i < done; i++)
      cases[i] = (struct junit_case){results[i].spec.path ? results[i].spec.path : cli->words[i], &points[i]};
    if (junit_write(cli->junit, cases, done, &error) != 0) {
      fprintf(stderr, "tsan-verify: %s\n", error);
      if (cli->tap)
        tap_bail_out(&tap, error);
      free(error);
      worst = OUTCOME_CANNOT_CHECK; /* a runner that reads no report must not read a pass */
    }
    free(cases);
  }
  if (cli->tap)
    tap_end(&tap);
  fflush(stdout);
  for (size_t i = 0; i < done; i++) {
    case_result_free(&results[i]);
    test_points_free(&points[i]);
  }
  free(points);
  free(results);
  free(root);
  pattern_set_free(&patterns);
  act_on_signal(interrupted_by);
  return worst;
}

int main(int argc, char **argv) {
  /* `score` reads its own options (score_main.c). */
  /* Nothing a program sends its parent may end or stop the harness before it cleans up (signals.h). */
  hold_signals();
  /* The compiler works in the private folder, and a program may chdir: a relative TMPDIR would name another folder. */
  anchor_tmpdir();
  if (argc > 1 && strcmp(argv[1], "score") == 0)
    return score_command(argc - 1, argv + 1);
  /* `explain` reads its own options too (explain_main.c). */
  if (argc > 1 && strcmp(argv[1], "explain") == 0)
    return explain_command(argc - 1, argv + 1);
  struct cli cli = {.repeat = 1};
  int status = parse_arguments(argc, argv, &cli);
  if (status < 0) {
    const char *mode = cli.word_count ? cli.words[0] : "";
    if (cli.given & BIT(OPT_PRINT_TSAN_OPTIONS))
      status = run_print_tsan_options(&cli);
    else if (strcmp(mode, "catalog") == 0)
      status = run_catalog(&cli);
    else if (strcmp(mode, "parse") == 0)
      status = run_parse(&cli);
    else
      status = run_cases(&cli);
  }
  /* A runner's own word for "cannot check" (Automake's hard error is 99): never for another verdict. */
  if (status == OUTCOME_CANNOT_CHECK && cli.error_exit)
    status = cli.error_exit;
  free((char *)cli.request.opt_level);
  free(cli.words);
  free(cli.instrumented);
  free(cli.markers);
  free(cli.cflag_words);
  free(cli.compiler);
  return status;
}
