#include <pthread.h>
#include <stdio.h>

int counter;

void AnnotateIgnoreWritesBegin(const char *f, int l) __attribute__((weak));
void AnnotateIgnoreWritesEnd(const char *f, int l) __attribute__((weak));
static void *worker(void *arg) {
  if (AnnotateIgnoreWritesBegin) AnnotateIgnoreWritesBegin(__FILE__, __LINE__);
  (void)arg;
  counter++;
  if (AnnotateIgnoreWritesEnd) AnnotateIgnoreWritesEnd(__FILE__, __LINE__);
  return NULL;
}

// expect-tsan: none
int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d\n", counter);
  return 0;
}
