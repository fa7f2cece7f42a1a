/* Races, then execs itself (argv[0]: under Valgrind /proc/self/exe is the tool's executable) with an argument that
 * makes the new image exit cleanly: the pid stays, and the new image's detector would write its output where the
 * first image's race was written. */
#include <pthread.h>
#include <unistd.h>

int counter;

static void *worker(void *arg) {
  (void)arg;
  counter++;
  return NULL;
}

int main(int argc, char **argv) {
  if (argc > 1)
    return 0; /* the new image: nothing to report */
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  counter++;
  pthread_join(thread, NULL);
  execl(argv[0], argv[0], "again", (char *)NULL);
  return 127;
}
