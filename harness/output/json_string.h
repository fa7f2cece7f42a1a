/* json_string.h: text as a JSON string. Apart from output.h, which needs the whole check, so that the explainer
 * writes JSON without it. */
#ifndef TSAN_VERIFY_JSON_STRING_H
#define TSAN_VERIFY_JSON_STRING_H

#include <stdio.h>

/* A JSON string with UTF-8 kept, control characters escaped, and invalid bytes replaced by U+FFFD. */
void write_json_string(FILE *out, const char *text);

#endif
