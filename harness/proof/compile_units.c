/* compile_units.c: the compile units of a binary's DWARF: their functions, ranges, recorded flags and variables
 * (compile_units.h). */
#include "proof/compile_units.h"
#include "base/util.h"
#include "binary/elfinfo.h"
#include "proof/compile_units.h"
#include "proof/function_scan.h"
#include "proof/hook_names.h"
#include "proof/off_flags.h"
#include "proof/reachability.h"
#include "proof/runtime_code.h"
#include "proof/runtime_interface.h"
#include "proof/value_numbering.h"

#include <capstone/capstone.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void read_ranges(Dwarf_Die *die, struct ranges *ranges) {
  Dwarf_Addr base, start, end;
  ptrdiff_t offset = 0;
  while ((offset = dwarf_ranges(die, offset, &base, &start, &end)) > 0) {
    if (end <= start)
      continue;
    GROW(ranges->pairs, ranges->count, ranges->capacity);
    ranges->pairs[ranges->count][0] = start;
    ranges->pairs[ranges->count][1] = end;
    ranges->count++;
  }
}

char *unit_path(Dwarf_Die *unit, Dwarf_Die *skeleton) {
  const char *name = dwarf_diename(unit);
  if (!name)
    return NULL;
  if (name[0] == '/')
    return xstrdup(name);
  Dwarf_Attribute attribute;
  const char *folder = dwarf_formstring(dwarf_attr(unit, DW_AT_comp_dir, &attribute));
  if (!folder)
    folder = dwarf_formstring(dwarf_attr(skeleton, DW_AT_comp_dir, &attribute));
  return folder ? xprintf("%s/%s", folder, name) : xstrdup(name);
}

bool same_file(const char *a, const struct stat *b) {
  struct stat info;
  return a && stat(a, &info) == 0 && info.st_dev == b->st_dev && info.st_ino == b->st_ino;
}

bool stores_need_hooks(Dwarf_Die *unit) {
  Dwarf_Attribute attribute;
  const char *producer = dwarf_formstring(dwarf_attr(unit, DW_AT_producer, &attribute));
  return producer && strstr(producer, "clang") != NULL;
}

char *recorded_off_flag(const struct off_flag_rules *rules, Dwarf_Die *unit) {
  Dwarf_Attribute attribute;
  const char *producer = dwarf_formstring(dwarf_attr(unit, DW_AT_producer, &attribute));
  return producer ? off_flag_in_command_line(rules, producer) : NULL;
}
/* Whether the function returns a struct, union or class of more than 16 bytes (its DW_AT_type, through typedefs and
 * qualifiers). */
static bool returns_in_memory(Dwarf_Die *function) {
  Dwarf_Attribute attribute;
  Dwarf_Die type;
  if (!dwarf_attr_integrate(function, DW_AT_type, &attribute) || !dwarf_formref_die(&attribute, &type))
    return false;
  for (int depth = 0; depth < 16; depth++) {
    int tag = dwarf_tag(&type);
    if (tag == DW_TAG_structure_type || tag == DW_TAG_union_type || tag == DW_TAG_class_type) {
      Dwarf_Word size = 0;
      return dwarf_aggregate_size(&type, &size) == 0 && size > 16;
    }
    if (tag != DW_TAG_typedef && tag != DW_TAG_const_type && tag != DW_TAG_volatile_type)
      return false;
    if (!dwarf_attr_integrate(&type, DW_AT_type, &attribute) || !dwarf_formref_die(&attribute, &type))
      return false;
  }
  return false;
}

int visit_function(Dwarf_Die *die, void *arg) {
  struct unit_walk *walk = arg;
  struct ranges ranges = {0};
  read_ranges(die, &ranges);
  if (ranges.count == 0) {
    free(ranges.pairs);
    return DWARF_CB_OK;
  }
  const char *name = dwarf_diename(die);
  int line = 0;
  dwarf_decl_line(die, &line);
  struct function_facts function = {.name = xstrdup(name ? name : "?"),
                                    .file = walk->file ? xstrdup(walk->file) : NULL,
                                    .line = line > 0 ? (size_t)line : 0};
  /* gcc returns an aggregate of more than 16 bytes in memory the caller gives in rdi (the System V x86-64 ABI, 3.2.3:
   * class MEMORY), and its pass leaves the stores to it alone; clang's instruments them like any pointer's. */
  bool result_in_rdi = !walk->judge_stores && returns_in_memory(die);
  scan_code(walk->image, &ranges, walk->judge_stores, result_in_rdi, &function, walk->scan);
  for (size_t r = 0; r < ranges.count; r++) {
    GROW(walk->scan->described.pairs, walk->scan->described.count, walk->scan->described.capacity);
    memcpy(walk->scan->described.pairs[walk->scan->described.count++], ranges.pairs[r], sizeof ranges.pairs[r]);
  }
  free(ranges.pairs);
  walk->any_tsan_call |= function.calls_func_entry || function.calls_access_hook;
  bool code_to_watch =
      function.makes_calls || function.writes_global || function.accesses_memory || function.atomic_instruction;
  walk->any_code_to_watch |= code_to_watch;
  if (walk->off_flag && code_to_watch)
    function.off_flag = xstrdup(walk->off_flag);
  if (walk->file) {
    struct instrumentation *facts = walk->facts;
    GROW(facts->functions, facts->function_count, facts->function_capacity);
    facts->functions[facts->function_count++] = function;
  } else if (function_gap(&function) != GAP_NONE) {
    push_string(&walk->names, xstrdup(function.name));
    GROW(walk->gaps, walk->gap_count, walk->gap_capacity);
    walk->gaps[walk->gap_count++] = function;
  } else {
    push_string(&walk->names, xstrdup(function.name));
    function_facts_free(&function);
  }
  return DWARF_CB_OK;
}
void unit_walk_free_gaps(struct unit_walk *walk) {
  for (size_t i = 0; i < walk->gap_count; i++)
    function_facts_free(&walk->gaps[i]);
  free(walk->gaps);
  walk->gaps = NULL;
  walk->gap_count = walk->gap_capacity = 0;
}

void unit_walk_take_gaps(struct unit_walk *walk, const char *path, struct instrumentation *facts) {
  for (size_t g = 0; g < walk->gap_count; g++) {
    struct function_facts gap = walk->gaps[g];
    free(gap.unhooked_store);
    free(gap.unhooked_load);
    gap.unhooked_store = gap.unhooked_load = NULL;
    if (function_gap(&gap) == GAP_NONE) {
      function_facts_free(&gap);
      continue;
    }
    free(gap.file);
    gap.file = xstrdup(path);
    gap.outside_files_under_test = true;
    GROW(facts->functions, facts->function_count, facts->function_capacity);
    facts->functions[facts->function_count++] = gap;
  }
  free(walk->gaps);
  walk->gaps = NULL;
  walk->gap_count = walk->gap_capacity = 0;
}

void add_unit(char ***units, char ****unit_functions, char ***unit_flags, const char *path, char **names,
              const char *off_flag) {
  size_t count = 0;
  while (*units && (*units)[count])
    count++;
  push_string(units, xstrdup(path));
  *unit_functions = xrealloc(*unit_functions, (count + 1) * sizeof **unit_functions);
  (*unit_functions)[count] = names;
  push_string(unit_flags, xstrdup(off_flag ? off_flag : ""));
}
void read_variable_ranges(Dwarf_Die *unit, struct ranges *variables) {
  Dwarf_Die child;
  if (dwarf_child(unit, &child) != 0)
    return;
  do {
    if (dwarf_tag(&child) != DW_TAG_variable)
      continue;
    Dwarf_Attribute location, type_attribute;
    Dwarf_Op *ops = NULL;
    size_t op_count = 0;
    Dwarf_Die type;
    Dwarf_Word size = 0;
    if (!dwarf_attr(&child, DW_AT_location, &location) || dwarf_getlocation(&location, &ops, &op_count) != 0 ||
        op_count != 1 || !dwarf_attr_integrate(&child, DW_AT_type, &type_attribute) ||
        !dwarf_formref_die(&type_attribute, &type) || dwarf_aggregate_size(&type, &size) != 0 || size == 0)
      continue;
    /* DWARF 5 (clang's default) names the address by its index in .debug_addr: DW_OP_addrx. */
    Dwarf_Addr address = 0;
    Dwarf_Attribute indexed;
    if (ops[0].atom == DW_OP_addr)
      address = ops[0].number;
    else if ((ops[0].atom == DW_OP_addrx || ops[0].atom == DW_OP_GNU_addr_index) &&
             dwarf_getlocation_attr(&location, &ops[0], &indexed) == 0)
      dwarf_formaddr(&indexed, &address);
    if (!address)
      continue;
    GROW(variables->pairs, variables->count, variables->capacity);
    variables->pairs[variables->count][0] = address;
    variables->pairs[variables->count][1] = address + size;
    variables->count++;
  } while (dwarf_siblingof(&child, &child) == 0);
}
