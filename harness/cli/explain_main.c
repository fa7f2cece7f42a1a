/* explain_main.c: `tsan-verify explain`: a log's reports, each explained (docs/EXPLAIN.md). */
#include "cli/explain_main.h"

#include "base/util.h"
#include "explain/explain_log.h"
#include "report/report.h"
#include "report/verdict.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TSAN_VERIFY_PATTERNS
#define TSAN_VERIFY_PATTERNS NULL
#endif
#ifndef TSAN_VERIFY_PATTERNS_FROM_BINDIR
#define TSAN_VERIFY_PATTERNS_FROM_BINDIR "../share/tsan-verify/patterns.tsv"
#endif
#ifndef TSAN_VERIFY_CASES
#define TSAN_VERIFY_CASES NULL
#endif

static const char explain_usage[] =
    "usage: tsan-verify explain [--json] [--color WHEN] [--patterns FILE] [--cases DIR] [LOG|-]\n"
    "Explains every report of a TSan log (a log_path file, or stderr captured anywhere; - or nothing: stdin):\n"
    "the reading in plain words, the mistake patterns its structure shows with the evidence that matched (or \"no\n"
    "specific pattern\"), and the catalog cases of each pattern, mistake and fix (docs/EXPLAIN.md).\n"
    "  --json             one JSON object (docs/report.schema.json, \"explain\")\n"
    "  --color WHEN       auto (default: a terminal, and NO_COLOR unset), always or never\n"
    "  --patterns FILE    the patterns (default: the one installed with tsan-verify, PREFIX/share/tsan-verify/)\n"
    "  --cases DIR        the catalog's cases folder, for the fix lines (default: the source tree's, when present)\n"
    "Exit status: 0 the log holds no report, 1 its reports are explained, 2 it cannot be read or believed.\n";

/* The patterns installed beside this binary (PREFIX/bin/tsan-verify -> PREFIX/share/tsan-verify/patterns.tsv),
 * else the source tree's for a binary run from its build tree; NULL when neither exists. */
static char *default_patterns(void) {
  char exe[4096];
  ssize_t length = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (length > 0) {
    exe[length] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) {
      *slash = '\0';
      char *installed = xprintf("%s/%s", exe, TSAN_VERIFY_PATTERNS_FROM_BINDIR);
      if (access(installed, R_OK) == 0)
        return installed;
      free(installed);
    }
  }
  const char *built = TSAN_VERIFY_PATTERNS;
  return built && access(built, R_OK) == 0 ? xstrdup(built) : NULL;
}

int explain_load_patterns(const char *path, const char *cases_dir, struct pattern_set *set, char **error) {
  char *found = path ? xstrdup(path) : default_patterns();
  if (!found) {
    *set = (struct pattern_set){0};
    *error = xstrdup("no patterns file: none is installed beside tsan-verify (PREFIX/share/tsan-verify/"
                     "patterns.tsv); name one with --patterns FILE");
    return -1;
  }
  int status = pattern_set_read(found, set, error);
  free(found);
  if (status != 0)
    return -1;
  const char *cases = cases_dir ? cases_dir : TSAN_VERIFY_CASES;
  if (cases && access(cases, R_OK | X_OK) == 0)
    pattern_set_read_fix_lines(set, cases);
  return 0;
}

static bool color_wanted(const char *when) {
  if (when && strcmp(when, "always") == 0)
    return true;
  if (when && strcmp(when, "never") == 0)
    return false;
  const char *no_color = getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

static int explain_usage_error(const char *message) {
  fprintf(stderr, "tsan-verify explain: %s (tsan-verify explain --help shows the usage)\n", message);
  return OUTCOME_CANNOT_CHECK;
}

int explain_command(int argc, char **argv) {
  enum { OPT_JSON = 256, OPT_COLOR, OPT_PATTERNS, OPT_CASES, OPT_HELP };
  static const struct option options[] = {
      {"json", no_argument, NULL, OPT_JSON},
      {"color", required_argument, NULL, OPT_COLOR},
      {"patterns", required_argument, NULL, OPT_PATTERNS},
      {"cases", required_argument, NULL, OPT_CASES},
      {"help", no_argument, NULL, OPT_HELP},
      {NULL, 0, NULL, 0},
  };
  bool json = false;
  const char *color = NULL, *patterns_path = NULL, *cases_dir = NULL;
  optind = 0; /* glibc: start afresh */
  opterr = 0;
  int option;
  while ((option = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
    switch (option) {
    case OPT_JSON: json = true; break;
    case OPT_COLOR:
      if (strcmp(optarg, "auto") != 0 && strcmp(optarg, "always") != 0 && strcmp(optarg, "never") != 0)
        return explain_usage_error("--color takes auto, always or never");
      color = optarg;
      break;
    case OPT_PATTERNS: patterns_path = optarg; break;
    case OPT_CASES: cases_dir = optarg; break;
    case OPT_HELP:
    case 'h': fputs(explain_usage, stdout); return 0;
    case ':': return explain_usage_error("an option needs a value");
    default: {
      char *message = xprintf("unknown option '%s'", argv[optind - 1]);
      int status = explain_usage_error(message);
      free(message);
      return status;
    }
    }
  }
  if (argc - optind > 1)
    return explain_usage_error("explain takes at most one LOG");
  if (json && color)
    return explain_usage_error("--color is for the text: not with --json");
  const char *path = optind < argc ? argv[optind] : "-";
  struct pattern_set patterns;
  char *error = NULL;
  if (explain_load_patterns(patterns_path, cases_dir, &patterns, &error) != 0) {
    fprintf(stderr, "tsan-verify explain: %s\n", error);
    free(error);
    pattern_set_free(&patterns);
    return OUTCOME_CANNOT_CHECK;
  }
  struct tsan_log log;
  int read = tsan_log_read(path, &log, &error);
  /* The explanations are about four times the size of the log's reports: written in large blocks, not stdio's 4 KiB. */
  static char output_buffer[1 << 16];
  if (!isatty(STDOUT_FILENO))
    setvbuf(stdout, output_buffer, _IOFBF, sizeof output_buffer);
  int status = explain_log(stdout, &log, read, path, &patterns, json, !json && color_wanted(color), &error);
  if (error)
    fprintf(stderr, "%s\n", error);
  free(error);
  tsan_log_free(&log);
  pattern_set_free(&patterns);
  return status;
}
