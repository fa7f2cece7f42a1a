/* A lock order that comes from the data, not the code. There is one transfer function, and it always takes
 * the lock of the account money leaves, then the lock of the account it goes to: written once, it looks
 * consistent. But a transfer from savings to checking and one back take the same two locks in opposite orders,
 * and had they run at once each could hold one lock and wait for ever for the other. They run one after the
 * other, yet TSan records which lock each held while taking the other, finds the cycle savings -> checking ->
 * savings, and reports a lock-order-inversion at the inner lock. The fix orders the locks by account number.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_mutex.cpp MutexPreLock, ReportDeadlock (LLVM 14); compiler-rt
 * lib/sanitizer_common/sanitizer_deadlock_detector1.cpp DD MutexBeforeLock, DD ReportDeadlock (LLVM 14). */
#include "../casebook.h"

// expect-output: Savings 100, checking 100.

struct account {
  int balance;
  pthread_mutex_t lock;
};

static struct account savings = {150, PTHREAD_MUTEX_INITIALIZER};
static struct account checking = {50, PTHREAD_MUTEX_INITIALIZER};

struct transfer {
  struct account *from, *to;
  int amount;
};

static void *transfer(void *arg) {
  const struct transfer *t = arg;
  pthread_mutex_t *first = &t->from->lock;
  pthread_mutex_t *second = &t->to->lock;
  pthread_mutex_lock(first);
  pthread_mutex_lock(second); // expect-tsan: lock-order-inversion -- the other transfer took these in reverse
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
