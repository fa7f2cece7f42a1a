/* markers.h: the expectations a case states in its own source (see docs/MARKERS.md). */
#ifndef TSAN_VERIFY_MARKERS_H
#define TSAN_VERIFY_MARKERS_H

#include "binary/toolchain.h"
#include "source/dialect.h"

#include <stdbool.h>
#include <stddef.h>

/* Where a report marker says the report is: on its own line, or pinned to a function or a frame anywhere. */
enum marker_pin {
  PIN_LINE,     /* `KIND`: a report stack's innermost frame in the case is on the marker's line */
  PIN_FUNCTION, /* `KIND in FUNCTION`: a report stack's innermost frame with a source line is FUNCTION */
  PIN_FRAME,    /* `KIND at FILE:LINE`: a report stack holds a frame at that line of that source of the binary */
};

struct marker {
  size_t line;         /* the line the marker is about (for a pinned marker, its comment's line) */
  size_t comment_line; /* the line the comment is on */
  char *kind;          /* "data race", ... ; "none" for the whole-program marker */
  char *note;          /* the text after " -- ", or NULL */
  char *selector;      /* "gcc", "clang>=18", "gcc,O1", or NULL when unqualified */
  enum marker_pin pin;
  char *pin_function; /* PIN_FUNCTION: the function's name as TSan prints it */
  char *pin_file;     /* PIN_FRAME: the path suffix of one source of the binary */
  size_t pin_line;    /* PIN_FRAME: the line in that file */
  /* The marker file it stands in, when that is not the case's own file (case_spec_add_marker_file); NULL in the
   * case. Its lines are that file's lines: a line marker there is hit by a frame in that file. */
  char *file;
};

struct expected_output {
  size_t line;
  char *text;
};

/* What a `// tsan-hides: WHAT -- reason` marker declares: the case hides reports on purpose this way. */
enum hiding_kind {
  HIDES_UNINSTRUMENTED,
  HIDES_IGNORE_ANNOTATIONS,
  HIDES_DEFAULT_OPTIONS,
  HIDES_REPORT_HOOK,
  HIDES_SYNC_ANNOTATIONS,
  HIDES_MULTITHREADED_FORK, /* a child of a multithreaded fork runs code without exec: TSan ignores it all */
  HIDES_CALLED_FROM_LIB,    /* a called_from_lib rule of the case's own suppressions file: TSan ignores what the
                               library's calls do, and never counts it as a match */
  HIDES_FIBERS,             /* the program switches TSan's fibers: synchronizes, and changes the running thread */
  HIDES_FLUSH_MEMORY,       /* the program makes the runtime forget recorded accesses (__tsan_flush_memory, ...) */
  HIDES_RUNTIME_CALLS /* the program calls another function of the runtime's interface (proof/runtime_interface.h) */
};

struct declared_hiding {
  enum hiding_kind kind;
  char *function; /* the function of `uninstrumented FUNCTION`, else NULL */
  char *reason;
  size_t line;
};

/* `// expect-suppressed: RULE COUNT -- reason`: a rule of the case's suppressions file that hides COUNT reports on
 * purpose, even reports in code the markers name. */
struct declared_suppression {
  char *rule; /* "race:qthread_master", as the suppressions file spells it */
  long count;
  size_t line;
  char *selector; /* the toolchains and levels the count is for ("clang>=15"), or NULL for every one */
};

struct case_spec {
  char *path;
  struct marker *markers; /* every expect-tsan marker, qualified or not */
  size_t marker_count;
  size_t marker_capacity;
  struct marker *bugs; /* every expect-bug marker (ground truth; never part of the verdict); kind "none" or KIND */
  size_t bug_count;
  size_t bug_capacity;
  /* every expect-tsan-dies marker: kind is the start of the line the runtime prints as it kills a process */
  struct marker *deaths;
  size_t death_count;
  size_t death_capacity;
  struct expected_output *outputs;
  size_t output_count;
  size_t output_capacity;
  char *tsan_options;       /* joined "tsan-options" markers, suppressions= made absolute; NULL if none */
  size_t tsan_options_line; /* the first tsan-options marker's line; 0 if none */
  char *link_libraries;     /* joined "link-libraries" names (one blank between), each linked as -lNAME; NULL if none */
  size_t link_libraries_line; /* the first link-libraries marker's line; 0 if none */
  /* "uses-openmp: threads=N [tool=archer]": built with -fopenmp, run with OMP_NUM_THREADS=N and, with tool=archer,
   * LLVM's Archer loaded into libomp (OMP_TOOL_LIBRARIES). openmp_line is 0 when the case has no such marker. */
  size_t openmp_line;
  unsigned openmp_threads;
  bool openmp_archer;
  char *link_options;       /* joined "link-options" words (one blank between), passed to the link; NULL if none */
  size_t link_options_line; /* the first link-options marker's line; 0 if none */
  /* "expect-cannot-check: TEXT": the case is about a reason the harness cannot check the program, and one of the
   * verdict's reasons must hold TEXT (verify.c turns that verdict into met). 0 / NULL when there is none. */
  size_t cannot_check_line;
  char *cannot_check_text;
  bool expects_exit; /* an "expect-exit: N" marker: the program's own exit status when TSan reports nothing */
  int expected_exit;
  size_t expected_exit_line;
  char *requires; /* "requires-tsan" selector, or NULL */
  char *requires_reason;
  size_t requires_line;
  struct declared_suppression *suppressed; /* every expect-suppressed marker */
  size_t suppressed_count;
  size_t suppressed_capacity;
  struct declared_hiding *hidings; /* every tsan-hides marker */
  size_t hiding_count;
  size_t hiding_capacity;
  /* What each physical line holds in the reader's reading (line N is line_flags[N - 1]): LINE_* bits. The line-map
   * checks compare it with the compiler's own reading (linemap.h). */
  unsigned char *line_flags;
  size_t line_count;
  /* The program's other sources whose expect-tsan markers were added to these (case_spec_add_marker_file), in the
   * order they were added: files under test like the case. */
  char **marker_files;
  size_t marker_file_count;
  /* The MD5 of the text the markers were read from (case_spec_read_as): the case's, then each marker file's (an
   * element per marker_files entry). After the run the files must still hold these texts (a program may rewrite its
   * own source while it runs, and the freshness check reads the file then). has_text_md5 is false for a parsed text. */
  unsigned char text_md5[16];
  bool has_text_md5;
  unsigned char (*marker_file_md5s)[16];
};

enum line_flag {
  LINE_CODE = 1,           /* a token outside comments and preprocessing directives */
  LINE_COMMENT = 2,        /* part of a comment */
  LINE_DIRECTIVE = 4,      /* part of a preprocessing directive (its comments included) */
  LINE_KEPT_DIRECTIVE = 8, /* a directive the preprocessor passes on to the compiler (#pragma, #ident) */
  LINE_CONDITIONAL = 16,   /* inside an #if/#ifdef/#ifndef group, which the preprocessor may skip */
  LINE_MARKER = 32,        /* the line of a marker's comment */
};

/* Reads the markers of the case at `path` the way the C compiler reads the file (line splices, literals, comments,
 * any line ending, a BOM), with physical line numbers. Returns 0, or -1 with *error = "path:line: what is wrong". A
 * file with no expect-tsan marker is an error, and so is anything in a comment that looks like a marker but is
 * not one. */
int case_spec_read(const char *path, struct case_spec *spec, char **error);
/* The same, on text already in memory (path is used for messages and for resolving suppressions files). */
int case_spec_parse(const char *path, const char *text, size_t length, struct case_spec *spec, char **error);
/* The same, reading the file the way the compiler does under `dialect` (trigraphs, C23 digit separators, raw strings).
 * A feature the dialect leaves unknown is tried both ways, and a file whose reading depends on it is an error naming
 * the first line that differs. case_spec_read and case_spec_parse leave every feature unknown. */
int case_spec_read_as(const char *path, const struct c_dialect *dialect, struct case_spec *spec, char **error);
int case_spec_parse_as(const char *path, const char *text, size_t length, const struct c_dialect *dialect,
                       struct case_spec *spec, char **error);
void case_spec_free(struct case_spec *spec);
/* Adds the markers of another source of the program (a marker file) to `spec`, the case's: each marker keeps its
 * file. A marker file holds expect-tsan markers only: what is said once for the whole program (tsan-options,
 * expect-output, expect-exit, requires-tsan, link-libraries, uses-openmp, link-options, expect-cannot-check) stands in
 * the case, and expect-bug,
 * expect-tsan-dies, tsan-hides and expect-suppressed (whose lines the verdict names as the case's) too; any of them
 * here is an error naming this file and line. So is a file with no expect-tsan marker, the case's own file, a file
 * given twice, and `none` beside a marker of another file that applies to the same toolchain. Returns 0, or -1 with
 * *error = "path:line: what". */
/* Whether `path` still holds the text its markers were read from: 1 yes, 0 no, -1 when it cannot be read (or no MD5
 * was kept). `which` is 0 for the case, i + 1 for marker_files[i]. */
int case_spec_text_unchanged(const struct case_spec *spec, size_t which);
int case_spec_add_marker_file(struct case_spec *spec, const char *path, const struct c_dialect *dialect, char **error);
/* Whether `path` opens a // comment with a marker's exact name (the reader's lexing, not a text search): 1, 0, or -1
 * with *error when it cannot be read. */
int source_holds_marker(const char *path, char **error);
/* The same of a file's text in memory. */
bool source_text_holds_marker(const char *text, size_t length);
/* The file a marker stands in: its own, or the case's. */
const char *marker_file_of(const struct case_spec *spec, const struct marker *marker);
/* The lines of `text` (C source, such as the preprocessor's output of a case) where a // comment opens with a marker's
 * exact name, read under `dialect` (an unknown feature is off). *lines is sorted; the caller frees it. */
size_t marker_comment_lines(const char *text, size_t length, const struct c_dialect *dialect, size_t **lines);

/* One `tsan-hides` declaration given outside a source, "WHAT [FUNCTION|LIBRARY] -- reason" (tsan-verify score
 * --tsan-hides: what a configuration declares for every program of a corpus), read by the markers' own rules.
 * Returns 0 with *hiding filled (line 0; the caller frees its function and reason), or -1 with *error saying what is
 * wrong, in the words the marker reader uses. */
int declared_hiding_parse(const char *text, struct declared_hiding *hiding, char **error);

/* "uninstrumented", "ignore-annotations", "default-options", "report-hook". */
const char *hiding_kind_name(enum hiding_kind kind);

/* The bug kinds an expect-bug marker may name besides TSan's headlines: mistakes that are no data race. */
extern const char *const bug_only_kinds[];

/* Whether a marker applies to the toolchain: unqualified ones always do. */
bool marker_applies(const struct marker *marker, const struct toolchain *toolchain);
/* True when the case states `none` for this toolchain. */
bool spec_expects_none(const struct case_spec *spec, const struct toolchain *toolchain);
/* The first expect-tsan marker whose selector names an optimization level, or NULL. */
const struct marker *spec_level_marker(const struct case_spec *spec);

#endif
