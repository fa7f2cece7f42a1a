/* value_numbering.h: what the registers of a function hold, as symbolic values, along a straight walk of its code.
 *
 * The proof of instrumentation asks one question of two instructions: does this store write where the write hook
 * before it was told the program writes? Both addresses are sums of registers and constants, so the walk gives
 * every register a symbolic value: `id + index * scale + offset`, where `id` and `index` name values the walk
 * cannot see into (a function's argument, what a load returned, what a call left) and `offset` is a constant.
 * A copy, a `lea`, an added constant or register keeps what is known; anything else gives the register a new id.
 * A constant (an immediate, a RIP-relative address) is the id VALUE_CONSTANT plus its offset, so a global's address
 * is known exactly.
 *
 * The function's frame is memory only the function writes: an 8-byte value stored into a frame slot, or loaded from
 * one, is the same value when it is loaded again and nothing may have written the slot in between (clang and gcc at
 * -O0 keep every pointer in a frame slot and reload it after a call). So is a load from memory no one writes after
 * the loader (a GOT slot: position-independent code loads a global's address from it again for each access). Other
 * memory is never remembered: another thread may write it between two loads.
 *
 * Control flow is not followed: the caller walks the code in address order and resets what it must at branch
 * targets. */
#ifndef TSAN_VERIFY_VALUE_NUMBERING_H
#define TSAN_VERIFY_VALUE_NUMBERING_H

#include <capstone/capstone.h>
#include <stdbool.h>
#include <stdint.h>

enum { VALUE_CONSTANT = 1 }; /* the id of a value that is its offset alone */

struct symbolic_value {
  unsigned id;
  unsigned index; /* 0, or the id scaled by `scale` */
  uint8_t scale;
  int64_t offset;
};

struct frame_slot {
  struct symbolic_value address;
  struct symbolic_value value;
};

struct value_numbering {
  struct symbolic_value registers[X86_REG_ENDING]; /* by full 64-bit register */
  unsigned next_id;
  struct frame_slot slots[64]; /* the frame slots whose 8 bytes are known, oldest first */
  unsigned slot_count;
  unsigned frame_id;  /* the stack pointer's value on entry: an address made of it alone is the function's frame */
  bool frame_escaped; /* a frame address left the function: given to a callee, or stored outside the frame */
};

/* What the caller knows of one memory operand of an instruction: whether the instruction writes it, and whether it
 * lies in the function's own frame (memory no other thread writes), or in memory no one writes. */
struct operand_facts {
  bool written;
  bool frame;
  bool constant; /* memory no one writes once the loader is done (the GOT under RELRO, read-only data) */
};

void value_numbering_start(struct value_numbering *numbering);
/* The value of the address a memory operand names, from the registers before the instruction runs. */
struct symbolic_value value_numbering_address(const struct value_numbering *numbering, const cs_insn *insn,
                                              const cs_x86_op *operand);
/* The effect of an instruction that is not a call: `operands[i]` describes its i-th operand (memory ones only are
 * read); `other_memory_written` says it writes memory no operand names (a string instruction). */
void value_numbering_step(struct value_numbering *numbering, csh disassembler, const cs_insn *insn,
                          const struct operand_facts *operands, bool other_memory_written);
/* What a callee may do to the program's memory. */
enum callee_kind {
  CALLEE_KEEPS_MEMORY,   /* TSan's read, write, entry and exit hooks: they write none of the program's memory */
  CALLEE_RUNTIME_ACCESS, /* TSan's hooks that make their access (memcpy, atomics): through their register arguments */
  CALLEE_ANY,            /* anything else, through its register or stack arguments or what they point at */
};
/* The effect of a call: the System V ABI's caller-saved registers hold new values, the return address and the
 * callee's frame overwrite what lies below the stack pointer, and a callee that writes memory may write any frame
 * slot once the frame's address has escaped (into an argument, or stored outside the frame). */
void value_numbering_call(struct value_numbering *numbering, enum callee_kind callee);
/* Whether two values are the same sum but for their offsets (so the difference of their offsets is the difference
 * of the values). */
bool value_numbering_comparable(struct symbolic_value a, struct symbolic_value b);
/* The constant a register holds (an address, when it is one), or false. */
bool value_numbering_constant(const struct value_numbering *numbering, x86_reg reg, uint64_t *constant);
/* Whether an address is the stack pointer's value on entry plus a constant (and perhaps an index): the frame, as long
 * as the function never moved the stack pointer to memory that is not the stack (then rsp holds another value). */
bool value_numbering_in_frame(const struct value_numbering *numbering, struct symbolic_value address);
/* Gives a 64-bit register a value known to hold there (what the caller knows of every path to this point). */
void value_numbering_set_register(struct value_numbering *numbering, x86_reg reg, struct symbolic_value value);
/* The value a register holds, by any of its names (eax, ax, al are rax). */
struct symbolic_value value_numbering_register(const struct value_numbering *numbering, x86_reg reg);
/* The 64-bit register a register is part of (eax, ax, al and ah of rax, ...), or the register itself. */
x86_reg full_register(x86_reg reg);

#endif
