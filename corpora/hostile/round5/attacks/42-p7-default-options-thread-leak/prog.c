#include <pthread.h>
#include <unistd.h>
const char *__tsan_default_options(void) { return "report_thread_leaks=0"; }
static void *w(void *a) { return 0; }
// expect-tsan: none
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  usleep(100000);
  return 0;
}
