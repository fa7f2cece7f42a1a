#include <pthread.h>
#include <unistd.h>
int g;
static void *w(void *a) { g++; for (;;) pause(); return 0; }
int main(void) { pthread_t t; pthread_create(&t, 0, w, 0); for (;;) pause(); }
