/* Sends TSan's reports to a descriptor of its own on /dev/null (__sanitizer_set_report_fd), then races. The harness
 * names the call. */
#include <fcntl.h>
#include <pthread.h>

void __sanitizer_set_report_fd(void *fd);
int shared;

static void *worker(void *arg) {
  shared = 1;
  return arg;
}

// expect-tsan: none
int main(void) {
  long fd = open("/dev/null", O_WRONLY);
  __sanitizer_set_report_fd((void *)fd);
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  shared = 2;
  pthread_join(thread, NULL);
  return 0;
}
