/* json_string.c: text as a JSON string, the one escaping every JSON writer of the harness uses. */
#include "output/json_string.h"

#include "base/util.h"

#include <stdbool.h>

void write_json_string(FILE *out, const char *text) {
  fputc('"', out);
  const unsigned char *p = (const unsigned char *)(text ? text : "");
  while (*p) {
    unsigned char c = *p;
    if (c == '"' || c == '\\') {
      fprintf(out, "\\%c", c);
      p++;
    } else if (c == '\n') {
      fputs("\\n", out);
      p++;
    } else if (c == '\t') {
      fputs("\\t", out);
      p++;
    } else if (c == '\r') {
      fputs("\\r", out);
      p++;
    } else if (c < 0x20 || c == 0x7f) {
      fprintf(out, "\\u%04x", c);
      p++;
    } else if (c < 0x80) {
      fputc(c, out);
      p++;
    } else {
      /* One valid UTF-8 sequence (util.h); anything else becomes U+FFFD. */
      size_t length = utf8_sequence_length(p);
      bool valid = length > 0;
      if (valid) {
        fwrite(p, 1, length, out);
        p += length;
      } else {
        fputs("\\ufffd", out);
        p++;
      }
    }
  }
  fputc('"', out);
}
