/* A helper program of the project: two threads bump a global without a lock. p01_instrumented builds it with -g and
 * without TSan, and has forks_and_runs_its_argument.c run it: the project's own code, unwatched. */
#include <pthread.h>

long shared;

static void *bump(void *arg) {
  (void)arg;
  for (int i = 0; i < 1000; i++)
    shared++;
  return NULL;
}

int main(void) {
  pthread_t first, second;
  pthread_create(&first, NULL, bump, NULL);
  pthread_create(&second, NULL, bump, NULL);
  pthread_join(first, NULL);
  pthread_join(second, NULL);
  return 0;
}
