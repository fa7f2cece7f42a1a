/* svcomp.h: what SV-COMP's concurrency tasks call, for running them as ordinary programs under a dynamic detector
 * (TSan, Helgrind, DRD). Link svcomp.c with a task; its own declarations of these functions match these.
 *
 * Semantics (a single run explores one execution, so nondeterminism is made small and repeatable):
 *   __VERIFIER_nondet_T()   a value from 0 to SVCOMP_NONDET_MAX (default 3; the environment variable of that
 *                           name overrides it). The first value each thread draws is SVCOMP_NONDET_MAX itself with
 *                           SVCOMP_SEED 1 (the default), one less with seed 2, and so on (wrapping): it is most often
 *                           a size ("N threads", a loop bound), and the top of the range makes the threads the program
 *                           asks for; `tsan-verify score --repeat N` gives run k the seed + k - 1, so repeated runs
 *                           walk down to the largest size the task's own assumptions accept. The later values come
 *                           from a per-thread sequence seeded by SVCOMP_SEED. Per thread, so the stub shares no state
 *                           between threads and adds neither races nor synchronization. __VERIFIER_nondet_bool() is
 *                           0 or 1 (its first value likewise); _pointer() is NULL.
 *   __VERIFIER_assume(c)    when c is false, this execution is not one the task describes: the program ends at once
 *                           with status 0 (_exit, so no atexit handler runs in a half-finished program).
 *   __VERIFIER_atomic_begin() / _end()   lock and unlock one global mutex: atomic sections exclude each other, and
 *                           the detectors see them as synchronization, as the verifiers do. (Functions named
 *                           __VERIFIER_atomic_* are NOT made atomic: that needs the verifier's compiler.)
 *   reach_error(), __VERIFIER_error()    print "reach_error() called" on stderr and abort; weak, so a task's own
 *                           definition wins.
 *   __VERIFIER_assert(c)    weak: reach_error() when c is false. */
#ifndef CASEBOOK_SVCOMP_H
#define CASEBOOK_SVCOMP_H

#include <stdbool.h>

int __VERIFIER_nondet_int(void);
unsigned int __VERIFIER_nondet_uint(void);
long __VERIFIER_nondet_long(void);
unsigned long __VERIFIER_nondet_ulong(void);
short __VERIFIER_nondet_short(void);
unsigned short __VERIFIER_nondet_ushort(void);
char __VERIFIER_nondet_char(void);
unsigned char __VERIFIER_nondet_uchar(void);
_Bool __VERIFIER_nondet_bool(void);
void *__VERIFIER_nondet_pointer(void);
void __VERIFIER_assume(int condition);
void __VERIFIER_atomic_begin(void);
void __VERIFIER_atomic_end(void);
void reach_error(void);
void __VERIFIER_error(void);
void __VERIFIER_assert(int condition);

#endif
