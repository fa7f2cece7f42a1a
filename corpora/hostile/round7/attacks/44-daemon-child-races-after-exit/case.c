#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
int counter;
static void *worker(void *arg) { (void)arg; counter++; return NULL; }
// expect-tsan: none
int main(void) {
  if (fork() == 0) {
    setsid();
    close(0); close(1); close(2);
    sleep(1);
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
  }
  return 0;
}
