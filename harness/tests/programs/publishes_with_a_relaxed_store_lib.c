/* The library of races_with_a_library_that_publishes.c: publish() stores a plain word, then the caller's atomic
 * one (relaxed). Built with -fno-sanitize-thread-atomics the atomic store follows the plain store's TSan hook, so
 * its code shows TSan calls and no gap; only the recorded flags (-grecord-gcc-switches) show the atomics off. */
#include <stdatomic.h>

int published_count;

void publish(atomic_int *target) {
  published_count = 1;
  atomic_store_explicit(target, 1, memory_order_relaxed);
}
