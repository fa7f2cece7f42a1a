/* The fix: main joins the worker before it unloads the plugin. The join orders everything the worker did, its
 * call into the plugin included, before dlclose, so no thread can still be inside the plugin when the loader runs
 * its destructor and unmaps it, and TSan, which sees the join, reports nothing.
 * Source: POSIX.1-2017 pthread_join(); POSIX.1-2017 dlclose(); glibc 2.36 elf/dl-close.c call_destructors;
 * compiler-rt lib/tsan/rtl/tsan_rtl_thread.cpp ThreadJoin (LLVM 14). */
#include "../casebook.h"
#include <dlfcn.h>

// expect-tsan: none
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
  pthread_join(thread, NULL);
  dlclose(plugin);
  return 0;
}
