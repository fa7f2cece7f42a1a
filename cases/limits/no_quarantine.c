/* The mistake: the worker keeps a pointer to a session that main has freed, and reads it after main has opened
 * the next session, of the same size. TSan's allocator keeps no quarantine: free() hands the block straight back
 * to the thread's cache, whose next allocation of that size takes it again, so the new session sits where the old
 * one was and the stale read lands in it. The allocation overwrites TSan's shadow of the block with a write of its
 * own, so the free is forgotten: TSan reports the stale read as a data race with main's malloc() of the new
 * session, and never says heap-use-after-free (patterns/destruction_bug.c shows the report a block that was not
 * reused gets).
 * Source: compiler-rt lib/tsan/rtl/tsan_mman.cpp user_free, OnUserAlloc (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_access.cpp MemoryRangeImitateWrite (LLVM 14);
 * compiler-rt lib/sanitizer_common/sanitizer_allocator_local_cache.h SizeClassAllocator64LocalCache (LLVM 14). */
#include "../casebook.h"
#include <stdint.h>

// expect-output: Main: the new session reuses the old one's memory.

struct session {
  int id;
  char user[28];
};
static struct session *current; /* the open session, for whoever looks it up */
static invisible_barrier reopened;

static void *worker(void *arg) {
  struct session *stale = arg;
  invisible_barrier_wait(&reopened); /* main has freed the session and opened the next one */
  // expect-bug: heap-use-after-free -- the session this pointer named was freed
  // expect-tsan: data race -- misleading: TSan forgot the free when the block was reused
  int id = stale->id;
  say("Worker: my session is number %d.", id);
  return NULL;
}

int main(void) {
  pthread_t thread;
  struct session *old = malloc(sizeof *old);
  if (old == NULL)
    return 1;
  old->id = 1;
  invisible_barrier_init(&reopened, 2);
  pthread_create(&thread, NULL, worker, old);
  uintptr_t old_address = (uintptr_t)old;
  free(old);
  current = malloc(sizeof *current);
  if (current == NULL)
    return 1;
  current->id = 2;
  bool reused = (uintptr_t)current == old_address;
  say("Main: the new session %s the old one's memory.", reused ? "reuses" : "does not reuse");
  invisible_barrier_wait(&reopened);
  pthread_join(thread, NULL);
  free(current);
  return 0;
}
