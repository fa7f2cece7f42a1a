#include <pthread.h>
#include <stdio.h>
int counter;
void *worker(void *a) {
  counter++;
  return 0;
}
int marked_line(void) {
  return 7; // expect-tsan: data race
}
/* The program answers the runtime's internal-symbolizer hooks itself (a
   "symbolizer of the project's own", e.g. for JIT code): every pc is line 9. */
int __sanitizer_symbolize_code(const char *module, unsigned long long off, char *buf, int max) {
  snprintf(buf, max, "marked_line\n%s/sym.c:9:3\n\n", SRCDIR);
  return 1;
}
int __sanitizer_symbolize_data(const char *module, unsigned long long off, char *buf, int max) {
  snprintf(buf, max, "counter\n0 4\n\n");
  return 1;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  counter++;
  pthread_join(t, 0);
  return marked_line() - 7;
}
