// expect-tsan: none
// tsan-options: suppressions=known.supp
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
int counter;
void *worker(void *a) {
  counter++;
  return 0;
}
int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "again") == 0)
    return 0;
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  counter++;
  pthread_join(t, 0);
  execl("/proc/self/exe", argv[0], "again", (char *)0);
  return 1;
}
