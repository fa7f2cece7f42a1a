/* Correct code that TSan gets wrong: C11's mtx_lock/mtx_unlock (from <threads.h>) around the read-copy-write,
 * so the program always ends at 3. Yet TSan reports a data race on `value`, a false positive: glibc's mtx_lock
 * calls the library's internal pthread_mutex_lock directly, not the exported symbol TSan intercepts, so the
 * runtime never sees the lock or the unlock and no happens-before edge joins the updates. (The workers are
 * pthreads: glibc's thrd_create starts a thread without the pthread_create TSan intercepts, and the runtime
 * crashes on it, google/sanitizers#1195.) Under TSan, use pthread_mutex_t: see c11_mtx_fixed.c.
 * Source: glibc 2.36 sysdeps/pthread/mtx_lock.c __mtx_lock; glibc 2.36 sysdeps/pthread/thrd_create.c __thrd_create. */
#include "../casebook.h"
#include <string.h>
#include <threads.h>

// expect-output: Testing update. Ending value is 3.
// expect-bug: none -- the program is correct: the report below is the false positive

static struct {
  int value;
  mtx_t lock;
} store;

static void update(const char *name) {
  bool second = strcmp(name, "Second") == 0;
  if (second)
    meet_other_update(); /* Second starts only once First is done... */
  say("Thread %s: starting update", name);
  mtx_lock(&store.lock);
  int local_copy = store.value;
  local_copy += 1;
  pretend_to_work();
  store.value = local_copy; // expect-tsan: data race -- false positive: TSan does not see mtx_lock/mtx_unlock
  mtx_unlock(&store.lock);
  say("Thread %s: finishing update", name);
  if (!second)
    meet_other_update(); /* First lets Second start... */
  meet_other_update();   /* ...and waits for it, so Third starts after Second is done */
}

int main(void) {
  mtx_init(&store.lock, mtx_plain);
  int status = run_lesson(update, &store.value);
  mtx_destroy(&store.lock);
  return status;
}
