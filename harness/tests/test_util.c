/* test_util.c: util.c, the strings and line reader every other file uses, and the table rows of readfile.c. */
#include "base/readfile.h"
#include "base/util.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

Test(util, duplicates_a_prefix_with_xstrndup) {
  char *copy = xstrndup("data race (pid=1)", 9);
  cr_assert_str_eq(copy, "data race", "the first 9 bytes, NUL-terminated, got \"%s\"", copy);
  free(copy);
}

Test(util, formats_with_xprintf) {
  char *text = xprintf("%s:%zu: %d", "case.c", (size_t)12, -3);
  cr_assert_str_eq(text, "case.c:12: -3", "got \"%s\"", text);
  free(text);
}

Test(util, formats_long_text_with_xprintf) {
  char *filler = xcalloc(5001, 1);
  memset(filler, 'x', 5000);
  char *text = xprintf("[%s]", filler);
  cr_assert_eq(strlen(text), 5002, "the whole text is formatted, got %zu bytes", strlen(text));
  free(text);
  free(filler);
}

Test(util, zeroes_memory_from_xcalloc) {
  int *numbers = xcalloc(16, sizeof *numbers);
  for (int i = 0; i < 16; i++)
    cr_assert_eq(numbers[i], 0, "element %d is zero", i);
  free(numbers);
}

Test(util, grows_an_array_one_item_at_a_time) {
  int *items = NULL;
  size_t count = 0, capacity = 0;
  for (int i = 0; i < 100; i++) {
    GROW(items, count, capacity);
    items[count++] = i;
  }
  cr_assert_eq(count, 100, "100 items, got %zu", count);
  cr_assert_geq(capacity, 100, "room for all of them, capacity %zu", capacity);
  for (int i = 0; i < 100; i++)
    cr_assert_eq(items[i], i, "item %d kept its value", i);
  free(items);
}

Test(util, appends_bytes_text_and_formats_to_a_strbuf) {
  struct strbuf buffer = {0};
  strbuf_append(&buffer, "abcdef", 3);
  strbuf_puts(&buffer, "-");
  strbuf_printf(&buffer, "%d%s", 42, "!");
  cr_assert_eq(buffer.length, 7, "7 bytes, got %zu", buffer.length);
  char *text = strbuf_release(&buffer);
  cr_assert_str_eq(text, "abc-42!", "got \"%s\"", text);
  cr_assert_null(buffer.data, "release leaves the buffer empty");
  cr_assert_eq(buffer.length, 0, "with length 0");
  free(text);
}

Test(util, keeps_nul_bytes_appended_to_a_strbuf) {
  struct strbuf buffer = {0};
  strbuf_append(&buffer, "a\0b", 3);
  cr_assert_eq(buffer.length, 3, "the NUL is data, length 3, got %zu", buffer.length);
  cr_assert_eq(memcmp(buffer.data, "a\0b", 4), 0, "bytes kept, and a terminating NUL after them");
  strbuf_free(&buffer);
  cr_assert_null(buffer.data, "free leaves the buffer empty");
}

Test(util, releases_an_empty_strbuf_as_an_empty_string) {
  struct strbuf buffer = {0};
  char *text = strbuf_release(&buffer);
  cr_assert_not_null(text, "never NULL");
  cr_assert_str_eq(text, "", "an empty string");
  free(text);
}

Test(util, grows_a_strbuf_past_its_first_capacity) {
  struct strbuf buffer = {0};
  for (int i = 0; i < 1000; i++)
    strbuf_puts(&buffer, "0123456789");
  cr_assert_eq(buffer.length, 10000, "10000 bytes, got %zu", buffer.length);
  cr_assert_eq(strlen(buffer.data), 10000, "NUL-terminated at the end");
  strbuf_free(&buffer);
}

Test(util, tells_whether_text_starts_with_a_prefix) {
  cr_assert(starts_with("WARNING: ThreadSanitizer: x", "WARNING: "), "a true prefix");
  cr_assert(starts_with("abc", ""), "the empty prefix");
  cr_assert(!starts_with("ab", "abc"), "a prefix longer than the text");
  cr_assert(!starts_with("xabc", "abc"), "not at the start");
}

/* Collects next_line's lines as "[line]" pieces. */
static char *all_lines(const char *text, size_t length) {
  struct strbuf out = {0};
  const char *cursor = text, *line;
  size_t line_length;
  while (next_line(&cursor, text + length, &line, &line_length))
    strbuf_printf(&out, "[%.*s]", (int)line_length, line);
  return strbuf_release(&out);
}

Test(util, splits_lines_on_newlines) {
  char *lines = all_lines("one\ntwo\n\nfour\n", 14);
  cr_assert_str_eq(lines, "[one][two][][four]", "a final newline adds no empty line, got %s", lines);
  free(lines);
}

Test(util, returns_a_last_line_without_a_newline) {
  char *lines = all_lines("one\ntwo", 7);
  cr_assert_str_eq(lines, "[one][two]", "got %s", lines);
  free(lines);
}

Test(util, strips_the_carriage_return_of_crlf_lines) {
  char *lines = all_lines("one\r\ntwo\r\n\r\n", 12);
  cr_assert_str_eq(lines, "[one][two][]", "\\r\\n ends a line like \\n, got %s", lines);
  free(lines);
}

Test(util, reads_no_line_from_empty_text) {
  char *lines = all_lines("", 0);
  cr_assert_str_eq(lines, "", "no line at all, got %s", lines);
  free(lines);
}

Test(util, keeps_nul_bytes_inside_a_line) {
  const char text[] = "a\0b\nc";
  const char *cursor = text, *line;
  size_t length;
  cr_assert(next_line(&cursor, text + 5, &line, &length), "a first line");
  cr_assert_eq(length, 3, "the NUL does not end the line, length 3, got %zu", length);
}

Test(strbuf, escapes_control_characters_and_optionally_quotes) {
  struct strbuf out = {0};
  strbuf_append_escaped(&out, "a\"b\\\n\t\r\x1b", 8, true, false);
  char *text = strbuf_release(&out);
  cr_assert_str_eq(text, "a\\\"b\\\\\\n\\x09\\x0d\\x1b", "quoted excerpt: got %s", text);
  free(text);
  strbuf_append_escaped(&out, "a\"b\\\n\t\r\x1b", 8, false, true);
  text = strbuf_release(&out);
  cr_assert_str_eq(text, "a\"b\\\\n\\t\\r\\x1b", "text output: got %s", text);
  free(text);
}

Test(util, takes_the_last_component_of_a_path) {
  cr_assert_str_eq(path_base_name("/src/a:3/b.c"), "b.c");
  cr_assert_str_eq(path_base_name("b.c"), "b.c");
  cr_assert_str_eq(path_base_name("dir/"), "");
}

/* read_table_rows (base/readfile.c), the row reader of the scorer's runs files and corpus lists. */
struct seen_rows {
  struct strbuf rows;
  const char *refused; /* the row that gives a reason */
};

static char *note_row(char *line, void *context) {
  struct seen_rows *seen = context;
  strbuf_printf(&seen->rows, "[%s]", line);
  return seen->refused && strcmp(line, seen->refused) == 0 ? xprintf("no good: %s", line) : NULL;
}

Test(util, reads_the_rows_of_a_table_file_and_names_the_line_of_a_bad_one) {
  char path[] = "/tmp/table-rows-XXXXXX";
  int fd = mkstemp(path);
  cr_assert(fd >= 0, "a scratch file");
  static const char text[] = "# a comment\n\nfirst\trow\r\n  indented\nbad\nnever read\nlast";
  cr_assert_eq(write(fd, text, sizeof text - 1), (ssize_t)(sizeof text - 1), "written");
  close(fd);
  struct seen_rows seen = {{0}, NULL};
  char *error = NULL;
  cr_assert_eq(read_table_rows(path, note_row, &seen, &error), 0, "every row read: %s", error ? error : "");
  cr_assert_str_eq(seen.rows.data, "[first\trow][  indented][bad][never read][last]",
                   "no comment, no empty line, no CR: %s", seen.rows.data);
  strbuf_free(&seen.rows);
  seen = (struct seen_rows){{0}, "bad"};
  cr_assert_eq(read_table_rows(path, note_row, &seen, &error), -1, "a row that gives a reason stops the reading");
  char *expected = xprintf("%s:5: no good: bad", path);
  cr_assert_str_eq(error, expected, "the file and line of the row, then its reason");
  cr_assert_str_eq(seen.rows.data, "[first\trow][  indented][bad]", "nothing after it: %s", seen.rows.data);
  free(expected);
  free(error);
  strbuf_free(&seen.rows);
  unlink(path);
  error = NULL;
  cr_assert_eq(read_table_rows(path, note_row, &seen, &error), -1, "a missing file");
  cr_assert(error && strstr(error, ": cannot read: "), "says so: %s", error ? error : "(null)");
  free(error);
}
