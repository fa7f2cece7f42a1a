/* code_image.c: a binary as the proof reads it: its symbols, GOT slots, segments, code and read-only strings
 * (code_image.h). */
#include "proof/code_image.h"
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

static int by_address(const void *a, const void *b) {
  const struct symbol *x = a, *y = b;
  return x->address < y->address ? -1 : x->address > y->address;
}

static int slot_by_address(const void *a, const void *b) {
  const struct slot *x = a, *y = b;
  return x->address < y->address ? -1 : x->address > y->address;
}

/* Every defined function and object of .symtab and .dynsym, and every GOT slot a relocation names. */
static void read_symbols(struct image *image) {
  Elf_Scn *scn = NULL;
  while ((scn = elf_nextscn(image->elf, scn)) != NULL) {
    GElf_Shdr shdr;
    if (!gelf_getshdr(scn, &shdr))
      continue;
    if (shdr.sh_type == SHT_PROGBITS && (shdr.sh_flags & SHF_ALLOC) && (shdr.sh_flags & SHF_EXECINSTR)) {
      GROW(image->code_sections, image->code_section_count, image->code_section_capacity);
      image->code_sections[image->code_section_count][0] = shdr.sh_addr;
      image->code_sections[image->code_section_count++][1] = shdr.sh_addr + shdr.sh_size;
    }
    Elf_Data *data = elf_getdata(scn, NULL);
    if (data && data->d_buf && shdr.sh_type == SHT_PROGBITS && (shdr.sh_flags & SHF_ALLOC) &&
        !(shdr.sh_flags & (SHF_WRITE | SHF_EXECINSTR))) {
      GROW(image->read_only, image->read_only_count, image->read_only_capacity);
      image->read_only[image->read_only_count++] =
          (struct read_only_data){shdr.sh_addr, data->d_size, (const char *)data->d_buf};
    }
    if (!data || shdr.sh_entsize == 0)
      continue;
    size_t count = shdr.sh_size / shdr.sh_entsize;
    if (shdr.sh_type == SHT_SYMTAB || shdr.sh_type == SHT_DYNSYM) {
      for (size_t i = 0; i < count; i++) {
        GElf_Sym sym;
        if (!gelf_getsym(data, (int)i, &sym) || sym.st_shndx == SHN_UNDEF || sym.st_value == 0)
          continue;
        int type = GELF_ST_TYPE(sym.st_info);
        if (type != STT_FUNC && type != STT_OBJECT && type != STT_GNU_IFUNC)
          continue;
        const char *name = elf_strptr(image->elf, shdr.sh_link, sym.st_name);
        if (!name || !*name)
          continue;
        GROW(image->symbols, image->symbol_count, image->symbol_capacity);
        image->symbols[image->symbol_count++] = (struct symbol){sym.st_value, sym.st_size, name};
      }
    } else if (shdr.sh_type == SHT_RELA) {
      Elf_Scn *table = elf_getscn(image->elf, shdr.sh_link);
      GElf_Shdr table_header;
      if (!table || !gelf_getshdr(table, &table_header))
        continue;
      Elf_Data *symbols = elf_getdata(table, NULL);
      for (size_t i = 0; symbols && i < count; i++) {
        GElf_Rela rela;
        GElf_Sym sym;
        if (!gelf_getrela(data, (int)i, &rela) || GELF_R_SYM(rela.r_info) == 0 ||
            !gelf_getsym(symbols, (int)GELF_R_SYM(rela.r_info), &sym))
          continue;
        const char *name = elf_strptr(image->elf, table_header.sh_link, sym.st_name);
        if (!name || !*name)
          continue;
        GROW(image->slots, image->slot_count, image->slot_capacity);
        image->slots[image->slot_count++] = (struct slot){rela.r_offset, name};
      }
    }
  }
  if (image->symbol_count)
    qsort(image->symbols, image->symbol_count, sizeof *image->symbols, by_address);
  if (image->slot_count)
    qsort(image->slots, image->slot_count, sizeof *image->slots, slot_by_address);
}

const char *symbol_at(const struct image *image, GElf_Addr address, bool exact) {
  size_t low = 0, high = image->symbol_count;
  while (low < high) {
    size_t mid = (low + high) / 2;
    if (image->symbols[mid].address <= address)
      low = mid + 1;
    else
      high = mid;
  }
  /* low is the first symbol above `address`; look back over the symbols that start at or before it. */
  for (size_t i = low; i-- > 0;) {
    const struct symbol *s = &image->symbols[i];
    if (s->address == address)
      return s->name;
    if (exact)
      return NULL;
    if (address < s->address + s->size)
      return s->name;
    if (image->symbols[i].address + 4096 < address)
      break;
  }
  return NULL;
}

const char *slot_at(const struct image *image, GElf_Addr address) {
  struct slot key = {address, NULL};
  const struct slot *found =
      image->slot_count ? bsearch(&key, image->slots, image->slot_count, sizeof key, slot_by_address) : NULL;
  return found ? found->name : NULL;
}

static void read_segments(struct image *image) {
  size_t count = 0;
  if (elf_getphdrnum(image->elf, &count) != 0)
    return;
  image->loads = xcalloc(count + 1, sizeof *image->loads);
  for (size_t i = 0; i < count; i++) {
    GElf_Phdr phdr;
    if (!gelf_getphdr(image->elf, (int)i, &phdr))
      continue;
    if (phdr.p_type == PT_LOAD)
      image->loads[image->load_count++] = phdr;
    else if (phdr.p_type == PT_GNU_RELRO) {
      image->relro_start = phdr.p_vaddr;
      image->relro_end = phdr.p_vaddr + phdr.p_memsz;
    }
  }
}

bool is_loaded(const struct image *image, GElf_Addr address) {
  for (size_t i = 0; i < image->load_count; i++)
    if (address >= image->loads[i].p_vaddr && address < image->loads[i].p_vaddr + image->loads[i].p_memsz)
      return true;
  return false;
}

const uint8_t *code_at(const struct image *image, GElf_Addr address, size_t *length) {
  size_t file_size = 0;
  const char *raw = elf_rawfile(image->elf, &file_size);
  for (size_t i = 0; raw && i < image->load_count; i++) {
    const GElf_Phdr *p = &image->loads[i];
    if (!(p->p_flags & PF_X) || address < p->p_vaddr || address >= p->p_vaddr + p->p_filesz)
      continue;
    GElf_Off offset = p->p_offset + (address - p->p_vaddr);
    if (offset >= file_size)
      return NULL;
    size_t room = p->p_vaddr + p->p_filesz - address;
    if (room > file_size - offset)
      room = file_size - offset;
    if (*length > room)
      *length = room;
    return (const uint8_t *)raw + offset;
  }
  return NULL;
}

bool is_code(const struct image *image, GElf_Addr address) {
  for (size_t i = 0; i < image->code_section_count; i++)
    if (address >= image->code_sections[i][0] && address < image->code_sections[i][1])
      return true;
  return false;
}

bool is_writable_data(const struct image *image, GElf_Addr address) {
  if (address >= image->relro_start && address < image->relro_end)
    return false;
  for (size_t i = 0; i < image->load_count; i++) {
    const GElf_Phdr *p = &image->loads[i];
    if ((p->p_flags & PF_W) && address >= p->p_vaddr && address < p->p_vaddr + p->p_memsz)
      return true;
  }
  return false;
}

/* The slot a PLT stub at `address` jumps through (`jmp [rip + slot]`, after an endbr64), or 0 when the code there
 * is not such a stub. */
static GElf_Addr stub_slot(const struct image *image, GElf_Addr address) {
  size_t length = 32;
  const uint8_t *code = code_at(image, address, &length);
  cs_insn *insn = NULL;
  size_t count = code ? cs_disasm(image->disassembler, code, length, address, 2, &insn) : 0;
  GElf_Addr slot = 0;
  for (size_t i = 0; i < count; i++) {
    if (insn[i].id == X86_INS_ENDBR64)
      continue;
    const cs_x86 *x86 = &insn[i].detail->x86;
    if (insn[i].id == X86_INS_JMP && x86->op_count == 1 && x86->operands[0].type == X86_OP_MEM &&
        x86->operands[0].mem.base == X86_REG_RIP && x86->operands[0].mem.index == X86_REG_INVALID)
      slot = insn[i].address + insn[i].size + (GElf_Addr)x86->operands[0].mem.disp;
    break;
  }
  if (count)
    cs_free(insn, count);
  return slot;
}

bool is_plt_stub(const struct image *image, GElf_Addr address) {
  GElf_Addr slot = stub_slot(image, address);
  return slot && !is_code(image, slot);
}

const char *callee_at(const struct image *image, GElf_Addr target) {
  GElf_Addr slot = stub_slot(image, target);
  const char *name = slot ? slot_at(image, slot) : NULL;
  return name ? name : symbol_at(image, target, true);
}

bool in_ranges(const struct ranges *ranges, GElf_Addr address) {
  for (size_t i = 0; i < ranges->count; i++)
    if (address >= ranges->pairs[i][0] && address < ranges->pairs[i][1])
      return true;
  return false;
}
const char *string_at(const struct image *image, GElf_Addr address) {
  for (size_t i = 0; i < image->read_only_count; i++) {
    const struct read_only_data *data = &image->read_only[i];
    if (address < data->address || address >= data->address + data->size)
      continue;
    const char *text = data->bytes + (address - data->address);
    return memchr(text, '\0', data->size - (address - data->address)) ? text : NULL;
  }
  return NULL;
}
const struct symbol *symbols_at(const struct image *image, GElf_Addr address, size_t *count) {
  size_t low = 0, high = image->symbol_count;
  while (low < high) {
    size_t mid = (low + high) / 2;
    if (image->symbols[mid].address < address)
      low = mid + 1;
    else
      high = mid;
  }
  *count = 0;
  while (low + *count < image->symbol_count && image->symbols[low + *count].address == address)
    ++*count;
  return *count ? &image->symbols[low] : NULL;
}
const struct symbol *symbol_named(const struct image *image, const char *name, const struct symbol *after) {
  for (size_t i = after ? (size_t)(after - image->symbols) + 1 : 0; i < image->symbol_count; i++)
    if (strcmp(image->symbols[i].name, name) == 0)
      return &image->symbols[i];
  return NULL;
}

GElf_Xword symbol_size_at(const struct image *image, GElf_Addr address) {
  size_t count = 0;
  const struct symbol *names = symbols_at(image, address, &count);
  for (size_t i = 0; i < count; i++)
    if (names[i].size)
      return names[i].size;
  return 0;
}
void close_image(struct image *image) {
  if (image->disassembler)
    cs_close(&image->disassembler);
  if (image->dwarf)
    dwarf_end(image->dwarf);
  if (image->elf)
    elf_end(image->elf);
  if (image->fd >= 0)
    close(image->fd);
  free(image->symbols);
  free(image->slots);
  free(image->loads);
  free(image->read_only);
  free(image->code_sections);
  runtime_archive_free(image->archive);
  runtime_archive_free(image->libc_archive);
}
int open_image(const char *binary, struct image *image, char **error) {
  *image = (struct image){.fd = -1};
  elf_version(EV_CURRENT);
  image->fd = open(binary, O_RDONLY | O_CLOEXEC);
  if (image->fd < 0) {
    *error = xprintf("cannot open %s: %s", binary, strerror(errno));
    return -1;
  }
  image->elf = elf_begin(image->fd, ELF_C_READ_MMAP, NULL);
  GElf_Ehdr header;
  if (!image->elf || elf_kind(image->elf) != ELF_K_ELF || !gelf_getehdr(image->elf, &header)) {
    *error = xprintf("%s is no ELF file", binary);
    return -1;
  }
  if (header.e_machine != EM_X86_64) {
    *error = xprintf("%s is no x86-64 program, and the harness reads instrumentation from x86-64 code only", binary);
    return -1;
  }
  image->dwarf = dwarf_begin_elf(image->elf, DWARF_C_READ, NULL);
  if (!image->dwarf) {
    *error = xprintf("%s holds no DWARF debug information (built without -g, or stripped)", binary);
    return -1;
  }
  if (cs_open(CS_ARCH_X86, CS_MODE_64, &image->disassembler) != CS_ERR_OK) {
    image->disassembler = 0;
    *error = xprintf("the disassembler (Capstone) cannot start");
    return -1;
  }
  cs_option(image->disassembler, CS_OPT_DETAIL, CS_OPT_ON);
  read_segments(image);
  read_symbols(image);
  return 0;
}
