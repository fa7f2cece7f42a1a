/* suppression_rules.c: reads suppressions rules (suppression_rules.h). */
#include "runner/suppression_rules.h"
#include "base/readfile.h"
#include "base/util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char **suppression_text_rules(const char *text, size_t length) {
  size_t count = 0, capacity = 0;
  char **rules = NULL;
  const char *cursor = text, *end = text ? text + length : NULL, *line;
  size_t line_length;
  while (text && next_line(&cursor, end, &line, &line_length)) {
    while (line_length && isspace((unsigned char)*line))
      line++, line_length--;
    while (line_length && isspace((unsigned char)line[line_length - 1]))
      line_length--;
    if (!line_length || *line == '#')
      continue;
    if (count + 2 > capacity) {
      capacity = capacity ? 2 * capacity : 8;
      rules = xrealloc(rules, capacity * sizeof *rules);
    }
    rules[count++] = xstrndup(line, line_length);
  }
  if (!rules)
    rules = xcalloc(1, sizeof *rules);
  rules[count] = NULL;
  return rules;
}

char **suppression_file_rules(const char *file_name) {
  FILE *file = file_name && *file_name ? fopen_regular(file_name) : NULL;
  if (!file)
    return suppression_text_rules(NULL, 0);
  struct strbuf text = {0};
  read_stream(file, 1 << 20, &text);
  fclose(file);
  char **rules = suppression_text_rules(text.data, text.length);
  strbuf_free(&text);
  return rules;
}

bool suppression_rule_is_counted(const char *rule) { return !starts_with(rule, "called_from_lib:"); }

void free_rules(char **rules) {
  for (size_t i = 0; rules && rules[i]; i++)
    free(rules[i]);
  free(rules);
}
