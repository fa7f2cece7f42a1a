#include <pthread.h>
#include <fcntl.h>
void __sanitizer_set_report_fd(void *fd);
int shared;
static void *w(void *a) { shared = 1; return a; }
int main(void) {
  long fd = open("/dev/null", O_WRONLY);
  __sanitizer_set_report_fd((void *)fd);
  pthread_t t; pthread_create(&t, 0, w, 0);
  shared = 2;
  pthread_join(t, 0);
  return 0;
}
// expect-tsan: none
