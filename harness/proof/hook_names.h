/* hook_names.h: the calls TSan's compiler pass inserts, told apart by the runtime's interface names. */
#ifndef TSAN_VERIFY_HOOK_NAMES_H
#define TSAN_VERIFY_HOOK_NAMES_H

#include <stdbool.h>

/* The calls TSan's compiler pass inserts, by the runtime's interface (compiler-rt tsan_interface.h, gcc's
 * sanitizer.def): entry/exit, and one hook per access. Any other call, __tsan_acquire included, is the program's. */
bool is_access_hook(const char *name);

/* The hooks that announce a write: a store TSan instrumented follows one of these, never a read hook
 * (LLVM ThreadSanitizer.cpp instrumentLoadOrStore picks __tsan_write* or __tsan_unaligned_write* for a store;
 * instrumentMemIntrinsic the memset/memcpy/memmove calls; gcc tsan.cc instrument_expr the same for is_write). An
 * atomic operation other than a load writes through the runtime itself. */
bool is_write_hook(const char *name);

/* The bytes a read or write hook announces (__tsan_write4: 4, __tsan_unaligned_write8: 8), or 0 for one that
 * announces a range or an atomic operation. */
unsigned hook_size(const char *name);

/* The bytes a fixed-size read or write hook announces (__tsan_read8: 8), or 0. */
unsigned access_hook_size(const char *name);

/* __tsan_func_entry and __tsan_func_exit. */
bool is_entry_exit(const char *name);

/* The hooks that make the access they announce themselves (LLVM ThreadSanitizer.cpp: instrumentMemIntrinsic and
 * instrumentAtomic replace the instruction with the call; gcc tsan.cc instrument_builtin_call the same for the
 * __atomic builtins): no store of the program's follows them as theirs. */
bool performs_its_access(const char *name);

/* The hooks that write none of the program's memory: what the program's frame slots held before the call, they hold
 * after it. */
bool writes_no_program_memory(const char *name);

/* Calls the compiler adds after TSan's pass ran (so no entry/exit was owed for them): the stack protector's. And
 * the module constructor's call to __tsan_init. */
bool is_after_pass_call(const char *name);

/* The runtime's entry points that send its reports elsewhere than the log_path it was given: a file of the
 * program's choice, or a descriptor (compiler-rt sanitizer_common/sanitizer_file.cpp: __sanitizer_set_report_path
 * and __sanitizer_set_report_fd, both replacing report_file's path or fd for the rest of the process). */
bool is_report_redirect(const char *name);

#endif
