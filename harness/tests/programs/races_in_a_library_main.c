/* Two threads call bump_counter() of races_in_a_library_file.c without a lock: a data race, whose stacks pass
 * through the calls marked here. */
#include <pthread.h>
#include <stddef.h>

void bump_counter(void);

static void *worker(void *arg) {
  (void)arg;
  bump_counter(); // expect-tsan: data race
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&threads[i], NULL, worker, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  return 0;
}
