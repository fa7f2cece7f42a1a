#include <pthread.h>
void __sanitizer_set_report_path(const char *path);
int shared;
static void *w(void *a) { shared = 1; return a; }
int main(void) {
  __sanitizer_set_report_path("/dev/null");
  pthread_t t; pthread_create(&t, 0, w, 0);
  shared = 2;
  pthread_join(t, 0);
  return 0;
}
// expect-tsan: none
