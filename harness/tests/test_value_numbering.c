/* test_value_numbering.c: the symbolic values the instrumentation proof compares a store with its write hook by. */
#include "proof/value_numbering.h"

#include <criterion/criterion.h>
#include <string.h>

static csh disassembler;
static struct value_numbering values;

static void set_up(void) {
  cr_assert_eq(cs_open(CS_ARCH_X86, CS_MODE_64, &disassembler), CS_ERR_OK);
  cs_option(disassembler, CS_OPT_DETAIL, CS_OPT_ON);
  cs_option(disassembler, CS_OPT_SYNTAX, CS_OPT_SYNTAX_INTEL);
  value_numbering_start(&values);
}

static void tear_down(void) { cs_close(&disassembler); }

TestSuite(value_numbering, .init = set_up, .fini = tear_down);

/* Decodes one instruction; the caller frees it. */
static cs_insn *decode(const uint8_t *code, size_t length) {
  cs_insn *insn = NULL;
  cr_assert_eq(cs_disasm(disassembler, code, length, 0x1000, 1, &insn), 1);
  return insn;
}

/* Runs one instruction that is not a call; `frame` says which of its memory operands lie in the frame. */
static void step(const uint8_t *code, size_t length, bool frame) {
  cs_insn *insn = decode(code, length);
  struct operand_facts operands[8] = {{0}};
  for (uint8_t i = 0; i < insn->detail->x86.op_count; i++) {
    operands[i].written = insn->detail->x86.operands[i].type == X86_OP_MEM && i == 0;
    operands[i].frame = insn->detail->x86.operands[i].type == X86_OP_MEM && frame;
  }
  value_numbering_step(&values, disassembler, insn, operands, false);
  cs_free(insn, 1);
}

/* The address the first memory operand of an instruction names, before it runs. */
static struct symbolic_value address_of(const uint8_t *code, size_t length) {
  cs_insn *insn = decode(code, length);
  struct symbolic_value address = {0};
  for (uint8_t i = 0; i < insn->detail->x86.op_count; i++)
    if (insn->detail->x86.operands[i].type == X86_OP_MEM)
      address = value_numbering_address(&values, insn, &insn->detail->x86.operands[i]);
  cs_free(insn, 1);
  return address;
}

#define STEP(frame, ...)                                                                                               \
  do {                                                                                                                 \
    const uint8_t code_[] = {__VA_ARGS__};                                                                             \
    step(code_, sizeof code_, frame);                                                                                  \
  } while (0)
#define ADDRESS(...) address_of((const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__}))

Test(value_numbering, ties_an_indexed_store_to_its_hook_only_at_the_same_scale) {
  STEP(false, 0x48, 0x8d, 0x3c, 0xab); /* lea rdi, [rbx + rbp*4] */
  struct symbolic_value hook = value_numbering_register(&values, X86_REG_RDI);
  struct symbolic_value same = ADDRESS(0xc7, 0x04, 0xab, 0x01, 0x00, 0x00, 0x00);  /* mov [rbx + rbp*4], 1 */
  struct symbolic_value other = ADDRESS(0xc7, 0x04, 0xeb, 0x01, 0x00, 0x00, 0x00); /* mov [rbx + rbp*8], 1 */
  cr_expect(value_numbering_comparable(hook, same));
  cr_expect_eq(same.offset, hook.offset);
  cr_expect_not(value_numbering_comparable(hook, other));
}

Test(value_numbering, reloads_a_frame_slot_across_a_hook_and_forgets_it_once_the_frame_escaped) {
  STEP(false, 0x48, 0x89, 0xe5);       /* mov rbp, rsp */
  STEP(false, 0x48, 0x83, 0xec, 0x20); /* sub rsp, 32: the slots lie above the stack pointer, where calls keep them */
  struct symbolic_value argument = value_numbering_register(&values, X86_REG_RDI);
  STEP(true, 0x48, 0x89, 0x7d, 0xf8); /* mov [rbp - 8], rdi */
  value_numbering_call(&values, CALLEE_KEEPS_MEMORY);
  cr_expect_not(value_numbering_comparable(value_numbering_register(&values, X86_REG_RDI), argument));
  STEP(true, 0x48, 0x8b, 0x45, 0xf8); /* mov rax, [rbp - 8] */
  cr_expect(value_numbering_comparable(value_numbering_register(&values, X86_REG_RAX), argument));
  /* a callee that writes memory, given no frame address, leaves the slot alone */
  value_numbering_call(&values, CALLEE_RUNTIME_ACCESS);
  STEP(true, 0x48, 0x8b, 0x45, 0xf8);
  cr_expect(value_numbering_comparable(value_numbering_register(&values, X86_REG_RAX), argument));
  STEP(false, 0x48, 0x8d, 0x7d, 0xf0); /* lea rdi, [rbp - 16]: a local's address, given to the next callee */
  cr_expect(value_numbering_in_frame(&values, value_numbering_register(&values, X86_REG_RDI)));
  value_numbering_call(&values, CALLEE_ANY);
  cr_expect(values.frame_escaped);
  STEP(true, 0x48, 0x8b, 0x45, 0xf8);
  cr_expect_not(value_numbering_comparable(value_numbering_register(&values, X86_REG_RAX), argument));
}

Test(value_numbering, follows_an_index_scaled_by_a_shift_onto_a_constant_table) {
  STEP(true, 0x48, 0x63, 0x45, 0xfc);        /* movsxd rax, dword ptr [rbp - 4] */
  STEP(false, 0x48, 0x89, 0xc2);             /* mov rdx, rax */
  STEP(false, 0x48, 0xc1, 0xe0, 0x02);       /* shl rax, 2 */
  STEP(false, 0xbf, 0x40, 0x40, 0x40, 0x00); /* mov edi, 0x404040 */
  STEP(false, 0x48, 0x01, 0xc7);             /* add rdi, rax */
  struct symbolic_value hook = value_numbering_register(&values, X86_REG_RDI);
  struct symbolic_value same = /* mov dword ptr [rdx*4 + 0x404040], 1 */
      ADDRESS(0xc7, 0x04, 0x95, 0x40, 0x40, 0x40, 0x00, 0x01, 0x00, 0x00, 0x00);
  struct symbolic_value other = /* mov dword ptr [rdx*8 + 0x404040], 1 */
      ADDRESS(0xc7, 0x04, 0xd5, 0x40, 0x40, 0x40, 0x00, 0x01, 0x00, 0x00, 0x00);
  cr_expect(value_numbering_comparable(hook, same));
  cr_expect_eq(hook.offset, 0x404040);
  cr_expect_eq(same.offset, 0x404040);
  cr_expect_not(value_numbering_comparable(hook, other));
}

/* Without a frame set up, the slot lies in the red zone below the stack pointer, which a call overwrites. */
Test(value_numbering, forgets_a_slot_below_the_stack_pointer_at_a_call) {
  STEP(false, 0x48, 0x89, 0xe5); /* mov rbp, rsp */
  struct symbolic_value argument = value_numbering_register(&values, X86_REG_RDI);
  STEP(true, 0x48, 0x89, 0x7d, 0xf8); /* mov [rbp - 8], rdi */
  value_numbering_call(&values, CALLEE_KEEPS_MEMORY);
  STEP(true, 0x48, 0x8b, 0x45, 0xf8); /* mov rax, [rbp - 8] */
  cr_expect_not(value_numbering_comparable(value_numbering_register(&values, X86_REG_RAX), argument));
}

Test(value_numbering, counts_a_frame_address_stored_outside_the_frame_as_escaped) {
  STEP(false, 0x48, 0x89, 0xe5);       /* mov rbp, rsp */
  STEP(false, 0x48, 0x8d, 0x7d, 0xf0); /* lea rdi, [rbp - 16] */
  cr_expect_not(values.frame_escaped);
  STEP(false, 0x48, 0x89, 0x3b); /* mov [rbx], rdi */
  cr_expect(values.frame_escaped);
}
