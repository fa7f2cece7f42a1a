/* The mistake: publishing an object without synchronization. First builds a store on the heap, fills it in and
 * stores its address in the plain global `published`; Second loads the pointer and reads the store through it.
 * Nothing orders First's writes before Second's reads, so Second could see the pointer but not yet the fields.
 * TSan reports two data races: on the pointer itself, and on the field Second reads; for the field the earlier
 * write shown is First's malloc, as TSan counts a new block as written by the thread that allocated it. Second
 * waits (on the invisible barrier) until First has published, so the reports are the same on every run.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14); compiler-rt lib/tsan/rtl/tsan_mman.cpp
 * OnUserAlloc (LLVM 14). */
#include "../casebook.h"

// expect-output: Thread Second sees value 1

struct store {
  int value;
  const char *owner;
};
static struct store *published;
static invisible_barrier publishing_done;

static void *first(void *arg) {
  (void)arg;
  struct store *store = malloc(sizeof *store);
  if (store == NULL)
    abort();
  store->value = 1;
  store->owner = "First";
  published = store;
  invisible_barrier_wait(&publishing_done);
  return NULL;
}

static void *second(void *arg) {
  (void)arg;
  invisible_barrier_wait(&publishing_done);
  struct store *store = published; // expect-tsan: data race -- the pointer is published with a plain store
  if (store != NULL)
    say("Thread Second sees value %d", store->value); // expect-tsan: data race -- so are the fields behind it
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  invisible_barrier_init(&publishing_done, 2);
  pthread_create(&threads[0], NULL, first, NULL);
  pthread_create(&threads[1], NULL, second, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  free(published);
  return 0;
}
