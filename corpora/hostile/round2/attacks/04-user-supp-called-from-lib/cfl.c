#include <pthread.h>
#include <unistd.h>
void helper_clear(char *p, unsigned long n);
char buf[64];
static void *w(void *a) { buf[3] = 1; return a; }
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  helper_clear(buf, sizeof buf);
  pthread_join(t, 0);
  return 0;
}
// expect-tsan: none
