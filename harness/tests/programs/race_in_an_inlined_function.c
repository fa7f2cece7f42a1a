/* The race is in bump(), always inlined into worker(); the marker pins it, wrongly, in worker. A user's
 * symbolize_inline_frames=0 folds bump's frame into worker's, and the wrong pin would be hit. The harness pins the
 * option to TSan's default: bump is a frame of its own, and the verdict is not met. */
#include <pthread.h>

int counter;

static inline __attribute__((always_inline)) void bump(void) { counter++; }

static void *worker(void *arg) {
  bump();
  return arg;
}

int main(void) {
  pthread_t threads[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&threads[i], NULL, worker, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  return 0;
}
// expect-tsan: data race in worker -- wrong on purpose: the race is in bump, inlined into worker
