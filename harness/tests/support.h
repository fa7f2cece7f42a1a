/* support.h: what the harness tests share. Every helper fails the running Criterion test (with a message naming
 * the file) instead of returning an error. */
#ifndef HARNESS_TEST_SUPPORT_H
#define HARNESS_TEST_SUPPORT_H

#include "report.h"

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

#endif
