/* The mistake: main unloads a plugin with dlclose while the thread that called into it is not yet joined, so the
 * thread may still be running the plugin's code, or about to use its data, when the loader tears it down and
 * unmaps it. dlclose runs the plugin's destructor in main's thread, and TSan reports its write to the plugin's state
 * against the worker's read of it in plugin_greet: no happens-before edge leads from the worker's call to the unload.
 * The unmapping itself TSan never sees (the loader calls its own munmap, not the one TSan intercepts), so a plugin
 * without a destructor would be unloaded under a running thread without a word.
 * Source: glibc 2.36 elf/dl-close.c _dl_close_worker, call_destructors; glibc 2.36 sysdeps/x86_64/tlsdesc.c
 * _dl_unmap; glibc 2.36 elf/dl-unmap-segments.h _dl_unmap_segments; compiler-rt
 * lib/tsan/rtl/tsan_interceptors_posix.cpp munmap (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp
 * CheckRaces (LLVM 14). */
#include "../casebook.h"
#include <dlfcn.h>

// expect-output: worker: hello from the plugin

static const char *(*plugin_greet)(void);
static invisible_barrier greeted;

static void *worker(void *unused) {
  (void)unused;
  say("worker: %s", plugin_greet()); /* the worker's last call into the plugin */
  invisible_barrier_wait(&greeted);
  return NULL;
}

int main(void) {
  void *plugin = dlopen("libcasebook_lifecycle_plugin_unload.so", RTLD_NOW);
  if (!plugin) {
    fprintf(stderr, "%s\n", dlerror());
    return 1;
  }
  *(void **)&plugin_greet = dlsym(plugin, "plugin_greet");
  invisible_barrier_init(&greeted, 2);
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  invisible_barrier_wait(&greeted);
  dlclose(plugin); // expect-tsan: data race -- the plugin's destructor runs while the worker is not joined
  pthread_join(thread, NULL);
  return 0;
}
