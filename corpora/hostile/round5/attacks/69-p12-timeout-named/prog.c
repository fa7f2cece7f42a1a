#include <unistd.h>
#include <pthread.h>
static void *w(void *a) { sleep(100); return 0; }
// expect-tsan: none
int main(void) { pthread_t t; pthread_create(&t, 0, w, 0); pthread_join(t, 0); return 0; }
