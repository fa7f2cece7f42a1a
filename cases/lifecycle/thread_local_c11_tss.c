/* Thread-local storage with C11's tss_t, the portable twin of a POSIX key: tss_get returns the value this
 * thread stored with tss_set, so each worker finds its own heap counter (freed by the destructor given to
 * tss_create when the worker ends). No counter is shared, so TSan reports nothing, and the worker that runs First
 * and Third counts to two. (tss_t works with threads from pthread_create: glibc builds it on POSIX keys.)
 * Source: glibc 2.36 sysdeps/pthread/tss_create.c __tss_create; glibc 2.36 sysdeps/pthread/tss_get.c __tss_get; C11
 * 7.26.6. */
#include "../casebook.h"
#include <threads.h>

// expect-tsan: none
// expect-output: Thread Third: update 2 of its worker
// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};
static tss_t updates_run_key;

static int *my_updates_run(void) {
  int *counter = tss_get(updates_run_key);
  if (counter == NULL) {
    counter = calloc(1, sizeof *counter);
    if (counter == NULL)
      abort();
    tss_set(updates_run_key, counter);
  }
  return counter;
}

static void update(const char *name) {
  meet_other_update(); /* First and Second bump their counters together */
  int run = ++*my_updates_run();
  say("Thread %s: update %d of its worker", name, run);
  pthread_mutex_lock(&store.lock);
  store.value += 1;
  pthread_mutex_unlock(&store.lock);
}

int main(void) {
  if (tss_create(&updates_run_key, free) != thrd_success)
    return 1;
  int status = run_lesson(update, &store.value);
  tss_delete(updates_run_key);
  return status;
}
