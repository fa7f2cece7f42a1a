#include "toolchain.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const families[] = {"clang", "gcc", NULL};

int toolchain_parse(const char *text, struct toolchain *toolchain) {
  *toolchain = (struct toolchain){{0}, 0};
  for (int i = 0; families[i]; i++) {
    size_t n = strlen(families[i]);
    if (strncmp(text, families[i], n) != 0)
      continue;
    const char *rest = text + n;
    if (*rest == '-')
      rest++;
    if (*rest && !isdigit((unsigned char)*rest))
      return -1;
    strcpy(toolchain->family, families[i]);
    toolchain->major = *rest ? atoi(rest) : 0;
    return 0;
  }
  return -1;
}

enum comparison { ANY, EQ, NE, LT, LE, GT, GE };

struct selector_item {
  char family[8];
  enum comparison comparison;
  int major;
};

/* One item of a selector: FAMILY[OP MAJOR], spaces allowed around it. */
static int parse_item(const char *text, size_t length, struct selector_item *item) {
  while (length && isspace((unsigned char)*text))
    text++, length--;
  while (length && isspace((unsigned char)text[length - 1]))
    length--;
  *item = (struct selector_item){{0}, ANY, 0};
  for (int i = 0; families[i]; i++) {
    size_t n = strlen(families[i]);
    if (length < n || strncmp(text, families[i], n) != 0)
      continue;
    if (length > n && isalpha((unsigned char)text[n]))
      continue;
    strcpy(item->family, families[i]);
    const char *op = text + n, *end = text + length;
    if (op == end)
      return 0;
    static const struct {
      const char *text;
      enum comparison comparison;
    } ops[] = {{">=", GE}, {"<=", LE}, {"==", EQ}, {"!=", NE}, {">", GT}, {"<", LT}};
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
      size_t m = strlen(ops[k].text);
      if ((size_t)(end - op) > m && strncmp(op, ops[k].text, m) == 0) {
        const char *digits = op + m;
        for (const char *d = digits; d < end; d++)
          if (!isdigit((unsigned char)*d))
            return -1;
        item->comparison = ops[k].comparison;
        item->major = atoi(digits);
        return 0;
      }
    }
    return -1;
  }
  return -1;
}

static bool item_matches(const struct selector_item *item, const struct toolchain *toolchain) {
  if (strcmp(item->family, toolchain->family) != 0)
    return false;
  int v = toolchain->major;
  switch (item->comparison) {
  case ANY: return true;
  case EQ: return v == item->major;
  case NE: return v != item->major;
  case LT: return v < item->major;
  case LE: return v <= item->major;
  case GT: return v > item->major;
  case GE: return v >= item->major;
  }
  return false;
}

/* Parses every comma-separated item; with a toolchain, sets *matched when any item matches it. */
static int each_item(const char *selector, const struct toolchain *toolchain, bool *matched) {
  const char *p = selector;
  for (;;) {
    const char *comma = strchr(p, ',');
    size_t length = comma ? (size_t)(comma - p) : strlen(p);
    struct selector_item item;
    if (parse_item(p, length, &item) != 0)
      return -1;
    if (toolchain && item_matches(&item, toolchain))
      *matched = true;
    if (!comma)
      return 0;
    p = comma + 1;
  }
}

int selector_check(const char *selector, char **error) {
  bool unused = false;
  if (each_item(selector, NULL, &unused) != 0) {
    *error = xprintf("unknown toolchain selector \"%s\" (expected clang or gcc, optionally with >=, <=, >, <, "
                     "==, != and a major version, comma-separated)",
                     selector);
    return -1;
  }
  return 0;
}

bool selector_matches(const char *selector, const struct toolchain *toolchain) {
  bool matched = false;
  return each_item(selector, toolchain, &matched) == 0 && matched;
}
