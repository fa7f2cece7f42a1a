/* toolchain.h: which compiler built a case, at which optimization level, and the [SEL] selectors markers are
 * qualified with. */
#ifndef TSAN_VERIFY_TOOLCHAIN_H
#define TSAN_VERIFY_TOOLCHAIN_H

#include <stdbool.h>

/* Optimization levels: O0..O3 are 0..3, the named ones follow; OPT_UNKNOWN when nobody said. */
enum opt_level { OPT_UNKNOWN = -1, OPT_O0, OPT_O1, OPT_O2, OPT_O3, OPT_OS, OPT_OZ, OPT_OFAST, OPT_OG, OPT_LEVEL_COUNT };

struct toolchain {
  char family[8]; /* "clang" or "gcc"; "" when unknown */
  int major;      /* 0 when unknown */
  int opt_level;  /* an enum opt_level; OPT_UNKNOWN (-1) when unknown */
};

/* "clang-14", "gcc-12", "clang-19.1.7", "clang" -> toolchain (its level unknown); -1 when the text names no
 * toolchain. */
int toolchain_parse(const char *text, struct toolchain *toolchain);
/* The toolchain a compile unit's DW_AT_producer names: "clang version 14.0.6 ..." (any vendor prefix, "Debian clang
 * version ...") is clang 14, "GNU C17 12.2.0 ..." (C or C++, any standard) is gcc 12. -1 for any other producer. */
int toolchain_from_producer(const char *producer, struct toolchain *toolchain);
/* "O2", "-O2", "-O" (O1), "Os", "-Ofast", ... -> the level; OPT_UNKNOWN for anything else. */
int opt_level_parse(const char *text);
/* "O2" for OPT_O2; "unknown" for OPT_UNKNOWN. */
const char *opt_level_name(int level);

/* A selector is a comma-separated list of items. An item is a toolchain (`clang`, `gcc`, optionally compared with a
 * major version: `clang>=18`) or an optimization level (`O0`..`O3`, `Os`, `Oz`, `Ofast`, `Og`). The toolchain
 * items are alternatives, the levels are alternatives, and the selector matches when some toolchain item (or none
 * is given) and some level item (or none is given) match: `gcc,O1` is gcc at -O1, `clang<18,gcc` any of both. */
/* Checks a selector for syntax; -1 with *error on a bad one. */
int selector_check(const char *selector, char **error);
/* True when the toolchain matches the (checked) selector. Unknown toolchains match no toolchain item, unknown
 * levels no level item. */
bool selector_matches(const char *selector, const struct toolchain *toolchain);
/* Whether the (checked) selector names an optimization level, a toolchain family. */
bool selector_names_level(const char *selector);
bool selector_names_family(const char *selector);
/* Whether some toolchain both (checked) selectors match, NULL meaning "every toolchain": decided over clang and gcc,
 * majors 3 to 40, every level. The first such toolchain goes to *witness (when not NULL). */
bool selectors_overlap(const char *a, const char *b, struct toolchain *witness);

#endif
