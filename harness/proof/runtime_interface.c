/* runtime_interface.c: an allow-list over the runtime's interface (runtime_interface.h).
 *
 * Why names from the runtime's source and not the runtime's own export table (nm of libclang_rt.tsan, the dynsym of
 * libtsan.so): the export table also holds every interceptor (pthread_mutex_lock, malloc, ...), which a program
 * calls as libc, and it differs between runtimes and versions; what it cannot do is tell what a function does. The
 * reserved names mark the interface in every runtime (compiler-rt and gcc's libsanitizer alike), and everything in
 * them that is not listed below as known counts as hiding: a function added by a newer runtime is "not met" until a
 * case declares it, never "met". */
#include "proof/runtime_interface.h"
#include "base/util.h"

#include <stdbool.h>
#include <string.h>

static bool starts_with_any(const char *name, const char *const *prefixes) {
  for (size_t i = 0; prefixes[i]; i++)
    if (starts_with(name, prefixes[i]))
      return true;
  return false;
}

static bool equals_any(const char *name, const char *const *names) {
  for (size_t i = 0; names[i]; i++)
    if (strcmp(name, names[i]) == 0)
      return true;
  return false;
}

/* The runtime's reserved names (tsan_interface.h, tsan_interface_ann.cpp, tsan_interface_java.h,
 * sanitizer_interface_internal.h, include/sanitizer/tsan_interface.h). */
static bool in_interface(const char *name) {
  static const char *const prefixes[] = {"__tsan_", "__sanitizer_", "Annotate", "WTFAnnotate", NULL};
  static const char *const names[] = {"RunningOnValgrind", "ValgrindSlowdown", "ThreadSanitizerQuery", NULL};
  return starts_with_any(name, prefixes) || equals_any(name, names);
}

/* (a) What the compilers' passes insert: TSan's entry/exit, one hook per access, atomics, memintrinsics, vptr
 * updates, the module constructor's __tsan_init (LLVM ThreadSanitizer.cpp, gcc tsan.cc and sanitizer.def), and
 * SanitizerCoverage's callbacks (-fsanitize-coverage; sanitizer_coverage_libcdep_new.cpp, which records PCs only).
 * __sanitizer_unaligned_load/store are accesses too (tsan_interface.cpp: UnalignedMemoryAccess). */
static bool is_instrumentation(const char *name) {
  static const char *const prefixes[] = {"__tsan_read",
                                         "__tsan_write",
                                         "__tsan_unaligned_",
                                         "__tsan_volatile_",
                                         "__tsan_atomic",
                                         "__tsan_vptr_",
                                         "__tsan_memcpy",
                                         "__tsan_memset",
                                         "__tsan_memmove",
                                         "__tsan_func_entry",
                                         "__tsan_func_exit",
                                         "__sanitizer_cov_",
                                         "__sanitizer_unaligned_",
                                         NULL};
  return strcmp(name, "__tsan_init") == 0 || starts_with_any(name, prefixes);
}

/* (b) Functions that only read, print or add reports, looked up one by one in the runtime's source. tsan_debugging.cpp:
 * the
 * __tsan_get_report_* accessors, __tsan_get_current_report, __tsan_locate_address and __tsan_get_alloc_stack read
 * the report being printed or the heap's metadata. tsan_mman.cpp: the allocator statistics __sanitizer_get_*.
 * sanitizer_stacktrace_libcdep.cpp: __sanitizer_print_stack_trace, __sanitizer_symbolize_pc/_global,
 * __sanitizer_get_module_and_offset_for_pc. sanitizer_file.cpp: __sanitizer_get_report_path. tsan_rtl_thread.cpp:
 * __tsan_get_current_fiber returns the running thread's state. tsan_interface_ann.cpp: RunningOnValgrind,
 * ValgrindSlowdown and ThreadSanitizerQuery answer constants, AnnotateThreadName only names the thread in reports,
 * AnnotateNoOp does nothing. sanitizer_common_interceptors.inc: the __sanitizer_weak_hook_* are the program's own
 * callbacks, empty in the runtime. tsan_rtl.cpp: __tsan_testonly_barrier_init/_wait spin on a relaxed atomic inside
 * the runtime, a barrier made to create no happens-before (compiler-rt test/tsan/test.h), and
 * __tsan_testonly_shadow_stack_current_size reads. tsan_external.cpp: __tsan_external_read/_write record one more
 * access (MemoryAccess), the tag functions name objects in reports. tsan_rtl_mutex.cpp (LLVM 18):
 * __tsan_check_no_mutexes_held reports a held mutex. */
static bool is_harmless(const char *name) {
  static const char *const prefixes[] = {"__tsan_get_report_", "__sanitizer_weak_hook_", "__tsan_testonly_barrier_",
                                         "__tsan_external_", NULL};
  static const char *const names[] = {"__tsan_get_current_report",
                                      "__tsan_locate_address",
                                      "__tsan_get_alloc_stack",
                                      "__tsan_get_current_fiber",
                                      "__tsan_testonly_shadow_stack_current_size",
                                      "__tsan_check_no_mutexes_held",
                                      "__sanitizer_get_allocated_size",
                                      "__sanitizer_get_current_allocated_bytes",
                                      "__sanitizer_get_estimated_allocated_size",
                                      "__sanitizer_get_free_bytes",
                                      "__sanitizer_get_heap_size",
                                      "__sanitizer_get_ownership",
                                      "__sanitizer_get_unmapped_bytes",
                                      "__sanitizer_print_stack_trace",
                                      "__sanitizer_symbolize_pc",
                                      "__sanitizer_symbolize_global",
                                      "__sanitizer_get_module_and_offset_for_pc",
                                      "__sanitizer_get_report_path",
                                      "RunningOnValgrind",
                                      "ValgrindSlowdown",
                                      "ThreadSanitizerQuery",
                                      "AnnotateThreadName",
                                      "AnnotateNoOp",
                                      NULL};
  return starts_with_any(name, prefixes) || equals_any(name, names);
}

/* (c) How the rest hides reports, by the family the runtime's source puts it in. */
static enum hiding_kind kind_of(const char *name) {
  /* Stop watching or reporting for a while, or forgive a race (tsan_interface_ann.cpp: AnnotateIgnore*,
   * AnnotateBenignRace*, AnnotateExpectRace, AnnotateFlushExpectedRaces, AnnotateEnableRaceDetection,
   * AnnotateNewMemory; tsan_interface.cpp: __tsan_ignore_thread_begin/_end). */
  static const char *const ignoring[] = {"AnnotateIgnore",
                                         "__tsan_ignore_thread_",
                                         "AnnotateBenignRace",
                                         "WTFAnnotateBenignRace",
                                         "AnnotateExpectRace",
                                         "AnnotateFlushExpectedRaces",
                                         "AnnotateEnableRaceDetection",
                                         "AnnotateNewMemory",
                                         NULL};
  /* A happens-before edge because the program says so: tsan_interface_ann.cpp's happens-before, condition variable,
   * reader-writer lock, queue and publish annotations; tsan_interface.cpp's __tsan_acquire/__tsan_release and the
   * __tsan_mutex_* annotations of a custom lock; tsan_interface_java.cpp's __tsan_java_acquire/_release/
   * _release_store, the __tsan_java_mutex_* locks and __tsan_java_finalize (a release to the finalizer). */
  static const char *const ordering[] = {"AnnotateHappens",
                                         "WTFAnnotateHappens",
                                         "AnnotateCondVar",
                                         "AnnotateRWLock",
                                         "AnnotatePCQ",
                                         "AnnotatePublishMemoryRange",
                                         "AnnotateUnpublishMemoryRange",
                                         "AnnotateMutexIs",
                                         "__tsan_acquire",
                                         "__tsan_release",
                                         "__tsan_mutex_",
                                         "__tsan_java_acquire",
                                         "__tsan_java_release",
                                         "__tsan_java_mutex_",
                                         "__tsan_java_finalize",
                                         NULL};
  /* Fibers (include/sanitizer/tsan_interface.h; tsan_rtl_thread.cpp FiberSwitch): a switch without
   * the __tsan_switch_to_fiber_no_sync flag releases and acquires on the fiber, and any switch changes which thread
   * TSan thinks runs the code that follows. */
  static const char *const fibers[] = {"__tsan_create_fiber", "__tsan_destroy_fiber", "__tsan_switch_to_fiber",
                                       "__tsan_set_fiber_name", NULL};
  /* The runtime forgets what it recorded about memory: __tsan_flush_memory (tsan_rtl.cpp FlushShadowMemory: every
   * earlier access is gone), tsan_interface_java.cpp's __tsan_java_alloc/_free/_move (reset or move a range's
   * shadow), AnnotateFlushState (tsan_interface_ann.cpp). */
  static const char *const forgetting[] = {"__tsan_flush_memory", "__tsan_java_alloc",  "__tsan_java_free",
                                           "__tsan_java_move",    "AnnotateFlushState", NULL};
  if (starts_with_any(name, ignoring))
    return HIDES_IGNORE_ANNOTATIONS;
  if (starts_with_any(name, ordering))
    return HIDES_SYNC_ANNOTATIONS;
  if (starts_with_any(name, fibers))
    return HIDES_FIBERS;
  if (starts_with_any(name, forgetting))
    return HIDES_FLUSH_MEMORY;
  /* Everything else: the report path and descriptor, the death callback, the syscall hooks (which acquire and
   * release on descriptors: sanitizer_common_syscalls.inc), __tsan_on_thread_idle, __tsan_java_init, functions a
   * newer runtime adds. */
  return HIDES_RUNTIME_CALLS;
}

enum runtime_call runtime_call_class(const char *name, enum hiding_kind *kind) {
  if (!name || !in_interface(name))
    return RUNTIME_CALL_NOT_INTERFACE;
  if (is_instrumentation(name))
    return RUNTIME_CALL_INSTRUMENTATION;
  if (is_harmless(name))
    return RUNTIME_CALL_HARMLESS;
  *kind = kind_of(name);
  return RUNTIME_CALL_HIDES;
}
