/* explain_page.c: `tsan-verify explain` as the site's explain page runs it, compiled to WebAssembly (wasm32-wasi, a
 * reactor: the page calls its exports). The text pasted into the page is explained by the same parser, explainer and
 * text writer as the command line's, with the patterns and fix case headers the build embedded: the page shows what
 * `tsan-verify explain --color never - < pasted.txt` prints, its standard output, then its standard error.
 *
 * The page's script (docs/site-src/explain.js) writes the text's UTF-8 bytes into page_input(length), calls
 * page_explain(), and reads page_output() and page_error() (page_output_length(), page_error_length() bytes). */
#include "web/explain_page.h"

#include "base/util.h"
#include "explain/explain_log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(#name)))

static struct pattern_set patterns;
static char *patterns_error; /* why the embedded patterns cannot be read, or NULL */
static bool patterns_loaded;
static struct strbuf input, output, error;

/* A case_text_reader of the embedded headers. */
static char *embedded_case_text(const char *fix, void *context) {
  (void)context;
  for (size_t i = 0; i < explain_page_case_count; i++)
    if (strcmp(explain_page_cases[i].name, fix) == 0)
      return xstrdup(explain_page_cases[i].header);
  return NULL;
}

static void load_patterns(void) {
  if (patterns_loaded)
    return;
  patterns_loaded = true;
  if (pattern_set_parse(explain_page_patterns, explain_page_patterns_path, &patterns, &patterns_error) != 0)
    return;
  pattern_set_take_fix_lines(&patterns, embedded_case_text, NULL);
}

/* Room for `length` bytes of pasted text (and a NUL), which the next page_explain() reads. */
EXPORT(page_input) char *page_input(size_t length) {
  strbuf_free(&input);
  input.data = xmalloc(length + 1);
  input.capacity = length + 1;
  input.length = length;
  input.data[length] = '\0';
  return input.data;
}

/* Explains the text page_input() took; returns the exit status `tsan-verify explain` would (0, 1 or 2). */
EXPORT(page_explain) int page_explain(void) {
  strbuf_free(&output);
  strbuf_free(&error);
  load_patterns();
  if (patterns_error) {
    strbuf_printf(&error, "tsan-verify explain: %s\n", patterns_error);
    strbuf_free(&input);
    return 2;
  }
  struct tsan_log log;
  char *message = NULL;
  int read = tsan_log_parse_text(&input, "<stdin>", &log, &message);
  char *text = NULL;
  size_t length = 0;
  FILE *out = open_memstream(&text, &length);
  if (!out) {
    tsan_log_free(&log);
    free(message);
    strbuf_puts(&error, "tsan-verify explain: out of memory\n");
    return 2;
  }
  int status = explain_log(out, &log, read, "-", &patterns, false, false, &message);
  fclose(out);
  strbuf_append(&output, text, length);
  free(text);
  if (message)
    strbuf_printf(&error, "%s\n", message);
  free(message);
  tsan_log_free(&log);
  return status;
}

EXPORT(page_output) const char *page_output(void) { return output.data ? output.data : ""; }
EXPORT(page_output_length) size_t page_output_length(void) { return output.length; }
EXPORT(page_error) const char *page_error(void) { return error.data ? error.data : ""; }
EXPORT(page_error_length) size_t page_error_length(void) { return error.length; }
