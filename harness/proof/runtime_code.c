/* runtime_code.c: for a program that carries the runtime linked in: which of its functions are the runtime's
 * (runtime_code.h). */
#include "proof/runtime_code.h"
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

int64_t program_size_of(const char *name, void *context) {
  const struct symbol *symbol = symbol_named(context, name, NULL);
  return symbol ? (int64_t)symbol->size : -1;
}
/* Whether every name the program gives the function at `address` is one `archive` defines, with the program's
 * size. */
static bool archive_function(const struct image *image, struct runtime_archive *archive, GElf_Addr address) {
  size_t count = 0;
  const struct symbol *names = symbols_at(image, address, &count);
  if (!archive || count == 0)
    return false;
  for (size_t i = 0; i < count; i++)
    if (!runtime_archive_defines(archive, names[i].name, names[i].size))
      return false;
  return true;
}

bool is_system_function(const struct image *image, GElf_Addr address) {
  return (image->static_runtime && archive_function(image, image->archive, address)) ||
         archive_function(image, image->libc_archive, address);
}

void check_hook_definitions(const struct image *image, struct instrumentation *facts) {
  Elf_Scn *scn = NULL;
  while ((scn = elf_nextscn(image->elf, scn)) != NULL) {
    GElf_Shdr shdr;
    Elf_Data *data =
        gelf_getshdr(scn, &shdr) && (shdr.sh_type == SHT_SYMTAB || shdr.sh_type == SHT_DYNSYM) && shdr.sh_entsize
            ? elf_getdata(scn, NULL)
            : NULL;
    for (size_t i = 0; data && i < shdr.sh_size / shdr.sh_entsize; i++) {
      GElf_Sym sym;
      const char *name = gelf_getsym(data, (int)i, &sym) && sym.st_shndx != SHN_UNDEF
                             ? elf_strptr(image->elf, shdr.sh_link, sym.st_name)
                             : NULL;
      /* ld's --wrap=SYMBOL resolves every undefined reference to SYMBOL to __wrap_SYMBOL: a program that defines
       * __wrap___tsan_write4 has taken every call its objects make to that hook. */
      const char *wrapped = name && starts_with(name, "__wrap_") ? name + strlen("__wrap_") : NULL;
      if (wrapped && (is_entry_exit(wrapped) || is_access_hook(wrapped))) {
        char *problem = xprintf("the program defines %s (at 0x%llx): a link with --wrap=%s sends every call its "
                                "objects make to %s there, not to the runtime",
                                name, (unsigned long long)sym.st_value, wrapped, wrapped);
        if (!list_holds(facts->replaced_hooks, problem))
          push_string(&facts->replaced_hooks, problem);
        else
          free(problem);
        continue;
      }
      if (!name || !(is_entry_exit(name) || is_access_hook(name)))
        continue;
      char *problem = NULL;
      size_t count = 0;
      const struct symbol *others = symbols_at(image, sym.st_value, &count);
      const char *other = NULL;
      for (size_t o = 0; o < count && !other; o++) {
        if (strcmp(others[o].name, name) == 0)
          continue;
        /* Identical code folding (lld's --icf=all) gives two of the runtime's functions that compile to the same
         * bytes one address (__tsan_atomic_signal_fence and an empty weak hook): both the archive's, of one size,
         * and, when both are hooks, of one kind (a write hook folded with a read hook would announce a read as a
         * write). */
        bool both_hooks = is_entry_exit(others[o].name) || is_access_hook(others[o].name);
        bool folded = image->static_runtime && image->archive && others[o].size == sym.st_size &&
                      runtime_archive_defines(image->archive, name, sym.st_size) &&
                      (!both_hooks || (is_write_hook(others[o].name) == is_write_hook(name) &&
                                       is_entry_exit(others[o].name) == is_entry_exit(name) &&
                                       runtime_archive_defines(image->archive, others[o].name, others[o].size)));
        if (!folded)
          other = others[o].name;
      }
      if (!image->static_runtime)
        problem = xprintf("the program defines %s itself (at 0x%llx), in place of the runtime library's", name,
                          (unsigned long long)sym.st_value);
      else if (other)
        problem = xprintf("%s and %s are one function (both at 0x%llx)", strcmp(name, other) < 0 ? name : other,
                          strcmp(name, other) < 0 ? other : name, (unsigned long long)sym.st_value);
      else if (image->archive && !runtime_archive_defines(image->archive, name, sym.st_size))
        problem = xprintf("the program's %s (%llu bytes at 0x%llx) is not the runtime's: %s has none of that size",
                          name, (unsigned long long)sym.st_size, (unsigned long long)sym.st_value,
                          runtime_archive_path(image->archive));
      if (problem && !list_holds(facts->replaced_hooks, problem))
        push_string(&facts->replaced_hooks, problem);
      else
        free(problem);
    }
  }
}
