/* The mistake: the owner thread hands the reader the address of its _Thread_local `result`, then exits while the
 * reader still holds it. A thread's thread-local objects live only as long as the thread, and glibc gives the
 * owner's stack, with the static TLS block at its top, to the next thread created with the same stack size: the
 * newcomer's own `result` lands on the same bytes, and the reader reads the newcomer's 7 instead of 42. TSan
 * reports the reader's read racing with the newcomer's TLS: when a thread starts, the runtime imitates a write by
 * it over its whole TLS block (shown as __tsan_tls_initialization), and nothing orders that write before the read.
 * Source: C11 6.2.4p4; glibc 2.36 nptl/allocatestack.c allocate_stack, get_cached_stack; compiler-rt
 * lib/tsan/rtl/tsan_rtl_thread.cpp ThreadStart (LLVM 14); compiler-rt lib/tsan/rtl/tsan_rtl_thread.cpp ThreadStart
 * (LLVM 13). */
#include "../casebook.h"
#include <stdint.h>

static _Thread_local int result;
static pthread_t reader_thread;
static invisible_barrier newcomer_wrote;

static void *reader(void *arg) {
  int *answer = arg;
  invisible_barrier_wait(&newcomer_wrote); /* the owner is gone and the newcomer has its TLS */
  int seen = *answer;                      // expect-tsan: data race -- the owner's TLS is the newcomer's now
  invisible_barrier_wait(&newcomer_wrote); /* the newcomer stays until this read (casebook.h's stay-alive rule) */
  say("reader sees %d", seen);
  return NULL;
}

static void *owner(void *unused) {
  (void)unused;
  result = 42;
  pthread_create(&reader_thread, NULL, reader, &result);
  return NULL; /* ends the lifetime of this thread's `result` */
}

static void *newcomer(void *unused) {
  (void)unused;
  result = 7;
  invisible_barrier_wait(&newcomer_wrote);
  invisible_barrier_wait(&newcomer_wrote);
  return NULL;
}

int main(void) {
  invisible_barrier_init(&newcomer_wrote, 2);
  pthread_t owner_thread, newcomer_thread;
  pthread_create(&owner_thread, NULL, owner, NULL);
  pthread_join(owner_thread, NULL); /* glibc caches the owner's stack and TLS for the next thread */
  pthread_create(&newcomer_thread, NULL, newcomer, NULL);
  pthread_join(newcomer_thread, NULL);
  pthread_join(reader_thread, NULL);
  return 0;
}
