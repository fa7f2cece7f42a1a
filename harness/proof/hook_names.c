/* hook_names.c: the calls TSan's compiler pass inserts, told apart by the runtime's interface names (hook_names.h). */
#include "proof/hook_names.h"
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

bool is_access_hook(const char *name) {
  static const char *const prefixes[] = {"__tsan_read",      "__tsan_write",  "__tsan_unaligned_",
                                         "__tsan_volatile_", "__tsan_atomic", "__tsan_vptr_",
                                         "__tsan_memcpy",    "__tsan_memset", "__tsan_memmove"};
  for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
    if (starts_with(name, prefixes[i]))
      return true;
  return false;
}

bool is_write_hook(const char *name) {
  static const char *const prefixes[] = {"__tsan_write",      "__tsan_unaligned_write", "__tsan_volatile_write",
                                         "__tsan_memcpy",     "__tsan_memset",          "__tsan_memmove",
                                         "__tsan_vptr_update"};
  for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
    if (starts_with(name, prefixes[i]))
      return true;
  return starts_with(name, "__tsan_atomic") && !strstr(name, "_load") && !strstr(name, "_fence");
}

unsigned hook_size(const char *name) {
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

unsigned access_hook_size(const char *name) {
  static const char *const reads[] = {"__tsan_read", "__tsan_unaligned_read", "__tsan_volatile_read"};
  for (size_t i = 0; i < sizeof reads / sizeof *reads; i++)
    if (starts_with(name, reads[i])) {
      const char *digits = name + strlen(reads[i]);
      char *end = NULL;
      unsigned long size = strtoul(digits, &end, 10);
      return end != digits && (*end == '\0' || strcmp(end, "_pc") == 0) ? (unsigned)size : 0;
    }
  return hook_size(name);
}

bool is_entry_exit(const char *name) {
  return strcmp(name, "__tsan_func_entry") == 0 || strcmp(name, "__tsan_func_exit") == 0;
}

bool performs_its_access(const char *name) {
  return starts_with(name, "__tsan_memcpy") || starts_with(name, "__tsan_memset") ||
         starts_with(name, "__tsan_memmove") || starts_with(name, "__tsan_atomic");
}

bool writes_no_program_memory(const char *name) {
  static const char *const prefixes[] = {"__tsan_read",           "__tsan_write",
                                         "__tsan_unaligned_read", "__tsan_unaligned_write",
                                         "__tsan_volatile_read",  "__tsan_volatile_write"};
  for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
    if (starts_with(name, prefixes[i]))
      return true;
  return is_entry_exit(name);
}

bool is_after_pass_call(const char *name) {
  return strcmp(name, "__stack_chk_fail") == 0 || strcmp(name, "__tsan_init") == 0;
}
bool is_report_redirect(const char *name) {
  return strcmp(name, "__sanitizer_set_report_path") == 0 || strcmp(name, "__sanitizer_set_report_fd") == 0;
}
