#include <pthread.h>
#include <string.h>
struct pair { long a, b; } shared;
static void *w(void *a) { shared.a = 1; return a; }
int main(void) {
  pthread_t t; pthread_create(&t, 0, w, 0);
  memset(&shared, 0, sizeof shared);
  pthread_join(t, 0);
  return 0;
}
// expect-tsan: none
