/* The mistake: notification through a plain flag. First updates `value` and then sets `ready`; Second spins
 * until it sees `ready` and then adds its own one. `volatile` keeps the compiler from hoisting the flag out of the
 * loop, but it orders nothing between threads: the CPU or compiler may let Second see the flag before the value.
 * TSan reports two data races: on the flag (First's write against Second's spinning read) and on `value` (Second's
 * read against First's write), because no happens-before edge leads from First's writes to Second's reads. */
#include "../casebook.h"

// expect-output: Ending value is 2.

/* Flag and data on separate 8-byte cells: once TSan reports a race in a cell it stops checking that cell. */
static _Alignas(8) struct {
  int value;
} store;
static _Alignas(8) volatile bool ready;
static invisible_barrier first_look; /* makes the report the same every run; it orders nothing for TSan */

static void *first(void *arg) {
  (void)arg;
  int local_copy = store.value;
  local_copy += 1;
  store.value = local_copy;
  invisible_barrier_wait(&first_look); /* Second has looked at the flag once */
  ready = true; // expect-tsan: data race -- the flag is a plain variable
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  bool seen = ready;
  invisible_barrier_wait(&first_look);
  while (!seen)
    seen = ready;
  int local_copy = store.value; // expect-tsan: data race -- nothing orders First's write before this read
  say("Thread Second sees value %d", local_copy);
  local_copy += 1;
  store.value = local_copy;
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  invisible_barrier_init(&first_look, 2);
  pthread_create(&threads[0], NULL, first, NULL);
  pthread_create(&threads[1], NULL, second, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  say("Ending value is %d.", store.value);
  return 0;
}
