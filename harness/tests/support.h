/* support.h: what the harness tests share. Every helper fails the running Criterion test (with a message naming
 * the file) instead of returning an error. */
#ifndef HARNESS_TEST_SUPPORT_H
#define HARNESS_TEST_SUPPORT_H

#include "check/verify.h"
#include "process/run.h"
#include "report/report.h"

#include <stdbool.h>
#include <stddef.h>

/* "<source dir>/fixtures/NAME"; the caller frees it. */
char *fixture_path(const char *name);
/* "<source dir>/programs/NAME"; the caller frees it. */
char *program_path(const char *name);

/* A whole file, NUL-terminated (the NUL is not counted in *length); the caller frees it. */
char *read_file_or_fail(const char *path, size_t *length);
char *read_fixture(const char *name, size_t *length);
/* Parses a fixture that must parse; the caller frees the log with tsan_log_free. */
void parse_fixture(const char *name, struct tsan_log *log);
/* Parses text that must parse. */
void parse_text(const char *text, struct tsan_log *log);

/* A fresh folder under /tmp (or $TMPDIR), and its removal with everything in it. */
char *make_scratch_dir(void);
void remove_scratch_dir(char *path);
void write_file_or_fail(const char *path, const char *text, size_t length);

/* `text` with its first occurrence of `from` replaced by `to`; the test fails when `from` does not occur. */
char *replace_first(const char *text, const char *from, const char *to);
/* `text` with every occurrence of `from` replaced by `to`. */
char *replace_all(const char *text, const char *from, const char *to);

bool ends_with(const char *text, const char *suffix);
bool contains(const char *text, const char *needle);

/* The frame `index` of section `section` of report `report`, checked to exist. */
const struct tsan_frame *frame_at(const struct tsan_log *log, size_t report, size_t section, size_t index);
const struct tsan_section *section_at(const struct tsan_log *log, size_t report, size_t section);

/* A file of harness/fuzz/regressions, held in a buffer of exactly its size: no NUL follows it, so a read past its
 * end is a heap overflow that AddressSanitizer reports (the CASEBOOK_HARNESS_SANITIZE=address build). */
struct raw_input {
  char *name;
  char *bytes;
  size_t length;
};
/* Every regression input, sorted by name; the test fails when there is none. Free them with free_raw_inputs. */
size_t read_fuzz_regressions(struct raw_input **inputs);
void free_raw_inputs(struct raw_input *inputs, size_t count);

/* C text of `lines` lines: line N is "  step(N);" unless `markers` names it ("28=data race;29=data race"), when
 * it is "  step(N); // expect-tsan: KIND". For specs whose lines match a fixture program's lines. */
char *case_text_with_markers(size_t lines, const char *markers);

/* ---- end to end: verify_case on a case ---- */

/* Keeps the developer's TSAN_OPTIONS, UBSAN_OPTIONS (clang's TSan runtime reads it too; the asan preset sets
 * exitcode=3 there) and CC out of the tests: the harness adds the user's options to every run. A suite's .init, or
 * the start of one. */
void unset_user_environment(void);

/* verify_case on the case at `path`, built with `compiler`, its run stopped after `timeout_seconds`; free `result`
 * with case_result_free. */
enum outcome verify_path(const char *path, const char *compiler, double timeout_seconds, struct case_result *result);
/* The same on programs/NAME. */
enum outcome verify_program(const char *name, const char *compiler, double timeout_seconds, struct case_result *result);

/* The verdict's diagnostics, "\n  FILE:LINE: MESSAGE" each ("" when there is none); the caller frees it. */
char *verdict_diagnostics(const struct verdict *verdict);
/* The same, then the program's stdout and stderr when it ran: what a failed test shows. */
char *result_diagnostics(const struct case_result *result);

/* The verdict's outcome is `expected`. */
void assert_outcome(const struct case_result *result, enum outcome expected);
/* Some diagnostic's message holds `text`. */
void assert_diagnostic(const struct case_result *result, const char *text);
/* Some diagnostic about a file whose name ends in `file` (NULL: any file) holds `text` and, unless it is NULL,
 * `also`. */
void assert_diagnostic_about(const struct case_result *result, const char *file, const char *text, const char *also);

/* ---- programs the tests run ---- */

/* programs/NAME copied into `folder` as AS; the caller frees the path. */
char *copy_program(const char *name, const char *folder, const char *as);
/* `text` written to NAME in *scratch, which is made on first use; the caller frees the path. */
char *write_scratch_file(char **scratch, const char *name, const char *text);

/* Runs `command` with `arguments` (NULL-terminated, after the program name) from `working_directory` (NULL: this
 * one), keeping up to 1 MiB of each stream; the test fails if it cannot start. Free `run` with run_result_free. */
void run_command(const char *command, const char *const *arguments, const char *working_directory,
                 double timeout_seconds, struct run_result *run);
/* The same with the built tsan-verify as the command. */
void run_harness(const char *const *arguments, const char *working_directory, double timeout_seconds,
                 struct run_result *run);
/* Runs `argv` (a compiler, a shell), which must exit with status 0. */
void run_or_fail(char *const *argv, double timeout_seconds);

/* `tsan-verify parse [OPTION] PATH` (OPTION NULL: none), run from the fixtures folder so that messages name a fixture
 * as given; stdout and stderr go through files, whole. The test fails unless it exits. */
struct cli_result {
  int status; /* the exit status */
  char *out, *err;
};
struct cli_result run_parse_cli(const char *option, const char *path);
void cli_result_free(struct cli_result *result);

#endif
