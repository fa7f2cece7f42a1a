#include "elfinfo.h"
#include "util.h"

#include <ctype.h>
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct image {
  unsigned char *bytes;
  size_t size;
};

/* Maps the file (a TSan binary is several MiB, and only its headers and symbol tables are read); -1 when it cannot
 * be read or is no 64-bit ELF file. */
static int load(const char *path, struct image *image) {
  *image = (struct image){0};
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  struct stat info;
  if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_size < (off_t)sizeof(Elf64_Ehdr)) {
    close(fd);
    return -1;
  }
  void *mapped = mmap(NULL, (size_t)info.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (mapped == MAP_FAILED)
    return -1;
  image->bytes = mapped;
  image->size = (size_t)info.st_size;
  if (memcmp(image->bytes, ELFMAG, SELFMAG) != 0 || image->bytes[EI_CLASS] != ELFCLASS64) {
    munmap(mapped, image->size);
    return -1;
  }
  return 0;
}

static void unload(struct image *image) { munmap(image->bytes, image->size); }

static const Elf64_Shdr *section(const struct image *image, size_t index) {
  const Elf64_Ehdr *header = (const Elf64_Ehdr *)image->bytes;
  size_t offset = header->e_shoff + index * sizeof(Elf64_Shdr);
  if (index >= header->e_shnum || offset + sizeof(Elf64_Shdr) > image->size)
    return NULL;
  const Elf64_Shdr *shdr = (const Elf64_Shdr *)(image->bytes + offset);
  if (shdr->sh_type != SHT_NOBITS && (shdr->sh_offset > image->size || shdr->sh_size > image->size - shdr->sh_offset))
    return NULL;
  return shdr;
}

static const char *section_name(const struct image *image, const Elf64_Shdr *shdr) {
  const Elf64_Ehdr *header = (const Elf64_Ehdr *)image->bytes;
  const Elf64_Shdr *names = section(image, header->e_shstrndx);
  if (!names || shdr->sh_name >= names->sh_size)
    return "";
  const char *name = (const char *)image->bytes + names->sh_offset + shdr->sh_name;
  return memchr(name, '\0', names->sh_size - shdr->sh_name) ? name : "";
}

/* Looks `symbol` up in every symbol table; with `strong_definition`, only a defined, non-weak one counts. */
static bool find_symbol(const char *path, const char *symbol, bool strong_definition) {
  struct image image;
  if (load(path, &image) != 0)
    return false;
  const Elf64_Ehdr *header = (const Elf64_Ehdr *)image.bytes;
  bool found = false;
  for (size_t i = 0; !found && i < header->e_shnum; i++) {
    const Elf64_Shdr *table = section(&image, i);
    if (!table || (table->sh_type != SHT_SYMTAB && table->sh_type != SHT_DYNSYM) || table->sh_entsize == 0)
      continue;
    const Elf64_Shdr *strings = section(&image, table->sh_link);
    if (!strings)
      continue;
    size_t count = table->sh_size / sizeof(Elf64_Sym);
    const Elf64_Sym *symbols = (const Elf64_Sym *)(image.bytes + table->sh_offset);
    for (size_t s = 0; s < count; s++) {
      if (symbols[s].st_name >= strings->sh_size)
        continue;
      if (strong_definition && (symbols[s].st_shndx == SHN_UNDEF || ELF64_ST_BIND(symbols[s].st_info) != STB_GLOBAL))
        continue;
      const char *name = (const char *)image.bytes + strings->sh_offset + symbols[s].st_name;
      size_t room = strings->sh_size - symbols[s].st_name;
      if (strnlen(name, room) < room && strcmp(name, symbol) == 0) {
        found = true;
        break;
      }
    }
  }
  unload(&image);
  return found;
}

bool elf_mentions_symbol(const char *path, const char *symbol) { return find_symbol(path, symbol, false); }

bool elf_defines_symbol(const char *path, const char *symbol) { return find_symbol(path, symbol, true); }

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
  struct image image;
  if (load(path, &image) != 0)
    return -1;
  const Elf64_Ehdr *header = (const Elf64_Ehdr *)image.bytes;
  int status = -1;
  for (size_t i = 0; i < header->e_shnum; i++) {
    const Elf64_Shdr *shdr = section(&image, i);
    if (!shdr || strcmp(section_name(&image, shdr), ".comment") != 0)
      continue;
    const char *text = (const char *)image.bytes + shdr->sh_offset, *end = text + shdr->sh_size;
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
  unload(&image);
  return status;
}
