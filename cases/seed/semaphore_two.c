/* A semaphore with two permits limits how many updates run at once, but two is one too many for a
 * read-copy-write: First and Second hold a permit each and both copy 0. Nothing orders one's write after the
 * other's read, so TSan reports a data race on `value`, and the program ends at 2.
 * Source: compiler-rt lib/sanitizer_common/sanitizer_common_interceptors.inc sem_wait, sem_post (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_access.cpp CheckRaces (LLVM 14). */
#include "../casebook.h"
#include <semaphore.h>

// expect-output: Testing update. Ending value is 2.

static struct {
  int value;
  sem_t permits;
} store;

static void update(const char *name) {
  say("Thread %s: starting update", name);
  sem_wait(&store.permits);
  say("Thread %s has a permit", name);
  int local_copy = store.value;
  local_copy += 1;
  meet_other_update(); /* both permits are taken and both copies read */
  wait_for_my_turn();  /* First writes back before Second, every run */
  store.value = local_copy; // expect-tsan: data race -- the other permit holder read or wrote it too
  pass_the_turn();
  say("Thread %s about to release the permit", name);
  sem_post(&store.permits);
  meet_other_update(); /* both permits are back before Third takes one */
  say("Thread %s: finishing update", name);
}

int main(void) {
  sem_init(&store.permits, 0, 2);
  int status = run_lesson(update, &store.value);
  sem_destroy(&store.permits);
  return status;
}
