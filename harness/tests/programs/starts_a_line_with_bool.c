/* The first line after the includes starts with `bool`, a macro of a system header: gcc -E restates that line
 * after the macro's expansion. A correct racy case, read on its own lines. */
#include <pthread.h>
#include <stdbool.h>
#include <string.h>

bool ready;

static void *worker(void *unused) {
  ready = true; // expect-tsan: data race
  return unused;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, 0, worker, 0);
  ready = false; // expect-tsan: data race
  pthread_join(thread, 0);
  return 0;
}
