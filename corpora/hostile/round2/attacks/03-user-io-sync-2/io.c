#include <pthread.h>
#include <unistd.h>
#include <fcntl.h>
#include <stdatomic.h>
int shared;
int fd;
atomic_int done;
static void *w(void *a) {
  shared = 1;
  write(fd, "x", 1);
  atomic_store_explicit(&done, 1, memory_order_relaxed);
  return a;
}
int main(void) {
  fd = open("out.txt", O_WRONLY|O_CREAT|O_TRUNC, 0644);
  pthread_t t; pthread_create(&t, 0, w, 0);
  while (!atomic_load_explicit(&done, memory_order_relaxed)) ;
  write(fd, "y", 1);
  shared = 2;
  pthread_join(t, 0);
  return 0;
}
// expect-tsan: none
