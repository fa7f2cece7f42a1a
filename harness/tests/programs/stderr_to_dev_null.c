/* Sends its own stderr to /dev/null (dup2), then races: TSan's report and its Stats lines vanish. Marked `none`,
 * so only the missing proof that TSan watched stands between this program and a false pass. */
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

int counter;
static atomic_int started;

static void *worker(void *arg) {
  (void)arg;
  counter = 1;
  atomic_store_explicit(&started, 1, memory_order_relaxed);
  return NULL;
}

// expect-tsan: none
int main(void) {
  dup2(open("/dev/null", O_WRONLY), STDERR_FILENO);
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  while (!atomic_load_explicit(&started, memory_order_relaxed))
    ;
  counter = 2;
  pthread_join(thread, NULL);
  return 0;
}
