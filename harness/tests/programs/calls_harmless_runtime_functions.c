/* A race TSan reports, in a program that calls only functions of the runtime's interface that leave reports alone
 * (proof/runtime_interface.c): queries, directly and by name through dlsym. Nothing here is to be declared. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>

int RunningOnValgrind(void);
void *__tsan_get_current_fiber(void);
size_t __sanitizer_get_current_allocated_bytes(void);

int shared;
atomic_int done;

static void *worker(void *unused) {
  shared = 1;
  atomic_store_explicit(&done, 1, memory_order_relaxed);
  return unused;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  while (!atomic_load_explicit(&done, memory_order_relaxed))
    ;
  int (*query)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "RunningOnValgrind");
  shared = 2; // expect-tsan: data race
  pthread_join(thread, NULL);
  printf("%d %d %d\n", query ? query() : -1, RunningOnValgrind(), __tsan_get_current_fiber() != NULL);
  printf("%d\n", __sanitizer_get_current_allocated_bytes() > 0);
  return 0;
}
