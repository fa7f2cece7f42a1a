/* function_scan.c: the scan of one function's code: its calls, hooks, stores and loads, judged against its hooks
 * (function_scan.h). */
#include "proof/function_scan.h"
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

/* What the scan knows of the registers as it walks a function's code in address order: which hold an address TSan
 * does not watch (lea reg, [rip + .rodata]: constant data; lea reg, [rsp + 8]: the frame), and whether rbp holds the
 * frame (mov rbp, rsp). Control flow is not followed: a later write to a register forgets what it held. */
struct register_state {
  bool unwatched_address[X86_REG_ENDING];
  bool frame_pointer;
  bool stack_foreign; /* rsp was set to an address that is not the frame (mov rsp, rdi): stores through it, push
                         among them, are stores like any other until rsp is the frame again */
};

static void forget_written_registers(const struct image *image, const cs_insn *insn, struct register_state *state) {
  cs_regs read, written;
  uint8_t read_count = 0, written_count = 0;
  if (cs_regs_access(image->disassembler, insn, read, &read_count, written, &written_count) != CS_ERR_OK)
    return;
  for (uint8_t i = 0; i < written_count; i++) {
    x86_reg reg = full_register((x86_reg)written[i]);
    if (reg < X86_REG_ENDING)
      state->unwatched_address[reg] = false;
    if (reg == X86_REG_RBP)
      state->frame_pointer = false;
  }
}

/* Whether operand `index` is the destination of a move-like instruction (Intel order: the destination first), which
 * it only writes. */
static bool is_move_destination(const cs_insn *insn, uint8_t index) {
  static const char *const moves[] = {"mov",      "vmov",      "pextr",     "vpextr",   "extractps",  "vextract",
                                      "vmaskmov", "vpmaskmov", "vpscatter", "vscatter", "vpcompress", "vcompress"};
  for (size_t m = 0; index == 0 && insn->detail->x86.op_count >= 2 && m < sizeof moves / sizeof *moves; m++)
    if (starts_with(insn->mnemonic, moves[m]))
      return true;
  return false;
}

/* Whether operand `index` is the memory an x87 or state store writes (fstp, fistp, fisttp, fnstcw, stmxcsr, fxsave:
 * its only operand), which Capstone 4 marks read-only for most of them. */
static bool is_state_store(const cs_insn *insn, uint8_t index) {
  static const char *const stores[] = {"fst",   "fist",    "fnst",     "fbstp", "fsave", "fnsave", "fxsave",
                                       "xsave", "stmxcsr", "vstmxcsr", "sgdt",  "sidt",  "sldt",   "smsw"};
  for (size_t s = 0; index == 0 && insn->detail->x86.op_count == 1 && s < sizeof stores / sizeof *stores; s++)
    if (starts_with(insn->mnemonic, stores[s]))
      return true;
  return false;
}

/* Whether operand `index` of `insn`, a memory operand, is written. Capstone 4 marks the destination of the SSE and
 * AVX moves (movups [mem], xmm0: how a memset is expanded inline) read-only, so the destination of a move-like
 * instruction counts as written whatever its access flags say. */
static bool writes_operand(const cs_insn *insn, uint8_t index) {
  const cs_x86 *x86 = &insn->detail->x86;
  /* Comparisons and tests only read, whatever Capstone 4's access flags say (it marks test's memory operand
   * written); so do the loads that push a memory operand or compare it as floating point. */
  static const unsigned readers[] = {X86_INS_TEST,    X86_INS_CMP,    X86_INS_BT,     X86_INS_PUSH,  X86_INS_UCOMISS,
                                     X86_INS_UCOMISD, X86_INS_COMISS, X86_INS_COMISD, X86_INS_PTEST, X86_INS_VPTEST};
  for (size_t r = 0; r < sizeof readers / sizeof *readers; r++)
    if (insn->id == readers[r])
      return false;
  if (x86->operands[index].access & CS_AC_WRITE)
    return true;
  return is_move_destination(insn, index) || is_state_store(insn, index);
}

/* The first access of `insn` to memory that is neither the function's own stack frame nor constant data, described
 * (a store or load, through which register), or NULL. This is what TSan's passes instrument: LLVM's
 * ThreadSanitizer.cpp (chooseInstructionsToInstrument) skips only loads of constant globals (addrPointsToConstantData)
 * and allocas that do not escape; gcc's tsan.cc (instrument_expr) only read-only declarations and locals that are
 * not addressable. Both work before code generation, so the stack protector's canary (fs:) and spills are theirs. */
static char *memory_access(const struct image *image, const cs_insn *insn, const struct operand_facts *operands,
                           bool stores_only) {
  const cs_x86 *x86 = &insn->detail->x86;
  for (uint8_t i = 0; i < x86->op_count; i++) {
    const cs_x86_op *op = &x86->operands[i];
    bool written = writes_operand(insn, i);
    if (op->type != X86_OP_MEM || op->mem.segment != X86_REG_INVALID || (stores_only && !written))
      continue;
    x86_reg base = full_register(op->mem.base), index = full_register(op->mem.index);
    if (base == X86_REG_RIP || base == X86_REG_INVALID) {
      /* RIP-relative, or absolute (a program linked without PIE), perhaps indexed: a table at a fixed address. */
      GElf_Addr target =
          base == X86_REG_RIP ? insn->address + insn->size + (GElf_Addr)op->mem.disp : (GElf_Addr)op->mem.disp;
      if (!is_writable_data(image, target) && (base == X86_REG_RIP || is_loaded(image, target)))
        continue; /* constant data, or the GOT the loader filled */
    } else if (operands[i].frame) {
      continue; /* the function's own frame, or constant data */
    }
    const char *through = base != X86_REG_INVALID    ? cs_reg_name(image->disassembler, base)
                          : index != X86_REG_INVALID ? cs_reg_name(image->disassembler, index)
                                                     : "an absolute address";
    return xprintf("a %s through %s at 0x%llx (%s %s)", written ? "store" : "load", through,
                   (unsigned long long)insn->address, insn->mnemonic, insn->op_str);
  }
  return NULL;
}

/* What one instruction teaches the register state: lea of constant data or of the frame, and the frame pointer's
 * set-up. */
static void learn_registers(const struct image *image, const cs_insn *insn, struct register_state *state) {
  const cs_x86 *x86 = &insn->detail->x86;
  /* Pointer arithmetic on a frame address (add rax, 4; inc rax) and a copy of one (mov rbx, rax) stay in the frame:
   * a loop that walks a local array is no access TSan owes a hook. */
  x86_reg kept = X86_REG_INVALID;
  if (x86->op_count >= 1 && x86->operands[0].type == X86_OP_REG) {
    x86_reg written = full_register(x86->operands[0].reg);
    /* and rax, -16: the alignment of a variable-length array carved out of the frame. */
    bool arithmetic = (insn->id == X86_INS_ADD || insn->id == X86_INS_SUB || insn->id == X86_INS_AND) &&
                      x86->op_count == 2 &&
                      (x86->operands[1].type == X86_OP_IMM || x86->operands[1].type == X86_OP_REG);
    bool step = (insn->id == X86_INS_INC || insn->id == X86_INS_DEC) && x86->op_count == 1;
    /* A copy of a frame address, the stack pointer itself among them (mov rax, rsp: a variable-length array's
     * base, or the outgoing arguments an x87 store writes at -O0). */
    x86_reg copied = x86->op_count == 2 && x86->operands[1].type == X86_OP_REG ? full_register(x86->operands[1].reg)
                                                                               : X86_REG_INVALID;
    bool copy = insn->id == X86_INS_MOV && copied != X86_REG_INVALID && copied < X86_REG_ENDING &&
                (state->unwatched_address[copied] || (copied == X86_REG_RSP && !state->stack_foreign) ||
                 (copied == X86_REG_RBP && state->frame_pointer));
    /* The stack pointer itself set: to a frame address (mov rsp, rbp; a variable-length array's base) it stays
     * the frame, to anything else it is not (adding or aligning it leaves it as it was). */
    if (written == X86_REG_RSP && (insn->id == X86_INS_MOV || insn->id == X86_INS_LEA || insn->id == X86_INS_XCHG ||
                                   insn->id == X86_INS_CMOVE || insn->id == X86_INS_POP)) {
      const cs_x86_op *source = x86->op_count == 2 ? &x86->operands[1] : NULL;
      x86_reg from = !source                                                 ? X86_REG_INVALID
                     : source->type == X86_OP_REG                            ? full_register(source->reg)
                     : source->type == X86_OP_MEM && insn->id == X86_INS_LEA ? full_register(source->mem.base)
                                                                             : X86_REG_INVALID;
      bool to_frame = insn->id != X86_INS_XCHG && from != X86_REG_INVALID && from < X86_REG_ENDING &&
                      (state->unwatched_address[from] || (from == X86_REG_RBP && state->frame_pointer) ||
                       (from == X86_REG_RSP && !state->stack_foreign));
      state->stack_foreign = !to_frame;
    }
    if (written < X86_REG_ENDING && ((state->unwatched_address[written] && (arithmetic || step)) || copy))
      kept = written;
  }
  forget_written_registers(image, insn, state);
  if (kept != X86_REG_INVALID)
    state->unwatched_address[kept] = true;
  if (x86->op_count != 2 || x86->operands[0].type != X86_OP_REG)
    return;
  x86_reg destination = full_register(x86->operands[0].reg);
  const cs_x86_op *source = &x86->operands[1];
  x86_reg base = full_register(source->mem.base);
  bool frame = (base == X86_REG_RSP && !state->stack_foreign) || (base == X86_REG_RBP && state->frame_pointer);
  if (insn->id == X86_INS_LEA && source->mem.index == X86_REG_INVALID && destination < X86_REG_ENDING &&
      (frame ||
       (base == X86_REG_RIP && !is_writable_data(image, insn->address + insn->size + (GElf_Addr)source->mem.disp))))
    state->unwatched_address[destination] = true;
  if (insn->id == X86_INS_MOV && destination == X86_REG_RBP && source->type == X86_OP_REG && source->reg == X86_REG_RSP)
    state->frame_pointer = true;
}

static bool touches_no_memory(unsigned id) {
  return id == X86_INS_LEA || id == X86_INS_NOP || id == X86_INS_PREFETCH || id == X86_INS_PREFETCHW ||
         id == X86_INS_PREFETCHNTA || id == X86_INS_PREFETCHT0 || id == X86_INS_PREFETCHT1 ||
         id == X86_INS_PREFETCHT2 || id == X86_INS_CLFLUSH;
}

/* An atomic read-modify-write or exchange: what the hardware needs for an atomic operation other than a plain load
 * or store. TSan's passes replace every atomic operation, fences included, with a call into the runtime (LLVM
 * ThreadSanitizer.cpp, instrumentAtomic: loads, stores, atomicrmw, cmpxchg and fence become __tsan_atomic* calls;
 * gcc tsan.cc, instrument_builtin_call: the __atomic and __sync builtins become __tsan_atomic* calls), so one left
 * in instrumented code was never seen by the pass. An atomic plain load or store compiles to a plain mov and is
 * judged as a store below. */
static bool is_atomic_instruction(const cs_insn *insn) {
  const cs_x86 *x86 = &insn->detail->x86;
  bool has_memory = false;
  for (uint8_t i = 0; i < x86->op_count; i++)
    has_memory |= x86->operands[i].type == X86_OP_MEM;
  if (!has_memory)
    return false; /* xchg of two registers (the 2-byte nop among them) */
  return x86->prefix[0] == X86_PREFIX_LOCK || insn->id == X86_INS_XCHG || insn->id == X86_INS_CMPXCHG ||
         insn->id == X86_INS_CMPXCHG8B || insn->id == X86_INS_CMPXCHG16B || insn->id == X86_INS_XADD;
}

static char *describe_instruction(const cs_insn *insn) {
  return xprintf("at 0x%llx (%s %s)", (unsigned long long)insn->address, insn->mnemonic, insn->op_str);
}

/* A masked move stores the bytes a mask picks through rdi, which it does not name as a memory operand. */
static bool is_masked_move(unsigned id) {
  return id == X86_INS_MASKMOVDQU || id == X86_INS_MASKMOVQ || id == X86_INS_VMASKMOVDQU;
}

/* The registers an instruction reads or writes memory through without naming a memory operand: the string
 * instructions (rdi, and rsi for those that read a source) and the masked moves (maskmovdqu, maskmovq: rdi). The
 * first is X86_REG_INVALID for any other instruction. */
static void implicit_memory(csh disassembler, const cs_insn *insn, x86_reg *first, x86_reg *second) {
  *first = *second = X86_REG_INVALID;
  /* Capstone gives the string movsd and cmpsd the ids of SSE's scalar-double move and compare: those name a vector
   * register, a string instruction at most al/ax/eax/rax (stosb byte ptr [rdi], al). */
  const cs_x86 *x86 = &insn->detail->x86;
  for (uint8_t i = 0; i < x86->op_count; i++) {
    const char *name = x86->operands[i].type == X86_OP_REG ? cs_reg_name(disassembler, x86->operands[i].reg) : NULL;
    if (name && strstr(name, "mm") && !is_masked_move(insn->id))
      return;
  }
  switch (insn->id) {
  case X86_INS_MOVSB:
  case X86_INS_MOVSW:
  case X86_INS_MOVSD:
  case X86_INS_MOVSQ:
  case X86_INS_CMPSB:
  case X86_INS_CMPSW:
  case X86_INS_CMPSD:
  case X86_INS_CMPSQ: *first = X86_REG_RDI, *second = X86_REG_RSI; break;
  case X86_INS_STOSB:
  case X86_INS_STOSW:
  case X86_INS_STOSD:
  case X86_INS_STOSQ:
  case X86_INS_SCASB:
  case X86_INS_SCASW:
  case X86_INS_SCASD:
  case X86_INS_SCASQ:
  case X86_INS_MASKMOVDQU:
  case X86_INS_MASKMOVQ:
  case X86_INS_VMASKMOVDQU: *first = X86_REG_RDI; break;
  case X86_INS_LODSB:
  case X86_INS_LODSW:
  case X86_INS_LODSD:
  case X86_INS_LODSQ: *first = X86_REG_RSI; break;
  default: break;
  }
}

/* The loads of writable globals in a clang unit, and the write hooks, by symbol. Each load of a global follows a hook
 * told of that global with no other call in between (LLVM ThreadSanitizer.cpp puts the hook right before the load,
 * and no call may be moved between them), or a write hook for the same global comes later: the pass drops a read
 * when a later write in the same block to the same address keeps its hook (chooseInstructionsToInstrument). */
struct load_event {
  const char *global;
  GElf_Addr address;
  char *described; /* NULL for a write hook */
  bool store;      /* in a gcc unit, a store to the global (judged like its loads, against the whole function) */
};
struct global_loads {
  struct load_event *events; /* unhooked loads and write hooks, in address order */
  size_t count, capacity;
  const char *last_hook_global; /* the global the last call told TSan of, when it was an access hook */
  bool last_hook_unknown;       /* the last call was an access hook told of an address the harness cannot trace */
  const char **hooked;          /* every global a hook in the function was told of */
  size_t hooked_count, hooked_capacity;
  bool unknown_hook_argument; /* a hook was told of an address that is neither a known global nor the frame */
};

static void add_load_event(struct global_loads *loads, const char *global, GElf_Addr address, char *described) {
  GROW(loads->events, loads->count, loads->capacity);
  loads->events[loads->count++] = (struct load_event){global, address, described, false};
}

static void add_store_event(struct global_loads *loads, const char *global, GElf_Addr address, char *described) {
  add_load_event(loads, global, address, described);
  loads->events[loads->count - 1].store = true;
}

/* The first load and the first store no hook covers, described (the caller frees them), or NULL. In a clang unit
 * (`in_order`), a load is covered by its hook right before it or a write hook for its global after it. gcc moves a
 * load across a call it knows to be pure (pthread_self), so in a gcc unit a load or a store is covered by any hook
 * of the function told of its global, and is judged only when every hook's address is known. */
static void unhooked_global_accesses(struct global_loads *loads, bool in_order, char **load_found, char **store_found) {
  *load_found = *store_found = NULL;
  for (size_t i = 0; i < loads->count; i++) {
    struct load_event *load = &loads->events[i];
    if (!load->described)
      continue;
    bool covered = false;
    for (size_t j = 0; j < loads->count && !covered && in_order; j++)
      covered = !loads->events[j].described && loads->events[j].address > load->address &&
                strcmp(loads->events[j].global, load->global) == 0;
    for (size_t j = 0; j < loads->hooked_count && !covered && !in_order; j++)
      covered = strcmp(loads->hooked[j], load->global) == 0;
    if (!in_order && loads->unknown_hook_argument)
      covered = true;
    char **found = load->store ? store_found : load_found;
    if (!covered && !*found)
      *found = load->described, load->described = NULL;
    free(load->described);
  }
  free(loads->events);
  free(loads->hooked);
}

static bool is_mov_rbp_rsp(const cs_insn *insn) {
  const cs_x86 *x86 = &insn->detail->x86;
  return insn->id == X86_INS_MOV && x86->op_count == 2 && x86->operands[0].type == X86_OP_REG &&
         x86->operands[0].reg == X86_REG_RBP && x86->operands[1].type == X86_OP_REG &&
         x86->operands[1].reg == X86_REG_RSP;
}

static bool writes_rbp(csh disassembler, const cs_insn *insn) {
  cs_regs read, written;
  uint8_t read_count = 0, written_count = 0;
  if (cs_regs_access(disassembler, insn, read, &read_count, written, &written_count) != CS_ERR_OK)
    return true; /* cannot tell: as if it did */
  for (uint8_t i = 0; i < written_count; i++)
    if (full_register((x86_reg)written[i]) == X86_REG_RBP)
      return true;
  return false;
}

/* Whether rbp holds the function's frame wherever its body runs: the function opens with `push rbp; mov rbp, rsp`
 * (after an endbr64), and every other write to rbp is the epilogue's `pop rbp` or `leave` right before a `ret`, or a
 * jump out of the function (a tail call). Then the code after an unconditional jump or a ret, which only a branch
 * of the body reaches, holds the frame in rbp too, although the walk in address order has just passed an epilogue
 * (-fno-omit-frame-pointer puts the cold paths after the hot path's `pop rbp; ret`). */
static bool keeps_frame_pointer(const struct image *image, const struct ranges *ranges) {
  if (ranges->count == 0)
    return false;
  bool pushed = false, established = false, epilogue = false, kept = true;
  size_t seen = 0;
  for (size_t r = 0; r < ranges->count && kept; r++) {
    size_t length = (size_t)(ranges->pairs[r][1] - ranges->pairs[r][0]);
    const uint8_t *code = code_at(image, ranges->pairs[r][0], &length);
    cs_insn *insn = code ? cs_malloc(image->disassembler) : NULL;
    uint64_t at = ranges->pairs[r][0];
    kept = insn != NULL;
    while (kept && length > 0) {
      if (!cs_disasm_iter(image->disassembler, &code, &length, &at, insn)) {
        kept = false;
        break;
      }
      const cs_x86 *x86 = &insn->detail->x86;
      bool leaves = insn->id == X86_INS_RET ||
                    (insn->id == X86_INS_JMP && x86->op_count == 1 && x86->operands[0].type == X86_OP_IMM &&
                     !in_ranges(ranges, (GElf_Addr)x86->operands[0].imm));
      if (epilogue && !leaves)
        kept = false; /* rbp restored, and the function goes on */
      epilogue = false;
      if (seen == 0 && insn->id == X86_INS_ENDBR64)
        continue;
      seen++;
      if (!established) {
        if (!pushed && insn->id == X86_INS_PUSH && x86->op_count == 1 && x86->operands[0].type == X86_OP_REG &&
            x86->operands[0].reg == X86_REG_RBP)
          pushed = true;
        else if (pushed && is_mov_rbp_rsp(insn))
          established = true;
        else
          kept = false;
        continue;
      }
      if (writes_rbp(image->disassembler, insn)) {
        bool pops = (insn->id == X86_INS_POP && x86->op_count == 1 && x86->operands[0].type == X86_OP_REG &&
                     x86->operands[0].reg == X86_REG_RBP) ||
                    insn->id == X86_INS_LEAVE;
        if (pops)
          epilogue = true;
        else
          kept = false;
      }
    }
    if (insn)
      cs_free(insn, 1);
  }
  return kept && established && !epilogue;
}

void scan_code(const struct image *image, const struct ranges *ranges, bool judge_stores, bool result_in_rdi,
               struct function_facts *function, struct program_scan *scan) {
  struct register_state state = {0};
  state.unwatched_address[X86_REG_RDI] = result_in_rdi;
  function->hooks_every_access = judge_stores;
  /* Whether the last call before this point is a TSan hook that announces a write. Both passes put the hook right
   * before its access (LLVM instrumentLoadOrStore: IRB at the instruction; gcc instrument_expr: gsi_insert_before),
   * and no later pass moves a store across a call that may read the memory, so every store TSan instrumented follows
   * its own write hook with no other call in between: one after a read hook was announced as a read. */
  bool after_hook = false;
  /* The address the last read hook was told of, and how many bytes, while no other call came since: in a gcc unit,
   * whose stores are not judged one by one, a store there right after its read hook was announced as a read (a hook
   * aliased to another, or renamed in the object), where gcc's pass puts a write hook (tsan.cc instrument_expr). */
  struct symbolic_value read_hook_address = {0};
  unsigned read_hook_bytes = 0;
  struct global_loads loads = {0};
  /* What the registers hold (value_numbering.h): the address a write hook was told of and the address a store
   * writes are compared as symbolic values. In a clang unit a store after its write hook must provably lie inside
   * what the hook announced: inline assembly that stores beside the hook's address, more bytes than it says, or
   * through an address the harness cannot tie to it is an access TSan was never told of. */
  struct value_numbering *values = xcalloc(1, sizeof *values);
  value_numbering_start(values);
  bool frame_everywhere = keeps_frame_pointer(image, ranges);
  struct symbolic_value frame_in_rbp = {0}; /* rbp's value once the prologue set it */
  bool after_transfer = false;              /* the instruction before was a ret or an unconditional jump */
  struct symbolic_value hook_address = {0};
  unsigned hook_bytes = 0;
  /* Where a branch of the function lands starts a block of its own: a hook before it does not announce an access
   * after it (the path through the branch skipped the hook). Both passes put a hook in its access's block. */
  GElf_Addr *landings = NULL;
  size_t landing_count = 0, landing_capacity = 0;
  for (size_t r = 0; r < ranges->count; r++) {
    size_t length = (size_t)(ranges->pairs[r][1] - ranges->pairs[r][0]);
    const uint8_t *code = code_at(image, ranges->pairs[r][0], &length);
    cs_insn *insn = code ? cs_malloc(image->disassembler) : NULL;
    uint64_t at = ranges->pairs[r][0];
    while (insn && length > 0) {
      if (!cs_disasm_iter(image->disassembler, &code, &length, &at, insn)) {
        code++, length--, at++;
        continue;
      }
      const cs_x86 *x86 = &insn->detail->x86;
      if (cs_insn_group(image->disassembler, insn, CS_GRP_JUMP) && x86->op_count == 1 &&
          x86->operands[0].type == X86_OP_IMM && in_ranges(ranges, (GElf_Addr)x86->operands[0].imm)) {
        GROW(landings, landing_count, landing_capacity);
        landings[landing_count++] = (GElf_Addr)x86->operands[0].imm;
      }
    }
    if (insn)
      cs_free(insn, 1);
  }
  for (size_t r = 0; r < ranges->count; r++) {
    GElf_Addr start = ranges->pairs[r][0];
    size_t length = (size_t)(ranges->pairs[r][1] - start);
    const uint8_t *code = code_at(image, start, &length);
    if (!code)
      continue;
    cs_insn *insn = cs_malloc(image->disassembler);
    uint64_t address = start;
    while (length > 0) {
      if (!cs_disasm_iter(image->disassembler, &code, &length, &address, insn)) {
        /* An instruction Capstone does not know (a newer extension: movdiri, ...), or data in the code: what it
         * accesses cannot be told. Step over one byte. */
        if (!function->undecodable)
          function->undecodable = xprintf("at 0x%llx", (unsigned long long)address);
        code++, length--, address++;
        after_transfer = false;
        continue;
      }
      const cs_x86 *x86 = &insn->detail->x86;
      if (after_transfer && frame_everywhere && frame_in_rbp.id) {
        state.frame_pointer = true;
        value_numbering_set_register(values, X86_REG_RBP, frame_in_rbp);
      }
      after_transfer = insn->id == X86_INS_RET || insn->id == X86_INS_JMP;
      for (size_t l = 0; l < landing_count; l++)
        if (landings[l] == insn->address) {
          after_hook = false;
          read_hook_address = (struct symbolic_value){0};
          loads.last_hook_global = NULL;
          loads.last_hook_unknown = false;
          break;
        }
      bool is_call = insn->id == X86_INS_CALL;
      bool is_jump = insn->id == X86_INS_JMP;
      if ((is_call || is_jump) && x86->op_count == 1) {
        const cs_x86_op *op = &x86->operands[0];
        if (op->type == X86_OP_IMM) {
          GElf_Addr target = (GElf_Addr)op->imm;
          /* A jump inside the function is control flow; one out of it is a tail call. */
          if (is_call || !in_ranges(ranges, target)) {
            note_callee(function, callee_at(image, target), scan);
            note_code_target(function, target, scan);
            if (is_plt_stub(image, target))
              note_library_call(function, callee_at(image, target), scan);
          }
        } else if (op->type == X86_OP_MEM && op->mem.base == X86_REG_RIP && op->mem.index == X86_REG_INVALID) {
          const char *callee = slot_at(image, insn->address + insn->size + (GElf_Addr)op->mem.disp);
          if (is_call || callee)
            note_callee(function, callee, scan);
          note_library_call(function, callee, scan);
        } else if (is_call) {
          note_callee(function, NULL, scan); /* through a pointer */
        }
        if (is_call || op->type != X86_OP_IMM || !in_ranges(ranges, (GElf_Addr)op->imm)) {
          const char *callee = op->type == X86_OP_IMM ? callee_at(image, (GElf_Addr)op->imm)
                               : op->type == X86_OP_MEM && op->mem.base == X86_REG_RIP
                                   ? slot_at(image, insn->address + insn->size + (GElf_Addr)op->mem.disp)
                                   : NULL;
          bool write_hook = callee && is_write_hook(callee);
          after_hook = write_hook && !performs_its_access(callee);
          hook_bytes = after_hook ? hook_size(callee) : 0;
          hook_address = value_numbering_register(values, X86_REG_RDI);
          uint64_t told_address = 0;
          bool told_known = callee && is_access_hook(callee) &&
                            value_numbering_constant(values, X86_REG_RDI, &told_address) &&
                            is_loaded(image, told_address);
          bool read_hook = callee && is_access_hook(callee) && !write_hook && !performs_its_access(callee);
          read_hook_address = read_hook ? value_numbering_register(values, X86_REG_RDI) : (struct symbolic_value){0};
          read_hook_bytes = read_hook ? access_hook_size(callee) : 0;
          const char *told = told_known ? symbol_at(image, told_address, false) : NULL;
          loads.last_hook_global = told;
          loads.last_hook_unknown = callee && is_access_hook(callee) && !told;
          if (told && write_hook)
            add_load_event(&loads, told, insn->address, NULL);
          if (told) {
            GROW(loads.hooked, loads.hooked_count, loads.hooked_capacity);
            loads.hooked[loads.hooked_count++] = told;
          } else if (callee && is_access_hook(callee) && !state.unwatched_address[X86_REG_RDI]) {
            loads.unknown_hook_argument = true;
          }
        }
        {
          const char *callee = op->type == X86_OP_IMM ? callee_at(image, (GElf_Addr)op->imm)
                               : op->type == X86_OP_MEM && op->mem.base == X86_REG_RIP
                                   ? slot_at(image, insn->address + insn->size + (GElf_Addr)op->mem.disp)
                                   : NULL;
          value_numbering_call(values, !callee                            ? CALLEE_ANY
                                       : writes_no_program_memory(callee) ? CALLEE_KEEPS_MEMORY
                                       : performs_its_access(callee)      ? CALLEE_RUNTIME_ACCESS
                                                                          : CALLEE_ANY);
        }
        forget_written_registers(image, insn, &state);
        continue;
      }
      for (uint8_t i = 0; i < x86->op_count && insn->id != X86_INS_NOP; i++) {
        const cs_x86_op *op = &x86->operands[i];
        if (op->type == X86_OP_MEM && op->mem.base == X86_REG_RIP && op->mem.index == X86_REG_INVALID)
          note_address(image, function, insn->address + insn->size + (GElf_Addr)op->mem.disp, insn->id == X86_INS_LEA,
                       scan);
        else if (op->type == X86_OP_IMM && op->imm > 0)
          note_address(image, function, (GElf_Addr)op->imm, false, scan); /* a non-PIE program's absolute address */
      }
      if (!function->atomic_instruction && is_atomic_instruction(insn))
        function->atomic_instruction = describe_instruction(insn);
      struct operand_facts operands[8] = {{0}};
      for (uint8_t i = 0; i < x86->op_count && i < 8; i++) {
        const cs_x86_op *op = &x86->operands[i];
        x86_reg base = op->type == X86_OP_MEM ? full_register(op->mem.base) : X86_REG_INVALID;
        operands[i].written = op->type == X86_OP_MEM && writes_operand(insn, i);
        /* The frame: through the stack or frame pointer, a register that holds a frame address or constant data,
         * or an address the value numbering finds the frame's (a local's address reloaded from its slot). */
        struct symbolic_value address = value_numbering_address(values, insn, op);
        operands[i].frame =
            op->type == X86_OP_MEM && op->mem.segment == X86_REG_INVALID &&
            ((base == X86_REG_RSP && !state.stack_foreign) || (base == X86_REG_RBP && state.frame_pointer) ||
             (base < X86_REG_ENDING && state.unwatched_address[base]) || value_numbering_in_frame(values, address));
        operands[i].constant = op->type == X86_OP_MEM && address.id == VALUE_CONSTANT && address.index == 0 &&
                               is_loaded(image, (GElf_Addr)address.offset) &&
                               !is_writable_data(image, (GElf_Addr)address.offset);
      }
      if (touches_no_memory(insn->id)) {
        value_numbering_step(values, image->disassembler, insn, operands, false);
        learn_registers(image, insn, &state);
        if (frame_everywhere && !frame_in_rbp.id && is_mov_rbp_rsp(insn))
          frame_in_rbp = value_numbering_register(values, X86_REG_RBP);
        continue;
      }
      /* No compiler stores through a stack pointer it moved off the frame: inline assembly does (mov rsp, rdi;
       * push), whatever unit it is in. */
      if (state.stack_foreign && !function->unhooked_store && !after_hook) {
        bool through_stack = insn->id == X86_INS_PUSH;
        for (uint8_t i = 0; i < x86->op_count && !through_stack; i++)
          through_stack = x86->operands[i].type == X86_OP_MEM &&
                          full_register(x86->operands[i].mem.base) == X86_REG_RSP && writes_operand(insn, i);
        if (through_stack)
          function->unhooked_store = xprintf("a store through rsp set off the frame at 0x%llx (%s %s)",
                                             (unsigned long long)insn->address, insn->mnemonic, insn->op_str);
      }
      x86_reg implicit_first, implicit_second;
      implicit_memory(image->disassembler, insn, &implicit_first, &implicit_second);
      /* gcc expands a memset or memcpy into rep stos or rep movs after its pass (its units are not judged store by
       * store); a masked move is never such an expansion. */
      bool masked_move = is_masked_move(insn->id);
      /* A gather reads an element per lane through a vector of indices: the harness cannot trace its addresses,
       * and no hook comes before it in a unit TSan instrumented (the pass instruments loads and stores, not the
       * target's gather intrinsics). */
      if (judge_stores && !after_hook && !function->unhooked_store &&
          (starts_with(insn->mnemonic, "vpgather") || starts_with(insn->mnemonic, "vgather")))
        function->unhooked_store =
            xprintf("a gather at 0x%llx (%s %s)", (unsigned long long)insn->address, insn->mnemonic, insn->op_str);
      /* A string instruction or masked move covers a length only a range hook (memset, memcpy, a range) can
       * announce: one after a fixed-size write hook (__tsan_write1) announced a single access. */
      if (implicit_first != X86_REG_INVALID && (judge_stores || masked_move) && (!after_hook || hook_bytes) &&
          !function->unhooked_store &&
          !(state.unwatched_address[implicit_first] &&
            (implicit_second == X86_REG_INVALID || state.unwatched_address[implicit_second])))
        function->unhooked_store =
            xprintf("an access through %s at 0x%llx (%s %s)", cs_reg_name(image->disassembler, implicit_first),
                    (unsigned long long)insn->address, insn->mnemonic, insn->op_str);
      for (uint8_t i = 0; i < x86->op_count; i++) {
        const cs_x86_op *op = &x86->operands[i];
        if (op->type != X86_OP_MEM || op->mem.segment != X86_REG_INVALID || insn->id == X86_INS_LEA ||
            (writes_operand(insn, i) && (op->access == CS_AC_WRITE || is_move_destination(insn, i))))
          continue; /* a store only: judged as a store */
        /* Only an address known exactly (no index register): a load right after a hook told of an address the
         * harness cannot trace may be that hook's. */
        struct symbolic_value address = value_numbering_address(values, insn, op);
        GElf_Addr target = loads.last_hook_unknown || address.id != VALUE_CONSTANT || address.index != 0
                               ? 0
                               : (GElf_Addr)address.offset;
        const char *name = target && is_writable_data(image, target) ? symbol_at(image, target, false) : NULL;
        if (name && !(loads.last_hook_global && strcmp(loads.last_hook_global, name) == 0))
          add_load_event(&loads, name, insn->address,
                         xprintf("a load of %s at 0x%llx (%s %s)", name, (unsigned long long)insn->address,
                                 insn->mnemonic, insn->op_str));
      }
      /* In a gcc unit, whose stores are not judged one by one, a store to a writable global at an address known
       * exactly is still owed a hook told of that global somewhere in the function: gcc's pass gives every access
       * to a global one (tsan.cc instrument_expr), and a memcpy or memset it expands inline after the pass (a
       * constant length) writes the global unseen. */
      for (uint8_t i = 0; !judge_stores && i < x86->op_count; i++) {
        const cs_x86_op *op = &x86->operands[i];
        if (op->type != X86_OP_MEM || op->mem.segment != X86_REG_INVALID || !operands[i].written)
          continue;
        struct symbolic_value address = value_numbering_address(values, insn, op);
        GElf_Addr target = address.id != VALUE_CONSTANT || address.index != 0 ? 0 : (GElf_Addr)address.offset;
        const char *name = target && is_writable_data(image, target) ? symbol_at(image, target, false) : NULL;
        if (name)
          add_store_event(&loads, name, insn->address,
                          xprintf("a store to the global %s at 0x%llx (%s %s)", name, (unsigned long long)insn->address,
                                  insn->mnemonic, insn->op_str));
      }
      if (!function->accesses_memory)
        function->accesses_memory = memory_access(image, insn, operands, false);
      if (judge_stores && !function->unhooked_store && !after_hook)
        function->unhooked_store = memory_access(image, insn, operands, true);
      for (uint8_t i = 0; after_hook && hook_bytes && !function->unhooked_store && i < x86->op_count; i++) {
        const cs_x86_op *op = &x86->operands[i];
        /* The frame's own slots (a spill right after a local's hook) are no access TSan owes a hook; nor is the
         * thread's own block (fs:), which no other thread reaches by that address. */
        if (op->type != X86_OP_MEM || !operands[i].written || operands[i].frame || op->mem.segment != X86_REG_INVALID)
          continue;
        struct symbolic_value address = value_numbering_address(values, insn, op);
        /* gcc expands a memset or memcpy into plain stores after its pass (stores_need_hooks), through any address:
         * in its units only a store through the register the hook's address was made from (not a global's constant
         * address) is judged, and must lie inside what the hook announced. */
        if (!judge_stores && (address.id != hook_address.id || address.id == VALUE_CONSTANT))
          continue;
        if (!value_numbering_comparable(address, hook_address)) {
          function->unhooked_store =
              xprintf("a store the harness cannot tie to the address its write hook was told of (0x%llx: %s %s)",
                      (unsigned long long)insn->address, insn->mnemonic, insn->op_str);
          continue;
        }
        int64_t start = address.offset - hook_address.offset;
        if (start < 0 || start + op->size > (int64_t)hook_bytes)
          function->unhooked_store =
              xprintf("a store of %u bytes at offset %lld from the address its write hook announced %u bytes at "
                      "(0x%llx: %s %s)",
                      (unsigned)op->size, (long long)start, hook_bytes, (unsigned long long)insn->address,
                      insn->mnemonic, insn->op_str);
      }
      for (uint8_t i = 0; !judge_stores && read_hook_bytes && !function->unhooked_store && i < x86->op_count; i++) {
        const cs_x86_op *op = &x86->operands[i];
        if (op->type != X86_OP_MEM || !operands[i].written || operands[i].frame)
          continue;
        struct symbolic_value address = value_numbering_address(values, insn, op);
        if (value_numbering_comparable(address, read_hook_address) &&
            address.offset < read_hook_address.offset + (int64_t)read_hook_bytes &&
            read_hook_address.offset < address.offset + (int64_t)op->size)
          function->unhooked_store = xprintf("a store where the read hook before it was told of (0x%llx: %s %s)",
                                             (unsigned long long)insn->address, insn->mnemonic, insn->op_str);
      }
      value_numbering_step(values, image->disassembler, insn, operands, implicit_first != X86_REG_INVALID);
      learn_registers(image, insn, &state);
      if (frame_everywhere && !frame_in_rbp.id && is_mov_rbp_rsp(insn))
        frame_in_rbp = value_numbering_register(values, X86_REG_RBP);
      if (function->writes_global)
        continue;
      for (uint8_t i = 0; i < x86->op_count; i++) {
        const cs_x86_op *op = &x86->operands[i];
        if (op->type != X86_OP_MEM || op->mem.base != X86_REG_RIP || op->mem.segment != X86_REG_INVALID)
          continue;
        GElf_Addr target = insn->address + insn->size + (GElf_Addr)op->mem.disp;
        if (is_writable_data(image, target)) {
          const char *name = symbol_at(image, target, false);
          function->writes_global = name ? xstrdup(name) : xprintf("0x%llx", (unsigned long long)target);
          break;
        }
      }
    }
    cs_free(insn, 1);
  }
  free(landings);
  free(values);
  char *unhooked_load = NULL, *unhooked_store = NULL;
  unhooked_global_accesses(&loads, judge_stores, &unhooked_load, &unhooked_store);
  if (!function->unhooked_load)
    function->unhooked_load = unhooked_load;
  else
    free(unhooked_load);
  if (!function->unhooked_store)
    function->unhooked_store = unhooked_store;
  else
    free(unhooked_store);
}
