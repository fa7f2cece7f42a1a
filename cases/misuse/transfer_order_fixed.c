/* The fix: every transfer takes the two locks in one global order (by account number), whichever way the
 * money goes. With one order there can be no cycle of threads each waiting for a lock the next one holds, so
 * the lock-order graph TSan builds has no cycle and it reports nothing.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPreLock, ReportDeadlock (LLVM 14); compiler-rt
 * lib/sanitizer_common/sanitizer_deadlock_detector1.cpp DD MutexBeforeLock, DD ReportDeadlock (LLVM 14). */
#include "../casebook.h"

// expect-tsan: none
// expect-output: Savings 100, checking 100.

struct account {
  int number;
  int balance;
  pthread_mutex_t lock;
};

static struct account savings = {1, 150, PTHREAD_MUTEX_INITIALIZER};
static struct account checking = {2, 50, PTHREAD_MUTEX_INITIALIZER};

struct transfer {
  struct account *from, *to;
  int amount;
};

static void *transfer(void *arg) {
  const struct transfer *t = arg;
  bool from_first = t->from->number < t->to->number;
  pthread_mutex_t *first = from_first ? &t->from->lock : &t->to->lock;
  pthread_mutex_t *second = from_first ? &t->to->lock : &t->from->lock;
  pthread_mutex_lock(first);
  pthread_mutex_lock(second);
  t->from->balance -= t->amount;
  t->to->balance += t->amount;
  pthread_mutex_unlock(second);
  pthread_mutex_unlock(first);
  return NULL;
}

int main(void) {
  static const struct transfer transfers[] = {{&savings, &checking, 70}, {&checking, &savings, 20}};
  for (int i = 0; i < 2; i++) { /* one transfer after the other */
    pthread_t thread;
    pthread_create(&thread, NULL, transfer, (void *)&transfers[i]);
    pthread_join(thread, NULL);
  }
  say("Savings %d, checking %d.", savings.balance, checking.balance);
  return 0;
}
