/* Sends TSan's reports to /dev/null (__sanitizer_set_report_path), then races: the log the harness gave TSan never
 * gets the report, yet the program exits with TSan's exitcode. The harness names the call. */
#include <pthread.h>

void __sanitizer_set_report_path(const char *path);
int shared;

static void *worker(void *arg) {
  shared = 1;
  return arg;
}

// expect-tsan: none
int main(void) {
  __sanitizer_set_report_path("/dev/null");
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  shared = 2;
  pthread_join(thread, NULL);
  return 0;
}
