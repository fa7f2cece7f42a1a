/* The fix: the owner hands the reader the value of its _Thread_local `result`, not its address. The owner may
 * exit and the newcomer may take over its stack and TLS (glibc reuses both), and the reader still holds its own
 * copy of 42: no object outlives its thread in the reader's hands, and TSan rightly reports nothing.
 * Source: C11 6.2.4p4; glibc 2.36 nptl/allocatestack.c get_cached_stack. */
#include "../casebook.h"
#include <stdint.h>

// expect-tsan: none
// expect-bug: none

static _Thread_local int result;
static pthread_t reader_thread;
static invisible_barrier newcomer_wrote;

static void *reader(void *arg) {
  int answer = (int)(intptr_t)arg;
  invisible_barrier_wait(&newcomer_wrote); /* the owner is gone and the newcomer has its TLS */
  int seen = answer;
  invisible_barrier_wait(&newcomer_wrote); /* the newcomer stays until this read (casebook.h's stay-alive rule) */
  say("reader sees %d", seen);
  return NULL;
}

static void *owner(void *unused) {
  (void)unused;
  result = 42;
  pthread_create(&reader_thread, NULL, reader, (void *)(intptr_t)result);
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
