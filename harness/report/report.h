/* report.h: a TSan run's output as data. The parser fills it; everything else reads it. */
#ifndef TSAN_VERIFY_REPORT_H
#define TSAN_VERIFY_REPORT_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf; /* base/util.h */

struct tsan_frame {
  int index;      /* #N */
  char *function; /* "<null>" when unsymbolized */
  char *file;     /* NULL when TSan printed "<null>" or no location */
  int line;       /* 0 when unknown */
  int column;     /* 0 when unknown (gcc never prints one) */
  /* "X:A:B" was read as file X, line A, column B. TSan prints ":column" only when it knows one
   * (sanitizer_stacktrace_printer.cpp, RenderSourceLocation), so file "X:A", line B, is the other reading: a file whose
   * name ends in ":N". Which one names a file is for sourceid.c to settle, from the binary's DWARF. */
  bool file_may_end_in_line;
  char *module; /* "exe+0x1234" without the BuildId, or NULL */
  /* How many frames right above it in its stack have the same `module`: TSan prints one address's inlined calls as
   * frames of one module+offset, innermost first (a recursion repeats the address too). 0 for the first. */
  int same_address_above;
};

enum section_kind {
  SECTION_ACCESS,          /* "Write of size 4 at ... by thread T1 (mutexes: write M0):" */
  SECTION_LOCATION,        /* "Location is global 'g' of size 4 at ..." */
  SECTION_MUTEX_CREATION,  /* "Mutex M0 (0x...) created at:" */
  SECTION_MUTEX,           /* "Mutex M0 is already destroyed." and other mutex notes */
  SECTION_LOCK_CYCLE,      /* "Cycle in lock order graph: M0 (...) => M1 (...) => M0" */
  SECTION_LOCK_ACQUIRE,    /* "Mutex M1 acquired here while holding mutex M0 in thread T1:" */
  SECTION_THREAD_CREATION, /* "Thread T1 (tid=.., running) created by main thread at:" */
  SECTION_SLEEP,           /* "As if synchronized via sleep:" */
  SECTION_STACK,           /* a stack with no title, right after the headline */
  SECTION_OTHER,           /* anything newer runtimes add: kept, never an error */
};

struct tsan_access {
  bool previous;
  bool atomic;
  bool write;
  int size;
  char *thread;  /* "main thread", "thread T1" */
  char *mutexes; /* "write M0, read M1" or NULL */
};

struct tsan_location {
  char *kind; /* "global", "heap block", "stack", "TLS", "file descriptor", or the raw words */
  char *name; /* global's name, or NULL */
  long size;  /* -1 when not given */
};

struct tsan_section {
  enum section_kind kind;
  char *title;                   /* the header line, trimmed; "" for SECTION_STACK */
  struct tsan_access access;     /* when kind == SECTION_ACCESS */
  struct tsan_location location; /* when kind == SECTION_LOCATION */
  struct tsan_frame *frames;
  size_t frame_count;
  size_t frame_capacity;
};

struct tsan_report {
  char *kind; /* the headline: "data race", "lock-order-inversion (potential deadlock)", ... */
  long pid;
  size_t first_line; /* 1-based line of the WARNING in the log */
  struct tsan_section *sections;
  size_t section_count;
  size_t section_capacity;
  char *summary; /* the text after "SUMMARY: ThreadSanitizer: ", or NULL */
};

struct tsan_log {
  struct tsan_report *reports;
  size_t report_count;
  size_t report_capacity;
  bool runtime_started;   /* "***** Running under ThreadSanitizer vN (pid P) *****" (verbosity>=1) */
  char *runtime_version;  /* "v3" */
  bool runtime_finished;  /* the allocator "Stats:" lines printed at exit (verbosity>=1) */
  long warnings_reported; /* "ThreadSanitizer: reported N warnings", or -1 */
  char *fatal;            /* first FATAL/ERROR/CHECK line of the runtime, or NULL */
  size_t fatal_line;
  /* The runtime's first line saying it did not watch all of the process, without its "==PID==" prefix, or NULL:
   * it kills the process at once for what it did ("... Dying": stopped_dies), lets it run on unwatched ("... you
   * are on your own"), or found a thread that ended inside an ignore ("... finished with ignores enabled"). */
  char *stopped;
  size_t stopped_line;
  bool stopped_dies;
  size_t warnings_reported_line; /* the line of the last "reported N warnings", or 0 */
  /* The first "reported N warnings" that contradicts the reports parsed since the previous such line (or since the
   * start): its line (0 when every count agrees), the N it says and the number of reports parsed. */
  size_t count_mismatch_line;
  size_t count_mismatch_since;  /* the previous "reported N warnings" line, or 0 */
  long count_mismatch_reported; /* -1: the runtime finished (its Stats, at that line) and printed no count */
  size_t count_mismatch_parsed;
  size_t forked_line; /* "ThreadSanitizer: forked new process with pid P" (verbosity>=1), or 0 */
  /* Every process's count, summed over all the "reported N warnings" lines, and the reports the log holds before
   * each fork line, summed: a forked child's count may include its parent's reports made before the fork, and no
   * other's, so a sum above the reports plus what the children can have inherited means reports were lost. */
  long counted_in_all;
  size_t inheritable_reports;
  size_t module_map_lines; /* lines of "Process memory map" (print_module_map) skipped inside reports */
  size_t ci_lines;         /* CI group and command lines ("##[group]...") skipped */
  size_t prefixed_lines;   /* lines read under a prefix a CI system or wrapper wrote before TSan's text */
  size_t nul_line;         /* the first line holding a NUL byte (no TSan output does), or 0 */
  /* The first line outside every report that speaks of one ("data race", "ThreadSanitizer: heap-use-after-free",
   * Go's "WARNING: DATA RACE"), or 0: a report the parser did not read. */
  size_t unread_report_line;
  char *unread_report;
};

/* Parses TSan output (stderr or a log_path file, possibly mixed with program lines outside reports). Each line is
 * read as a terminal would show it: escape sequences (color) are dropped anywhere, text before a carriage return
 * is overwritten, and a CI timestamp before the line ("2026-12-01T18:00:00.1234567Z ") is dropped; CI group lines
 * ("##[group]...") are skipped. Text that a CI system or wrapper writes before every line ("3: " of ctest -V,
 * "[2021-06-09T13:09:01.633Z] ", pytest's "E   ") is learned from the lines TSan always starts at column 0 (a
 * headline, the banner) and taken off every following line that starts with text of its shape. Returns 0, or -1
 * with *error set ("line N: ...") when a report is damaged (cut, interleaved) or its stacks are in a
 * stack_trace_format this parser cannot read; the log then holds what was read before the damage. */
int tsan_parse(const char *text, size_t length, struct tsan_log *log, char **error);
void tsan_log_free(struct tsan_log *log);
/* 0 when the parsed log can be believed as the record of what TSan found; -1 with *error ("PATH:LINE: ...", PATH
 * "-" named "<stdin>") when the log holds a NUL byte, the runtime failed (CHECK, FATAL, ERROR: the line is
 * quoted), the log's own "reported N warnings" contradicts the reports parsed (both numbers are named), or, for a
 * log without reports, when a line speaks of a report the parser did not read, or nothing shows that TSan ran
 * and finished (its banner and exit statistics, printed with verbosity=1): "0 reports" is said only of a log
 * that proves it. */
int tsan_log_check(const struct tsan_log *log, const char *path, char **error);
/* Reads and parses a captured log ("-" is stdin), decoding UTF-16 and UTF-32 text that starts with its byte order
 * mark (and skipping UTF-8's). Errors name the file: "path:line: ...". Returns 0; -1 when the file cannot be read
 * or decoded (the log is empty); -2 when it is damaged (the log holds what was read before the damage). */
int tsan_log_read(const char *path, struct tsan_log *log, char **error);
/* The same for a log's bytes already in memory (`text`, which it frees), its errors naming `name` as tsan_log_read
 * names the file ("<stdin>" for "-"). */
int tsan_log_parse_text(struct strbuf *text, const char *name, struct tsan_log *log, char **error);

const char *section_kind_name(enum section_kind kind);
/* The innermost frame of the section that has a source file and line and is not the runtime's (frame_in_runtime), or
 * NULL. */
const struct tsan_frame *section_source_frame(const struct tsan_section *section);
/* Whether a frame is the TSan runtime's own code (an interceptor such as memcpy, pthread_create): its module is the
 * runtime's shared library (gcc's libtsan.so.N, clang's libclang_rt.tsan*.so), or its file one of the runtime's
 * sources (gcc prints libsanitizer's, "../../../../src/libsanitizer/sanitizer_common/..._interceptors.inc:827").
 * clang's static runtime has no line information: its frames show no file at all. */
bool frame_in_runtime(const struct tsan_frame *frame);

/* The headlines this harness knows (tsan_report.cpp's ReportTypeString, C-reachable ones first). */
extern const char *const tsan_known_kinds[];
/* What the runtime says, after "ThreadSanitizer: ", as it kills a process for what the program did (a case may
 * declare it, `// expect-tsan-dies:`): the fixed start of each such line. */
extern const char *const tsan_death_notices[];

#endif
