/* value_numbering.c: the symbolic values of a function's registers and frame slots (value_numbering.h). */
#include "proof/value_numbering.h"

#include <string.h>

static const struct symbolic_value unknown_value = {0, 0, 0, 0};

static struct symbolic_value new_value(struct value_numbering *numbering) {
  return (struct symbolic_value){numbering->next_id++, 0, 0, 0};
}

static struct symbolic_value constant_value(int64_t constant) {
  return (struct symbolic_value){VALUE_CONSTANT, 0, 0, constant};
}

x86_reg full_register(x86_reg reg) {
  static const x86_reg families[][5] = {{X86_REG_RAX, X86_REG_EAX, X86_REG_AX, X86_REG_AL, X86_REG_AH},
                                        {X86_REG_RBX, X86_REG_EBX, X86_REG_BX, X86_REG_BL, X86_REG_BH},
                                        {X86_REG_RCX, X86_REG_ECX, X86_REG_CX, X86_REG_CL, X86_REG_CH},
                                        {X86_REG_RDX, X86_REG_EDX, X86_REG_DX, X86_REG_DL, X86_REG_DH},
                                        {X86_REG_RSI, X86_REG_ESI, X86_REG_SI, X86_REG_SIL, X86_REG_SIL},
                                        {X86_REG_RDI, X86_REG_EDI, X86_REG_DI, X86_REG_DIL, X86_REG_DIL},
                                        {X86_REG_RBP, X86_REG_EBP, X86_REG_BP, X86_REG_BPL, X86_REG_BPL},
                                        {X86_REG_RSP, X86_REG_ESP, X86_REG_SP, X86_REG_SPL, X86_REG_SPL},
                                        {X86_REG_R8, X86_REG_R8D, X86_REG_R8W, X86_REG_R8B, X86_REG_R8B},
                                        {X86_REG_R9, X86_REG_R9D, X86_REG_R9W, X86_REG_R9B, X86_REG_R9B},
                                        {X86_REG_R10, X86_REG_R10D, X86_REG_R10W, X86_REG_R10B, X86_REG_R10B},
                                        {X86_REG_R11, X86_REG_R11D, X86_REG_R11W, X86_REG_R11B, X86_REG_R11B},
                                        {X86_REG_R12, X86_REG_R12D, X86_REG_R12W, X86_REG_R12B, X86_REG_R12B},
                                        {X86_REG_R13, X86_REG_R13D, X86_REG_R13W, X86_REG_R13B, X86_REG_R13B},
                                        {X86_REG_R14, X86_REG_R14D, X86_REG_R14W, X86_REG_R14B, X86_REG_R14B},
                                        {X86_REG_R15, X86_REG_R15D, X86_REG_R15W, X86_REG_R15B, X86_REG_R15B}};
  for (size_t f = 0; f < sizeof families / sizeof *families; f++)
    for (size_t i = 0; i < 5; i++)
      if (families[f][i] == reg)
        return families[f][0];
  return reg;
}

void value_numbering_start(struct value_numbering *numbering) {
  memset(numbering, 0, sizeof *numbering);
  numbering->next_id = VALUE_CONSTANT + 1;
  for (size_t r = 0; r < X86_REG_ENDING; r++)
    numbering->registers[r] = new_value(numbering);
  numbering->frame_id = numbering->registers[X86_REG_RSP].id;
}

bool value_numbering_in_frame(const struct value_numbering *numbering, struct symbolic_value address) {
  return address.id != 0 && address.id == numbering->frame_id;
}

void value_numbering_set_register(struct value_numbering *numbering, x86_reg reg, struct symbolic_value value) {
  if (reg < X86_REG_ENDING)
    numbering->registers[reg] = value;
}

struct symbolic_value value_numbering_register(const struct value_numbering *numbering, x86_reg reg) {
  x86_reg full = full_register(reg);
  if (full == X86_REG_INVALID || full >= X86_REG_ENDING || full == X86_REG_RIP)
    return unknown_value;
  return numbering->registers[full];
}

bool value_numbering_comparable(struct symbolic_value a, struct symbolic_value b) {
  return a.id != 0 && a.id == b.id && a.index == b.index && (a.index == 0 || a.scale == b.scale);
}

bool value_numbering_constant(const struct value_numbering *numbering, x86_reg reg, uint64_t *constant) {
  struct symbolic_value value = value_numbering_register(numbering, reg);
  if (value.id != VALUE_CONSTANT || value.index != 0)
    return false;
  *constant = (uint64_t)value.offset;
  return true;
}

/* A value as a sum of terms `id * coefficient` plus a constant: at most two terms. */
struct terms {
  unsigned id[4];
  int64_t coefficient[4];
  unsigned count;
  int64_t constant;
};

static void add_term(struct terms *terms, unsigned id, int64_t coefficient) {
  for (unsigned t = 0; t < terms->count; t++)
    if (terms->id[t] == id) {
      terms->coefficient[t] += coefficient;
      return;
    }
  terms->id[terms->count] = id;
  terms->coefficient[terms->count++] = coefficient;
}

static void add_terms_of(struct terms *terms, struct symbolic_value value, int64_t factor) {
  if (value.id != VALUE_CONSTANT)
    add_term(terms, value.id, factor);
  if (value.index != 0)
    add_term(terms, value.index, (int64_t)value.scale * factor);
  terms->constant += value.offset * factor;
}

/* The one spelling of a sum: no term is a constant; a single term scaled by 1 is the id; a scaled term is the index
 * (with the constant as id when it is alone); of two unscaled terms the smaller id is the id. Unknown when the sum
 * has more terms than a value holds, or a scale that is not a small positive one. */
static struct symbolic_value from_terms(struct terms *terms) {
  unsigned kept = 0;
  for (unsigned t = 0; t < terms->count; t++)
    if (terms->coefficient[t] != 0) {
      terms->id[kept] = terms->id[t];
      terms->coefficient[kept++] = terms->coefficient[t];
    }
  for (unsigned t = 0; t < kept; t++)
    if (terms->coefficient[t] < 1 || terms->coefficient[t] > UINT8_MAX)
      return unknown_value;
  if (kept == 0)
    return constant_value(terms->constant);
  if (kept == 1)
    return terms->coefficient[0] == 1
               ? (struct symbolic_value){terms->id[0], 0, 0, terms->constant}
               : (struct symbolic_value){VALUE_CONSTANT, terms->id[0], (uint8_t)terms->coefficient[0], terms->constant};
  if (kept > 2)
    return unknown_value;
  unsigned base = terms->coefficient[0] != 1 ? 1 : terms->coefficient[1] != 1 ? 0 : terms->id[0] < terms->id[1] ? 0 : 1;
  if (terms->coefficient[base] != 1)
    return unknown_value;
  return (struct symbolic_value){terms->id[base], terms->id[1 - base], (uint8_t)terms->coefficient[1 - base],
                                 terms->constant};
}

/* a + b * factor, or unknown. */
static struct symbolic_value add_scaled(struct symbolic_value a, struct symbolic_value b, int64_t factor) {
  if (a.id == 0 || b.id == 0)
    return unknown_value;
  struct terms terms = {{0}, {0}, 0, 0};
  add_terms_of(&terms, a, 1);
  add_terms_of(&terms, b, factor);
  return from_terms(&terms);
}

struct symbolic_value value_numbering_address(const struct value_numbering *numbering, const cs_insn *insn,
                                              const cs_x86_op *operand) {
  if (operand->type != X86_OP_MEM || operand->mem.segment != X86_REG_INVALID)
    return unknown_value; /* fs: and gs: address thread-local storage, which no register here describes */
  x86_reg base = full_register(operand->mem.base), index = full_register(operand->mem.index);
  struct symbolic_value address = base == X86_REG_RIP       ? constant_value((int64_t)(insn->address + insn->size))
                                  : base == X86_REG_INVALID ? constant_value(0)
                                                            : value_numbering_register(numbering, base);
  if (address.id == 0)
    return unknown_value;
  address.offset += operand->mem.disp;
  if (index == X86_REG_INVALID)
    return address;
  if (base == X86_REG_RIP)
    return unknown_value;
  return add_scaled(address, value_numbering_register(numbering, index), operand->mem.scale);
}

static void forget_slot(struct value_numbering *numbering, unsigned at) {
  memmove(&numbering->slots[at], &numbering->slots[at + 1],
          (numbering->slot_count - at - 1) * sizeof *numbering->slots);
  numbering->slot_count--;
}

static void remember_slot(struct value_numbering *numbering, struct symbolic_value address,
                          struct symbolic_value value) {
  if (address.id == 0 || value.id == 0)
    return;
  if (numbering->slot_count == sizeof numbering->slots / sizeof *numbering->slots)
    forget_slot(numbering, 0);
  numbering->slots[numbering->slot_count++] = (struct frame_slot){address, value};
}

/* A write of `size` bytes at `address`: a slot it overlaps is forgotten. A write through an address that is not the
 * slot's base plus a constant leaves the slot alone: the caller judges every store outside the frame (in a clang unit
 * it must lie inside what its write hook announced, value_numbering.h), so one that reaches a frame slot by another
 * name is already refused. One whose address is unknown (thread-local storage) may be anywhere. */
static void write_memory(struct value_numbering *numbering, struct symbolic_value address, unsigned size) {
  for (unsigned s = numbering->slot_count; s-- > 0;) {
    const struct frame_slot *slot = &numbering->slots[s];
    if (address.id == 0 ||
        (value_numbering_comparable(slot->address, address) && address.offset < slot->address.offset + 8 &&
         slot->address.offset < address.offset + (int64_t)size))
      forget_slot(numbering, s);
  }
}

static const struct frame_slot *slot_at(const struct value_numbering *numbering, struct symbolic_value address) {
  for (unsigned s = numbering->slot_count; s-- > 0;)
    if (value_numbering_comparable(numbering->slots[s].address, address) &&
        numbering->slots[s].address.offset == address.offset)
      return &numbering->slots[s];
  return NULL;
}

static bool holds_frame_address(const struct value_numbering *numbering, x86_reg reg) {
  return value_numbering_in_frame(numbering, value_numbering_register(numbering, reg));
}

/* The value the destination register holds after `insn`, computed from the registers before it, or a new value. */
static struct symbolic_value computed_value(struct value_numbering *numbering, const cs_insn *insn,
                                            const struct operand_facts *operands) {
  const cs_x86 *x86 = &insn->detail->x86;
  const cs_x86_op *destination = &x86->operands[0], *source = &x86->operands[1];
  struct symbolic_value result = unknown_value;
  bool wide = destination->size == 8, narrow = destination->size == 4; /* a 32-bit write clears the upper half */
  switch (insn->id) {
  case X86_INS_MOV:
  case X86_INS_MOVABS:
    if (source->type == X86_OP_IMM && (wide || narrow))
      result = constant_value(wide ? source->imm : (int64_t)(uint32_t)source->imm);
    else if (source->type == X86_OP_REG && wide)
      result = value_numbering_register(numbering, source->reg);
    else if (source->type == X86_OP_REG && narrow) {
      struct symbolic_value copied = value_numbering_register(numbering, source->reg);
      if (copied.id == VALUE_CONSTANT && copied.index == 0 && copied.offset >= 0 && copied.offset <= UINT32_MAX)
        result = copied;
    } else if (source->type == X86_OP_MEM && wide && (operands[1].frame || operands[1].constant)) {
      struct symbolic_value address = value_numbering_address(numbering, insn, source);
      const struct frame_slot *slot = slot_at(numbering, address);
      if (slot)
        result = slot->value;
      else if (address.id != 0) {
        result = new_value(numbering);
        remember_slot(numbering, address, result); /* a reload of this slot gives what this load gave */
      }
    }
    break;
  case X86_INS_LEA:
    result = value_numbering_address(numbering, insn, source);
    if (narrow &&
        !(result.id == VALUE_CONSTANT && result.index == 0 && result.offset >= 0 && result.offset <= UINT32_MAX))
      result = unknown_value;
    else if (!wide && !narrow)
      result = unknown_value;
    break;
  case X86_INS_ADD:
  case X86_INS_SUB:
    if (!wide)
      break;
    if (source->type == X86_OP_IMM)
      result = add_scaled(value_numbering_register(numbering, destination->reg),
                          constant_value(insn->id == X86_INS_ADD ? source->imm : -source->imm), 1);
    else if (source->type == X86_OP_REG && insn->id == X86_INS_ADD)
      result = add_scaled(value_numbering_register(numbering, destination->reg),
                          value_numbering_register(numbering, source->reg), 1);
    break;
  case X86_INS_INC:
  case X86_INS_DEC:
    if (wide)
      result = add_scaled(value_numbering_register(numbering, destination->reg),
                          constant_value(insn->id == X86_INS_INC ? 1 : -1), 1);
    break;
  case X86_INS_SHL:
    /* shl rax, 2: an index scaled by hand (clang -O0 indexes an array so) */
    if (wide && source->type == X86_OP_IMM && source->imm >= 0 && source->imm < 8)
      result = add_scaled(constant_value(0), value_numbering_register(numbering, destination->reg),
                          (int64_t)1 << source->imm);
    break;
  case X86_INS_XOR:
    if (narrow && source->type == X86_OP_REG && source->reg == destination->reg)
      result = constant_value(0); /* xor eax, eax: how a register is zeroed */
    break;
  default: break;
  }
  return result.id != 0 ? result : new_value(numbering);
}

void value_numbering_step(struct value_numbering *numbering, csh disassembler, const cs_insn *insn,
                          const struct operand_facts *operands, bool other_memory_written) {
  const cs_x86 *x86 = &insn->detail->x86;
  /* What the instruction writes to memory, from the registers before it. */
  struct symbolic_value written_at[8];
  unsigned written_size[8];
  struct symbolic_value stored[8];
  bool slot_store[8], frame_address_stored[8];
  uint8_t writes = 0;
  for (uint8_t i = 0; i < x86->op_count && writes < 8; i++) {
    const cs_x86_op *op = &x86->operands[i];
    if (op->type != X86_OP_MEM || !operands[i].written)
      continue;
    written_at[writes] = value_numbering_address(numbering, insn, op);
    written_size[writes] = op->size ? op->size : 64;
    /* mov [frame slot], r64: the slot holds the register's value */
    slot_store[writes] = operands[i].frame && insn->id == X86_INS_MOV && i == 0 && x86->op_count == 2 &&
                         x86->operands[1].type == X86_OP_REG && op->size == 8;
    stored[writes] = slot_store[writes] ? value_numbering_register(numbering, x86->operands[1].reg) : unknown_value;
    /* a frame address written outside the frame (mov [rbx], rax with rax = rbp - 16) has left the function */
    frame_address_stored[writes] = false;
    for (uint8_t r = 0; r < x86->op_count && !operands[i].frame; r++)
      frame_address_stored[writes] |=
          x86->operands[r].type == X86_OP_REG && holds_frame_address(numbering, x86->operands[r].reg);
    writes++;
  }
  struct symbolic_value stack = numbering->registers[X86_REG_RSP];
  bool push = insn->id == X86_INS_PUSH, pop = insn->id == X86_INS_POP;
  x86_reg destination = X86_REG_INVALID;
  struct symbolic_value value = unknown_value;
  if (!push && !pop && x86->op_count >= 1 && x86->operands[0].type == X86_OP_REG) {
    destination = full_register(x86->operands[0].reg);
    if (destination < X86_REG_ENDING && destination != X86_REG_RIP)
      value = computed_value(numbering, insn, operands);
    else
      destination = X86_REG_INVALID;
  }
  cs_regs read, written;
  uint8_t read_count = 0, written_count = 0;
  if (cs_regs_access(disassembler, insn, read, &read_count, written, &written_count) == CS_ERR_OK) {
    for (uint8_t w = 0; w < written_count; w++) {
      x86_reg reg = full_register((x86_reg)written[w]);
      if (reg < X86_REG_ENDING && reg != X86_REG_RIP)
        numbering->registers[reg] = new_value(numbering);
    }
  } else {
    for (size_t r = 0; r < X86_REG_ENDING; r++)
      numbering->registers[r] = new_value(numbering); /* what it writes is unknown: everything is */
  }
  if (destination != X86_REG_INVALID)
    numbering->registers[destination] = value;
  if ((push || pop) && stack.id != 0) {
    struct symbolic_value moved = stack;
    moved.offset += push ? -8 : 8;
    numbering->registers[X86_REG_RSP] = moved;
    if (push) {
      write_memory(numbering, moved, 8);
      /* a pushed frame address is a callee's stack argument */
      numbering->frame_escaped |= x86->op_count == 1 && x86->operands[0].type == X86_OP_REG &&
                                  holds_frame_address(numbering, x86->operands[0].reg);
    }
  }
  for (uint8_t w = 0; w < writes; w++) {
    write_memory(numbering, written_at[w], written_size[w]);
    numbering->frame_escaped |= frame_address_stored[w];
    if (slot_store[w])
      remember_slot(numbering, written_at[w], stored[w]);
  }
  if (other_memory_written) {
    numbering->slot_count = 0;
    numbering->frame_escaped = true; /* a string move may copy a frame address anywhere */
  }
}

void value_numbering_call(struct value_numbering *numbering, enum callee_kind callee) {
  static const x86_reg arguments[] = {X86_REG_RDI, X86_REG_RSI, X86_REG_RDX, X86_REG_RCX, X86_REG_R8, X86_REG_R9};
  struct symbolic_value stack = numbering->registers[X86_REG_RSP];
  if (callee != CALLEE_KEEPS_MEMORY) {
    for (size_t a = 0; a < sizeof arguments / sizeof *arguments; a++)
      numbering->frame_escaped |= holds_frame_address(numbering, arguments[a]);
    /* The arguments past the sixth are the slots at the stack pointer (the runtime's hooks take none). */
    for (unsigned s = 0; s < numbering->slot_count && callee == CALLEE_ANY; s++)
      numbering->frame_escaped |= value_numbering_in_frame(numbering, numbering->slots[s].value) &&
                                  value_numbering_comparable(numbering->slots[s].address, stack) &&
                                  numbering->slots[s].address.offset >= stack.offset;
  }
  for (unsigned s = numbering->slot_count; s-- > 0;)
    if ((callee != CALLEE_KEEPS_MEMORY && numbering->frame_escaped) ||
        (value_numbering_comparable(numbering->slots[s].address, stack) &&
         numbering->slots[s].address.offset < stack.offset))
      forget_slot(numbering, s);
  static const x86_reg clobbered[] = {X86_REG_RAX, X86_REG_RCX, X86_REG_RDX, X86_REG_RSI, X86_REG_RDI,
                                      X86_REG_R8,  X86_REG_R9,  X86_REG_R10, X86_REG_R11};
  for (size_t c = 0; c < sizeof clobbered / sizeof *clobbered; c++)
    numbering->registers[clobbered[c]] = new_value(numbering);
}
