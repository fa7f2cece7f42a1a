#ifndef POOL_H
#define POOL_H
/* Sums 1 + 2 + ... + threads in `threads` threads of the library's own. */
long pool_sum_racy(int threads);   /* every thread adds to the total without a lock: a data race */
long pool_sum_locked(int threads); /* the fixed twin: the same under a mutex */
#endif
