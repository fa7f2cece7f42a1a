#include <pthread.h>
#include <unistd.h>
static void *w(void *a) { return 0; }
int main(void) { pthread_t t; pthread_create(&t, 0, w, 0); usleep(100000); return 0; }
