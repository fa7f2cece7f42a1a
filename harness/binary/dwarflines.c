/* dwarflines.c: the line rows of a binary's DWARF line tables that name one source file (elfutils' libdw). */
#include "binary/dwarflines.h"
#include "base/util.h"
#include "binary/dwarfinfo.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int compare_lines(const void *a, const void *b) {
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return x < y ? -1 : x > y;
}

/* Whether a line table's file name is the case: its path (absolute as written, else under the unit's comp_dir) has
 * the case's real path. A name that resolves to no file on this machine (a prefix map, a relative comp_dir) says
 * nothing for sure, and is not counted: placing such frames is the report matcher's (sourceid.c), which refuses to
 * guess. */
static bool names_file(const char *name, const char *comp_dir, const char *target) {
  char *full = dwarf_file_path(name, comp_dir);
  char *real = full[0] == '/' ? realpath(full, NULL) : NULL;
  bool same = real && strcmp(real, target) == 0;
  free(real);
  free(full);
  return same;
}

/* The address ranges of a unit's functions (its DW_TAG_subprogram children with code). */
struct function_ranges {
  Dwarf_Addr (*pairs)[2];
  size_t count, capacity;
};

static int add_function_ranges(Dwarf_Die *function, void *arg) {
  struct function_ranges *ranges = arg;
  Dwarf_Addr base, start, end;
  ptrdiff_t offset = 0;
  while ((offset = dwarf_ranges(function, offset, &base, &start, &end)) > 0) {
    GROW(ranges->pairs, ranges->count, ranges->capacity);
    ranges->pairs[ranges->count][0] = start;
    ranges->pairs[ranges->count++][1] = end;
  }
  return DWARF_CB_OK;
}

static bool in_function(const struct function_ranges *ranges, Dwarf_Addr address) {
  for (size_t i = 0; i < ranges->count; i++)
    if (address >= ranges->pairs[i][0] && address < ranges->pairs[i][1])
      return true;
  return false;
}

int dwarf_source_lines(const char *binary, const char *source, size_t **lines, size_t *count, char **error) {
  *lines = NULL;
  *count = 0;
  char *target = realpath(source, NULL);
  if (!target) {
    *error = xprintf("cannot resolve %s: %s", source, strerror(errno));
    return -1;
  }
  int fd = open(binary, O_RDONLY | O_CLOEXEC);
  Dwarf *dwarf = fd >= 0 ? dwarf_begin(fd, DWARF_C_READ) : NULL;
  if (!dwarf) {
    *error = fd < 0 ? xprintf("cannot open %s: %s", binary, strerror(errno))
                    : xprintf("%s holds no DWARF debug information (%s): build it with -g", binary, dwarf_errmsg(-1));
    if (fd >= 0)
      close(fd);
    free(target);
    return -1;
  }
  size_t capacity = 0;
  Dwarf_Off offset = 0, next;
  size_t header_size;
  while (dwarf_nextcu(dwarf, offset, &next, &header_size, NULL, NULL, NULL) == 0) {
    Dwarf_Die unit;
    Dwarf_Lines *rows;
    size_t row_count;
    if (dwarf_offdie(dwarf, offset + header_size, &unit) && dwarf_getsrclines(&unit, &rows, &row_count) == 0) {
      Dwarf_Attribute attribute;
      const char *comp_dir = dwarf_formstring(dwarf_attr(&unit, DW_AT_comp_dir, &attribute));
      /* Rows outside every function the unit describes are code the compiler made on its own (gcc's TSan module
       * constructor, placed wherever the parse ended: in a case that includes itself, an #else line); no report
       * frame lands there, and the line it names says nothing about the case's lines. */
      struct function_ranges functions = {0};
      dwarf_getfuncs(&unit, add_function_ranges, &functions, 0);
      /* Names repeat across rows: resolve each distinct one once. */
      const char *last_name = NULL;
      bool last_match = false;
      for (size_t i = 0; i < row_count; i++) {
        Dwarf_Line *row = dwarf_onesrcline(rows, i);
        int line = 0;
        const char *name = row ? dwarf_linesrc(row, NULL, NULL) : NULL;
        if (!name || dwarf_lineno(row, &line) != 0)
          continue;
        if (name != last_name) {
          last_name = name;
          last_match = names_file(name, comp_dir, target);
        }
        Dwarf_Addr address;
        if (!last_match || dwarf_lineaddr(row, &address) != 0 || !in_function(&functions, address))
          continue;
        GROW(*lines, *count, capacity);
        (*lines)[(*count)++] = (size_t)line;
      }
      free(functions.pairs);
    }
    offset = next;
  }
  dwarf_end(dwarf);
  close(fd);
  free(target);
  if (*count) {
    qsort(*lines, *count, sizeof **lines, compare_lines);
    size_t unique = 1;
    for (size_t i = 1; i < *count; i++)
      if ((*lines)[i] != (*lines)[unique - 1])
        (*lines)[unique++] = (*lines)[i];
    *count = unique;
  }
  return 0;
}
