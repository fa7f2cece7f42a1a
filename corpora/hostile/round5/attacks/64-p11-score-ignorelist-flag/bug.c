#include <pthread.h>
int g;
static void *w(void *a) { g++; return 0; }
int main(void) { pthread_t t; pthread_create(&t, 0, w, 0); g++; pthread_join(t, 0); return 0; }
