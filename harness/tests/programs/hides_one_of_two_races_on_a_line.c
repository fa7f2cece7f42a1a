/* Two races on one line, in add_one: one reached through hidden_caller, which the case's rule hides on purpose
 * (declared), one through shown_caller, which the marker expects. The harness once told what the rule hid by the
 * line each report blames: the rerun's first report on that line was taken for the one the first run printed, the
 * second for the hidden one, found matched by no rule, and the verdict was "not met" for a case that is right. */
#include "invisible_barrier.h"

// tsan-options: suppressions=hides_one_of_two_races_on_a_line.supp
// expect-suppressed: race:hidden_caller 1 -- the race through hidden_caller is known, on purpose

int hidden_total, shown_total;

__attribute__((noinline)) static void add_one(int *total) {
  *total += 1; // expect-tsan: data race
}

__attribute__((noinline)) static void hidden_caller(void) { add_one(&hidden_total); }
__attribute__((noinline)) static void shown_caller(void) { add_one(&shown_total); }

/* Two threads run `call`, the second after the first's write (the invisible barrier: no happens-before edge). */
struct pair_member {
  void (*call)(void);
  int second;
};

static void *pair_worker(void *arg) {
  const struct pair_member *member = arg;
  overlap_wait();
  if (member->second)
    overlap_wait();
  member->call();
  if (!member->second)
    overlap_wait();
  return NULL;
}

static void race_through(void (*call)(void)) {
  struct pair_member members[2] = {{call, 0}, {call, 1}};
  pthread_t threads[2];
  overlap_init();
  for (int i = 0; i < 2; i++)
    pthread_create(&threads[i], NULL, pair_worker, &members[i]);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
}

int main(void) {
  race_through(hidden_caller);
  race_through(shown_caller);
  return 0;
}
