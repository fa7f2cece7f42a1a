/* runtime_archive.c: reads TSan's runtime archives (runtime_archive.h) with libelf: the archive's symbol index
 * (elf_getarsym) leads to the member that defines a name, whose own symbol table gives the function's size. */
#include "proof/runtime_archive.h"
#include "base/util.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <glob.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Where Debian's packages put the runtime: libclang-common-N-dev (clang 13 to 15) and libclang-rt-N-dev (16 and
 * later) under the LLVM folder, in the old per-OS layout or the per-target one; libtsanN beside gcc's own files. */
static const char *const archive_patterns[] = {
    "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.tsan-x86_64.a",
    "/usr/lib/llvm-*/lib/clang/*/lib/x86_64-pc-linux-gnu/libclang_rt.tsan.a",
    "/usr/lib/gcc/x86_64-linux-gnu/*/libtsan.a",
};

struct indexed_name {
  const char *name;
  size_t member; /* the member's offset in the archive, for elf_rand */
  int64_t size;  /* the function's size once its member was read (-1: not defined there), SIZE_UNREAD before */
};

/* The proof asks for the same runtime member many times (every call target of the program that is not its own
 * code): a member is read once, and the sizes of all the names it defines are kept in the index. */
#define SIZE_UNREAD INT64_MIN

struct runtime_archive {
  char *path;
  int fd;
  Elf *archive;
  struct indexed_name *index;
  size_t index_count;
  struct runtime_archive *companion; /* clang's C++ part (operator new and delete), linked in with the runtime for
                                        a C++ program: libclang_rt.tsan_cxx beside libclang_rt.tsan */
};

/* By name, then by the member's place in the archive (the first member that defines a name is the one the
 * linker takes). */
static int by_name(const void *a, const void *b) {
  const struct indexed_name *left = a, *right = b;
  int order = strcmp(left->name, right->name);
  return order ? order : (left->member > right->member) - (left->member < right->member);
}

static int by_name_only(const void *a, const void *b) {
  return strcmp(((const struct indexed_name *)a)->name, ((const struct indexed_name *)b)->name);
}

static void archive_close(struct runtime_archive *archive) {
  if (archive->companion) {
    archive_close(archive->companion);
    free(archive->companion);
  }
  if (archive->archive)
    elf_end(archive->archive);
  if (archive->fd >= 0)
    close(archive->fd);
  free(archive->index);
  free(archive->path);
}

static int archive_open(const char *path, struct runtime_archive *archive) {
  *archive = (struct runtime_archive){.path = xstrdup(path), .fd = -1};
  elf_version(EV_CURRENT);
  archive->fd = open(path, O_RDONLY | O_CLOEXEC);
  if (archive->fd < 0)
    return -1;
  archive->archive = elf_begin(archive->fd, ELF_C_READ_MMAP, NULL);
  size_t count = 0;
  Elf_Arsym *symbols =
      archive->archive && elf_kind(archive->archive) == ELF_K_AR ? elf_getarsym(archive->archive, &count) : NULL;
  if (!symbols)
    return -1;
  archive->index = xcalloc(count + 1, sizeof *archive->index);
  for (size_t i = 0; i < count; i++)
    if (symbols[i].as_name)
      archive->index[archive->index_count++] =
          (struct indexed_name){symbols[i].as_name, symbols[i].as_off, SIZE_UNREAD};
  qsort(archive->index, archive->index_count, sizeof *archive->index, by_name);
  return 0;
}

/* The index entry of `name` in the member at `member`, or NULL (the archive's index may name it in several). */
static struct indexed_name *entry_in_member(struct runtime_archive *archive, const char *name, size_t member) {
  struct indexed_name key = {name, 0, 0};
  struct indexed_name *found = bsearch(&key, archive->index, archive->index_count, sizeof key, by_name_only);
  if (!found)
    return NULL;
  while (found > archive->index && strcmp(found[-1].name, name) == 0)
    found--;
  for (; found < archive->index + archive->index_count && strcmp(found->name, name) == 0; found++)
    if (found->member == member)
      return found;
  return NULL;
}

/* Reads the member at `member` once: the size of every global name it defines goes into the index. */
static void read_member_sizes(struct runtime_archive *archive, size_t member_offset) {
  if (elf_rand(archive->archive, member_offset) != member_offset)
    return;
  Elf *member = elf_begin(archive->fd, ELF_C_READ_MMAP, archive->archive);
  Elf_Scn *scn = NULL;
  while (member && (scn = elf_nextscn(member, scn)) != NULL) {
    GElf_Shdr header;
    Elf_Data *data =
        gelf_getshdr(scn, &header) && header.sh_type == SHT_SYMTAB && header.sh_entsize ? elf_getdata(scn, NULL) : NULL;
    for (size_t i = 0; data && i < header.sh_size / header.sh_entsize; i++) {
      GElf_Sym sym;
      if (!gelf_getsym(data, (int)i, &sym) || sym.st_shndx == SHN_UNDEF || GELF_ST_BIND(sym.st_info) == STB_LOCAL)
        continue;
      const char *text = elf_strptr(member, header.sh_link, sym.st_name);
      struct indexed_name *entry = text ? entry_in_member(archive, text, member_offset) : NULL;
      if (entry && entry->size == SIZE_UNREAD)
        entry->size = (int64_t)sym.st_size;
    }
  }
  if (member)
    elf_end(member);
  /* A name the index gives this member that its symbol table does not define (a broken index) is not there. */
  for (size_t i = 0; i < archive->index_count; i++)
    if (archive->index[i].member == member_offset && archive->index[i].size == SIZE_UNREAD)
      archive->index[i].size = -1;
}

/* The size of the function `name` that the archive's member defines, or -1. */
static int64_t archive_size_of(struct runtime_archive *archive, const char *name) {
  struct indexed_name key = {name, 0, 0};
  struct indexed_name *found =
      archive->index_count ? bsearch(&key, archive->index, archive->index_count, sizeof key, by_name_only) : NULL;
  if (!found)
    return -1;
  /* The first member that defines it, as the linker takes it. */
  while (found > archive->index && strcmp(found[-1].name, name) == 0)
    found--;
  if (found->size == SIZE_UNREAD)
    read_member_sizes(archive, found->member);
  return found->size == SIZE_UNREAD ? -1 : found->size;
}

/* `path` with its first `from` replaced by `to`, or NULL when it holds none. */
static char *replace_text(const char *path, const char *from, const char *to) {
  const char *at = strstr(path, from);
  return at ? xprintf("%.*s%s%s", (int)(at - path), path, to, at + strlen(from)) : NULL;
}

struct runtime_archive *runtime_archive_find(program_symbol_size size_of, void *context, char **error) {
  /* Three functions whose sizes differ between every runtime Debian ships: the program's copy must match all. */
  static const char *const witnesses[] = {"__tsan_init", "__tsan_func_entry", "__tsan_read4"};
  struct strbuf tried = {0};
  for (size_t p = 0; p < sizeof archive_patterns / sizeof *archive_patterns; p++) {
    glob_t found;
    if (glob(archive_patterns[p], 0, NULL, &found) != 0)
      continue;
    for (size_t i = 0; i < found.gl_pathc; i++) {
      struct runtime_archive candidate;
      bool matches = archive_open(found.gl_pathv[i], &candidate) == 0;
      for (size_t w = 0; matches && w < sizeof witnesses / sizeof *witnesses; w++) {
        int64_t own = size_of(witnesses[w], context);
        matches = own >= 0 && archive_size_of(&candidate, witnesses[w]) == own;
      }
      strbuf_printf(&tried, "%s%s", tried.length ? ", " : "", found.gl_pathv[i]);
      if (matches) {
        struct runtime_archive *archive = xcalloc(1, sizeof *archive);
        *archive = candidate;
        char *companion = replace_text(found.gl_pathv[i], "libclang_rt.tsan", "libclang_rt.tsan_cxx");
        struct runtime_archive cxx;
        if (companion && archive_open(companion, &cxx) == 0) {
          archive->companion = xcalloc(1, sizeof *archive->companion);
          *archive->companion = cxx;
        } else if (companion) {
          archive_close(&cxx);
        }
        free(companion);
        globfree(&found);
        strbuf_free(&tried);
        return archive;
      }
      archive_close(&candidate);
    }
    globfree(&found);
  }
  *error = xprintf("the program carries TSan's runtime linked in, and no runtime archive of this machine has its "
                   "__tsan_init, __tsan_func_entry and __tsan_read4 (tried: %s), so the runtime's functions cannot be "
                   "told from the program's",
                   tried.length ? tried.data : "none found");
  strbuf_free(&tried);
  return NULL;
}

struct runtime_archive *runtime_archive_libc_nonshared(void) {
  static const char *const paths[] = {"/usr/lib/x86_64-linux-gnu/libc_nonshared.a", "/usr/lib64/libc_nonshared.a",
                                      "/usr/lib/libc_nonshared.a"};
  for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
    struct runtime_archive candidate;
    if (archive_open(paths[i], &candidate) == 0) {
      struct runtime_archive *archive = xcalloc(1, sizeof *archive);
      *archive = candidate;
      return archive;
    }
    archive_close(&candidate);
  }
  return NULL;
}

bool runtime_archive_defines(struct runtime_archive *archive, const char *name, uint64_t size) {
  int64_t own = archive_size_of(archive, name);
  if (own >= 0 && (uint64_t)own == size)
    return true;
  return archive->companion && runtime_archive_defines(archive->companion, name, size);
}

const char *runtime_archive_path(const struct runtime_archive *archive) { return archive->path; }

void runtime_archive_free(struct runtime_archive *archive) {
  if (!archive)
    return;
  archive_close(archive);
  free(archive);
}
