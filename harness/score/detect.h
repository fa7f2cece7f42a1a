/* detect.h: one program built from C sources and run under one detector (TSan, Helgrind or DRD), its reports read
 * into a tsan_log. What the scorer uses for corpora that come without a build (SV-COMP tasks, TSV lists). */
#ifndef TSAN_VERIFY_DETECT_H
#define TSAN_VERIFY_DETECT_H

#include "report/report.h"

#include <stddef.h>

enum detector { DETECTOR_TSAN, DETECTOR_HELGRIND, DETECTOR_DRD };

struct detect_request {
  enum detector detector;
  char *const *sources; /* the program's C files */
  size_t source_count;
  const char *stub;         /* an extra C file linked in (the SV-COMP stub), or NULL */
  const char *compiler;     /* NULL: $CC, else "clang" */
  const char *opt_level;    /* "-O1" when NULL */
  char *const *cflags;      /* more compiler flags (-fopenmp, -I...), NULL-terminated; or NULL */
  char *const *task_flags;  /* the program's own compiler words, after its sources (an extra .c, -lm); or NULL */
  const char *tsan_options; /* options the configuration declares, as a case's `// tsan-options:` does: they may
                               change what the harness pins (ignore_noninstrumented_modules=1 for Archer); or NULL */
  char *const *environment; /* "NAME=VALUE" set for every run (OMP_NUM_THREADS=4, ...), NULL-terminated; or NULL */
  /* TSan: what hides reports that the configuration declares for every program, as a program's own `// tsan-hides:`
   * lines would ("uninstrumented libomp.so.5 -- reason": clang's OpenMP runtime, found through the RUNPATH clang
   * writes, which a corpus's sources cannot declare), NULL-terminated; or NULL */
  const char *const *declared_hidings;
  double timeout_seconds; /* per run; 120 when <= 0 */
};

struct instrumentation;
struct case_spec;

/* A built program, in a private folder of its own. */
struct detect_program {
  char *folder;
  char *binary;
  /* TSan: what the compiler put into the binary (proof/instrumentation.h), read once after the build, to which each
   * run adds the libraries its processes loaded; and what the program's first source declares of it (its
   * `// tsan-hides:` markers, docs/MARKERS.md; none when it holds no marker). NULL for Valgrind. */
  struct instrumentation *facts;
  struct case_spec *declared;
  /* What the program hides as its source declares, or a library of its own TSan does not watch, as check mode
   * names them in notes ("; "-joined); NULL when nothing. Set by the first run TSan watched. */
  char *notes;
};

/* "tsan", "helgrind", "drd" and back; detector_from_name returns -1 for another name. */
const char *detector_name(enum detector detector);
int detector_from_name(const char *name);

/* Builds the program (with -fsanitize=thread for TSan; with -gdwarf-4 for Valgrind, whose 3.19 reads clang 14's
 * DWARF 5 poorly). For TSan it then reads the binary as check mode does (instrumentation_read, the program's sources
 * being the files under test) and the first source's markers: a binary whose code cannot be read, or a source whose
 * markers cannot, is an error. Returns 0, or -1 with *error = "source: what went wrong" (and nothing left to free).
 * *interrupted_by is set when SIGINT or SIGTERM arrived. */
int detect_build(const struct detect_request *request, struct detect_program *program, int *interrupted_by,
                 char **error);
/* Runs the built program once under the detector and parses its reports. `run_number` (1, 2, ...) picks the
 * SV-COMP stub's sequence: SVCOMP_SEED is the user's seed (default 1) plus run_number - 1, so repeated runs explore
 * other nondeterministic values. Under TSan the run is traced and judged as check mode judges it (verify.h's
 * check_watched: each instrumented process's own log, complete, consistent with its exit; no survivor), and so is
 * the code (hiding.h's hiding_check: every function of the program's sources instrumented, or declared; nothing that
 * hides reports undeclared). Under Valgrind the run is traced too, and every image it ran must have been watched by
 * the tool to its end (valgrind_images_read). Returns 0 when the detector watched the run and the code, or -1 with
 * *error = "source: why not" (timeout, a crash, the detector did not start, code TSan did not instrument). */
int detect_run(const struct detect_request *request, struct detect_program *program, unsigned run_number,
               struct tsan_log *log, int *interrupted_by, char **error);
/* What a traced Valgrind run shows (detect_run): every image of the program's processes (trace.h) must have been
 * watched by the tool `tool` ("helgrind", "drd"). An image with a document at its log_path (the tool wrote
 * PREFIX.PID in it) is read (valgrind_xml_read_image), must name the image's pid and the tool, and, unless it
 * exec'd, carry the tool's FINISHED status. An image without one is the tool's launcher on its way to the tool (it
 * exec'd, running an executable the run ran before the tool's first document: the wrapper script's shell,
 * valgrind.bin); any other image ran code the tool did not follow, or the tool did not start in it. `tool_output` is
 * the run's stderr (or NULL), from which Valgrind's own words on why it stopped are quoted. Returns 0 with every
 * document's reports in *log (runtime_finished set), or -1 with *error naming the image and why. */
struct process_table;
int valgrind_images_read(const struct process_table *processes, const char *tool, const char *tool_output,
                         struct tsan_log *log, char **error);
/* Removes the program's folder. */
void detect_program_free(struct detect_program *program);

#endif
