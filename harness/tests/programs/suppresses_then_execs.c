/* The case's own rule hides its race, then the program execs itself: the image that raced ends before TSan's
 * finalization, which is where the runtime lists the suppressions that matched (tsan_rtl.cpp Finalize), so nothing
 * tells what the rule hid. */
// expect-tsan: none
// tsan-options: suppressions=suppresses_then_execs.supp
#include <pthread.h>
#include <string.h>
#include <unistd.h>

int counter;

static void *racing_worker(void *unused) {
  counter++;
  return unused;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "again") == 0)
    return 0;
  pthread_t thread;
  pthread_create(&thread, 0, racing_worker, 0);
  counter++;
  pthread_join(thread, 0);
  execl("/proc/self/exe", argv[0], "again", (char *)0);
  return 1;
}
