/* instrumentation.c: reads the binary's DWARF and code for the facts of instrumentation.h. */
#include "proof/instrumentation.h"
#include "base/util.h"
#include "binary/elfinfo.h"
#include "proof/off_flags.h"
#include "proof/runtime_archive.h"
#include "proof/runtime_interface.h"

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

/* The calls TSan's compiler pass inserts, by the runtime's interface (compiler-rt tsan_interface.h, gcc's
 * sanitizer.def): entry/exit, and one hook per access. Any other call, __tsan_acquire included, is the program's. */
static bool is_access_hook(const char *name) {
  static const char *const prefixes[] = {"__tsan_read",      "__tsan_write",  "__tsan_unaligned_",
                                         "__tsan_volatile_", "__tsan_atomic", "__tsan_vptr_",
                                         "__tsan_memcpy",    "__tsan_memset", "__tsan_memmove"};
  for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
    if (starts_with(name, prefixes[i]))
      return true;
  return false;
}

/* The hooks that announce a write: a store TSan instrumented follows one of these, never a read hook
 * (LLVM ThreadSanitizer.cpp instrumentLoadOrStore picks __tsan_write* or __tsan_unaligned_write* for a store;
 * instrumentMemIntrinsic the memset/memcpy/memmove calls; gcc tsan.cc instrument_expr the same for is_write). An
 * atomic operation other than a load writes through the runtime itself. */
static bool is_write_hook(const char *name) {
  static const char *const prefixes[] = {"__tsan_write",      "__tsan_unaligned_write", "__tsan_volatile_write",
                                         "__tsan_memcpy",     "__tsan_memset",          "__tsan_memmove",
                                         "__tsan_vptr_update"};
  for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
    if (starts_with(name, prefixes[i]))
      return true;
  return starts_with(name, "__tsan_atomic") && !strstr(name, "_load") && !strstr(name, "_fence");
}

/* The bytes a read or write hook announces (__tsan_write4: 4, __tsan_unaligned_write8: 8), or 0 for one that
 * announces a range or an atomic operation. */
static unsigned hook_size(const char *name) {
  static const char *const prefixes[] = {"__tsan_write", "__tsan_unaligned_write", "__tsan_volatile_write"};
  for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
    if (starts_with(name, prefixes[i])) {
      const char *digits = name + strlen(prefixes[i]);
      char *end = NULL;
      unsigned long size = strtoul(digits, &end, 10);
      return end != digits && (*end == '\0' || strcmp(end, "_pc") == 0) ? (unsigned)size : 0;
    }
  return 0;
}

static bool is_entry_exit(const char *name) {
  return strcmp(name, "__tsan_func_entry") == 0 || strcmp(name, "__tsan_func_exit") == 0;
}

/* Calls the compiler adds after TSan's pass ran (so no entry/exit was owed for them): the stack protector's. And
 * the module constructor's call to __tsan_init. */
static bool is_after_pass_call(const char *name) {
  return strcmp(name, "__stack_chk_fail") == 0 || strcmp(name, "__tsan_init") == 0;
}

/* The runtime's weak hooks a program may replace to see, drop or rewrite reports (compiler-rt tsan_rtl_report.cpp:
 * OnReport, whose true return drops the report, and __tsan_on_report; tsan_rtl.cpp: OnFinalize, whose return is
 * the exit's "failed"; tsan_symbolize.cpp: __tsan_symbolize_external(_ex), which may name any file and line). */
static const char *const report_hooks[] = {"_ZN6__tsan8OnReportEPKNS_10ReportDescEb", "__tsan_on_report",
                                           "_ZN6__tsan10OnFinalizeEb", "__tsan_symbolize_external",
                                           "__tsan_symbolize_external_ex"};
static const char *const report_hook_names[] = {"__tsan::OnReport", "__tsan_on_report", "__tsan::OnFinalize",
                                                "__tsan_symbolize_external", "__tsan_symbolize_external_ex"};
/* The runtime's weak option strings (tsan_flags.cpp: __tsan_default_options; ubsan_flags.cpp, parsed after it in
 * clang's runtime: __ubsan_default_options). */
static const char *const option_hooks[] = {"__tsan_default_options", "__ubsan_default_options"};

struct symbol {
  GElf_Addr address;
  GElf_Xword size;
  const char *name;
};

struct slot {
  GElf_Addr address; /* a GOT slot, filled by the dynamic loader */
  const char *name;
};

struct read_only_data {
  GElf_Addr address;
  size_t size;
  const char *bytes;
};

struct image {
  int fd;
  Elf *elf;
  Dwarf *dwarf;
  struct symbol *symbols;
  size_t symbol_count, symbol_capacity;
  struct slot *slots;
  size_t slot_count, slot_capacity;
  GElf_Phdr *loads; /* PT_LOAD segments */
  size_t load_count;
  GElf_Addr relro_start, relro_end;
  struct read_only_data *read_only; /* allocated sections neither writable nor code: where string literals live */
  size_t read_only_count, read_only_capacity;
  csh disassembler;
  GElf_Addr (*code_sections)[2]; /* [start, end) of each SHF_EXECINSTR section */
  size_t code_section_count, code_section_capacity;
  bool static_runtime;                  /* the program defines __tsan_init: the runtime was linked into it */
  struct runtime_archive *archive;      /* for a static runtime, the archive it came from; NULL when none matches */
  struct runtime_archive *libc_archive; /* the C library's static part (libc_nonshared.a), or NULL */
};

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

/* The symbol whose range holds `address` (or that starts there). */
static const char *symbol_at(const struct image *image, GElf_Addr address, bool exact) {
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

static const char *slot_at(const struct image *image, GElf_Addr address) {
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

/* Whether `address` is in a segment the loader maps. */
static bool is_loaded(const struct image *image, GElf_Addr address) {
  for (size_t i = 0; i < image->load_count; i++)
    if (address >= image->loads[i].p_vaddr && address < image->loads[i].p_vaddr + image->loads[i].p_memsz)
      return true;
  return false;
}

/* The bytes of the file at [address, address + *length), clipped to what one segment holds; NULL when none. */
static const uint8_t *code_at(const struct image *image, GElf_Addr address, size_t *length) {
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

struct ranges {
  GElf_Addr (*pairs)[2];
  size_t count, capacity;
};

/* Whether `address` is in a section of code (SHF_EXECINSTR): not read-only data that shares the code's segment. */
static bool is_code(const struct image *image, GElf_Addr address) {
  for (size_t i = 0; i < image->code_section_count; i++)
    if (address >= image->code_sections[i][0] && address < image->code_sections[i][1])
      return true;
  return false;
}

/* Memory the program may write that is no stack: a writable segment, outside what becomes read-only after
 * relocation (the GOT, .data.rel.ro). */
static bool is_writable_data(const struct image *image, GElf_Addr address) {
  if (address >= image->relro_start && address < image->relro_end)
    return false;
  for (size_t i = 0; i < image->load_count; i++) {
    const GElf_Phdr *p = &image->loads[i];
    if ((p->p_flags & PF_W) && address >= p->p_vaddr && address < p->p_vaddr + p->p_memsz)
      return true;
  }
  return false;
}

/* The function a call or jump to `target` reaches: a symbol, or through a PLT stub (`jmp *slot(%rip)`, after an
 * endbr64 or a bnd prefix) the symbol of the slot's relocation. */
static const char *callee_at(const struct image *image, GElf_Addr target) {
  size_t length = 32;
  const uint8_t *code = code_at(image, target, &length);
  if (code) {
    cs_insn *insn = NULL;
    size_t count = cs_disasm(image->disassembler, code, length, target, 2, &insn);
    const char *name = NULL;
    for (size_t i = 0; i < count && !name; i++) {
      if (insn[i].id == X86_INS_ENDBR64)
        continue;
      const cs_x86 *x86 = &insn[i].detail->x86;
      if (insn[i].id == X86_INS_JMP && x86->op_count == 1 && x86->operands[0].type == X86_OP_MEM &&
          x86->operands[0].mem.base == X86_REG_RIP)
        name = slot_at(image, insn[i].address + insn[i].size + (GElf_Addr)x86->operands[0].mem.disp);
      break;
    }
    if (count)
      cs_free(insn, count);
    if (name)
      return name;
  }
  return symbol_at(image, target, true);
}

static bool in_ranges(const struct ranges *ranges, GElf_Addr address) {
  for (size_t i = 0; i < ranges->count; i++)
    if (address >= ranges->pairs[i][0] && address < ranges->pairs[i][1])
      return true;
  return false;
}

/* The runtime's entry points that send its reports elsewhere than the log_path it was given: a file of the
 * program's choice, or a descriptor (compiler-rt sanitizer_common/sanitizer_file.cpp: __sanitizer_set_report_path
 * and __sanitizer_set_report_fd, both replacing report_file's path or fd for the rest of the process). */
static bool is_report_redirect(const char *name) {
  return strcmp(name, "__sanitizer_set_report_path") == 0 || strcmp(name, "__sanitizer_set_report_fd") == 0;
}

static void push_string(char ***list, char *text);
static bool is_plt_stub(const struct image *image, GElf_Addr address);
static const struct symbol *symbols_at(const struct image *image, GElf_Addr address, size_t *count);

/* What the walk over the program's code gathers beyond the facts: the strings its code points at that name a
 * function of the runtime's interface that hides reports, and whether it looks functions up by name. */
struct named_call {
  char *name, *holder; /* the string, and the function whose code points at it */
};
/* A place in the code that a function of a file under test calls, jumps to or takes the address of: what it
 * reaches must be a function some compile unit describes, a library's (through the PLT), or the runtime's. */
struct code_target {
  GElf_Addr address;
  const char *file;   /* the file under test the reference came from */
  const char *caller; /* the function of that file that makes it */
};
/* The function ranges (in program_scan.described) of a compile unit without TSan instrumentation. */
struct unit_span {
  size_t unit; /* its index in facts->uninstrumented_units */
  size_t first, end;
};
struct program_scan {
  struct instrumentation *facts;
  struct code_target *targets;
  size_t target_count, target_capacity;
  struct ranges described; /* every function range the program's DWARF describes */
  struct ranges variables; /* where the program's own global variables lie, by its DWARF */
  struct unit_span *spans; /* where the uninstrumented units' functions lie */
  size_t span_count, span_capacity;
  const char *lookup;  /* dlsym or dlvsym, when the program's code calls one */
  char *lookup_caller; /* the first function that calls it */
  struct named_call *named;
  size_t named_count, named_capacity;
};

static void add_hiding_call(struct instrumentation *facts, enum hiding_kind kind, const char *callee, char *caller) {
  GROW(facts->annotations, facts->annotation_count, facts->annotation_capacity);
  facts->annotations[facts->annotation_count++] = (struct hiding_call){kind, xstrdup(callee), caller};
}

/* A reference from the program's code to `callee` (a call, or its address taken): one into the runtime's interface
 * that is neither instrumentation nor known to be harmless hides reports (runtime_interface.h). */
static void note_reference(const struct function_facts *function, const char *callee, struct program_scan *scan) {
  enum hiding_kind kind;
  if (runtime_call_class(callee, &kind) == RUNTIME_CALL_HIDES)
    add_hiding_call(scan->facts, kind, callee, xstrdup(function->name ? function->name : "?"));
}

/* One call (or jump out of the function) reaching `callee`. */
static void note_callee(struct function_facts *function, const char *callee, struct program_scan *scan) {
  if (!callee) {
    function->makes_calls = true;
    return;
  }
  if (is_entry_exit(callee))
    function->calls_func_entry = true;
  else if (is_access_hook(callee))
    function->calls_access_hook = true;
  else if (!is_after_pass_call(callee))
    function->makes_calls = true;
  if (is_report_redirect(callee)) {
    char *call = xprintf("%s (in %s)", callee, function->name ? function->name : "?");
    bool seen = false;
    for (size_t i = 0; scan->facts->report_redirects && scan->facts->report_redirects[i] && !seen; i++)
      seen = strcmp(scan->facts->report_redirects[i], call) == 0;
    if (seen)
      free(call);
    else
      push_string(&scan->facts->report_redirects, call);
  }
  note_reference(function, callee, scan);
  /* glibc's dlsym and dlvsym (dlfcn.h) reach any exported function by its name, which the program holds as data. */
  if (!scan->lookup && (strcmp(callee, "dlsym") == 0 || strcmp(callee, "dlvsym") == 0)) {
    scan->lookup = strcmp(callee, "dlsym") == 0 ? "dlsym" : "dlvsym";
    scan->lookup_caller = xstrdup(function->name ? function->name : "?");
  }
}

static void program_scan_free(struct program_scan *scan) {
  for (size_t i = 0; i < scan->named_count; i++) {
    free(scan->named[i].name);
    free(scan->named[i].holder);
  }
  free(scan->named);
  free(scan->lookup_caller);
  free(scan->targets);
  free(scan->described.pairs);
  free(scan->variables.pairs);
  free(scan->spans);
}

/* A function of a shared library (through a PLT stub or a GOT slot) that a file under test calls: facts->library_calls
 * "name (from FILE's FUNCTION)". */
static void note_library_call(const struct function_facts *function, const char *callee, struct program_scan *scan) {
  if (!function->file || !callee)
    return;
  for (size_t i = 0; scan->facts->library_calls && scan->facts->library_calls[i]; i++)
    if (strcmp(scan->facts->library_calls[i], callee) == 0)
      return;
  push_string(&scan->facts->library_calls, xstrdup(callee));
}

static void note_code_target(const struct function_facts *function, GElf_Addr address, struct program_scan *scan) {
  if (!function->file)
    return;
  GROW(scan->targets, scan->target_count, scan->target_capacity);
  scan->targets[scan->target_count++] = (struct code_target){address, function->file, function->name};
}

/* The NUL-terminated string at `address` in the read-only data, or NULL. */
static const char *string_at(const struct image *image, GElf_Addr address) {
  for (size_t i = 0; i < image->read_only_count; i++) {
    const struct read_only_data *data = &image->read_only[i];
    if (address < data->address || address >= data->address + data->size)
      continue;
    const char *text = data->bytes + (address - data->address);
    return memchr(text, '\0', data->size - (address - data->address)) ? text : NULL;
  }
  return NULL;
}

/* An address the program's code computes (`lea`, a load from the GOT, an immediate): the address of a runtime
 * function, its GOT slot, or a string naming one, which a later dlsym may turn into a call. */
static void note_address(const struct image *image, const struct function_facts *function, GElf_Addr address,
                         bool address_taken, struct program_scan *scan) {
  /* A function's address handed on (a thread's start, a callback): `lea reg, [rip + f]`, or in a program linked
   * without PIE an immediate that is exactly a function's start. */
  if (is_code(image, address) && (address_taken || symbol_at(image, address, true)))
    note_code_target(function, address, scan);
  /* A data object a file under test points at (a table of function pointers another object defines, without
   * DWARF): its words are read for code addresses like the program's described variables. */
  size_t count = 0;
  const struct symbol *object = function->file && !is_code(image, address) ? symbols_at(image, address, &count) : NULL;
  if (object && object->size) {
    GROW(scan->variables.pairs, scan->variables.count, scan->variables.capacity);
    scan->variables.pairs[scan->variables.count][0] = object->address;
    scan->variables.pairs[scan->variables.count][1] = object->address + object->size;
    scan->variables.count++;
  }
  const char *symbol = symbol_at(image, address, true);
  const char *slot = slot_at(image, address);
  if (symbol || slot) {
    note_reference(function, symbol ? symbol : slot, scan);
    return;
  }
  enum hiding_kind kind;
  const char *text = string_at(image, address);
  /* A function of the program named by a string its code points at: dlsym(RTLD_DEFAULT, "bump") reaches it. */
  for (size_t i = 0; text && *text && function->file && i < image->symbol_count; i++)
    if (strcmp(image->symbols[i].name, text) == 0 && is_code(image, image->symbols[i].address)) {
      note_code_target(function, image->symbols[i].address, scan);
      break;
    }
  if (text && runtime_call_class(text, &kind) == RUNTIME_CALL_HIDES) {
    GROW(scan->named, scan->named_count, scan->named_capacity);
    scan->named[scan->named_count++] =
        (struct named_call){xstrdup(text), xstrdup(function->name ? function->name : "?")};
  }
}

/* The 64-bit register a register is part of (eax, ax, al and ah of rax, ...), or the register itself. */
static x86_reg full_register(x86_reg reg) {
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

/* The first access of `insn` to memory that is neither the function's own stack frame nor constant data, described
 * (a store or load, through which register), or NULL. This is what TSan's passes instrument: LLVM's
 * ThreadSanitizer.cpp (chooseInstructionsToInstrument) skips only loads of constant globals (addrPointsToConstantData)
 * and allocas that do not escape; gcc's tsan.cc (instrument_expr) only read-only declarations and locals that are
 * not addressable. Both work before code generation, so the stack protector's canary (fs:) and spills are theirs. */
/* Whether operand `index` of `insn`, a memory operand, is written. Capstone 4 marks the destination of the SSE and
 * AVX moves (movups [mem], xmm0: how a memset is expanded inline) read-only, so the destination of a move-like
 * instruction (Intel order: the destination first) counts as written whatever its access flags say. */
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
  return is_move_destination(insn, index);
}

static char *memory_access(const struct image *image, const cs_insn *insn, const struct register_state *state,
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
    } else if ((base == X86_REG_RSP && !state->stack_foreign) || (base == X86_REG_RBP && state->frame_pointer)) {
      continue; /* the function's own frame */
    } else if (base != X86_REG_INVALID && base < X86_REG_ENDING && state->unwatched_address[base]) {
      continue;
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
    if (name && strstr(name, "mm") && insn->id != X86_INS_MASKMOVDQU && insn->id != X86_INS_MASKMOVQ &&
        insn->id != X86_INS_VMASKMOVDQU)
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
  loads->events[loads->count++] = (struct load_event){global, address, described};
}

/* The first load no hook covers, described (the caller frees it), or NULL. In a clang unit (`in_order`), a load is
 * covered by its hook right before it or a write hook for its global after it. gcc moves a load across a call it
 * knows to be pure (pthread_self), so in a gcc unit a load is covered by any hook of the function told of its
 * global, and is judged only when every hook's address is known. */
static char *unhooked_load_of(struct global_loads *loads, bool in_order) {
  char *found = NULL;
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
    if (!covered && !found)
      found = load->described, load->described = NULL;
    free(load->described);
  }
  free(loads->events);
  free(loads->hooked);
  return found;
}

static void scan_code(const struct image *image, const struct ranges *ranges, bool judge_stores,
                      struct function_facts *function, struct program_scan *scan) {
  struct register_state state = {0};
  /* Whether the last call before this point is a TSan hook that announces a write. Both passes put the hook right
   * before its access (LLVM instrumentLoadOrStore: IRB at the instruction; gcc instrument_expr: gsi_insert_before),
   * and no later pass moves a store across a call that may read the memory, so every store TSan instrumented follows
   * its own write hook with no other call in between: one after a read hook was announced as a read. */
  bool after_hook = false;
  /* The global the last read hook was told of (`lea rdi, [rip + X]` before it), while no other call came since:
   * in a gcc unit, whose stores are not judged one by one, a store to that same global right after its read hook
   * was announced as a read (a hook aliased to another), where gcc's pass puts a write hook. */
  GElf_Addr read_hook_global = 0;
  GElf_Addr *global_in = xcalloc(X86_REG_ENDING, sizeof *global_in); /* register -> the global's address it holds */
  struct global_loads loads = {0};
  /* Value numbering of the registers, for the address a write hook was told of and the address a store writes: a
   * register holds value `id` plus `offset`; a copy, a lea or an added constant keeps the id, anything else writes
   * a new one. A store after its write hook must lie inside what the hook announced when both are the same value
   * (inline assembly storing at another offset, or more bytes, than the hook before it says). */
  unsigned *value_id = xcalloc(X86_REG_ENDING, sizeof *value_id);
  int64_t *value_offset = xcalloc(X86_REG_ENDING, sizeof *value_offset);
  unsigned next_value = 1;
  for (size_t r = 0; r < X86_REG_ENDING; r++)
    value_id[r] = next_value++;
  unsigned hook_value = 0, hook_bytes = 0;
  int64_t hook_offset = 0;
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
        continue;
      }
      const cs_x86 *x86 = &insn->detail->x86;
      for (size_t l = 0; l < landing_count; l++)
        if (landings[l] == insn->address) {
          after_hook = false;
          read_hook_global = 0;
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
          after_hook = callee && is_write_hook(callee);
          function->calls_write_hook |= after_hook;
          hook_bytes = after_hook ? hook_size(callee) : 0;
          hook_value = value_id[X86_REG_RDI];
          hook_offset = value_offset[X86_REG_RDI];
          read_hook_global = callee && is_access_hook(callee) && !after_hook ? global_in[X86_REG_RDI] : 0;
          const char *told = callee && is_access_hook(callee) && global_in[X86_REG_RDI]
                                 ? symbol_at(image, global_in[X86_REG_RDI], false)
                                 : NULL;
          loads.last_hook_global = told;
          loads.last_hook_unknown = callee && is_access_hook(callee) && !told;
          if (told && after_hook)
            add_load_event(&loads, told, insn->address, NULL);
          if (told) {
            GROW(loads.hooked, loads.hooked_count, loads.hooked_capacity);
            loads.hooked[loads.hooked_count++] = told;
          } else if (callee && is_access_hook(callee) && !state.unwatched_address[X86_REG_RDI]) {
            loads.unknown_hook_argument = true;
          }
        }
        /* The System V ABI's caller-saved registers hold nothing known after a call. */
        static const x86_reg clobbered[] = {X86_REG_RAX, X86_REG_RCX, X86_REG_RDX, X86_REG_RSI, X86_REG_RDI,
                                            X86_REG_R8,  X86_REG_R9,  X86_REG_R10, X86_REG_R11};
        for (size_t c = 0; c < sizeof clobbered / sizeof *clobbered; c++) {
          global_in[clobbered[c]] = 0;
          value_id[clobbered[c]] = next_value++;
          value_offset[clobbered[c]] = 0;
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
      {
        unsigned kept_id = 0;
        int64_t kept_offset = 0;
        x86_reg kept_register = X86_REG_INVALID;
        if (x86->op_count == 2 && x86->operands[0].type == X86_OP_REG &&
            full_register(x86->operands[0].reg) < X86_REG_ENDING) {
          kept_register = full_register(x86->operands[0].reg);
          const cs_x86_op *source = &x86->operands[1];
          x86_reg from = source->type == X86_OP_REG   ? full_register(source->reg)
                         : source->type == X86_OP_MEM ? full_register(source->mem.base)
                                                      : X86_REG_INVALID;
          bool from_known = from != X86_REG_INVALID && from < X86_REG_ENDING && from != X86_REG_RIP;
          if (insn->id == X86_INS_MOV && source->type == X86_OP_REG && from_known)
            kept_id = value_id[from], kept_offset = value_offset[from];
          else if (insn->id == X86_INS_LEA && from_known && source->mem.index == X86_REG_INVALID)
            kept_id = value_id[from], kept_offset = value_offset[from] + source->mem.disp;
          else if ((insn->id == X86_INS_ADD || insn->id == X86_INS_SUB) && source->type == X86_OP_IMM)
            kept_id = value_id[kept_register],
            kept_offset = value_offset[kept_register] + (insn->id == X86_INS_ADD ? source->imm : -source->imm);
        }
        cs_regs read, written;
        uint8_t read_count = 0, written_count = 0;
        if (cs_regs_access(image->disassembler, insn, read, &read_count, written, &written_count) == CS_ERR_OK)
          for (uint8_t w = 0; w < written_count; w++) {
            x86_reg reg = full_register((x86_reg)written[w]);
            if (reg < X86_REG_ENDING)
              value_id[reg] = next_value++, value_offset[reg] = 0;
          }
        if (kept_id)
          value_id[kept_register] = kept_id, value_offset[kept_register] = kept_offset;
      }
      if (x86->op_count == 2 && x86->operands[0].type == X86_OP_REG &&
          full_register(x86->operands[0].reg) < X86_REG_ENDING) {
        x86_reg target = full_register(x86->operands[0].reg);
        const cs_x86_op *source = &x86->operands[1];
        x86_reg source_base = insn->id == X86_INS_LEA ? full_register(source->mem.base) : X86_REG_INVALID;
        if (insn->id == X86_INS_LEA && source_base == X86_REG_RIP && source->mem.index == X86_REG_INVALID)
          global_in[target] = insn->address + insn->size + (GElf_Addr)source->mem.disp;
        else if (insn->id == X86_INS_LEA && source_base < X86_REG_ENDING && global_in[source_base] &&
                 source->mem.index == X86_REG_INVALID)
          global_in[target] = global_in[source_base] + (GElf_Addr)source->mem.disp; /* a field of a known global */
        else if ((insn->id == X86_INS_ADD || insn->id == X86_INS_SUB) && source->type == X86_OP_IMM &&
                 global_in[target])
          global_in[target] += insn->id == X86_INS_ADD ? (GElf_Addr)source->imm : -(GElf_Addr)source->imm;
        else if (insn->id == X86_INS_MOV && source->type == X86_OP_REG && full_register(source->reg) < X86_REG_ENDING)
          global_in[target] = global_in[full_register(source->reg)];
        else if (insn->id == X86_INS_MOV && source->type == X86_OP_IMM && source->imm > 0 &&
                 is_writable_data(image, (GElf_Addr)source->imm))
          global_in[target] = (GElf_Addr)source->imm; /* a program linked without PIE: the address itself */
        else
          global_in[target] = 0;
      }
      if (touches_no_memory(insn->id)) {
        learn_registers(image, insn, &state);
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
      bool masked_move =
          insn->id == X86_INS_MASKMOVDQU || insn->id == X86_INS_MASKMOVQ || insn->id == X86_INS_VMASKMOVDQU;
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
        x86_reg base = full_register(op->mem.base);
        GElf_Addr target = op->mem.index != X86_REG_INVALID || loads.last_hook_unknown ? 0
                           : base == X86_REG_RIP ? insn->address + insn->size + (GElf_Addr)op->mem.disp
                           : base < X86_REG_ENDING && global_in[base] ? global_in[base] + (GElf_Addr)op->mem.disp
                                                                      : 0;
        const char *name = target && is_writable_data(image, target) ? symbol_at(image, target, false) : NULL;
        if (name && !(loads.last_hook_global && strcmp(loads.last_hook_global, name) == 0))
          add_load_event(&loads, name, insn->address,
                         xprintf("a load of %s at 0x%llx (%s %s)", name, (unsigned long long)insn->address,
                                 insn->mnemonic, insn->op_str));
      }
      if (!function->accesses_memory)
        function->accesses_memory = memory_access(image, insn, &state, false);
      if (judge_stores && !function->unhooked_store && !after_hook)
        function->unhooked_store = memory_access(image, insn, &state, true);
      for (uint8_t i = 0; after_hook && hook_bytes && !function->unhooked_store && i < x86->op_count; i++) {
        const cs_x86_op *op = &x86->operands[i];
        x86_reg base = op->type == X86_OP_MEM ? full_register(op->mem.base) : X86_REG_INVALID;
        bool frame = (base == X86_REG_RSP && !state.stack_foreign) || (base == X86_REG_RBP && state.frame_pointer) ||
                     (base < X86_REG_ENDING && state.unwatched_address[base]);
        if (base == X86_REG_INVALID || base >= X86_REG_ENDING || base == X86_REG_RIP || frame ||
            op->mem.index != X86_REG_INVALID || op->mem.segment != X86_REG_INVALID || !writes_operand(insn, i) ||
            value_id[base] != hook_value)
          continue; /* the frame's own slots (a spill right after a local's hook) are no access TSan owes a hook */
        int64_t start = value_offset[base] + op->mem.disp;
        if (start < hook_offset || start + op->size > hook_offset + (int64_t)hook_bytes)
          function->unhooked_store =
              xprintf("a store of %u bytes at offset %lld from the address its write hook announced %u bytes at "
                      "(0x%llx: %s %s)",
                      (unsigned)op->size, (long long)(start - hook_offset), hook_bytes,
                      (unsigned long long)insn->address, insn->mnemonic, insn->op_str);
      }
      if (!function->first_store)
        function->first_store = memory_access(image, insn, &state, true);
      for (uint8_t i = 0; !judge_stores && read_hook_global && !function->unhooked_store && i < x86->op_count; i++) {
        const cs_x86_op *op = &x86->operands[i];
        if (op->type == X86_OP_MEM && op->mem.base == X86_REG_RIP && op->mem.index == X86_REG_INVALID &&
            writes_operand(insn, i) && insn->address + insn->size + (GElf_Addr)op->mem.disp == read_hook_global)
          function->unhooked_store = memory_access(image, insn, &state, true);
      }
      learn_registers(image, insn, &state);
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
  free(value_id);
  free(value_offset);
  char *unhooked = unhooked_load_of(&loads, judge_stores);
  if (!function->unhooked_load)
    function->unhooked_load = unhooked;
  else
    free(unhooked);
  free(global_in);
}

static void read_ranges(Dwarf_Die *die, struct ranges *ranges) {
  Dwarf_Addr base, start, end;
  ptrdiff_t offset = 0;
  while ((offset = dwarf_ranges(die, offset, &base, &start, &end)) > 0) {
    if (end <= start)
      continue;
    GROW(ranges->pairs, ranges->count, ranges->capacity);
    ranges->pairs[ranges->count][0] = start;
    ranges->pairs[ranges->count][1] = end;
    ranges->count++;
  }
}

/* The file a compile unit was made from, as a path the harness can stat: DW_AT_name, against DW_AT_comp_dir when
 * relative. */
static char *unit_path(Dwarf_Die *unit, Dwarf_Die *skeleton) {
  const char *name = dwarf_diename(unit);
  if (!name)
    return NULL;
  if (name[0] == '/')
    return xstrdup(name);
  Dwarf_Attribute attribute;
  const char *folder = dwarf_formstring(dwarf_attr(unit, DW_AT_comp_dir, &attribute));
  if (!folder)
    folder = dwarf_formstring(dwarf_attr(skeleton, DW_AT_comp_dir, &attribute));
  return folder ? xprintf("%s/%s", folder, name) : xstrdup(name);
}

/* Whether two paths name one file (the same device and inode): a path is never compared as text. */
static bool same_file(const char *a, const struct stat *b) {
  struct stat info;
  return a && stat(a, &info) == 0 && info.st_dev == b->st_dev && info.st_ino == b->st_ino;
}

/* Whether every store outside the frame in this unit's TSan-instrumented code must follow its own hook: true of
 * clang's units, whose pass turns each memset, memcpy and memmove into a call (ThreadSanitizer.cpp,
 * instrumentMemIntrinsic) before the backend could expand it. gcc's pass leaves those builtins alone (tsan.cc
 * instruments the __atomic and __sync builtins only), so gcc -O1 and above expands a small memset of a global into
 * plain stores no hook announces, in a build that is not wrong: its units are judged by the other rules only. The
 * compiler is read from the unit itself (DW_AT_producer). */
static bool stores_need_hooks(Dwarf_Die *unit) {
  Dwarf_Attribute attribute;
  const char *producer = dwarf_formstring(dwarf_attr(unit, DW_AT_producer, &attribute));
  return producer && strstr(producer, "clang") != NULL;
}

/* The flag the unit's recorded command line turns TSan's instrumentation off with, or NULL: DW_AT_producer, where
 * gcc records its flags by default (gcc dwarf2out.cc, gen_producer_string) and clang with -grecord-gcc-switches
 * (clang's DwarfDebugFlags). */
static char *recorded_off_flag(const struct off_flag_rules *rules, Dwarf_Die *unit) {
  Dwarf_Attribute attribute;
  const char *producer = dwarf_formstring(dwarf_attr(unit, DW_AT_producer, &attribute));
  return producer ? off_flag_in_command_line(rules, producer) : NULL;
}

struct unit_walk {
  const struct image *image;
  struct instrumentation *facts;
  struct program_scan *scan;
  const char *file;     /* the file under test, or NULL for another unit */
  bool judge_stores;    /* whether a store without its hook is a gap in this unit (stores_need_hooks) */
  const char *off_flag; /* the unit's recorded flag that turns TSan's instrumentation off, or NULL */
  bool any_tsan_call, any_code_to_watch;
  char **names; /* another unit's functions, NULL-terminated: what an `in FUNCTION` marker may name */
};

static void push_string(char ***list, char *text);
static void free_list(char **list);

static int visit_function(Dwarf_Die *die, void *arg) {
  struct unit_walk *walk = arg;
  struct ranges ranges = {0};
  read_ranges(die, &ranges);
  if (ranges.count == 0) {
    free(ranges.pairs);
    return DWARF_CB_OK;
  }
  const char *name = dwarf_diename(die);
  int line = 0;
  dwarf_decl_line(die, &line);
  struct function_facts function = {.name = xstrdup(name ? name : "?"),
                                    .file = walk->file ? xstrdup(walk->file) : NULL,
                                    .line = line > 0 ? (size_t)line : 0};
  scan_code(walk->image, &ranges, walk->judge_stores, &function, walk->scan);
  for (size_t r = 0; r < ranges.count; r++) {
    GROW(walk->scan->described.pairs, walk->scan->described.count, walk->scan->described.capacity);
    memcpy(walk->scan->described.pairs[walk->scan->described.count++], ranges.pairs[r], sizeof ranges.pairs[r]);
  }
  free(ranges.pairs);
  walk->any_tsan_call |= function.calls_func_entry || function.calls_access_hook;
  bool code_to_watch =
      function.makes_calls || function.writes_global || function.accesses_memory || function.atomic_instruction;
  walk->any_code_to_watch |= code_to_watch;
  if (walk->off_flag && code_to_watch)
    function.off_flag = xstrdup(walk->off_flag);
  if (walk->file) {
    struct instrumentation *facts = walk->facts;
    GROW(facts->functions, facts->function_count, facts->function_capacity);
    facts->functions[facts->function_count++] = function;
  } else {
    push_string(&walk->names, function.name);
    free(function.file);
    free(function.writes_global);
    free(function.accesses_memory);
    free(function.atomic_instruction);
    free(function.unhooked_store);
    free(function.first_store);
    free(function.unhooked_load);
    free(function.undecodable);
    free(function.off_flag);
  }
  return DWARF_CB_OK;
}

static void push_string(char ***list, char *text) {
  size_t n = 0;
  while (*list && (*list)[n])
    n++;
  *list = xrealloc(*list, (n + 2) * sizeof **list);
  (*list)[n] = text;
  (*list)[n + 1] = NULL;
}

static bool list_holds(char **list, const char *text) {
  for (size_t i = 0; list && list[i]; i++)
    if (strcmp(list[i], text) == 0)
      return true;
  return false;
}

static void read_exported_functions(Elf *elf, struct library_facts *library) {
  Elf_Scn *table = NULL;
  while ((table = elf_nextscn(elf, table)) != NULL) {
    GElf_Shdr header;
    Elf_Data *symbols = gelf_getshdr(table, &header) && header.sh_type == SHT_DYNSYM && header.sh_entsize
                            ? elf_getdata(table, NULL)
                            : NULL;
    for (size_t s = 0; symbols && s < header.sh_size / header.sh_entsize; s++) {
      GElf_Sym sym;
      const char *name =
          gelf_getsym(symbols, (int)s, &sym) && sym.st_shndx != SHN_UNDEF && GELF_ST_TYPE(sym.st_info) == STT_FUNC
              ? elf_strptr(elf, header.sh_link, sym.st_name)
              : NULL;
      if (name && *name)
        push_string(&library->exported_functions, xstrdup(name));
    }
  }
}

static bool imports_a_tsan_hook(Elf *library) {
  Elf_Scn *table = NULL;
  while ((table = elf_nextscn(library, table)) != NULL) {
    GElf_Shdr header;
    Elf_Data *symbols = gelf_getshdr(table, &header) && header.sh_type == SHT_DYNSYM && header.sh_entsize
                            ? elf_getdata(table, NULL)
                            : NULL;
    for (size_t s = 0; symbols && s < header.sh_size / header.sh_entsize; s++) {
      GElf_Sym sym;
      const char *name = gelf_getsym(symbols, (int)s, &sym) && sym.st_shndx == SHN_UNDEF
                             ? elf_strptr(library, header.sh_link, sym.st_name)
                             : NULL;
      if (name && (is_entry_exit(name) || is_access_hook(name)))
        return true;
    }
  }
  return false;
}

static void add_unit(char ***units, char ****unit_functions, char ***unit_flags, const char *path, char **names,
                     const char *off_flag) {
  size_t count = 0;
  while (*units && (*units)[count])
    count++;
  push_string(units, xstrdup(path));
  *unit_functions = xrealloc(*unit_functions, (count + 1) * sizeof **unit_functions);
  (*unit_functions)[count] = names;
  push_string(unit_flags, xstrdup(off_flag ? off_flag : ""));
}

static int open_image(const char *binary, struct image *image, char **error);
static void close_image(struct image *image);

/* The size of the program's own function `name`, or -1 (a program_symbol_size for runtime_archive_find). */
static int64_t program_size_of(const char *name, void *context) {
  const struct image *image = context;
  for (size_t i = 0; i < image->symbol_count; i++)
    if (strcmp(image->symbols[i].name, name) == 0)
      return (int64_t)image->symbols[i].size;
  return -1;
}

/* The first of the symbols that start at `address` (image->symbols is sorted), and how many do. */
static const struct symbol *symbols_at(const struct image *image, GElf_Addr address, size_t *count) {
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

/* Whether every name the program gives the function at `address` is one `archive` defines, with the program's
 * size. */
static bool archive_function(const struct image *image, struct runtime_archive *archive, GElf_Addr address) {
  size_t count = 0;
  const struct symbol *names = symbols_at(image, address, &count);
  if (!archive || count == 0)
    return false;
  for (size_t i = 0; i < count; i++)
    if (!runtime_archive_defines(archive, names[i].name, names[i].size))
      return false;
  return true;
}

/* Whether the function at `address` is the system's, linked in from an archive: TSan's runtime (when the program
 * carries it) or the C library's static part. */
static bool is_system_function(const struct image *image, GElf_Addr address) {
  return (image->static_runtime && archive_function(image, image->archive, address)) ||
         archive_function(image, image->libc_archive, address);
}

/* The TSan hooks (entry/exit and access hooks: what the proof counts as instrumentation) that the program's own
 * link defines, and whether each is the runtime's. With the runtime in a shared library (gcc's default), the
 * program defines none: a definition of its own takes every call the compiler made to it (the executable comes
 * first in the loader's lookup). With the runtime linked in, each must be the archive's function of that name and
 * no other name may share its address: an assembler `.set`, a linker --defsym or an alias attribute makes one hook
 * another, and a call the code makes to __tsan_write4 then announces a read. */
static void check_hook_definitions(const struct image *image, struct instrumentation *facts) {
  Elf_Scn *scn = NULL;
  while ((scn = elf_nextscn(image->elf, scn)) != NULL) {
    GElf_Shdr shdr;
    Elf_Data *data =
        gelf_getshdr(scn, &shdr) && (shdr.sh_type == SHT_SYMTAB || shdr.sh_type == SHT_DYNSYM) && shdr.sh_entsize
            ? elf_getdata(scn, NULL)
            : NULL;
    for (size_t i = 0; data && i < shdr.sh_size / shdr.sh_entsize; i++) {
      GElf_Sym sym;
      const char *name = gelf_getsym(data, (int)i, &sym) && sym.st_shndx != SHN_UNDEF
                             ? elf_strptr(image->elf, shdr.sh_link, sym.st_name)
                             : NULL;
      if (!name || !(is_entry_exit(name) || is_access_hook(name)))
        continue;
      char *problem = NULL;
      size_t count = 0;
      const struct symbol *others = symbols_at(image, sym.st_value, &count);
      const char *other = NULL;
      for (size_t o = 0; o < count && !other; o++) {
        if (strcmp(others[o].name, name) == 0)
          continue;
        /* Identical code folding (lld's --icf=all) gives two of the runtime's functions that compile to the same
         * bytes one address (__tsan_atomic_signal_fence and an empty weak hook): both the archive's, of one size,
         * and, when both are hooks, of one kind (a write hook folded with a read hook would announce a read as a
         * write). */
        bool both_hooks = is_entry_exit(others[o].name) || is_access_hook(others[o].name);
        bool folded = image->static_runtime && image->archive && others[o].size == sym.st_size &&
                      runtime_archive_defines(image->archive, name, sym.st_size) &&
                      (!both_hooks || (is_write_hook(others[o].name) == is_write_hook(name) &&
                                       is_entry_exit(others[o].name) == is_entry_exit(name) &&
                                       runtime_archive_defines(image->archive, others[o].name, others[o].size)));
        if (!folded)
          other = others[o].name;
      }
      if (!image->static_runtime)
        problem = xprintf("the program defines %s itself (at 0x%llx), in place of the runtime library's", name,
                          (unsigned long long)sym.st_value);
      else if (other)
        problem = xprintf("%s and %s are one function (both at 0x%llx)", strcmp(name, other) < 0 ? name : other,
                          strcmp(name, other) < 0 ? other : name, (unsigned long long)sym.st_value);
      else if (image->archive && !runtime_archive_defines(image->archive, name, sym.st_size))
        problem = xprintf("the program's %s (%llu bytes at 0x%llx) is not the runtime's: %s has none of that size",
                          name, (unsigned long long)sym.st_size, (unsigned long long)sym.st_value,
                          runtime_archive_path(image->archive));
      if (problem && !list_holds(facts->replaced_hooks, problem))
        push_string(&facts->replaced_hooks, problem);
      else
        free(problem);
    }
  }
}

/* The address ranges of a unit's global variables (DW_TAG_variable children of the unit located by DW_OP_addr, with
 * the size of their type): the program's own data, where a table of function pointers lives. */
static void read_variable_ranges(Dwarf_Die *unit, struct ranges *variables) {
  Dwarf_Die child;
  if (dwarf_child(unit, &child) != 0)
    return;
  do {
    if (dwarf_tag(&child) != DW_TAG_variable)
      continue;
    Dwarf_Attribute location, type_attribute;
    Dwarf_Op *ops = NULL;
    size_t op_count = 0;
    Dwarf_Die type;
    Dwarf_Word size = 0;
    if (!dwarf_attr(&child, DW_AT_location, &location) || dwarf_getlocation(&location, &ops, &op_count) != 0 ||
        op_count != 1 || !dwarf_attr_integrate(&child, DW_AT_type, &type_attribute) ||
        !dwarf_formref_die(&type_attribute, &type) || dwarf_aggregate_size(&type, &size) != 0 || size == 0)
      continue;
    /* DWARF 5 (clang's default) names the address by its index in .debug_addr: DW_OP_addrx. */
    Dwarf_Addr address = 0;
    Dwarf_Attribute indexed;
    if (ops[0].atom == DW_OP_addr)
      address = ops[0].number;
    else if ((ops[0].atom == DW_OP_addrx || ops[0].atom == DW_OP_GNU_addr_index) &&
             dwarf_getlocation_attr(&location, &ops[0], &indexed) == 0)
      dwarf_formaddr(&indexed, &address);
    if (!address)
      continue;
    GROW(variables->pairs, variables->count, variables->capacity);
    variables->pairs[variables->count][0] = address;
    variables->pairs[variables->count][1] = address + size;
    variables->count++;
  } while (dwarf_siblingof(&child, &child) == 0);
}

/* The code addresses the program's own variables hold: a table of function pointers, filled at link time (the
 * file's bytes, in a program without PIE) or by the loader (a relocation: R_X86_64_RELATIVE's addend, or a symbol of
 * the program). Each is a function the program may call, reached from the case. */
static void note_code_in_variables(const struct image *image, const char *file, struct program_scan *scan) {
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

/* Whether the code at `address` is a jump through a RIP-relative slot outside the code (after an endbr64 or a bnd
 * prefix): a PLT stub. */
static bool is_plt_stub(const struct image *image, GElf_Addr address) {
  size_t length = 32;
  const uint8_t *code = code_at(image, address, &length);
  cs_insn *insn = NULL;
  size_t count = code ? cs_disasm(image->disassembler, code, length, address, 2, &insn) : 0;
  bool stub = false;
  for (size_t i = 0; i < count; i++) {
    if (insn[i].id == X86_INS_ENDBR64)
      continue;
    const cs_x86 *x86 = &insn[i].detail->x86;
    stub = insn[i].id == X86_INS_JMP && x86->op_count == 1 && x86->operands[0].type == X86_OP_MEM &&
           x86->operands[0].mem.base == X86_REG_RIP && x86->operands[0].mem.index == X86_REG_INVALID &&
           !is_code(image, insn[i].address + insn[i].size + (GElf_Addr)x86->operands[0].mem.disp);
    break;
  }
  if (count)
    cs_free(insn, count);
  return stub;
}

/* The size of a symbol that starts at `address`, or 0 when none has one. */
static GElf_Xword symbol_size_at(const struct image *image, GElf_Addr address) {
  size_t count = 0;
  const struct symbol *names = symbols_at(image, address, &count);
  for (size_t i = 0; i < count; i++)
    if (names[i].size)
      return names[i].size;
  return 0;
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

/* Follows what the functions of the files under test call, jump to or take the address of. A target that no
 * compile unit describes, that is no PLT stub and no function of the runtime is code the harness has not read:
 * assembly in a top-level asm block or a .s file, an object built without -g. It is read here like a function of
 * the file that reaches it, and so judged by the same rules (a store with no hook, no TSan call at all). */
static void follow_code_targets(const struct image *image, struct instrumentation *facts, struct program_scan *scan) {
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
      facts->uninstrumented_unit_callers[span->unit] = xprintf(
          "%s's %s reaches its %s", target.file, target.caller ? target.caller : "code", callee ? callee : "code");
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
    scan_code(image, &ranges, true, &function, scan);
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

/* What a library's own DWARF and code show: the sources it was built from that exist here (the project's code: a
 * system package's library names sources that are not on this machine, or has no DWARF at all), and its compile
 * units that TSan did not instrument. A library without DWARF or not x86-64 keeps only what its imports show. */
static void read_library_code(struct library_facts *library, const struct off_flag_rules *rules) {
  struct image image;
  char *error = NULL;
  if (open_image(library->path, &image, &error) != 0) {
    free(error);
    close_image(&image);
    return;
  }
  library->code_read = true;
  struct instrumentation scratch = {0}; /* its annotation calls are the library's business, not the case's */
  struct program_scan library_scan = {.facts = &scratch};
  Dwarf_CU *cu = NULL;
  Dwarf_Die skeleton, split;
  uint8_t unit_type;
  while (dwarf_get_units(image.dwarf, cu, &cu, NULL, &unit_type, &skeleton, &split) == 0) {
    bool split_found = unit_type == DW_UT_skeleton && dwarf_tag(&split) == DW_TAG_compile_unit;
    if (unit_type != DW_UT_compile && !split_found)
      continue;
    Dwarf_Die *unit = split_found ? &split : &skeleton;
    char *path = unit_path(unit, &skeleton);
    struct stat info;
    if (path && !library->own_source && stat(path, &info) == 0 && S_ISREG(info.st_mode))
      library->own_source = xstrdup(path);
    char *off_flag = recorded_off_flag(rules, unit);
    struct unit_walk walk = {&image, &scratch, &library_scan, NULL, false, off_flag, false, false, NULL};
    dwarf_getfuncs(unit, visit_function, &walk, 0);
    if ((!walk.any_tsan_call || off_flag) && walk.any_code_to_watch && path &&
        !list_holds(library->uninstrumented_units, path)) {
      add_unit(&library->uninstrumented_units, &library->uninstrumented_unit_functions,
               &library->uninstrumented_unit_flags, path, walk.names, off_flag);
      walk.names = NULL;
    }
    free_list(walk.names);
    free(off_flag);
    free(path);
  }
  program_scan_free(&library_scan);
  instrumentation_free(&scratch);
  close_image(&image);
}

static void add_library(struct instrumentation *facts, const char *path, const char *needed,
                        const struct off_flag_rules *rules) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return;
  Elf *elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
  if (elf && elf_kind(elf) == ELF_K_ELF) {
    GROW(facts->libraries, facts->library_count, facts->library_capacity);
    struct library_facts *library = &facts->libraries[facts->library_count++];
    *library = (struct library_facts){.path = xstrdup(path), .needed = xstrdup(needed)};
    library->instrumented = imports_a_tsan_hook(elf);
    read_exported_functions(elf, library);
    read_library_code(library, rules);
  }
  if (elf)
    elf_end(elf);
  close(fd);
}

/* The DT_SONAME of the shared object at `path`, or NULL. */
static char *shared_object_name(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return NULL;
  Elf *elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
  char *name = NULL;
  Elf_Scn *scn = NULL;
  while (elf && elf_kind(elf) == ELF_K_ELF && !name && (scn = elf_nextscn(elf, scn)) != NULL) {
    GElf_Shdr shdr;
    Elf_Data *data =
        gelf_getshdr(scn, &shdr) && shdr.sh_type == SHT_DYNAMIC && shdr.sh_entsize ? elf_getdata(scn, NULL) : NULL;
    for (size_t i = 0; data && !name && i < shdr.sh_size / shdr.sh_entsize; i++) {
      GElf_Dyn dyn;
      const char *text = gelf_getdyn(data, (int)i, &dyn) && dyn.d_tag == DT_SONAME
                             ? elf_strptr(elf, shdr.sh_link, dyn.d_un.d_val)
                             : NULL;
      if (text && *text)
        name = xstrdup(text);
    }
  }
  if (elf)
    elf_end(elf);
  close(fd);
  return name;
}

static void library_facts_free(struct library_facts *library) {
  for (size_t u = 0; library->uninstrumented_units && library->uninstrumented_units[u]; u++)
    free_list(library->uninstrumented_unit_functions[u]);
  free(library->uninstrumented_unit_functions);
  free_list(library->uninstrumented_units);
  free_list(library->uninstrumented_unit_flags);
  free(library->path);
  free(library->needed);
  free(library->own_source);
  free_list(library->exported_functions);
}

void instrumentation_add_loaded(struct instrumentation *facts, const char *binary, const char *const *loaded) {
  char *error = NULL;
  struct off_flag_rules *rules = off_flag_rules_new(&error);
  free(error);
  struct stat program;
  bool program_known = stat(binary, &program) == 0;
  for (size_t i = 0; rules && loaded && loaded[i]; i++) {
    struct stat file;
    if (stat(loaded[i], &file) != 0 || !S_ISREG(file.st_mode) ||
        (program_known && file.st_dev == program.st_dev && file.st_ino == program.st_ino))
      continue;
    bool listed = false;
    for (size_t l = 0; l < facts->library_count && !listed; l++)
      listed = same_file(facts->libraries[l].path, &file);
    if (listed)
      continue;
    /* The name the program asked the loader for is the library's DT_SONAME (the map holds the file the symbolic
     * links lead to, libpool.so.0.0.0 for libpool.so.0); its file name when it has none. */
    char *soname = shared_object_name(loaded[i]);
    const char *slash = strrchr(loaded[i], '/');
    size_t before = facts->library_count;
    add_library(facts, loaded[i], soname ? soname : slash ? slash + 1 : loaded[i], rules);
    free(soname);
    /* A system library (libc, the TSan runtime) shows no source of this machine: the runtime intercepts what
     * matters of it, as of the libraries the loader finds in its default folders. */
    if (facts->library_count > before && !facts->libraries[before].own_source)
      library_facts_free(&facts->libraries[--facts->library_count]);
  }
  off_flag_rules_free(rules);
}

/* The program's own shared objects: DT_NEEDED names found in its DT_RUNPATH or DT_RPATH folders ($ORIGIN
 * expanded), and those the link named by an absolute path. */
static void read_libraries(const char *binary, const struct image *image, struct instrumentation *facts,
                           const struct off_flag_rules *rules) {
  Elf_Scn *scn = NULL;
  while ((scn = elf_nextscn(image->elf, scn)) != NULL) {
    GElf_Shdr shdr;
    if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_DYNAMIC || shdr.sh_entsize == 0)
      continue;
    Elf_Data *data = elf_getdata(scn, NULL);
    size_t count = shdr.sh_size / shdr.sh_entsize;
    const char *search = NULL;
    for (size_t i = 0; data && i < count; i++) {
      GElf_Dyn dyn;
      if (gelf_getdyn(data, (int)i, &dyn) && (dyn.d_tag == DT_RUNPATH || (dyn.d_tag == DT_RPATH && !search)))
        search = elf_strptr(image->elf, shdr.sh_link, dyn.d_un.d_val);
    }
    char *copy = xstrdup(binary);
    char *origin = xstrdup(dirname(copy));
    free(copy);
    for (size_t i = 0; data && i < count; i++) {
      GElf_Dyn dyn;
      if (!gelf_getdyn(data, (int)i, &dyn) || dyn.d_tag != DT_NEEDED)
        continue;
      const char *needed = elf_strptr(image->elf, shdr.sh_link, dyn.d_un.d_val);
      if (needed && needed[0] == '/') {
        add_library(facts, needed, needed, rules);
        continue;
      }
      char *folders = xstrdup(search ? search : "");
      for (char *save = NULL, *folder = strtok_r(folders, ":", &save); needed && folder;
           folder = strtok_r(NULL, ":", &save)) {
        char *expanded = starts_with(folder, "$ORIGIN") ? xprintf("%s%s", origin, folder + 7) : xstrdup(folder);
        char *path = xprintf("%s/%s", expanded, needed);
        free(expanded);
        bool exists = access(path, F_OK) == 0;
        if (exists)
          add_library(facts, path, needed, rules);
        free(path);
        if (exists)
          break;
      }
      free(folders);
    }
    free(origin);
    return;
  }
}

static void close_image(struct image *image) {
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

static int open_image(const char *binary, struct image *image, char **error) {
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

int instrumentation_read(const char *binary, const char *const *files, struct instrumentation *facts, char **error) {
  *facts = (struct instrumentation){0};
  struct image image;
  if (open_image(binary, &image, error) != 0) {
    close_image(&image);
    return -1;
  }
  struct off_flag_rules *rules = off_flag_rules_new(error);
  if (!rules) {
    close_image(&image);
    return -1;
  }
  image.static_runtime = program_size_of("__tsan_init", &image) >= 0;
  if (image.static_runtime)
    image.archive = runtime_archive_find(program_size_of, &image, &facts->runtime_unknown);
  image.libc_archive = runtime_archive_libc_nonshared();
  check_hook_definitions(&image, facts);
  size_t file_count = 0;
  while (files[file_count])
    file_count++;
  struct stat *identities = xcalloc(file_count + 1, sizeof *identities);
  bool *found = xcalloc(file_count + 1, sizeof *found);
  for (size_t f = 0; f < file_count; f++)
    if (stat(files[f], &identities[f]) != 0)
      identities[f] = (struct stat){0};
  int status = 0;
  struct program_scan scan = {.facts = facts};
  Dwarf_CU *cu = NULL;
  Dwarf_Die skeleton, split;
  uint8_t unit_type;
  while (status == 0 && dwarf_get_units(image.dwarf, cu, &cu, NULL, &unit_type, &skeleton, &split) == 0) {
    if (unit_type != DW_UT_compile && unit_type != DW_UT_skeleton)
      continue;
    /* -gsplit-dwarf: the functions are in the split unit libdw found beside (the .dwo, by DW_AT_comp_dir and
     * DW_AT_dwo_name); a skeleton whose split unit is gone cannot be read. */
    bool split_found = unit_type == DW_UT_skeleton && dwarf_tag(&split) == DW_TAG_compile_unit;
    Dwarf_Die *unit = split_found ? &split : &skeleton;
    char *path = unit_path(unit, &skeleton);
    size_t f = 0;
    while (f < file_count && !(identities[f].st_ino && same_file(path, &identities[f])))
      f++;
    if (unit_type == DW_UT_skeleton && !split_found) {
      Dwarf_Attribute attribute;
      const char *dwo = dwarf_formstring(dwarf_attr(&skeleton, DW_AT_dwo_name, &attribute));
      *error = xprintf("%s keeps debug information in a separate file (-gsplit-dwarf), %s, which cannot be read",
                       binary, dwo ? dwo : "(unnamed)");
      status = -1;
    } else {
      char *off_flag = recorded_off_flag(rules, unit);
      struct unit_walk walk = {
          &image, facts, &scan, f < file_count ? files[f] : NULL, stores_need_hooks(unit), off_flag,
          false,  false, NULL};
      size_t first_range = scan.described.count;
      dwarf_getfuncs(unit, visit_function, &walk, 0);
      read_variable_ranges(unit, &scan.variables);
      if (f < file_count)
        found[f] = true;
      else if ((!walk.any_tsan_call || off_flag) && walk.any_code_to_watch && path &&
               !list_holds(facts->uninstrumented_units, path)) {
        size_t index = 0;
        while (facts->uninstrumented_units && facts->uninstrumented_units[index])
          index++;
        add_unit(&facts->uninstrumented_units, &facts->uninstrumented_unit_functions, &facts->uninstrumented_unit_flags,
                 path, walk.names, off_flag);
        push_string(&facts->uninstrumented_unit_callers, xstrdup(""));
        GROW(scan.spans, scan.span_count, scan.span_capacity);
        scan.spans[scan.span_count++] = (struct unit_span){index, first_range, scan.described.count};
        walk.names = NULL;
      }
      free_list(walk.names);
      free(off_flag);
    }
    free(path);
  }
  for (size_t f = 0; f < file_count; f++)
    if (!found[f])
      push_string(&facts->files_without_unit, xstrdup(files[f]));
  if (status == 0 && !facts->runtime_unknown) {
    if (file_count)
      note_code_in_variables(&image, files[0], &scan);
    follow_code_targets(&image, facts, &scan);
  }
  /* A program that looks functions up by name calls every runtime function whose name its code points at. */
  for (size_t i = 0; i < scan.named_count; i++) {
    enum hiding_kind kind;
    if (scan.lookup && runtime_call_class(scan.named[i].name, &kind) == RUNTIME_CALL_HIDES)
      add_hiding_call(facts, kind, scan.named[i].name,
                      xprintf("%s, by name through %s in %s", scan.named[i].holder, scan.lookup, scan.lookup_caller));
  }
  program_scan_free(&scan);
  /* A strong definition in the program replaces the runtime's weak one (in a static runtime the weak one is gone). */
  enum {
    REPORT_HOOKS = sizeof report_hooks / sizeof *report_hooks,
    OPTION_HOOKS = sizeof option_hooks / sizeof *option_hooks
  };
  const char *hooks[REPORT_HOOKS + OPTION_HOOKS];
  bool defined[REPORT_HOOKS + OPTION_HOOKS];
  for (size_t h = 0; h < REPORT_HOOKS; h++)
    hooks[h] = report_hooks[h];
  for (size_t h = 0; h < OPTION_HOOKS; h++)
    hooks[REPORT_HOOKS + h] = option_hooks[h];
  elf_defines_symbols_in(image.elf, hooks, REPORT_HOOKS + OPTION_HOOKS, defined);
  for (size_t h = 0; h < REPORT_HOOKS; h++)
    if (defined[h])
      push_string(&facts->report_hooks, xstrdup(report_hook_names[h]));
  for (size_t h = 0; h < OPTION_HOOKS; h++)
    if (defined[REPORT_HOOKS + h])
      push_string(&facts->default_options, xstrdup(option_hooks[h]));
  read_libraries(binary, &image, facts, rules);
  off_flag_rules_free(rules);
  free(identities);
  free(found);
  close_image(&image);
  if (status != 0)
    instrumentation_free(facts);
  return status;
}

enum instrumentation_gap function_gap(const struct function_facts *function) {
  if (function->off_flag)
    return GAP_RECORDED_OFF;
  bool owes_entry = function->makes_calls && !function->calls_func_entry;
  bool owes_hooks = function->writes_global && !function->calls_access_hook;
  /* Not one TSan call, yet memory TSan's pass instruments (a global through its GOT slot, a pointer argument):
   * the pass never saw this function. One with calls of its own but no hook stays GAP_ENTRY_EXIT below: both
   * passes drop the hooks of a function whose accesses they prove constant or local, never its entry/exit. */
  if (!function->calls_func_entry && !function->calls_access_hook && (owes_entry || owes_hooks))
    return GAP_EVERYTHING;
  if (!function->calls_func_entry && !function->calls_access_hook && function->accesses_memory)
    return GAP_EVERYTHING;
  if (function->undecodable)
    return GAP_UNREADABLE;
  if (function->atomic_instruction)
    return GAP_ATOMICS;
  if (owes_hooks)
    return GAP_ACCESSES;
  if (function->unhooked_load)
    return GAP_LOADS;
  if (function->unhooked_store)
    return GAP_STORES;
  if (owes_entry)
    return GAP_ENTRY_EXIT;
  return GAP_NONE;
}

static void free_list(char **list) {
  for (size_t i = 0; list && list[i]; i++)
    free(list[i]);
  free(list);
}

void instrumentation_free(struct instrumentation *facts) {
  for (size_t i = 0; i < facts->function_count; i++) {
    free(facts->functions[i].name);
    free(facts->functions[i].file);
    free(facts->functions[i].writes_global);
    free(facts->functions[i].accesses_memory);
    free(facts->functions[i].atomic_instruction);
    free(facts->functions[i].unhooked_store);
    free(facts->functions[i].first_store);
    free(facts->functions[i].unhooked_load);
    free(facts->functions[i].undecodable);
    free(facts->functions[i].off_flag);
  }
  free(facts->functions);
  for (size_t i = 0; i < facts->annotation_count; i++) {
    free(facts->annotations[i].callee);
    free(facts->annotations[i].caller);
  }
  free(facts->annotations);
  free_list(facts->files_without_unit);
  for (size_t i = 0; facts->uninstrumented_units && facts->uninstrumented_units[i]; i++)
    free_list(facts->uninstrumented_unit_functions[i]);
  free(facts->uninstrumented_unit_functions);
  free_list(facts->uninstrumented_units);
  free_list(facts->uninstrumented_unit_flags);
  free_list(facts->uninstrumented_unit_callers);
  free_list(facts->report_hooks);
  free_list(facts->default_options);
  for (size_t i = 0; i < facts->library_count; i++)
    library_facts_free(&facts->libraries[i]);
  free(facts->libraries);
  free_list(facts->report_redirects);
  free_list(facts->replaced_hooks);
  free_list(facts->library_calls);
  free(facts->runtime_unknown);
  *facts = (struct instrumentation){0};
}
