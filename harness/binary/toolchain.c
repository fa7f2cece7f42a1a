/* toolchain.c: toolchain ids, optimization levels, and the selectors markers are qualified with. */
#include "binary/toolchain.h"
#include "base/util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const families[] = {"clang", "gcc", NULL};
/* Indexed by enum opt_level. */
static const char *const level_names[] = {"O0", "O1", "O2", "O3", "Os", "Oz", "Ofast", "Og"};
enum { FIRST_MAJOR = 3, LAST_MAJOR = 40 };

/* A major version: 1 to 3 digits (clang's and gcc's are two). Anything longer is refused, not read modulo 2^32:
 * `clang==4294967310` would otherwise be clang 14 (blind round 6). -1 when `text` is no such number. */
static int major_version(const char *text, size_t length) {
  if (length == 0 || length > 3)
    return -1;
  int major = 0;
  for (size_t i = 0; i < length; i++) {
    if (!isdigit((unsigned char)text[i]))
      return -1;
    major = major * 10 + (text[i] - '0');
  }
  return major;
}

int toolchain_parse(const char *text, struct toolchain *toolchain) {
  *toolchain = (struct toolchain){{0}, 0, OPT_UNKNOWN};
  for (int i = 0; families[i]; i++) {
    size_t n = strlen(families[i]);
    if (strncmp(text, families[i], n) != 0)
      continue;
    const char *rest = text + n;
    if (*rest == '-')
      rest++;
    int major = *rest ? major_version(rest, strspn(rest, "0123456789")) : 0; /* "clang-19.1.7": 19 */
    if (major < 0)
      return -1;
    strcpy(toolchain->family, families[i]);
    toolchain->major = major;
    return 0;
  }
  return -1;
}

static int level_of(const char *text, size_t length) {
  for (int level = 0; level < OPT_LEVEL_COUNT; level++)
    if (strlen(level_names[level]) == length && memcmp(text, level_names[level], length) == 0)
      return level;
  return OPT_UNKNOWN;
}

int opt_level_parse(const char *text) {
  if (*text == '-')
    text++;
  if (strcmp(text, "O") == 0) /* the compilers' -O is -O1 */
    return OPT_O1;
  return level_of(text, strlen(text));
}

const char *opt_level_name(int level) { return level >= 0 && level < OPT_LEVEL_COUNT ? level_names[level] : "unknown"; }

enum comparison { ANY, EQ, NE, LT, LE, GT, GE };

struct selector_item {
  char family[8]; /* "" for a level item */
  enum comparison comparison;
  int major;
  int level; /* OPT_UNKNOWN for a toolchain item */
};

/* One item of a selector: FAMILY[OP MAJOR] or LEVEL, spaces allowed around it. */
static int parse_item(const char *text, size_t length, struct selector_item *item) {
  while (length && isspace((unsigned char)*text))
    text++, length--;
  while (length && isspace((unsigned char)text[length - 1]))
    length--;
  *item = (struct selector_item){{0}, ANY, 0, level_of(text, length)};
  if (item->level != OPT_UNKNOWN)
    return 0;
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
        int major = major_version(digits, (size_t)(end - digits));
        if (major < 0)
          return -1;
        item->comparison = ops[k].comparison;
        item->major = major;
        return 0;
      }
    }
    return -1;
  }
  return -1;
}

int toolchain_from_producer(const char *producer, struct toolchain *toolchain) {
  *toolchain = (struct toolchain){{0}, 0, OPT_UNKNOWN};
  if (!producer)
    return -1;
  const char *clang = strstr(producer, "clang version ");
  const char *version = NULL;
  if (clang) {
    strcpy(toolchain->family, "clang");
    version = clang + strlen("clang version ");
  } else if (strncmp(producer, "GNU C", 5) == 0) {
    /* "GNU C17 12.2.0", "GNU C++17 12.2.0", "GNU C89 11.4.0": the version is the word after the language. */
    const char *blank = strchr(producer, ' ');
    blank = blank ? strchr(blank + 1, ' ') : NULL;
    if (!blank)
      return -1;
    strcpy(toolchain->family, "gcc");
    version = blank + 1;
  } else {
    return -1;
  }
  toolchain->major = major_version(version, strspn(version, "0123456789"));
  return toolchain->major > 0 ? 0 : -1;
}

static bool item_matches(const struct selector_item *item, const struct toolchain *toolchain) {
  if (item->level != OPT_UNKNOWN)
    return item->level == toolchain->opt_level;
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

/* What a pass over a selector's items found. */
struct selector_scan {
  bool families, levels;          /* some item names a family, a level */
  bool family_match, level_match; /* some such item matches the toolchain */
};

/* Parses every comma-separated item; with a toolchain, notes which kinds of item match it. */
static int scan(const char *selector, const struct toolchain *toolchain, struct selector_scan *found) {
  *found = (struct selector_scan){0};
  const char *p = selector;
  for (;;) {
    const char *comma = strchr(p, ',');
    size_t length = comma ? (size_t)(comma - p) : strlen(p);
    struct selector_item item;
    if (parse_item(p, length, &item) != 0)
      return -1;
    bool is_level = item.level != OPT_UNKNOWN;
    bool match = toolchain && item_matches(&item, toolchain);
    if (is_level) {
      found->levels = true;
      found->level_match |= match;
    } else {
      found->families = true;
      found->family_match |= match;
    }
    if (!comma)
      return 0;
    p = comma + 1;
  }
}

int selector_check(const char *selector, char **error) {
  struct selector_scan found;
  if (scan(selector, NULL, &found) != 0) {
    *error = xprintf("unknown toolchain selector \"%s\" (expected clang or gcc, optionally with >=, <=, >, <, "
                     "==, != and a major version, or a level O0, O1, O2, O3, Os, Oz, Ofast, Og; comma-separated)",
                     selector);
    return -1;
  }
  return 0;
}

bool selector_matches(const char *selector, const struct toolchain *toolchain) {
  struct selector_scan found;
  return scan(selector, toolchain, &found) == 0 && (!found.families || found.family_match) &&
         (!found.levels || found.level_match);
}

bool selector_names_level(const char *selector) {
  struct selector_scan found;
  return scan(selector, NULL, &found) == 0 && found.levels;
}

bool selector_names_family(const char *selector) {
  struct selector_scan found;
  return scan(selector, NULL, &found) == 0 && found.families;
}

bool selectors_overlap(const char *a, const char *b, struct toolchain *witness) {
  for (int f = 0; families[f]; f++)
    for (int major = FIRST_MAJOR; major <= LAST_MAJOR; major++)
      for (int level = 0; level < OPT_LEVEL_COUNT; level++) {
        struct toolchain toolchain = {{0}, major, level};
        strcpy(toolchain.family, families[f]);
        if ((!a || selector_matches(a, &toolchain)) && (!b || selector_matches(b, &toolchain))) {
          if (witness)
            *witness = toolchain;
          return true;
        }
      }
  return false;
}
