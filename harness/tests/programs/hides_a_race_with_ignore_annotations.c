/* A race both of whose writes are wrapped in AnnotateIgnoreWritesBegin/End: the runtime stops watching the
 * thread's writes for a while, and the run is clean. Marked `none`, which the silent run seems to meet. */
#include "invisible_barrier.h"

void AnnotateIgnoreWritesBegin(const char *file, int line);
void AnnotateIgnoreWritesEnd(const char *file, int line);

int counter;

static void *worker(void *arg) {
  (void)arg;
  AnnotateIgnoreWritesBegin(__FILE__, __LINE__);
  counter = 1;
  AnnotateIgnoreWritesEnd(__FILE__, __LINE__);
  overlap_wait();
  overlap_wait();
  return NULL;
}

// expect-tsan: none
int main(void) {
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  AnnotateIgnoreWritesBegin(__FILE__, __LINE__);
  counter = 2;
  AnnotateIgnoreWritesEnd(__FILE__, __LINE__);
  overlap_wait();
  pthread_join(thread, NULL);
  return 0;
}
