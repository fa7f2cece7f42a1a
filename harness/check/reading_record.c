/* reading_record.c: the compiler's reading of a source, kept in a file by the build and found again by a check
 * (reading_record.h). Format 2: a reading is kept only when it read what the program's build read (build_inputs.h),
 * which a check then need not ask again of the same program.
 *
 * The file is a header line, then fields, each `TAG LENGTH\n` followed by LENGTH bytes and a newline, so that any byte
 * (a newline in a flag, a NUL in the output) is kept as it is. A reading is `reading`, then `folder`, `compiler`
 * (its identity: device, inode, size and time of the file, and its real path), `program` (the same of the program
 * built, when the record is written for one), one `word` per word, one `input` per
 * file the compiler read (MD5 in hex, a blank, the path), then `output`. */
#include "check/reading_record.h"
#include "base/md5.h"
#include "base/readfile.h"
#include "base/util.h"
#include "proof/program_sources.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char header[] = "tsan-verify compiler readings, format 2\n";

/* The file `path` names when run from `folder` (relative to it unless absolute). */
char *path_in_folder(const char *folder, const char *path) {
  return path[0] == '/' ? xstrdup(path) : xprintf("%s/%s", folder, path);
}

/* The file the compiler's name runs, as posix_spawnp finds it (run.c): a name with a slash is a path from `folder`,
 * another is looked for in PATH. NULL when none is found. */
static char *compiler_file(const char *name, const char *folder) {
  if (strchr(name, '/'))
    return path_in_folder(folder, name);
  const char *path = getenv("PATH");
  if (!path || !*path)
    path = "/bin:/usr/bin";
  for (const char *start = path;; start++) {
    const char *end = strchr(start, ':');
    size_t length = end ? (size_t)(end - start) : strlen(start);
    char *candidate = length ? xprintf("%.*s/%s", (int)length, start, name) : xprintf("%s/%s", folder, name);
    if (access(candidate, X_OK) == 0)
      return candidate;
    free(candidate);
    if (!end)
      return NULL;
    start = end;
  }
}

/* A file's identity, "DEV INO SIZE SECONDS NANOSECONDS\nREAL PATH": another file, or the file written again, is
 * another identity. NULL when it cannot be read. */
static char *file_identity(const char *path) {
  char resolved[PATH_MAX];
  struct stat status;
  if (!realpath(path, resolved) || stat(resolved, &status) != 0)
    return NULL;
  return xprintf("%ju %ju %jd %jd %ld\n%s", (uintmax_t)status.st_dev, (uintmax_t)status.st_ino,
                 (intmax_t)status.st_size, (intmax_t)status.st_mtim.tv_sec, status.st_mtim.tv_nsec, resolved);
}

/* The identity of the file the compiler's name runs (file_identity): a compiler replaced or upgraded in place is
 * another file. */
static char *compiler_identity(const char *name, const char *folder, char **error) {
  char *file = compiler_file(name, folder);
  char *identity = file ? file_identity(file) : NULL;
  if (!identity)
    *error = xprintf("cannot find the compiler %s", name);
  free(file);
  return identity;
}

static void md5_hex(const unsigned char digest[16], char hex[33]) {
  for (int i = 0; i < 16; i++)
    snprintf(hex + 2 * i, 3, "%02x", digest[i]);
}

static int file_md5_hex(const char *path, char hex[33]) {
  FILE *file = fopen_regular(path);
  if (!file)
    return -1;
  unsigned char digest[16];
  int status = stream_md5(file, digest);
  fclose(file);
  if (status != 0)
    return -1;
  md5_hex(digest, hex);
  return 0;
}

static void put_field(struct strbuf *out, const char *tag, const char *bytes, size_t length) {
  strbuf_printf(out, "%s %zu\n", tag, length);
  strbuf_append(out, bytes, length);
  strbuf_append(out, "\n", 1);
}

int reading_record_append(FILE *record, const struct kept_reading *reading, char *const *inputs, size_t input_count,
                          char **error) {
  char *compiler = compiler_identity(reading->words[0], reading->folder, error);
  if (!compiler)
    return 1;
  char *program = NULL;
  if (reading->program && !(program = file_identity(reading->program))) {
    *error = xprintf("%s: cannot read the program: %s", reading->program, strerror(errno));
    free(compiler);
    return 1;
  }
  struct strbuf out = {0};
  if (ftell(record) == 0)
    strbuf_puts(&out, header);
  put_field(&out, "reading", "", 0);
  put_field(&out, "folder", reading->folder, strlen(reading->folder));
  put_field(&out, "compiler", compiler, strlen(compiler));
  free(compiler);
  if (program)
    put_field(&out, "program", program, strlen(program));
  free(program);
  for (size_t i = 0; reading->words[i]; i++)
    put_field(&out, "word", reading->words[i], strlen(reading->words[i]));
  int status = 0;
  for (size_t i = 0; i < input_count && status == 0; i++) {
    char *path = path_in_folder(reading->folder, inputs[i]);
    char hex[33];
    if (file_md5_hex(path, hex) != 0) {
      *error = xprintf("%s: cannot read a file the compiler read: %s", path, strerror(errno));
      status = 1;
    } else {
      char *input = xprintf("%s %s", hex, inputs[i]);
      put_field(&out, "input", input, strlen(input));
      free(input);
    }
    free(path);
  }
  if (status == 0) {
    put_field(&out, "output", reading->output, reading->output_length);
    if (fwrite(out.data, 1, out.length, record) != out.length) {
      *error = xprintf("cannot write the reading: %s", strerror(errno));
      status = -1;
    }
  }
  strbuf_free(&out);
  return status;
}

void dependency_add(char ***paths, size_t *count, char *path) {
  for (size_t i = 0; i < *count; i++)
    if (strcmp((*paths)[i], path) == 0) {
      free(path);
      return;
    }
  *paths = xrealloc(*paths, (*count + 1) * sizeof **paths);
  (*paths)[(*count)++] = path;
}

int dependency_files(const char *text, size_t length, char ***paths, size_t *count, char **error) {
  /* `TARGET: DEP DEP \` lines: after the first colon that ends a word, blank-separated words where `\ ` is a blank
   * of the name, `\#` a '#', `$$` a '$', and a backslash before a line end continues the rule. */
  const char *p = text, *end = text + length;
  const char *colon = NULL;
  for (const char *q = text; q + 1 < end; q++)
    if (*q == ':' && (q[1] == ' ' || q[1] == '\t' || q[1] == '\n')) {
      colon = q;
      break;
    }
  if (!colon) {
    *error = xstrdup("the compiler's dependency list names no target");
    return -1;
  }
  p = colon + 1;
  struct strbuf word = {0};
  for (;;) {
    bool ends = p >= end;
    char c = ends ? 0 : *p;
    if (!ends && c == '\\' && p + 1 < end && (p[1] == '\n' || (p[1] == '\r' && p + 2 < end && p[2] == '\n'))) {
      p += p[1] == '\n' ? 2 : 3;
      c = ' ';
    } else if (!ends && c == '\\' && p + 1 < end && (p[1] == ' ' || p[1] == '#' || p[1] == '\\')) {
      strbuf_append(&word, p + 1, 1);
      p += 2;
      continue;
    } else if (!ends && c == '$' && p + 1 < end && p[1] == '$') {
      strbuf_append(&word, "$", 1);
      p += 2;
      continue;
    } else if (!ends) {
      p++;
    }
    if (ends || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (word.length)
        dependency_add(paths, count, strbuf_release(&word));
      if (ends || c == '\n')
        break; /* one rule: a second (-MP's phony targets) names the same files */
      continue;
    }
    strbuf_append(&word, &c, 1);
  }
  strbuf_free(&word);
  return 0;
}

void line_marker_files(const char *text, size_t length, char ***paths, size_t *count) {
  const char *cursor = text, *end = text + length, *line;
  size_t line_length;
  while (next_line(&cursor, end, &line, &line_length)) {
    if (line_length < 4 || line[0] != '#' || line[1] != ' ')
      continue;
    const char *p = line + 2, *stop = line + line_length;
    while (p < stop && *p >= '0' && *p <= '9')
      p++;
    if (p == line + 2 || p + 2 > stop || p[0] != ' ' || p[1] != '"')
      continue;
    struct strbuf name = {0};
    for (p += 2; p < stop && *p != '"'; p++) {
      if (*p == '\\' && p + 1 < stop)
        p++; /* the line marker escapes '"' and '\' */
      strbuf_append(&name, p, 1);
    }
    char *path = strbuf_release(&name);
    /* gcc names the working folder after the first line marker, ending in two slashes (-fworking-directory, on with
     * -g): a folder, not a file it read. */
    size_t length = strlen(path);
    bool folder = length >= 2 && path[length - 1] == '/' && path[length - 2] == '/';
    if (p < stop && path[0] && path[0] != '<' && !folder)
      dependency_add(paths, count, path);
    else
      free(path);
  }
}

/* One field at *cursor: its tag and bytes (inside the record's text). false at the end or when the text is no field. */
static bool next_field(const char **cursor, const char *end, const char **tag, size_t *tag_length, const char **bytes,
                       size_t *length) {
  const char *p = *cursor;
  const char *blank = memchr(p, ' ', (size_t)(end - p));
  const char *newline = blank ? memchr(blank, '\n', (size_t)(end - blank)) : NULL;
  if (!blank || !newline)
    return false;
  char *stop;
  errno = 0;
  unsigned long long value = strtoull(blank + 1, &stop, 10);
  if (errno || stop != newline || stop == blank + 1 || value >= (unsigned long long)(end - newline - 1) ||
      newline[1 + value] != '\n')
    return false;
  *tag = p;
  *tag_length = (size_t)(blank - p);
  *bytes = newline + 1;
  *length = (size_t)value;
  *cursor = newline + 1 + value + 1;
  return true;
}

static bool is_tag(const char *tag, size_t length, const char *name) {
  return length == strlen(name) && memcmp(tag, name, length) == 0;
}

static bool same_bytes(const char *bytes, size_t length, const char *text) {
  return length == strlen(text) && memcmp(bytes, text, length) == 0;
}

/* Whether the input a reading names (its field's bytes: MD5, a blank, the path) holds what it held: true, or false
 * with *why_not. */
static bool input_unchanged(const char *folder, const char *bytes, size_t length, char **why_not) {
  if (length < 34 || bytes[32] != ' ') {
    *why_not = xstrdup("the record of compiler readings is damaged (an input without its MD5)");
    return false;
  }
  char *name = xstrndup(bytes + 33, length - 33);
  char *path = path_in_folder(folder, name);
  char hex[33];
  bool same = file_md5_hex(path, hex) == 0 && memcmp(hex, bytes, 32) == 0;
  if (!same)
    *why_not = xprintf("%s changed since the build read it", path);
  free(name);
  free(path);
  return same;
}

struct field {
  const char *bytes;
  size_t length;
};

/* One reading of the record, its fields in place. */
struct record_entry {
  struct field folder, compiler, program, output;
  struct field *words, *inputs;
  size_t word_count, input_count;
  bool has_program, complete;
};

/* Reads the reading at *cursor (after its `reading` field) up to and with its output. */
static void read_entry(const char **cursor, const char *end, struct record_entry *entry) {
  *entry = (struct record_entry){0};
  const char *tag, *bytes;
  size_t tag_length, length;
  size_t word_capacity = 0, input_capacity = 0;
  while (next_field(cursor, end, &tag, &tag_length, &bytes, &length)) {
    struct field field = {bytes, length};
    if (is_tag(tag, tag_length, "folder")) {
      entry->folder = field;
    } else if (is_tag(tag, tag_length, "compiler")) {
      entry->compiler = field;
    } else if (is_tag(tag, tag_length, "program")) {
      entry->program = field;
      entry->has_program = true;
    } else if (is_tag(tag, tag_length, "word")) {
      GROW(entry->words, entry->word_count, word_capacity);
      entry->words[entry->word_count++] = field;
    } else if (is_tag(tag, tag_length, "input")) {
      GROW(entry->inputs, entry->input_count, input_capacity);
      entry->inputs[entry->input_count++] = field;
    } else if (is_tag(tag, tag_length, "output")) {
      entry->output = field;
      entry->complete = entry->folder.bytes && entry->compiler.bytes && entry->input_count > 0;
      return;
    } else {
      return;
    }
  }
}

static bool same_words(const struct record_entry *entry, char *const *words) {
  size_t i = 0;
  for (; words[i]; i++)
    if (i >= entry->word_count || !same_bytes(entry->words[i].bytes, entry->words[i].length, words[i]))
      return false;
  return i == entry->word_count;
}

/* Whether the reading, whose key matches, still stands: its compiler and program the same files, each input the same
 * bytes. */
static bool entry_stands(const struct record_entry *entry, char *const *words, const char *folder, const char *program,
                         char **why_not) {
  char *compiler = compiler_identity(words[0], folder, why_not);
  if (!compiler)
    return false;
  bool stands = same_bytes(entry->compiler.bytes, entry->compiler.length, compiler);
  if (!stands)
    *why_not = xprintf("the compiler %s is not the file the build ran", words[0]);
  free(compiler);
  if (stands && (program != NULL) != entry->has_program) {
    *why_not = xprintf("the record was written %s a program", entry->has_program ? "for" : "without");
    stands = false;
  }
  if (stands && program) {
    char *program_identity = file_identity(program);
    stands = program_identity && same_bytes(entry->program.bytes, entry->program.length, program_identity);
    if (!stands)
      *why_not = xprintf("%s is not the program the record was written for (built again since)", program);
    free(program_identity);
  }
  for (size_t i = 0; stands && i < entry->input_count; i++)
    stands = input_unchanged(folder, entry->inputs[i].bytes, entry->inputs[i].length, why_not);
  return stands;
}

int reading_record_find(const char *record_path, const char *record, size_t record_length, char *const *words,
                        const char *folder, const char *program, char **output, size_t *output_length, char **why_not) {
  *why_not = NULL;
  const char *cursor = record, *end = record + record_length;
  if ((size_t)(end - cursor) < strlen(header) || memcmp(cursor, header, strlen(header)) != 0) {
    *why_not = xprintf("%s is no record of compiler readings of this tsan-verify", record_path);
    return 1;
  }
  cursor += strlen(header);
  int found = 1;
  const char *tag, *bytes;
  size_t tag_length, length;
  while (found == 1 && !*why_not && next_field(&cursor, end, &tag, &tag_length, &bytes, &length) &&
         is_tag(tag, tag_length, "reading")) {
    struct record_entry entry;
    read_entry(&cursor, end, &entry);
    if (!entry.complete) {
      *why_not = xprintf("%s: the record of compiler readings is damaged", record_path);
    } else if (same_bytes(entry.folder.bytes, entry.folder.length, folder) && same_words(&entry, words) &&
               entry_stands(&entry, words, folder, program, why_not)) {
      *output = xstrndup(entry.output.bytes, entry.output.length);
      *output_length = entry.output.length;
      found = 0;
    }
    free(entry.words);
    free(entry.inputs);
  }
  if (found == 1 && !*why_not)
    *why_not = xprintf("%s keeps no reading of these words in this folder", record_path);
  return found;
}

int reading_record_append_answers(FILE *record, const struct marker_search_answers *answers, char **error) {
  struct strbuf out = {0};
  if (ftell(record) == 0)
    strbuf_puts(&out, header);
  for (size_t i = 0; i < answers->count; i++) {
    const struct marker_search_answer *answer = &answers->items[i];
    char hex[33];
    md5_hex(answer->md5, hex);
    char *field = xprintf("%s %d %s", hex, answer->holds ? 1 : 0, answer->real);
    put_field(&out, "search", field, strlen(field));
    free(field);
  }
  int status = 0;
  if (out.length && fwrite(out.data, 1, out.length, record) != out.length) {
    *error = xprintf("cannot write the marker search's answers: %s", strerror(errno));
    status = -1;
  }
  strbuf_free(&out);
  return status;
}

static int hex_digit(char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1; }

void reading_record_answers(const char *record, size_t record_length, struct marker_search_answers *answers) {
  const char *cursor = record, *end = record + record_length;
  if ((size_t)(end - cursor) < strlen(header) || memcmp(cursor, header, strlen(header)) != 0)
    return;
  cursor += strlen(header);
  const char *tag, *bytes;
  size_t tag_length, length;
  struct marker_search_answers found = {0};
  while (next_field(&cursor, end, &tag, &tag_length, &bytes, &length)) {
    if (!is_tag(tag, tag_length, "search"))
      continue;
    unsigned char md5[16];
    bool valid = length > 36 && bytes[32] == ' ' && (bytes[33] == '0' || bytes[33] == '1') && bytes[34] == ' ';
    for (int b = 0; valid && b < 16; b++) {
      int high = hex_digit(bytes[2 * b]), low = hex_digit(bytes[2 * b + 1]);
      valid = high >= 0 && low >= 0;
      md5[b] = (unsigned char)(high * 16 + low);
    }
    if (!valid) {
      marker_search_answers_free(&found); /* a damaged record answers nothing */
      return;
    }
    char *real = xstrndup(bytes + 35, length - 35);
    marker_search_answers_add(&found, real, md5, bytes[33] == '1');
    free(real);
  }
  if (cursor != end) {
    marker_search_answers_free(&found);
    return;
  }
  for (size_t i = 0; i < found.count; i++)
    marker_search_answers_add(answers, found.items[i].real, found.items[i].md5, found.items[i].holds);
  marker_search_answers_free(&found);
}
