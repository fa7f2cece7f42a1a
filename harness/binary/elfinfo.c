/* elfinfo.c: an ELF file read with elfutils' libelf, the way the kernel and the dynamic loader read it: program
 * headers first, and the dynamic symbol table through PT_DYNAMIC (DT_SYMTAB, DT_STRTAB, and DT_GNU_HASH or DT_HASH
 * for its length), so that a file without section headers is read as well as one with them. */
#include "binary/elfinfo.h"
#include "base/util.h"

#include <ctype.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct elf_file {
  int fd;
  Elf *elf;
};

static int elf_open(const char *path, struct elf_file *file) {
  elf_version(EV_CURRENT);
  file->fd = open(path, O_RDONLY | O_CLOEXEC);
  file->elf = NULL;
  if (file->fd < 0)
    return -1;
  file->elf = elf_begin(file->fd, ELF_C_READ_MMAP, NULL);
  if (file->elf && elf_kind(file->elf) != ELF_K_ELF) {
    elf_end(file->elf);
    file->elf = NULL;
  }
  return 0;
}

static void elf_close(struct elf_file *file) {
  if (file->elf)
    elf_end(file->elf);
  if (file->fd >= 0)
    close(file->fd);
}

/* The file offset of virtual address `address`, through the PT_LOAD segment that maps it from the file. */
static bool file_offset(Elf *elf, GElf_Addr address, GElf_Off *offset) {
  size_t count;
  if (elf_getphdrnum(elf, &count) != 0)
    return false;
  for (size_t i = 0; i < count; i++) {
    GElf_Phdr header;
    if (gelf_getphdr(elf, (int)i, &header) && header.p_type == PT_LOAD && address >= header.p_vaddr &&
        address - header.p_vaddr < header.p_filesz) {
      *offset = header.p_offset + (address - header.p_vaddr);
      return true;
    }
  }
  return false;
}

/* The dynamic section as the loader finds it: PT_DYNAMIC. */
static Elf_Data *dynamic_entries(Elf *elf, size_t *count) {
  size_t headers;
  if (elf_getphdrnum(elf, &headers) != 0)
    return NULL;
  for (size_t i = 0; i < headers; i++) {
    GElf_Phdr header;
    if (!gelf_getphdr(elf, (int)i, &header) || header.p_type != PT_DYNAMIC)
      continue;
    Elf_Data *data = elf_getdata_rawchunk(elf, (int64_t)header.p_offset, header.p_filesz, ELF_T_DYN);
    size_t entry_size = gelf_fsize(elf, ELF_T_DYN, 1, EV_CURRENT);
    if (!data || !entry_size)
      return NULL;
    *count = header.p_filesz / entry_size;
    return data;
  }
  return NULL;
}

static bool dynamic_value(Elf_Data *dynamic, size_t count, GElf_Sxword tag, GElf_Xword *value) {
  for (size_t i = 0; i < count; i++) {
    GElf_Dyn entry;
    if (!gelf_getdyn(dynamic, (int)i, &entry) || entry.d_tag == DT_NULL)
      break;
    if (entry.d_tag == tag) {
      *value = entry.d_un.d_val;
      return true;
    }
  }
  return false;
}

/* The 32-bit words at virtual address `address`, or NULL. */
static const uint32_t *words_at(Elf *elf, GElf_Addr address, size_t count) {
  GElf_Off offset;
  if (!file_offset(elf, address, &offset))
    return NULL;
  Elf_Data *data = elf_getdata_rawchunk(elf, (int64_t)offset, count * 4, ELF_T_WORD);
  return data ? data->d_buf : NULL;
}

/* How many dynamic symbols there are: DT_HASH says it (nchain); DT_GNU_HASH only through its last chain. */
static size_t dynamic_symbol_count(Elf *elf, Elf_Data *dynamic, size_t entries) {
  GElf_Xword address;
  if (dynamic_value(dynamic, entries, DT_HASH, &address)) {
    const uint32_t *header = words_at(elf, address, 2);
    return header ? header[1] : 0;
  }
  if (!dynamic_value(dynamic, entries, DT_GNU_HASH, &address))
    return 0;
  const uint32_t *header = words_at(elf, address, 4);
  if (!header)
    return 0;
  uint32_t buckets = header[0], first = header[1], bloom_words = header[2];
  size_t bloom = bloom_words * (gelf_getclass(elf) == ELFCLASS64 ? 2 : 1); /* in 32-bit words */
  const uint32_t *bucket = words_at(elf, address + 16 + bloom * 4, buckets);
  if (!bucket)
    return 0;
  uint32_t last = 0;
  for (uint32_t b = 0; b < buckets; b++)
    if (bucket[b] > last)
      last = bucket[b];
  if (last < first)
    return first;
  GElf_Addr chain = address + 16 + (bloom + buckets) * 4;
  for (uint32_t index = last; index - last < (1u << 24); index++) {
    const uint32_t *value = words_at(elf, chain + (GElf_Addr)(index - first) * 4, 1);
    if (!value)
      return 0;
    if (*value & 1)
      return (size_t)index + 1;
  }
  return 0;
}

/* Calls `visit` on each symbol until it returns true; returns whether one did. */
typedef bool (*symbol_visitor)(const char *name, const GElf_Sym *symbol, const void *wanted);

static bool visit_section_symbols(Elf *elf, symbol_visitor visit, const void *wanted) {
  for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn; scn = elf_nextscn(elf, scn)) {
    GElf_Shdr header;
    if (!gelf_getshdr(scn, &header) || (header.sh_type != SHT_SYMTAB && header.sh_type != SHT_DYNSYM) ||
        header.sh_entsize == 0)
      continue;
    Elf_Data *data = elf_getdata(scn, NULL);
    size_t count = header.sh_size / header.sh_entsize;
    for (size_t i = 0; data && i < count; i++) {
      GElf_Sym symbol;
      const char *name = gelf_getsym(data, (int)i, &symbol) ? elf_strptr(elf, header.sh_link, symbol.st_name) : NULL;
      if (name && visit(name, &symbol, wanted))
        return true;
    }
  }
  return false;
}

static bool visit_dynamic_symbols(Elf *elf, symbol_visitor visit, const void *wanted) {
  size_t entries = 0;
  Elf_Data *dynamic = dynamic_entries(elf, &entries);
  GElf_Xword symtab, strtab, strsz;
  GElf_Off symbols_at, strings_at;
  if (!dynamic || !dynamic_value(dynamic, entries, DT_SYMTAB, &symtab) ||
      !dynamic_value(dynamic, entries, DT_STRTAB, &strtab) || !dynamic_value(dynamic, entries, DT_STRSZ, &strsz) ||
      !file_offset(elf, symtab, &symbols_at) || !file_offset(elf, strtab, &strings_at))
    return false;
  size_t count = dynamic_symbol_count(elf, dynamic, entries);
  size_t symbol_size = gelf_fsize(elf, ELF_T_SYM, 1, EV_CURRENT);
  Elf_Data *symbols = count ? elf_getdata_rawchunk(elf, (int64_t)symbols_at, count * symbol_size, ELF_T_SYM) : NULL;
  Elf_Data *strings = elf_getdata_rawchunk(elf, (int64_t)strings_at, strsz, ELF_T_BYTE);
  if (!symbols || !strings)
    return false;
  const char *text = strings->d_buf;
  for (size_t i = 0; i < count; i++) {
    GElf_Sym symbol;
    if (!gelf_getsym(symbols, (int)i, &symbol) || symbol.st_name >= strsz ||
        !memchr(text + symbol.st_name, '\0', strsz - symbol.st_name))
      continue;
    if (visit(text + symbol.st_name, &symbol, wanted))
      return true;
  }
  return false;
}

static bool visit_symbols(const char *path, symbol_visitor visit, const void *wanted) {
  struct elf_file file;
  bool found = false;
  if (elf_open(path, &file) == 0 && file.elf)
    found = visit_dynamic_symbols(file.elf, visit, wanted) || visit_section_symbols(file.elf, visit, wanted);
  elf_close(&file);
  return found;
}

static bool is_named(const char *name, const GElf_Sym *symbol, const void *wanted) {
  (void)symbol;
  return strcmp(name, wanted) == 0;
}

static bool is_strong_definition(const char *name, const GElf_Sym *symbol, const void *wanted) {
  return symbol->st_shndx != SHN_UNDEF && GELF_ST_BIND(symbol->st_info) == STB_GLOBAL && strcmp(name, wanted) == 0;
}

/* The dynamic loader's own interface: glibc's _rtld_global and _dl_* functions, musl's _dl_debug_addr. */
static bool is_loader_symbol(const char *name, const GElf_Sym *symbol, const void *wanted) {
  (void)wanted;
  return symbol->st_shndx != SHN_UNDEF && (strcmp(name, "_rtld_global") == 0 || starts_with(name, "_dl_"));
}

bool elf_mentions_symbol(const char *path, const char *symbol) { return visit_symbols(path, is_named, symbol); }

/* The names still sought, and which of them the file defines strongly. */
struct sought_names {
  const char *const *names;
  size_t count;
  bool *defined;
  size_t *left;
};

static bool mark_strong_definition(const char *name, const GElf_Sym *symbol, const void *wanted) {
  const struct sought_names *sought = wanted;
  for (size_t i = 0; i < sought->count; i++)
    if (!sought->defined[i] && is_strong_definition(name, symbol, sought->names[i])) {
      sought->defined[i] = true;
      --*sought->left;
    }
  return *sought->left == 0;
}

void elf_defines_symbols_in(Elf *elf, const char *const *names, size_t count, bool *defined) {
  size_t left = count;
  for (size_t i = 0; i < count; i++)
    defined[i] = false;
  struct sought_names sought = {names, count, defined, &left};
  if (elf && count && !visit_dynamic_symbols(elf, mark_strong_definition, &sought))
    visit_section_symbols(elf, mark_strong_definition, &sought);
}

void elf_defines_symbols(const char *path, const char *const *names, size_t count, bool *defined) {
  struct elf_file file;
  elf_open(path, &file);
  elf_defines_symbols_in(file.elf, names, count, defined);
  elf_close(&file);
}

bool elf_defines_symbol(const char *path, const char *symbol) {
  bool defined;
  elf_defines_symbols(path, &symbol, 1, &defined);
  return defined;
}

int elf_identify(const char *path, struct elf_identity *identity) {
  *identity = (struct elf_identity){0};
  struct elf_file file;
  if (elf_open(path, &file) != 0)
    return -1;
  GElf_Ehdr header;
  size_t headers;
  if (file.elf && gelf_getehdr(file.elf, &header) && elf_getphdrnum(file.elf, &headers) == 0) {
    identity->elf = true;
    identity->shared = header.e_type == ET_DYN;
    for (size_t i = 0; i < headers; i++) {
      GElf_Phdr program;
      if (!gelf_getphdr(file.elf, (int)i, &program))
        continue;
      identity->interpreter |= program.p_type == PT_INTERP;
      identity->dynamic |= program.p_type == PT_DYNAMIC;
    }
    size_t entries = 0;
    Elf_Data *dynamic = dynamic_entries(file.elf, &entries);
    GElf_Xword flags = 0;
    identity->pie = dynamic && dynamic_value(dynamic, entries, DT_FLAGS_1, &flags) && (flags & DF_1_PIE);
    identity->loader_symbols = visit_dynamic_symbols(file.elf, is_loader_symbol, NULL);
    identity->loader = identity->shared && !identity->interpreter && (!identity->pie || identity->loader_symbols);
    identity->type = header.e_type;
    identity->program =
        header.e_type == ET_EXEC || (header.e_type == ET_DYN && (identity->interpreter || identity->pie));
  }
  elf_close(&file);
  return 0;
}

static int version_after(const char *text, const char *end, const char *marker) {
  size_t n = strlen(marker);
  for (const char *p = text; p + n < end; p++)
    if (memcmp(p, marker, n) == 0) {
      p += n;
      while (p < end && !isdigit((unsigned char)*p) && *p != '\0' && *p != ')')
        p++;
      if (p < end && isdigit((unsigned char)*p))
        return atoi(p);
    }
  return 0;
}

int elf_toolchain(const char *path, struct toolchain *toolchain) {
  *toolchain = (struct toolchain){{0}, 0, OPT_UNKNOWN};
  struct elf_file file;
  if (elf_open(path, &file) != 0 || !file.elf) {
    elf_close(&file);
    return -1;
  }
  int status = -1;
  size_t names;
  for (Elf_Scn *scn = elf_nextscn(file.elf, NULL); scn && elf_getshdrstrndx(file.elf, &names) == 0;
       scn = elf_nextscn(file.elf, scn)) {
    GElf_Shdr header;
    const char *name = gelf_getshdr(scn, &header) ? elf_strptr(file.elf, names, header.sh_name) : NULL;
    Elf_Data *data = name && strcmp(name, ".comment") == 0 ? elf_getdata(scn, NULL) : NULL;
    if (!data || !data->d_buf)
      continue;
    const char *text = data->d_buf, *end = text + data->d_size;
    int clang = version_after(text, end, "clang version ");
    const char *gcc_mark = NULL;
    for (const char *p = text; p + 5 < end; p++)
      if (memcmp(p, "GCC: ", 5) == 0)
        gcc_mark = p;
    if (clang) {
      strcpy(toolchain->family, "clang");
      toolchain->major = clang;
      status = 0;
    } else if (gcc_mark) {
      /* "GCC: (Debian 12.2.0-14) 12.2.0": the version follows the closing parenthesis. */
      const char *close = memchr(gcc_mark, ')', (size_t)(end - gcc_mark));
      const char *version = close ? close + 1 : gcc_mark + 5;
      while (version < end && *version == ' ')
        version++;
      strcpy(toolchain->family, "gcc");
      toolchain->major = version < end ? atoi(version) : 0;
      status = 0;
    }
  }
  elf_close(&file);
  return status;
}

/* The gABI's value (2022); glibc 2.36's <elf.h> predates it. */
#ifndef ELFCOMPRESS_ZSTD
#define ELFCOMPRESS_ZSTD 2
#endif

int elf_debug_sections_readable(const char *path, char **error) {
  struct elf_file file;
  if (elf_open(path, &file) != 0 || !file.elf) {
    elf_close(&file);
    return 0;
  }
  int status = 0;
  size_t names;
  for (Elf_Scn *scn = elf_nextscn(file.elf, NULL); scn && status == 0 && elf_getshdrstrndx(file.elf, &names) == 0;
       scn = elf_nextscn(file.elf, scn)) {
    GElf_Shdr header;
    const char *name = gelf_getshdr(scn, &header) ? elf_strptr(file.elf, names, header.sh_name) : NULL;
    if (!name)
      continue;
    bool gnu = starts_with(name, ".zdebug_");
    if (!gnu && !(starts_with(name, ".debug_") && (header.sh_flags & SHF_COMPRESSED)))
      continue;
    GElf_Chdr compression;
    int type = !gnu && gelf_getchdr(scn, &compression) ? (int)compression.ch_type : 0;
    if ((gnu ? elf_compress_gnu(scn, 0, 0) : elf_compress(scn, 0, 0)) < 0) {
      *error = xprintf("%s: its debug section %s is compressed%s, and this build of libelf cannot decompress it (%s), "
                       "so its DWARF cannot be read: build it with -gz=zlib or -gz=none",
                       path, name, type == ELFCOMPRESS_ZSTD ? " with zstd" : "", elf_errmsg(-1));
      status = -1;
    }
  }
  elf_close(&file);
  return status;
}
