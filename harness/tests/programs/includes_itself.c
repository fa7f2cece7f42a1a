/* A case that includes itself once, an X-macro's two passes: the first defines the worker, the second main. Every
 * line the compiler reads stays the file's own line, in both passes; the two increments race. */
#ifndef SECOND_PASS
#include <pthread.h>
int counter;
void *worker(void *unused) {
  counter++; // expect-tsan: data race
  return unused;
}
#define SECOND_PASS
#include "includes_itself.c"
#else
int main(void) {
  pthread_t thread;
  pthread_create(&thread, 0, worker, 0);
  counter++; // expect-tsan: data race
  pthread_join(thread, 0);
  return 0;
}
#endif
