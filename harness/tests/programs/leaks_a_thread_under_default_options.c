/* Leaks a thread (never joined: TSan's "thread leak"), and compiles in __tsan_default_options with
 * report_thread_leaks=0, so the runtime says nothing. Marked `none`, which the silent run seems to meet. */
#include <pthread.h>

const char *__tsan_default_options(void) { return "report_thread_leaks=0"; }

static void *idle(void *arg) { return arg; }

// expect-tsan: none
int main(void) {
  pthread_t leaked;
  pthread_create(&leaked, NULL, idle, NULL);
  pthread_t joined;
  pthread_create(&joined, NULL, idle, NULL);
  pthread_join(joined, NULL); /* by now `leaked` has most likely finished too, and is a leak */
  return 0;
}
