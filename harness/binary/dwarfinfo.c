/* dwarfinfo.c: compile units, their files and their MD5s, from libdw. libdw reads the units and renders each line
 * table's file names; it does not expose DW_LNCT_MD5 (elfutils 0.188), so the DWARF 5 line table header is read here
 * for that one field, and only trusted when it lists exactly the files libdw listed. */
#include "binary/dwarfinfo.h"
#include "base/util.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the DWARF 5 line table header, for DW_LNCT_MD5 ---- */

struct cursor {
  const unsigned char *at, *end;
  bool failed;
};

static uint64_t read_fixed(struct cursor *c, size_t size) {
  if (c->failed || (size_t)(c->end - c->at) < size) {
    c->failed = true;
    return 0;
  }
  uint64_t value = 0;
  for (size_t i = 0; i < size; i++) /* DWARF here is little-endian: the harness runs the binaries it reads */
    value |= (uint64_t)c->at[i] << (8 * i);
  c->at += size;
  return value;
}

static uint64_t read_uleb(struct cursor *c) {
  uint64_t value = 0;
  for (unsigned shift = 0; !c->failed; shift += 7) {
    if (c->at >= c->end || shift > 63) {
      c->failed = true;
      break;
    }
    unsigned char byte = *c->at++;
    value |= (uint64_t)(byte & 0x7f) << shift;
    if (!(byte & 0x80))
      break;
  }
  return value;
}

static void skip(struct cursor *c, uint64_t size) {
  if (c->failed || (uint64_t)(c->end - c->at) < size)
    c->failed = true;
  else
    c->at += size;
}

/* Skips one attribute value of `form` (the forms DWARF 5 allows in a line table header); copies a data16 value into
 * `md5` when given. Unknown forms fail the read: then no MD5 is trusted. */
static void read_form(struct cursor *c, uint64_t form, size_t offset_size, unsigned char *md5) {
  switch (form) {
  case DW_FORM_string: {
    const unsigned char *nul = memchr(c->at, '\0', (size_t)(c->end - c->at));
    if (!nul)
      c->failed = true;
    else
      c->at = nul + 1;
    return;
  }
  case DW_FORM_line_strp:
  case DW_FORM_strp:
  case DW_FORM_sec_offset: skip(c, offset_size); return;
  case DW_FORM_strx:
  case DW_FORM_udata: read_uleb(c); return;
  case DW_FORM_strx1:
  case DW_FORM_data1: skip(c, 1); return;
  case DW_FORM_strx2:
  case DW_FORM_data2: skip(c, 2); return;
  case DW_FORM_strx3: skip(c, 3); return;
  case DW_FORM_strx4:
  case DW_FORM_data4: skip(c, 4); return;
  case DW_FORM_data8: skip(c, 8); return;
  case DW_FORM_data16:
    if (md5 && !c->failed && c->end - c->at >= 16)
      memcpy(md5, c->at, 16);
    skip(c, 16);
    return;
  case DW_FORM_block: skip(c, read_uleb(c)); return;
  case DW_FORM_block1: skip(c, read_fixed(c, 1)); return;
  case DW_FORM_block2: skip(c, read_fixed(c, 2)); return;
  case DW_FORM_block4: skip(c, read_fixed(c, 4)); return;
  }
  c->failed = true;
}

/* The entry formats of a directory or file table: (content type, form) pairs. */
struct entry_format {
  uint64_t content[16], form[16];
  size_t count;
};

static void read_formats(struct cursor *c, struct entry_format *format) {
  format->count = (size_t)read_fixed(c, 1);
  if (format->count > 16) {
    c->failed = true;
    return;
  }
  for (size_t i = 0; i < format->count; i++) {
    format->content[i] = read_uleb(c);
    format->form[i] = read_uleb(c);
  }
}

/* Fills the MD5 of each of `unit`'s sources from its line table at `offset` of .debug_line, when the header is DWARF 5,
 * records DW_LNCT_MD5, and lists as many files as libdw did. */
static void read_md5s(const unsigned char *section, size_t size, uint64_t offset, struct dwarf_unit *unit) {
  if (offset >= size)
    return;
  struct cursor c = {section + offset, section + size, false};
  size_t offset_size = 4;
  uint64_t length = read_fixed(&c, 4);
  if (length == 0xffffffffu) {
    offset_size = 8;
    length = read_fixed(&c, 8);
  }
  if (c.failed || length > (uint64_t)(c.end - c.at))
    return;
  c.end = c.at + length;
  if (read_fixed(&c, 2) != 5)
    return;
  skip(&c, 2);           /* address_size, segment_selector_size */
  skip(&c, offset_size); /* header_length */
  skip(&c, 5);           /* minimum_instruction_length, maximum_operations_per_instruction, default_is_stmt, line_base,
                            line_range */
  uint64_t opcode_base = read_fixed(&c, 1);
  skip(&c, opcode_base ? opcode_base - 1 : 0);
  struct entry_format format;
  read_formats(&c, &format);
  uint64_t directories = read_uleb(&c);
  for (uint64_t d = 0; d < directories && !c.failed; d++)
    for (size_t f = 0; f < format.count; f++)
      read_form(&c, format.form[f], offset_size, NULL);
  read_formats(&c, &format);
  uint64_t files = read_uleb(&c);
  if (c.failed || files != unit->source_count)
    return;
  unsigned char(*md5s)[16] = xcalloc(files ? files : 1, 16);
  bool any = false;
  for (uint64_t i = 0; i < files && !c.failed; i++)
    for (size_t f = 0; f < format.count; f++) {
      bool is_md5 = format.content[f] == DW_LNCT_MD5 && format.form[f] == DW_FORM_data16;
      any |= is_md5;
      read_form(&c, format.form[f], offset_size, is_md5 ? md5s[i] : NULL);
    }
  if (!c.failed && any)
    for (size_t i = 0; i < unit->source_count; i++) {
      unit->sources[i].has_md5 = true;
      memcpy(unit->sources[i].md5, md5s[i], 16);
    }
  free(md5s);
}

/* The (decompressed) contents of the section named `name`, or NULL. */
static const unsigned char *section_data(Elf *elf, const char *name, size_t *size) {
  size_t names;
  if (!elf || elf_getshdrstrndx(elf, &names) != 0)
    return NULL;
  for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
    GElf_Shdr header;
    const char *scn_name = gelf_getshdr(scn, &header) ? elf_strptr(elf, names, header.sh_name) : NULL;
    if (!scn_name || strcmp(scn_name, name) != 0 || header.sh_type == SHT_NOBITS)
      continue;
    if ((header.sh_flags & SHF_COMPRESSED) && elf_compress(scn, 0, 0) < 0)
      return NULL;
    Elf_Data *data = elf_getdata(scn, NULL);
    if (!data || !data->d_buf)
      return NULL;
    *size = data->d_size;
    return data->d_buf;
  }
  return NULL;
}

/* ---- units ---- */

static char *joined(const char *directory, const char *name) {
  size_t length = strlen(directory);
  return xprintf("%s%s%s", directory, length && directory[length - 1] == '/' ? "" : "/", name);
}

char *dwarf_file_path(const char *name, const char *comp_dir) {
  return name[0] == '/' || !comp_dir ? xstrdup(name) : joined(comp_dir, name);
}

/* `die` is the unit in the binary: a whole compile unit, or the skeleton of a -gsplit-dwarf one, which keeps the
 * line table, DW_AT_comp_dir and the code's ranges, while its name is in the split unit (`split`, else NULL). */
static void read_unit(Dwarf_CU *cu, Dwarf_Die *die, Dwarf_Die *split, const unsigned char *line_section,
                      size_t line_size, struct dwarf_unit *unit) {
  Dwarf_Attribute attribute;
  const char *name = dwarf_formstring(dwarf_attr(split ? split : die, DW_AT_name, &attribute));
  const char *comp_dir = dwarf_formstring(dwarf_attr(die, DW_AT_comp_dir, &attribute));
  const char *producer = dwarf_formstring(dwarf_attr(split ? split : die, DW_AT_producer, &attribute));
  if (!producer)
    producer = dwarf_formstring(dwarf_attr(die, DW_AT_producer, &attribute));
  *unit = (struct dwarf_unit){.name = xstrdup(name ? name : ""),
                              .comp_dir = comp_dir ? xstrdup(comp_dir) : NULL,
                              .producer = producer ? xstrdup(producer) : NULL};
  unit->die_offset = dwarf_dieoffset(die);
  unit->cu = cu;
  Dwarf_Files *files;
  size_t count;
  if (dwarf_getsrcfiles(die, &files, &count) != 0)
    return;
  unit->sources = xcalloc(count ? count : 1, sizeof *unit->sources);
  unit->source_count = count;
  for (size_t i = 0; i < count; i++) {
    const char *path = dwarf_filesrc(files, i, NULL, NULL);
    struct dwarf_source *source = &unit->sources[i];
    source->path = xstrdup(path ? path : "");
    if (source->path[0] == '/')
      source->resolved = lexical_path(source->path);
    else if (comp_dir && comp_dir[0] == '/') {
      char *whole = joined(comp_dir, source->path);
      source->resolved = lexical_path(whole);
      free(whole);
    }
  }
  Dwarf_Word offset;
  if (line_section && dwarf_formudata(dwarf_attr(die, DW_AT_stmt_list, &attribute), &offset) == 0)
    read_md5s(line_section, line_size, offset, unit);
}

int dwarf_info_open(const char *path, struct dwarf_info *info, char **error) {
  *info = (struct dwarf_info){.fd = -1};
  elf_version(EV_CURRENT);
  info->fd = open(path, O_RDONLY | O_CLOEXEC);
  if (info->fd < 0) {
    *error = xprintf("cannot open %s", path);
    return -1;
  }
  Dwarf *dwarf = dwarf_begin(info->fd, DWARF_C_READ);
  if (!dwarf) {
    *error = xprintf("%s has no DWARF debugging information (%s): build it with -g", path, dwarf_errmsg(-1));
    close(info->fd);
    info->fd = -1;
    return -1;
  }
  info->dwarf = dwarf;
  size_t line_size = 0;
  const unsigned char *line_section = section_data(dwarf_getelf(dwarf), ".debug_line", &line_size);
  size_t capacity = 0;
  Dwarf_CU *cu = NULL;
  Dwarf_Die die, split;
  uint8_t unit_type;
  Dwarf_Half version;
  while (dwarf_get_units(dwarf, cu, &cu, &version, &unit_type, &die, &split) == 0) {
    if (unit_type != DW_UT_compile && unit_type != DW_UT_partial && unit_type != DW_UT_skeleton)
      continue;
    /* -gsplit-dwarf: libdw finds the split unit by the skeleton's DW_AT_comp_dir and DW_AT_dwo_name
     * (libdw_find_split_unit.c); without it, which file the unit was compiled from is unknown. */
    bool split_found = unit_type == DW_UT_skeleton && dwarf_tag(&split) == DW_TAG_compile_unit;
    if (unit_type == DW_UT_skeleton && !split_found) {
      Dwarf_Attribute attribute;
      const char *dwo = dwarf_formstring(dwarf_attr(&die, DW_AT_dwo_name, &attribute));
      const char *folder = dwarf_formstring(dwarf_attr(&die, DW_AT_comp_dir, &attribute));
      *error = xprintf("%s keeps its debug information in a separate file (-gsplit-dwarf), %s%s%s, which cannot be "
                       "read",
                       path, dwo && dwo[0] != '/' && folder ? folder : "", dwo && dwo[0] != '/' && folder ? "/" : "",
                       dwo ? dwo : "(unnamed)");
      dwarf_info_close(info);
      return -1;
    }
    GROW(info->units, info->unit_count, capacity);
    read_unit(cu, &die, split_found ? &split : NULL, line_section, line_size, &info->units[info->unit_count++]);
  }
  return 0;
}

const struct dwarf_unit *dwarf_info_unit_at(const struct dwarf_info *info, uint64_t address) {
  /* clang writes no .debug_aranges (which dwarf_addrdie reads): ask each unit's own ranges. */
  for (size_t i = 0; i < info->unit_count; i++) {
    Dwarf_Die die;
    if (dwarf_offdie(info->dwarf, info->units[i].die_offset, &die) && dwarf_haspc(&die, address) == 1)
      return &info->units[i];
  }
  return NULL;
}

struct function_search {
  const char *name;
  size_t length;
  bool found;
};

static int match_function(Dwarf_Die *die, void *argument) {
  struct function_search *search = argument;
  const char *name = dwarf_diename(die);
  search->found = name && strlen(name) == search->length && strncmp(name, search->name, search->length) == 0;
  return search->found ? DWARF_CB_ABORT : DWARF_CB_OK;
}

bool dwarf_info_unit_has_function(const struct dwarf_info *info, const struct dwarf_unit *unit, const char *function) {
  /* "ns::S::f(int) const" -> "f": DW_AT_name holds the function's own name, its scopes are the DIEs around it. */
  size_t length = strcspn(function, "(");
  const char *name = function;
  for (const char *scope = strstr(function, "::"); scope && scope < function + length; scope = strstr(name, "::"))
    name = scope + 2;
  struct function_search search = {name, length - (size_t)(name - function), false};
  Dwarf_Die die;
  if (search.length && dwarf_offdie(info->dwarf, unit->die_offset, &die))
    dwarf_getfuncs(&die, match_function, &search, 0);
  return search.found;
}

bool dwarf_info_source_has_lines(const struct dwarf_info *info, const struct dwarf_unit *unit,
                                 const struct dwarf_source *source) {
  Dwarf_Die die;
  Dwarf_Lines *lines;
  size_t count = 0;
  if (!dwarf_offdie(info->dwarf, unit->die_offset, &die) || dwarf_getsrclines(&die, &lines, &count) != 0)
    return true; /* unreadable: taken as code of the file, which then must be found */
  for (size_t i = 0; i < count; i++) {
    const char *file = dwarf_linesrc(dwarf_onesrcline(lines, i), NULL, NULL);
    if (file && strcmp(file, source->path) == 0)
      return true;
  }
  return false;
}

/* The unit's source whose path is `path` (dwarf_filesrc's string for the file), or NULL. */
static const struct dwarf_source *source_named(const struct dwarf_unit *unit, const char *path) {
  for (size_t i = 0; path && i < unit->source_count; i++)
    if (strcmp(unit->sources[i].path, path) == 0)
      return &unit->sources[i];
  return NULL;
}

static void add_place(struct dwarf_code_place **places, size_t *count, size_t *capacity, size_t depth,
                      const struct dwarf_source *source, int line) {
  GROW(*places, *count, *capacity);
  (*places)[(*count)++] = (struct dwarf_code_place){depth, source, line};
}

/* Walks down from `scope` into the DIE that holds `address`, noting each inlined call on the way, outermost first.
 * Whether a DIE below `scope` holds it. */
static bool find_inlined(Dwarf_Die *scope, uint64_t address, Dwarf_Die *inlined, size_t *count, size_t room) {
  Dwarf_Die child;
  if (dwarf_child(scope, &child) != 0)
    return false;
  do {
    int tag = dwarf_tag(&child);
    if (dwarf_haspc(&child, address) == 1) {
      if (tag == DW_TAG_inlined_subroutine && *count < room)
        inlined[(*count)++] = child;
      find_inlined(&child, address, inlined, count, room);
      return true;
    }
    /* C++: functions inside a namespace or a class, which have no ranges of their own */
    bool may_hold =
        tag == DW_TAG_namespace || tag == DW_TAG_class_type || tag == DW_TAG_structure_type || tag == DW_TAG_union_type;
    if (may_hold && find_inlined(&child, address, inlined, count, room))
      return true;
  } while (dwarf_siblingof(&child, &child) == 0);
  return false;
}

size_t dwarf_info_code_places(const struct dwarf_unit *unit, uint64_t address, struct dwarf_code_place **places,
                              size_t *depths) {
  *places = NULL;
  *depths = 0;
  size_t count = 0, capacity = 0;
  Dwarf_Die die, split;
  uint8_t unit_type;
  Dwarf_Lines *lines;
  size_t line_count;
  if (!unit->cu || dwarf_cu_info(unit->cu, NULL, &unit_type, &die, &split, NULL, NULL, NULL) != 0 ||
      dwarf_getsrclines(&die, &lines, &line_count) != 0)
    return 0;
  /* Depth 0: the row libdw finds for the address (the last one at or below it: dwarf_getsrc_die.c), and every other
   * row at that row's address that is not a sequence's end. */
  Dwarf_Line *covering = dwarf_getsrc_die(&die, address);
  Dwarf_Addr row_address;
  if (!covering || dwarf_lineaddr(covering, &row_address) != 0)
    return 0;
  for (size_t i = 0; i < line_count; i++) {
    Dwarf_Line *row = dwarf_onesrcline(lines, i);
    Dwarf_Addr at;
    bool end;
    int number;
    if (!row || dwarf_lineaddr(row, &at) != 0 || at != row_address || dwarf_lineendsequence(row, &end) != 0 || end ||
        dwarf_lineno(row, &number) != 0)
      continue;
    add_place(places, &count, &capacity, 0, source_named(unit, dwarf_linesrc(row, NULL, NULL)), number);
  }
  *depths = 1;
  /* Then each inlined call around the address, innermost first: its DW_AT_call_file and DW_AT_call_line are where
   * the next frame out stands (the scopes are in the split unit of a -gsplit-dwarf build). */
  Dwarf_Die *unit_die = unit_type == DW_UT_skeleton && dwarf_tag(&split) == DW_TAG_compile_unit ? &split : &die;
  Dwarf_Files *files = NULL;
  size_t file_count = 0;
  if (dwarf_getsrcfiles(unit_die, &files, &file_count) != 0)
    files = NULL;
  /* The inlined calls around the address, outermost first, found by a walk down the scopes that hold it
   * (dwarf_getscopes climbs from an inlined instance to its abstract origin's scopes, not to the function it was
   * inlined into). */
  Dwarf_Die inlined[64];
  size_t inlined_count = 0;
  find_inlined(unit_die, address, inlined, &inlined_count, sizeof inlined / sizeof *inlined);
  for (size_t i = inlined_count; i-- > 0;) {
    Dwarf_Attribute attribute;
    Dwarf_Word file = 0, line = 0;
    dwarf_formudata(dwarf_attr(&inlined[i], DW_AT_call_file, &attribute), &file);
    dwarf_formudata(dwarf_attr(&inlined[i], DW_AT_call_line, &attribute), &line);
    const char *path = files && file < file_count ? dwarf_filesrc(files, file, NULL, NULL) : NULL;
    add_place(places, &count, &capacity, (*depths)++, source_named(unit, path), (int)line);
  }
  return count;
}

void dwarf_info_close(struct dwarf_info *info) {
  for (size_t i = 0; i < info->unit_count; i++) {
    for (size_t s = 0; s < info->units[i].source_count; s++) {
      free(info->units[i].sources[s].path);
      free(info->units[i].sources[s].resolved);
    }
    free(info->units[i].sources);
    free(info->units[i].name);
    free(info->units[i].comp_dir);
    free(info->units[i].producer);
  }
  free(info->units);
  if (info->dwarf)
    dwarf_end(info->dwarf);
  if (info->fd >= 0)
    close(info->fd);
  *info = (struct dwarf_info){.fd = -1};
}
