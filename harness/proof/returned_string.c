/* returned_string.c: reads the string constant a function returns (returned_string.h) by walking its code with the
 * value numbering: `lea rax, [rip + text]; ret`, at any optimization level and with a frame (clang and gcc at -O0
 * store and reload it through a frame slot). */
#include "proof/returned_string.h"
#include "base/util.h"
#include "proof/value_numbering.h"

#include <string.h>

/* The function of that name: a symbol with a size, in code. */
static const struct symbol *function_named(const struct image *image, const char *name) {
  const struct symbol *symbol = NULL;
  while ((symbol = symbol_named(image, name, symbol)))
    if (symbol->size && is_code(image, symbol->address))
      return symbol;
  return NULL;
}

char *returned_string(const struct image *image, const char *name, char **why) {
  const struct symbol *function = function_named(image, name);
  if (!function) {
    *why = xprintf("%s has no size in the symbol table", name);
    return NULL;
  }
  size_t length = (size_t)function->size;
  const uint8_t *code = code_at(image, function->address, &length);
  cs_insn *insn = code ? cs_malloc(image->disassembler) : NULL;
  struct value_numbering *values = xcalloc(1, sizeof *values);
  value_numbering_start(values);
  uint64_t at = function->address;
  char *text = NULL;
  *why = NULL;
  while (insn && length > 0 && !text && !*why) {
    if (!cs_disasm_iter(image->disassembler, &code, &length, &at, insn)) {
      *why = xprintf("%s holds an instruction the disassembler does not know at 0x%llx", name, (unsigned long long)at);
      break;
    }
    if (insn->id == X86_INS_RET) {
      uint64_t address = 0;
      const char *found = value_numbering_constant(values, X86_REG_RAX, &address) ? string_at(image, address) : NULL;
      if (found)
        text = xstrdup(found);
      else
        *why = xprintf("%s returns a value the harness cannot trace to a string in read-only data", name);
      break;
    }
    if (cs_insn_group(image->disassembler, insn, CS_GRP_JUMP) ||
        cs_insn_group(image->disassembler, insn, CS_GRP_CALL) || cs_insn_group(image->disassembler, insn, CS_GRP_INT)) {
      *why = xprintf("%s branches or calls (0x%llx: %s %s): only a function that returns one constant is read", name,
                     (unsigned long long)insn->address, insn->mnemonic, insn->op_str);
      break;
    }
    const cs_x86 *x86 = &insn->detail->x86;
    struct operand_facts operands[8] = {{0}};
    for (uint8_t i = 0; i < x86->op_count && i < 8; i++) {
      const cs_x86_op *op = &x86->operands[i];
      if (op->type != X86_OP_MEM)
        continue;
      struct symbolic_value address = value_numbering_address(values, insn, op);
      operands[i].written = (op->access & CS_AC_WRITE) != 0;
      operands[i].frame = op->mem.segment == X86_REG_INVALID && value_numbering_in_frame(values, address);
      operands[i].constant = address.id == VALUE_CONSTANT && address.index == 0 &&
                             is_loaded(image, (GElf_Addr)address.offset) &&
                             !is_writable_data(image, (GElf_Addr)address.offset);
    }
    value_numbering_step(values, image->disassembler, insn, operands, false);
  }
  if (!text && !*why)
    *why = xprintf("%s ends without a return the harness can read", name);
  if (insn)
    cs_free(insn, 1);
  free(values);
  return text;
}
