/* C11's call_once, the portable twin of pthread_once, used exactly like once_fixed.c: the program is correct, but
 * TSan reports a data race between First's setup of `step` and Second's read of it. glibc (2.34 and later)
 * implements call_once by calling its internal pthread_once directly, so TSan's pthread_once interceptor never
 * runs, and the once-control's synchronization happens inside uninstrumented libc where TSan cannot see it.
 * Source: glibc 2.36 sysdeps/pthread/call_once.c __call_once; compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp
 * pthread_once (LLVM 14). */
#include "../casebook.h"
#include <string.h>
#include <threads.h>

// expect-output: Testing update. Ending value is 3.
// expect-bug: none -- the program is correct: the report below is the false positive

static struct {
  int value;
  int step; /* set up once, then only read */
  pthread_mutex_t lock;
} store = {.lock = PTHREAD_MUTEX_INITIALIZER};
static once_flag store_once = ONCE_FLAG_INIT;

static void set_up_store(void) {
  say("Setting up the store");
  store.step = 1;
}

static void ensure_store(void) {
  call_once(&store_once, set_up_store);
}

static void update(const char *name) {
  bool second = strcmp(name, "Second") == 0;
  if (second)
    meet_other_update(); /* Second starts when First has finished */
  say("Thread %s: starting update", name);
  ensure_store();
  int step = store.step; // expect-tsan: data race -- false positive: glibc's call_once bypasses the interceptor
  pthread_mutex_lock(&store.lock);
  store.value += step;
  pthread_mutex_unlock(&store.lock);
  say("Thread %s: finishing update", name);
  if (!second)
    meet_other_update(); /* First lets Second start; Third passes straight through */
}

int main(void) { return run_lesson(update, &store.value); }
