/* libraries.c: the program's own shared libraries: found, read and judged like the program's units (libraries.h). */
#include "proof/libraries.h"
#include "base/util.h"
#include "binary/elfinfo.h"
#include "proof/compile_units.h"
#include "proof/function_scan.h"
#include "proof/hook_names.h"
#include "proof/off_flags.h"
#include "proof/program_scan.h"
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

/* Calls `visit` on each symbol of the dynamic symbol table (with its name) until it returns true; returns whether it
 * did. */
static bool any_dynamic_symbol(Elf *elf, bool (*visit)(const GElf_Sym *symbol, const char *name, void *context),
                               void *context) {
  Elf_Scn *table = NULL;
  while ((table = elf_nextscn(elf, table)) != NULL) {
    GElf_Shdr header;
    Elf_Data *symbols = gelf_getshdr(table, &header) && header.sh_type == SHT_DYNSYM && header.sh_entsize
                            ? elf_getdata(table, NULL)
                            : NULL;
    for (size_t s = 0; symbols && s < header.sh_size / header.sh_entsize; s++) {
      GElf_Sym symbol;
      const char *name = gelf_getsym(symbols, (int)s, &symbol) ? elf_strptr(elf, header.sh_link, symbol.st_name) : NULL;
      if (name && *name && visit(&symbol, name, context))
        return true;
    }
  }
  return false;
}

/* libc exports thousands of functions: the list grows by doubling (push_string would find its end each time). */
struct exported_list {
  char **names;
  size_t count, capacity;
};

static bool note_exported_function(const GElf_Sym *symbol, const char *name, void *list_) {
  struct exported_list *list = list_;
  if (symbol->st_shndx == SHN_UNDEF || GELF_ST_TYPE(symbol->st_info) != STT_FUNC)
    return false;
  GROW(list->names, list->count, list->capacity);
  list->names[list->count++] = xstrdup(name);
  GROW(list->names, list->count, list->capacity); /* room for the terminator */
  list->names[list->count] = NULL;
  return false;
}

static bool defines_the_runtime(const GElf_Sym *symbol, const char *name, void *unused) {
  (void)unused;
  return symbol->st_shndx != SHN_UNDEF && strcmp(name, "__tsan_init") == 0;
}

static bool is_imported_hook(const GElf_Sym *symbol, const char *name, void *unused) {
  (void)unused;
  return symbol->st_shndx == SHN_UNDEF && (is_entry_exit(name) || is_access_hook(name));
}
/* What a library's own DWARF and code show: the sources it was built from that exist here (the project's code: a
 * system package's library names sources that are not on this machine, or has no DWARF at all), and its compile
 * units that TSan did not instrument. A library without DWARF or not x86-64 keeps only what its imports show. */
static void read_library_code(struct instrumentation *facts, struct library_facts *library,
                              const struct off_flag_rules *rules) {
  struct image image;
  char *error = NULL;
  if (open_image(library->path, &image, &error) != 0) {
    free(error);
    close_image(&image);
    return;
  }
  library->code_read = true;
  struct instrumentation scratch = {0}; /* its annotation calls are the library's business, not the case's */
  struct program_scan library_scan = {.facts = &scratch};
  Dwarf_CU *cu = NULL;
  Dwarf_Die skeleton, split;
  uint8_t unit_type;
  while (dwarf_get_units(image.dwarf, cu, &cu, NULL, &unit_type, &skeleton, &split) == 0) {
    bool split_found = unit_type == DW_UT_skeleton && dwarf_tag(&split) == DW_TAG_compile_unit;
    if (unit_type != DW_UT_compile && !split_found)
      continue;
    Dwarf_Die *unit = split_found ? &split : &skeleton;
    char *path = unit_path(unit, &skeleton);
    struct stat info;
    if (path && !library->own_source && stat(path, &info) == 0 && S_ISREG(info.st_mode))
      library->own_source = xstrdup(path);
    char *off_flag = recorded_off_flag(rules, unit);
    struct unit_walk walk = {
        .image = &image, .facts = &scratch, .scan = &library_scan, .judge_stores = false, .off_flag = off_flag};
    dwarf_getfuncs(unit, visit_function, &walk, 0);
    if ((!walk.any_tsan_call || off_flag) && walk.any_code_to_watch && path &&
        !list_holds(library->uninstrumented_units, path)) {
      add_unit(&library->uninstrumented_units, &library->uninstrumented_unit_functions,
               &library->uninstrumented_unit_flags, path, walk.names, off_flag);
      walk.names = NULL;
    } else if (walk.gap_count && path && stat(path, &info) == 0 && S_ISREG(info.st_mode)) {
      /* A unit of the project's own library or program (its source is here) TSan instrumented but for some of its
       * functions (no_sanitize("thread")): judged as a unit of the program outside the files under test is. */
      unit_walk_take_gaps(&walk, path, facts);
    }
    unit_walk_free_gaps(&walk);
    free_list(walk.names);
    free(off_flag);
    free(path);
  }
  /* The project's own library calls into the runtime's interface for the whole program: an AnnotateHappensBefore
   * there orders the case's accesses as much as one in the case, and a report redirect there hides the case's
   * reports. A system library's calls (one that shows no source of this machine) are its own business. */
  for (size_t i = 0; library->own_source && i < scratch.annotation_count; i++) {
    const struct hiding_call *call = &scratch.annotations[i];
    add_hiding_call(facts, call->kind, call->callee, xprintf("%s, in %s", call->caller, library->path));
  }
  for (size_t i = 0; library->own_source && scratch.report_redirects && scratch.report_redirects[i]; i++)
    push_string(&facts->report_redirects, xprintf("%s, in %s", scratch.report_redirects[i], library->path));
  program_scan_free(&library_scan);
  instrumentation_free(&scratch);
  close_image(&image);
}

bool add_library(struct instrumentation *facts, const char *path, const char *needed, bool own_sources_only,
                 const struct off_flag_rules *rules) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  Elf *elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
  bool added = false;
  if (elf && elf_kind(elf) == ELF_K_ELF) {
    struct library_facts library = {.path = xstrdup(path)};
    read_library_code(facts, &library, rules);
    /* A system library (libc, the TSan runtime) shows no source of this machine; reading its thousands of dynamic
     * symbols is then wasted work, and the caller that asked for own sources only drops it. */
    if (own_sources_only && !library.own_source) {
      library_facts_free(&library);
    } else {
      struct elf_identity identity;
      library.program = elf_identify(path, &identity) == 0 && identity.program;
      char *soname = needed ? NULL : shared_object_name(path);
      const char *slash = strrchr(path, '/');
      library.needed = xstrdup(needed ? needed : soname ? soname : slash ? slash + 1 : path);
      free(soname);
      struct exported_list exported = {0};
      any_dynamic_symbol(elf, note_exported_function, &exported);
      library.exported_functions = exported.names;
      /* Its code, when the harness can read it, says which of its units TSan instrumented where it owes hooks (a
       * library of pure functions owes none); else its imports show whether any of it was built with TSan, or its
       * definitions whether it carries the runtime (a TSan program the case execs). */
      library.instrumented = library.code_read ? library.uninstrumented_units == NULL
                                               : any_dynamic_symbol(elf, is_imported_hook, NULL) ||
                                                     any_dynamic_symbol(elf, defines_the_runtime, NULL);
      GROW(facts->libraries, facts->library_count, facts->library_capacity);
      facts->libraries[facts->library_count++] = library;
      added = true;
    }
  }
  if (elf)
    elf_end(elf);
  close(fd);
  return added;
}

char *shared_object_name(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return NULL;
  Elf *elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
  char *name = NULL;
  Elf_Scn *scn = NULL;
  while (elf && elf_kind(elf) == ELF_K_ELF && !name && (scn = elf_nextscn(elf, scn)) != NULL) {
    GElf_Shdr shdr;
    Elf_Data *data =
        gelf_getshdr(scn, &shdr) && shdr.sh_type == SHT_DYNAMIC && shdr.sh_entsize ? elf_getdata(scn, NULL) : NULL;
    for (size_t i = 0; data && !name && i < shdr.sh_size / shdr.sh_entsize; i++) {
      GElf_Dyn dyn;
      const char *text = gelf_getdyn(data, (int)i, &dyn) && dyn.d_tag == DT_SONAME
                             ? elf_strptr(elf, shdr.sh_link, dyn.d_un.d_val)
                             : NULL;
      if (text && *text)
        name = xstrdup(text);
    }
  }
  if (elf)
    elf_end(elf);
  close(fd);
  return name;
}

void read_libraries(const char *binary, const struct image *image, struct instrumentation *facts,
                    const struct off_flag_rules *rules) {
  Elf_Scn *scn = NULL;
  while ((scn = elf_nextscn(image->elf, scn)) != NULL) {
    GElf_Shdr shdr;
    if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_DYNAMIC || shdr.sh_entsize == 0)
      continue;
    Elf_Data *data = elf_getdata(scn, NULL);
    size_t count = shdr.sh_size / shdr.sh_entsize;
    const char *search = NULL;
    for (size_t i = 0; data && i < count; i++) {
      GElf_Dyn dyn;
      if (gelf_getdyn(data, (int)i, &dyn) && (dyn.d_tag == DT_RUNPATH || (dyn.d_tag == DT_RPATH && !search)))
        search = elf_strptr(image->elf, shdr.sh_link, dyn.d_un.d_val);
    }
    char *copy = xstrdup(binary);
    char *origin = xstrdup(dirname(copy));
    free(copy);
    for (size_t i = 0; data && i < count; i++) {
      GElf_Dyn dyn;
      if (!gelf_getdyn(data, (int)i, &dyn) || dyn.d_tag != DT_NEEDED)
        continue;
      const char *needed = elf_strptr(image->elf, shdr.sh_link, dyn.d_un.d_val);
      if (needed && needed[0] == '/') {
        add_library(facts, needed, needed, false, rules);
        continue;
      }
      char *folders = xstrdup(search ? search : "");
      for (char *save = NULL, *folder = strtok_r(folders, ":", &save); needed && folder;
           folder = strtok_r(NULL, ":", &save)) {
        char *expanded = starts_with(folder, "$ORIGIN") ? xprintf("%s%s", origin, folder + 7) : xstrdup(folder);
        size_t length = strlen(expanded);
        char *path = xprintf("%s%s%s", expanded, length && expanded[length - 1] == '/' ? "" : "/", needed);
        free(expanded);
        bool exists = access(path, F_OK) == 0;
        if (exists)
          add_library(facts, path, needed, false, rules);
        free(path);
        if (exists)
          break;
      }
      free(folders);
    }
    free(origin);
    return;
  }
}
