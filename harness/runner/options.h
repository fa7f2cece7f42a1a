/* options.h: a sanitizer options string (TSAN_OPTIONS, UBSAN_OPTIONS, a file named by include=) read exactly as the
 * runtime reads it, so that what the harness believes the program runs with is what it runs with.
 *
 * The grammar is compiler-rt's FlagParser (sanitizer_common/sanitizer_flag_parser.cpp, the same in gcc's
 * libsanitizer copy): options are separated by any run of ' ', ',', ':', '\t', '\n' or '\r' (is_space); a name runs
 * to '=' (a name followed by a separator or the end is the runtime's fatal "expected '='"); a value that starts with
 * '"' or '\'' runs to the same quote (none: the fatal "unterminated string"), any other value to the next separator.
 * include=FILE and include_if_exists=FILE (sanitizer_flags.cpp, FlagHandlerInclude) parse the file's first 32 KiB
 * (FlagParser::ParseFile, kMaxIncludeSize) in place, with the same grammar; a missing include= file is fatal, a
 * missing include_if_exists= file is skipped. The last assignment of a name wins. */
#ifndef TSAN_VERIFY_OPTIONS_H
#define TSAN_VERIFY_OPTIONS_H

#include "base/util.h"

#include <stdbool.h>
#include <stddef.h>

struct option {
  char *name;
  char *value; /* quotes removed */
};

/* Every assignment in order, include= and include_if_exists= replaced by the assignments of the file they name. */
struct option_list {
  struct option *items;
  size_t count;
  size_t capacity;
};

/* Appends the assignments of `text` (NULL or empty: none) to `list`. `origin` names the text in errors
 * ("TSAN_OPTIONS"). Returns 0, or -1 with *error (the runtime's own reason, naming origin or the included file) when
 * the runtime would stop on it: then the program could not even start under TSan. An include whose file name holds
 * '%' is refused too: the runtime substitutes %b, %d and %p per process, the harness reads options once for all. */
int options_read(const char *text, const char *origin, struct option_list *list, char **error);
/* The value the last assignment of `name` gives, or NULL. */
const char *options_last(const struct option_list *list, const char *name);
/* Appends `name=value` to the list. */
void options_add(struct option_list *list, const char *name, const char *value);
/* Writes the list back as one options string that the runtime reads into the same assignments, quoting a value only
 * when it holds a separator or starts with a quote; items are joined with ':'. */
void options_write(struct strbuf *out, const struct option_list *list);
/* The runtime's ParseBool: "1", "yes", "true" -> 1; "0", "no", "false" -> 0; anything else -1. */
int option_bool(const char *value);
void option_list_free(struct option_list *list);

#endif
