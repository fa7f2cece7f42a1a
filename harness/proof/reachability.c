/* reachability.c: every code address a file under test reaches, followed to code some unit describes or judged
 * (reachability.h). */
#include "proof/reachability.h"
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

void note_code_in_variables(const struct image *image, const char *file, struct program_scan *scan) {
  struct function_facts holder = {.name = "the program's data", .file = (char *)file};
  size_t file_size = 0;
  const char *raw = elf_rawfile(image->elf, &file_size);
  for (size_t v = 0; v < scan->variables.count; v++) {
    for (GElf_Addr at = (scan->variables.pairs[v][0] + 7) & ~(GElf_Addr)7; at + 8 <= scan->variables.pairs[v][1];
         at += 8) {
      for (size_t i = 0; raw && i < image->load_count; i++) {
        const GElf_Phdr *p = &image->loads[i];
        if (at < p->p_vaddr || at + 8 > p->p_vaddr + p->p_filesz || p->p_offset + (at - p->p_vaddr) + 8 > file_size)
          continue;
        uint64_t word;
        memcpy(&word, raw + p->p_offset + (at - p->p_vaddr), sizeof word);
        if (word && is_code(image, word) && symbol_at(image, word, true))
          note_code_target(&holder, word, scan);
      }
    }
  }
  Elf_Scn *scn = NULL;
  while ((scn = elf_nextscn(image->elf, scn)) != NULL) {
    GElf_Shdr shdr;
    Elf_Data *data =
        gelf_getshdr(scn, &shdr) && shdr.sh_type == SHT_RELA && shdr.sh_entsize ? elf_getdata(scn, NULL) : NULL;
    Elf_Scn *table = data ? elf_getscn(image->elf, shdr.sh_link) : NULL;
    GElf_Shdr table_header;
    Elf_Data *symbols = table && gelf_getshdr(table, &table_header) ? elf_getdata(table, NULL) : NULL;
    for (size_t i = 0; data && i < shdr.sh_size / shdr.sh_entsize; i++) {
      GElf_Rela rela;
      if (!gelf_getrela(data, (int)i, &rela) || !in_ranges(&scan->variables, rela.r_offset))
        continue;
      GElf_Addr value = 0;
      GElf_Sym sym;
      if (GELF_R_TYPE(rela.r_info) == R_X86_64_RELATIVE)
        value = (GElf_Addr)rela.r_addend;
      else if (symbols && GELF_R_SYM(rela.r_info) && gelf_getsym(symbols, (int)GELF_R_SYM(rela.r_info), &sym) &&
               sym.st_shndx != SHN_UNDEF)
        value = sym.st_value + (GElf_Addr)rela.r_addend;
      if (value && is_code(image, value))
        note_code_target(&holder, value, scan);
    }
  }
}
/* The bytes of code at `address` that a function with no DWARF owns: its symbol's size, or up to the next symbol
 * (at most 4 KiB) when its symbol has none or it has no symbol. */
static GElf_Addr undescribed_end(const struct image *image, GElf_Addr address) {
  if (symbol_size_at(image, address))
    return address + symbol_size_at(image, address);
  GElf_Addr end = address + 4096;
  for (size_t i = 0; i < image->symbol_count; i++)
    if (image->symbols[i].address > address && image->symbols[i].address < end)
      end = image->symbols[i].address;
  /* Without a size, the function ends at its first return or unconditional jump that no branch of its own jumps
   * past (a linear sweep): what follows may be another function, or data. */
  size_t length = (size_t)(end - address);
  const uint8_t *code = code_at(image, address, &length);
  if (!code)
    return end;
  cs_insn *insn = cs_malloc(image->disassembler);
  uint64_t at = address;
  GElf_Addr furthest = address;
  while (length > 0 && cs_disasm_iter(image->disassembler, &code, &length, &at, insn)) {
    const cs_x86 *x86 = &insn->detail->x86;
    bool branch = cs_insn_group(image->disassembler, insn, CS_GRP_JUMP);
    if (branch && x86->op_count == 1 && x86->operands[0].type == X86_OP_IMM &&
        (GElf_Addr)x86->operands[0].imm > furthest && (GElf_Addr)x86->operands[0].imm < end)
      furthest = (GElf_Addr)x86->operands[0].imm;
    bool leaves = insn->id == X86_INS_RET || insn->id == X86_INS_UD2 || insn->id == X86_INS_JMP;
    if (leaves && insn->address >= furthest) {
      end = insn->address + insn->size;
      break;
    }
  }
  cs_free(insn, 1);
  return end;
}
void follow_code_targets(const struct image *image, struct instrumentation *facts, struct program_scan *scan) {
  GElf_Addr *visited = NULL;
  size_t visited_count = 0, visited_capacity = 0;
  for (size_t t = 0; t < scan->target_count; t++) {
    struct code_target target = scan->targets[t];
    /* A function of a unit TSan did not instrument, called from a file under test: its accesses are the file's
     * work that TSan cannot see. */
    for (size_t u = 0; u < scan->span_count; u++) {
      const struct unit_span *span = &scan->spans[u];
      struct ranges unit = {scan->described.pairs + span->first, span->end - span->first, 0};
      if (!in_ranges(&unit, target.address) || *facts->uninstrumented_unit_callers[span->unit])
        continue;
      const char *callee = symbol_at(image, target.address, false);
      free(facts->uninstrumented_unit_callers[span->unit]);
      /* "case.c's main reaches its helper", or, from a table of function pointers in the file's data, "the data of
       * case.c reaches its helper". */
      bool from_data = target.caller && strcmp(target.caller, "the program's data") == 0;
      facts->uninstrumented_unit_callers[span->unit] =
          from_data ? xprintf("the data of %s reaches its %s", target.file, callee ? callee : "code")
                    : xprintf("%s's %s reaches its %s", target.file, target.caller ? target.caller : "code",
                              callee ? callee : "code");
    }
    /* Each address is judged once: a case calls __tsan_read4 from many places, and asking the archive about it
     * reads a member of the archive each time. */
    bool seen = false;
    for (size_t v = 0; v < visited_count && !seen; v++)
      seen = visited[v] == target.address;
    if (seen)
      continue;
    GROW(visited, visited_count, visited_capacity);
    visited[visited_count++] = target.address;
    if (in_ranges(&scan->described, target.address) || is_system_function(image, target.address))
      continue;
    /* A PLT stub is a jump through a GOT slot, which the loader fills: a shared library's function, or for an
     * IRELATIVE slot what the program's ifunc resolver (a function of its own, read as such) returns. */
    if (is_plt_stub(image, target.address))
      continue;
    const char *name = symbol_at(image, target.address, true);
    struct ranges ranges = {0};
    GROW(ranges.pairs, ranges.count, ranges.capacity);
    ranges.pairs[0][0] = target.address;
    ranges.pairs[0][1] = undescribed_end(image, target.address);
    ranges.count = 1;
    struct function_facts function = {.name = name ? xstrdup(name)
                                                   : xprintf("code at 0x%llx", (unsigned long long)target.address),
                                      .file = xstrdup(target.file),
                                      .undescribed = true};
    scan_code(image, &ranges, true, false, &function, scan);
    if (!symbol_size_at(image, target.address)) {
      free(function.undecodable); /* its end was guessed: what follows it may be data */
      function.undecodable = NULL;
    }
    free(ranges.pairs);
    GROW(facts->functions, facts->function_count, facts->function_capacity);
    facts->functions[facts->function_count++] = function;
  }
  free(visited);
}
