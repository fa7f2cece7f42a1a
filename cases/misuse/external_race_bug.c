/* The store is an object of a library that TSan cannot see into; here its functions carry
 * no_sanitize("thread"), which keeps TSan out of their plain loads and stores (a stand-in for a library built
 * without -fsanitize=thread, not an exact one: see limits/no_sanitize.c). The library describes its objects with
 * TSan's external API: a tag names the type, and each call announces a read or a modifying access of the whole
 * object. Two updates read the store and then both write it back, with nothing ordering them, so TSan reports a
 * race on the object, headed with the tag's name ("race on Store"), at the write. The race itself is the
 * library's plain load and store, which a detector that does not rely on the annotations sees directly.
 * Source: compiler-rt lib/tsan/rtl/tsan_external.cpp __tsan_external_write, ExternalAccess (LLVM 14). */
#include "../casebook.h"

// expect-output: Testing update. Ending value is 2.

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
  // expect-tsan: race on -- headed "race on Store": the other update read or wrote the store too
  __tsan_external_write(store, __builtin_return_address(0), store_tag);
  store->value = value; // expect-bug: data race -- the plain store TSan sees only through the annotation above
}

/* ---- The program ---- */
static struct store store;

static void update(const char *name) {
  say("Thread %s: starting update", name);
  int local_copy = store_get(&store);
  local_copy += 1;
  meet_other_update(); /* both copies are taken before either is written back */
  wait_for_my_turn();  /* First writes back before Second, every run */
  store_set(&store, local_copy);
  pass_the_turn();
  meet_other_update(); /* both are written back before Third reads */
  say("Thread %s: finishing update", name);
}

int main(void) {
  store_library_init();
  return run_lesson(update, &store.value);
}

/* The library's functions are left uninstrumented on purpose: they stand for code TSan cannot see into. */
// tsan-hides: uninstrumented store_get -- the library TSan cannot see into, described by the external API
// tsan-hides: uninstrumented store_set -- the library TSan cannot see into, described by the external API
