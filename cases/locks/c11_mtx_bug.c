/* The store has a C11 mutex (mtx_t from <threads.h>), but the update never takes it. The updates run one after
 * another (the invisible barrier), yet nothing orders them, so TSan reports a data race on `value` between
 * Second's read and First's write. The workers are pthreads, because C11 threads crash under TSan: glibc's
 * thrd_create starts the thread without passing through the pthread_create TSan intercepts, so the runtime
 * never learns of it (google/sanitizers#1195). See c11_mtx_fixed.c for what TSan makes of the mutex once used. */
#include "../casebook.h"
#include <string.h>
#include <threads.h>

// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  mtx_t lock;
} store;

static void update(const char *name) {
  bool second = strcmp(name, "Second") == 0;
  if (second)
    meet_other_update(); /* Second starts only once First is done... */
  say("Thread %s: starting update", name);
  int local_copy = store.value;
  local_copy += 1;
  pretend_to_work();
  store.value = local_copy; // expect-tsan: data race -- no lock at all
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
