/* runtime_interface.h: what a call from the program into TSan's runtime interface does to what TSan reports.
 *
 * The runtime exports its interface under a few reserved names (compiler-rt lib/tsan/rtl/tsan_interface.h,
 * tsan_interface_ann.cpp, tsan_interface_java.h, sanitizer_common/sanitizer_interface_internal.h,
 * include/sanitizer/tsan_interface.h; gcc's libsanitizer is a copy): __tsan_*, __sanitizer_*, Annotate*,
 * WTFAnnotate*, and the three Valgrind-era queries. A name there is known when it is the compiler's instrumentation
 * or a function the runtime's source shows to leave reports and watching alone; every other one, today's and
 * tomorrow's, is taken to hide reports, so a new entry point is never silently allowed. */
#ifndef TSAN_VERIFY_RUNTIME_INTERFACE_H
#define TSAN_VERIFY_RUNTIME_INTERFACE_H

#include "source/markers.h"

enum runtime_call {
  RUNTIME_CALL_NOT_INTERFACE,   /* no name of the runtime's interface: the program's own, libc's, ... */
  RUNTIME_CALL_INSTRUMENTATION, /* the compiler's ABI: entry/exit, access hooks, atomics, init, coverage */
  RUNTIME_CALL_HARMLESS,        /* reads or prints only: the runtime's source shows it changes no report */
  RUNTIME_CALL_HIDES,           /* anything else: *kind says how it hides reports */
};

/* What a call to `name` is; for RUNTIME_CALL_HIDES, *kind is the `// tsan-hides:` kind that declares it. */
enum runtime_call runtime_call_class(const char *name, enum hiding_kind *kind);

#endif
