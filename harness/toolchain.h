/* toolchain.h: which compiler built a case, and the [SEL] selectors markers are qualified with. */
#ifndef TSAN_VERIFY_TOOLCHAIN_H
#define TSAN_VERIFY_TOOLCHAIN_H

#include <stdbool.h>

struct toolchain {
  char family[8]; /* "clang" or "gcc"; "" when unknown */
  int major;      /* 0 when unknown */
};

/* "clang-14", "gcc-12", "clang-19.1.7", "clang" -> toolchain; -1 when the text names no toolchain. */
int toolchain_parse(const char *text, struct toolchain *toolchain);
/* Checks a selector such as "gcc", "clang>=18" or "clang<18,gcc" for syntax; -1 with *error on a bad one. */
int selector_check(const char *selector, char **error);
/* True when the toolchain matches any item of the (checked) selector. Unknown toolchains match nothing. */
bool selector_matches(const char *selector, const struct toolchain *toolchain);

#endif
