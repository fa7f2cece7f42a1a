/* casebook.h: the only scaffolding the cases share.
 *
 * The lesson every seed case retells: a store holds `value`; update(name) copies it, adds one, works a
 * little, and writes it back; main runs the updates "First", "Second" and "Third" on a pool of two worker
 * threads and prints the ending value. A case supplies only update() and the synchronization it is about.
 *
 * Nothing here synchronizes the cases' data: the pool joins its workers (the only edge TSan sees), and
 * overlap (and, where it changes the report, the order of two updates) is forced with TSan's invisible barrier,
 * which TSan deliberately does not model.
 *
 * Built without TSan (`cc -pthread case.c`), the invisible barrier is a spinning barrier on C11 atomics: a
 * normal build still forces the same overlap, so the lost update shows ("Ending value is 2."). It is invisible
 * to Valgrind's Helgrind and DRD as well: they see happens-before only through pthreads calls (never through
 * atomics), and the barrier hides its own words from their race checks with their client requests. */
#ifndef CASEBOOK_H
#define CASEBOOK_H

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#if defined(__SANITIZE_THREAD__) /* gcc, and clang >= 18 */
#define CASEBOOK_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer) /* clang */
#define CASEBOOK_TSAN 1
#endif
#endif

#ifdef CASEBOOK_TSAN
/* The runtime's own test barrier (compiler-rt test/tsan/test.h uses the same two calls). */
void __tsan_testonly_barrier_init(unsigned long long *barrier, unsigned count);
void __tsan_testonly_barrier_wait(unsigned long long *barrier);

typedef unsigned long long invisible_barrier;

static inline void invisible_barrier_init(invisible_barrier *barrier, unsigned count) {
  __tsan_testonly_barrier_init(barrier, count);
}

/* Blocks until `count` threads arrive; creates no happens-before edge, so races stay visible. */
static inline void invisible_barrier_wait(invisible_barrier *barrier) {
  __tsan_testonly_barrier_wait(barrier);
}
#else
#include <sched.h>
#include <stdatomic.h>
#if defined(__has_include)
#if __has_include(<valgrind/helgrind.h>) && __has_include(<valgrind/drd.h>)
#include <valgrind/drd.h>
#include <valgrind/helgrind.h>
#define CASEBOOK_VALGRIND 1
#endif
#endif

/* Without TSan: arrivals are counted on an atomic, and the last one to arrive starts the next generation. */
typedef struct {
  atomic_uint arrived;
  atomic_uint generation;
  unsigned count;
} invisible_barrier;

static inline void invisible_barrier_init(invisible_barrier *barrier, unsigned count) {
#ifdef CASEBOOK_VALGRIND
  /* Outside Valgrind both requests cost a few instructions and do nothing. */
  VALGRIND_HG_DISABLE_CHECKING(barrier, sizeof *barrier);
  VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__DRD_START_SUPPRESSION, barrier, sizeof *barrier, 0, 0, 0);
#endif
  atomic_init(&barrier->arrived, 0);
  atomic_init(&barrier->generation, 0);
  barrier->count = count;
}

/* Blocks until `count` threads arrive. Only atomics pass between the threads, and neither TSan (which this build
 * lacks) nor Helgrind nor DRD derives an ordering from them, so races stay visible. Waiters yield the CPU:
 * under Valgrind, which runs one thread at a time, a busy loop would starve the thread it waits for. */
static inline void invisible_barrier_wait(invisible_barrier *barrier) {
  unsigned generation = atomic_load(&barrier->generation);
  if (atomic_fetch_add(&barrier->arrived, 1) + 1 == barrier->count) {
    atomic_store(&barrier->arrived, 0);
    atomic_fetch_add(&barrier->generation, 1);
    return;
  }
  while (atomic_load(&barrier->generation) == generation)
    sched_yield();
}

/* TSan's annotation interface (<sanitizer/tsan_interface.h>), for the cases that teach it: without TSan the same
 * calls become Valgrind's own annotations, and do nothing outside Valgrind. Release and acquire are a happens-before
 * edge for Helgrind and DRD; a hand-made lock is a reader-writer lock for Helgrind only, since DRD 3.19 aborts on
 * its own assertion (drd_rwlock.c:479, writer_nesting_count) when these cases' locks are annotated for it. Weak, so
 * a real TSan runtime would win. The external-object calls have no Valgrind counterpart: there they do nothing. */
#ifdef CASEBOOK_VALGRIND
#define CASEBOOK_BOTH(helgrind, drd) \
  do {                               \
    helgrind;                        \
    drd;                             \
  } while (0)
#define CASEBOOK_HELGRIND(helgrind) helgrind
#else
#define CASEBOOK_BOTH(helgrind, drd) ((void)0)
#define CASEBOOK_HELGRIND(helgrind) ((void)0)
#endif
enum { CASEBOOK_TSAN_MUTEX_READ_LOCK = 1 << 3 }; /* tsan_interface.h's __tsan_mutex_read_lock */

__attribute__((weak)) void __tsan_release(void *addr) {
  (void)addr;
  CASEBOOK_BOTH(DO_CREQ_v_W(_VG_USERREQ__HG_USERSO_SEND_PRE, void *, addr),
                VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__DRD_ANNOTATE_HAPPENS_BEFORE, addr, 0, 0, 0, 0));
}
__attribute__((weak)) void __tsan_acquire(void *addr) {
  (void)addr;
  CASEBOOK_BOTH(DO_CREQ_v_W(_VG_USERREQ__HG_USERSO_RECV_POST, void *, addr),
                VALGRIND_DO_CLIENT_REQUEST_STMT(VG_USERREQ__DRD_ANNOTATE_HAPPENS_AFTER, addr, 0, 0, 0, 0));
}
__attribute__((weak)) void __tsan_mutex_create(void *addr, unsigned flags) {
  (void)addr, (void)flags;
  CASEBOOK_HELGRIND(DO_CREQ_v_W(_VG_USERREQ__HG_PTHREAD_RWLOCK_INIT_POST, void *, addr));
}
__attribute__((weak)) void __tsan_mutex_destroy(void *addr, unsigned flags) {
  (void)addr, (void)flags;
  CASEBOOK_HELGRIND(DO_CREQ_v_W(_VG_USERREQ__HG_PTHREAD_RWLOCK_DESTROY_PRE, void *, addr));
}
__attribute__((weak)) void __tsan_mutex_pre_lock(void *addr, unsigned flags) { (void)addr, (void)flags; }
__attribute__((weak)) void __tsan_mutex_post_lock(void *addr, unsigned flags, int recursion) {
  unsigned long is_write = !(flags & CASEBOOK_TSAN_MUTEX_READ_LOCK);
  (void)addr, (void)recursion, (void)is_write;
  CASEBOOK_HELGRIND(DO_CREQ_v_WW(_VG_USERREQ__HG_PTHREAD_RWLOCK_ACQUIRED, void *, addr, unsigned long, is_write));
}
__attribute__((weak)) int __tsan_mutex_pre_unlock(void *addr, unsigned flags) {
  unsigned long is_write = !(flags & CASEBOOK_TSAN_MUTEX_READ_LOCK);
  (void)addr, (void)is_write;
  CASEBOOK_HELGRIND(DO_CREQ_v_W(_VG_USERREQ__HG_PTHREAD_RWLOCK_RELEASED, void *, addr));
  return 0;
}
__attribute__((weak)) void __tsan_mutex_post_unlock(void *addr, unsigned flags) { (void)addr, (void)flags; }
__attribute__((weak)) void *__tsan_external_register_tag(const char *object_type) { return (void *)object_type; }
__attribute__((weak)) void __tsan_external_read(void *addr, void *caller_pc, void *tag) {
  (void)addr, (void)caller_pc, (void)tag;
}
__attribute__((weak)) void __tsan_external_write(void *addr, void *caller_pc, void *tag) {
  (void)addr, (void)caller_pc, (void)tag;
}
#endif

/* One line per call, never torn: stdio locks the stream for the whole call. */
static inline void say(const char *format, ...) {
  va_list args;
  va_start(args, format);
  vprintf(format, args);
  va_end(args);
  putchar('\n');
  fflush(stdout);
}

/* The lesson's "work": sleep while holding the copy. The original lesson sleeps 0.1 s to widen the window;
 * 10 ms is enough here, because the overlap a case needs is forced by the invisible barrier, not by luck. */
static inline void pretend_to_work(void) {
  struct timespec hundredth = {0, 10 * 1000 * 1000};
  nanosleep(&hundredth, NULL);
}

/* ---- The pool: 3 named updates on 2 workers ---------------------------------------------------------- */

typedef void (*update_fn)(const char *name);

enum { LESSON_WORKERS = 2, LESSON_UPDATES = 3 };

static const char *const lesson_names[LESSON_UPDATES] = {"First", "Second", "Third"};

/* Updates are dealt round-robin (worker 0: First, Third; worker 1: Second) instead of from a locked queue:
 * a queue's mutex would order the updates for TSan and could hide the very races the cases show. */
struct lesson_worker {
  int index;
  update_fn update;
};

static invisible_barrier lesson_round_barrier;
static invisible_barrier lesson_turn_barrier;
static _Thread_local bool lesson_update_has_partner;
static _Thread_local bool lesson_update_goes_second; /* Second, in the round of First and Second */

/* Waits until the other update of this round reaches the same point (First and Second meet; Third runs
 * alone and passes straight through). Forces the overlap a lesson needs without synchronizing anything. */
static inline void meet_other_update(void) {
  if (lesson_update_has_partner)
    invisible_barrier_wait(&lesson_round_barrier);
}

/* First's write back, then Second's: wait_for_my_turn() before the write, pass_the_turn() after it. Which write
 * lands first decides what TSan sees: since LLVM 15 it can print a second report on the same variable, so left
 * to the scheduler the report count would change from run to run. Like the barrier, this orders the threads in
 * time only, not for TSan: the race stays. */
static inline void wait_for_my_turn(void) {
  if (lesson_update_has_partner && lesson_update_goes_second)
    invisible_barrier_wait(&lesson_turn_barrier);
}

static inline void pass_the_turn(void) {
  if (lesson_update_has_partner && !lesson_update_goes_second)
    invisible_barrier_wait(&lesson_turn_barrier);
}

static void *lesson_worker_main(void *arg) {
  struct lesson_worker *worker = arg;
  for (int task = worker->index; task < LESSON_UPDATES; task += LESSON_WORKERS) {
    int round = task / LESSON_WORKERS;
    lesson_update_has_partner = (round + 1) * LESSON_WORKERS <= LESSON_UPDATES;
    lesson_update_goes_second = task % LESSON_WORKERS == 1;
    worker->update(lesson_names[task]);
  }
  return NULL;
}

/* The pool itself: both workers started, the updates dealt between them, both joined. 0, or 1 when a worker
 * could not be started (nothing is joined then: the program ends). */
static inline int run_lesson_pool(update_fn update) {
  pthread_t threads[LESSON_WORKERS];
  struct lesson_worker workers[LESSON_WORKERS];
  invisible_barrier_init(&lesson_round_barrier, LESSON_WORKERS);
  invisible_barrier_init(&lesson_turn_barrier, LESSON_WORKERS);
  for (int i = 0; i < LESSON_WORKERS; i++) {
    workers[i] = (struct lesson_worker){i, update};
    if (pthread_create(&threads[i], NULL, lesson_worker_main, &workers[i]) != 0) {
      perror("pthread_create");
      return 1;
    }
  }
  for (int i = 0; i < LESSON_WORKERS; i++)
    pthread_join(threads[i], NULL);
  return 0;
}

/* main() of every seed case: prints the starting value, runs the pool, waits for it, prints the ending value.
 * `value` is read only after both workers are joined, so printing it is never part of a race. */
static inline int run_lesson(update_fn update, const int *value) {
  say("Testing update. Starting value is %d.", *value);
  if (run_lesson_pool(update) != 0)
    return 1;
  say("Testing update. Ending value is %d.", *value);
  return 0;
}

/* ---- Added for issue 14 (the catalog read with an expert's eye): kept apart from the code above --------- */

#include <stdatomic.h>

/* The stay-alive rule (in full, with its sources, at the end of this file): both threads of a race stay until its
 * later access (an invisible barrier, or meet_other_update()), or the survivor makes far fewer than two trace parts
 * of events (about 65,000) between the other's exit and its access. Otherwise TSan's v3 runtime (LLVM 14 and later)
 * may hand the exited thread's trace to another thread for reuse, and a report that needs it is dropped without a
 * word. ci/check-stay-alive.py (ctest catalog/stay-alive) measures every case against the rule on clang 14, with
 * breakpoints on the runtime's own functions; a case whose first thread exits early (a join, a detach, a thread
 * that returns first) keeps it by its size. */

/* run_lesson() for a store whose value is _Atomic int: the same pool, with the starting and ending values read
 * by atomic_load(), never through a plain `int` lvalue (reading an _Atomic object that way is undefined). */
static inline int run_lesson_atomic(update_fn update, _Atomic int *value) {
  say("Testing update. Starting value is %d.", atomic_load(value));
  if (run_lesson_pool(update) != 0)
    return 1;
  say("Testing update. Ending value is %d.", atomic_load(value));
  return 0;
}

/* The stay-alive rule, in full. A race report needs the earlier access's stack, which TSan rebuilds by replaying that
 * thread's trace; when it cannot, the report is dropped without a word (ReportRace returns when RestoreStack fails).
 * The v3 runtime (LLVM 14 and later) writes each thread's trace in parts of 256 KiB, some 32,760 eight-byte events
 * each (TracePart::kSize; a memory access takes one or two, a function entry or exit one, a lock two). A thread that exits queues all its parts for
 * reuse (ThreadContext::OnFinished); a thread that starts a new part takes the oldest queued one, once it has
 * Trace::kMinParts (3) + history_size (0) parts of its own, or once the exited threads' queued parts pass
 * kFinishedThreadLo (16) (TracePartAlloc). So the rule: from a thread's exit to the race's later access, no thread
 * starts its fourth trace part, and exited threads hold at most 16 parts. In practice the survivor makes far fewer than
 * two parts of events (about 65,000) between the exit and its access, and a case starts few threads. The v2 runtime
 * (clang 13, gcc 12) keeps an exited thread's trace until its thread id is reused, which waits for 16 more exits
 * (kThreadQuarantineSize). Most cases keep both threads of a race alive until its later access (an invisible barrier,
 * or meet_other_update()) and need no counting; the cases where the first thread exits early (a join, a detach, a
 * thread that returns first) keep the rule by their size, and ci/check-stay-alive.py measures every case on clang 14,
 * on the runtime's own functions (ctest catalog/stay-alive).
 * Source: compiler-rt lib/tsan/rtl/tsan_trace.h TracePart (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl.cpp
 * TracePartAlloc (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_thread.cpp ThreadContext::OnFinished (LLVM 14);
 * compiler-rt lib/tsan/rtl/tsan_rtl_report.cpp ReportRace (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl.cpp
 * Context::Context (LLVM 13). */

#endif
