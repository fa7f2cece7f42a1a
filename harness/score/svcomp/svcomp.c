/* svcomp.c: the SV-COMP stub; its semantics are stated in svcomp.h. */
#include "svcomp.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static _Thread_local uint64_t nondet_state;
static _Thread_local bool nondet_seeded;
static _Thread_local bool nondet_drawn;
static _Thread_local unsigned long nondet_max;

static unsigned long environment_number(const char *name, unsigned long fallback) {
  const char *text = getenv(name);
  if (!text || !*text)
    return fallback;
  char *end;
  unsigned long value = strtoul(text, &end, 10);
  return *end ? fallback : value;
}

/* The first value of each thread is the top of the range (with seed 1): in SV-COMP's concurrency tasks it is most
 * often a size (how many threads to start, how long a loop runs), and the top makes the threads the program asks
 * for. The others come from splitmix64, a small well-mixed sequence; every thread starts from the same seed. */
static unsigned long nondet_up_to(bool use_max, unsigned long top) {
  if (!nondet_seeded) {
    nondet_state = environment_number("SVCOMP_SEED", 1);
    nondet_max = environment_number("SVCOMP_NONDET_MAX", 3);
    nondet_seeded = true;
  }
  if (use_max)
    top = nondet_max;
  if (!nondet_drawn) {
    /* Seed 1 starts at the top; each later seed one lower (wrapping), so `--repeat` walks down to the largest size
     * the program's own __VERIFIER_assume accepts. */
    nondet_drawn = true;
    unsigned long seed = environment_number("SVCOMP_SEED", 1);
    return top - (seed ? seed - 1 : 0) % (top + 1);
  }
  uint64_t z = (nondet_state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return (unsigned long)(z % (top + 1));
}

static unsigned long nondet_next(void) { return nondet_up_to(true, 0); }

int __VERIFIER_nondet_int(void) { return (int)nondet_next(); }
unsigned int __VERIFIER_nondet_uint(void) { return (unsigned int)nondet_next(); }
long __VERIFIER_nondet_long(void) { return (long)nondet_next(); }
unsigned long __VERIFIER_nondet_ulong(void) { return nondet_next(); }
short __VERIFIER_nondet_short(void) { return (short)nondet_next(); }
unsigned short __VERIFIER_nondet_ushort(void) { return (unsigned short)nondet_next(); }
char __VERIFIER_nondet_char(void) { return (char)nondet_next(); }
unsigned char __VERIFIER_nondet_uchar(void) { return (unsigned char)nondet_next(); }
_Bool __VERIFIER_nondet_bool(void) { return nondet_up_to(false, 1) != 0; }
void *__VERIFIER_nondet_pointer(void) { return NULL; }

void __VERIFIER_assume(int condition) {
  if (!condition)
    _exit(0);
}

static pthread_mutex_t atomic_section = PTHREAD_MUTEX_INITIALIZER;

void __VERIFIER_atomic_begin(void) { pthread_mutex_lock(&atomic_section); }
void __VERIFIER_atomic_end(void) { pthread_mutex_unlock(&atomic_section); }

__attribute__((weak)) void reach_error(void) {
  fputs("reach_error() called\n", stderr);
  abort();
}

__attribute__((weak)) void __VERIFIER_error(void) { reach_error(); }

__attribute__((weak)) void __VERIFIER_assert(int condition) {
  if (!condition)
    reach_error();
}
