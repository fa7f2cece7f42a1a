/* main returns while a detached thread still sleeps in a loop: exit ends the whole process, thread included. A
 * detached thread is no leak, so TSan reports nothing. */
#include <pthread.h>
#include <unistd.h>

static void *forever(void *arg) {
  (void)arg;
  for (;;)
    sleep(1);
  return NULL;
}

// expect-tsan: none
int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, forever, NULL);
  pthread_detach(thread);
  return 0;
}
