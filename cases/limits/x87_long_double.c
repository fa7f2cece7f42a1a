/* Two threads add one to a shared `long double` total with no lock: a lost-update race whatever the type. On
 * x86-64 a long double is the x87 80-bit format, 10 bytes of value in 16 of storage, and the two compilers
 * instrument it differently. clang's ThreadSanitizer pass gives a load or store a hook only when its store size is
 * 1, 2, 4, 8 or 16 bytes and skips every other size without a word ("Ignore all unusual sizes"); the x86_fp80 load
 * and store of `+=` are 10 bytes, so neither reaches TSan and clang 13 to 19 report nothing, at every level (the
 * harness sees worker and main touch the total with no hook, so the case declares both). gcc's pass takes the size
 * of the C object, 16 bytes, and calls __tsan_read16 and __tsan_write16 (gcc 11 too, measured in its assembly),
 * which the runtime checks as two 8-byte cells: it reports the race, as an access "of size 8". A `double` total
 * is 8 bytes, hooked by both compilers, and reported by both (measured).
 * Source: llvm lib/Transforms/Instrumentation/ThreadSanitizer.cpp getMemoryAccessFuncIndex, instrumentLoadOrStore
 * (LLVM 14); llvm lib/Transforms/Instrumentation/ThreadSanitizer.cpp getMemoryAccessFuncIndex (LLVM 19); gcc 12
 * gcc/tsan.cc instrument_expr, get_memory_access_decl; gcc 12 libsanitizer/tsan/tsan_interface.cpp __tsan_read16,
 * __tsan_write16; measured only. */
#include "../casebook.h"

// expect-output: total is 2

static struct {
  long double total;
} counter;

static invisible_barrier first_added;

static void *worker(void *arg) {
  bool second = arg != NULL;
  if (second)
    invisible_barrier_wait(&first_added); /* the second addition comes after the first, every run */
  // expect-bug: data race -- on every toolchain: the two additions are unordered
  // expect-tsan[clang]: none -- misses: clang gives a 10-byte x86_fp80 load and store no hook
  // expect-tsan[gcc]: data race -- gcc hooks the 16-byte object: __tsan_read16, __tsan_write16
  counter.total += 1.0L;
  if (!second)
    invisible_barrier_wait(&first_added);
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  invisible_barrier_init(&first_added, 2);
  for (long i = 0; i < 2; i++)
    pthread_create(&threads[i], NULL, worker, (void *)i);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  say("total is %.0Lf", counter.total);
  return 0;
}
// tsan-hides: uninstrumented worker -- with clang, the 10-byte load and store of the total get no hook: the lesson
// tsan-hides: uninstrumented main -- with clang, its read of the total after the joins gets no hook either
