/* The mistake TSan misses: the owner hands the reader the address of its copy of a thread-local variable of a plugin
 * loaded with dlopen, then exits. A loaded module's thread-local storage is no part of the thread's static TLS block:
 * glibc allocates each thread's copy with malloc at its first access, and frees it when it gives the dead thread's
 * stack to the next thread created, so the reader's read is a use after free. That free happens inside
 * pthread_create, whose interceptor runs the real function with the thread's accesses ignored, so TSan never records
 * it and stays silent (lifecycle/tls_address_bug.c is the same mistake with static TLS, which TSan reports).
 * Source: C11 6.2.4p4; glibc 2.36 elf/dl-tls.c tls_get_addr_tail, allocate_dtv_entry; glibc 2.36
 * nptl/allocatestack.c get_cached_stack; compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp pthread_create (LLVM
 * 14); compiler-rt lib/tsan/rtl/tsan_mman.cpp OnUserFree (LLVM 14). */
#include "../casebook.h"
#include <dlfcn.h>

// expect-tsan: none -- misses: the free of the owner's copy is made where TSan ignores the thread's accesses

static int *(*plugin_keep)(int value);
static pthread_t reader_thread;
static invisible_barrier newcomer_wrote;

static void *reader(void *arg) {
  int *answer = arg;
  invisible_barrier_wait(&newcomer_wrote); /* the owner is gone, its stack is the newcomer's */
  int seen = *answer; // expect-bug: heap-use-after-free -- glibc freed the owner's copy when it reused its stack
  invisible_barrier_wait(&newcomer_wrote);
  say("reader sees %d", seen);
  return NULL;
}

static void *owner(void *unused) {
  (void)unused;
  int *result = plugin_keep(42); /* the owner's copy, allocated here */
  pthread_create(&reader_thread, NULL, reader, result);
  return NULL; /* ends the lifetime of the owner's copy */
}

static void *newcomer(void *unused) {
  (void)unused;
  plugin_keep(7);
  invisible_barrier_wait(&newcomer_wrote);
  invisible_barrier_wait(&newcomer_wrote);
  return NULL;
}

int main(void) {
  void *plugin = dlopen("libcasebook_limits_plugin_tls.so", RTLD_NOW);
  if (!plugin) {
    fprintf(stderr, "%s\n", dlerror());
    return 1;
  }
  *(void **)&plugin_keep = dlsym(plugin, "plugin_keep");
  invisible_barrier_init(&newcomer_wrote, 2);
  pthread_t owner_thread, newcomer_thread;
  pthread_create(&owner_thread, NULL, owner, NULL);
  pthread_join(owner_thread, NULL); /* glibc caches the owner's stack, and its copy's address with it */
  pthread_create(&newcomer_thread, NULL, newcomer, NULL); /* takes that stack, freeing the owner's copy */
  pthread_join(newcomer_thread, NULL);
  pthread_join(reader_thread, NULL);
  return 0;
}
