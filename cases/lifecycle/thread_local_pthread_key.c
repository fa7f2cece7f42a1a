/* Thread-local storage with a POSIX key: pthread_getspecific returns the value this thread stored with
 * pthread_setspecific, so each worker finds its own heap counter (allocated on its first update, freed by the
 * key's destructor when the worker ends). No counter is shared, so TSan reports nothing, and the worker that runs
 * First and Third counts to two.
 * Source: POSIX.1-2017 pthread_getspecific(); glibc 2.36 nptl/pthread_getspecific.c __pthread_getspecific. */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Thread Third: update 2 of its worker
// expect-output: Testing update. Ending value is 3.

static struct {
  int value;
  pthread_mutex_t lock;
} store = {0, PTHREAD_MUTEX_INITIALIZER};
static pthread_key_t updates_run_key;

static int *my_updates_run(void) {
  int *counter = pthread_getspecific(updates_run_key);
  if (counter == NULL) {
    counter = calloc(1, sizeof *counter);
    if (counter == NULL)
      abort();
    pthread_setspecific(updates_run_key, counter);
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
  pthread_key_create(&updates_run_key, free);
  int status = run_lesson(update, &store.value);
  pthread_key_delete(updates_run_key);
  return status;
}
