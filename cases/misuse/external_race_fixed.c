/* The fix: the library's store is not thread-safe, so the program serializes its use with a mutex of its own
 * around each read-copy-write. Each unlock happens-before the next lock, so the announced accesses of the
 * store are ordered, TSan reports nothing, and the ending value is always 3.
 * Source: compiler-rt lib/tsan/rtl/tsan_external.cpp __tsan_external_read, __tsan_external_write,
 * ExternalAccess (LLVM 14); compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc pthread_mutex_lock,
 * pthread_mutex_unlock (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPostLock, MutexUnlock (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Testing update. Ending value is 3.

/* TSan's external API (compiler-rt's sanitizer/tsan_interface.h declares the same). */
void *__tsan_external_register_tag(const char *object_type);
void __tsan_external_read(void *addr, void *caller_pc, void *tag);
void __tsan_external_write(void *addr, void *caller_pc, void *tag);

/* ---- The library ---- */
struct store {
  int value;
};

static void *store_tag;

static void store_library_init(void) { store_tag = __tsan_external_register_tag("Store"); }

__attribute__((no_sanitize("thread"))) static int store_get(struct store *store) {
  __tsan_external_read(store, __builtin_return_address(0), store_tag);
  return store->value;
}

__attribute__((no_sanitize("thread"))) static void store_set(struct store *store, int value) {
  __tsan_external_write(store, __builtin_return_address(0), store_tag);
  store->value = value;
}

/* ---- The program ---- */
static struct store store;
static pthread_mutex_t store_lock = PTHREAD_MUTEX_INITIALIZER;

static void update(const char *name) {
  say("Thread %s: starting update", name);
  pthread_mutex_lock(&store_lock);
  int local_copy = store_get(&store);
  local_copy += 1;
  store_set(&store, local_copy);
  pthread_mutex_unlock(&store_lock);
  say("Thread %s: finishing update", name);
}

int main(void) {
  store_library_init();
  return run_lesson(update, &store.value);
}

/* The library's functions are left uninstrumented on purpose: they stand for code TSan cannot see into. */
// tsan-hides: uninstrumented store_get -- the library TSan cannot see into, described by the external API
// tsan-hides: uninstrumented store_set -- the library TSan cannot see into, described by the external API
