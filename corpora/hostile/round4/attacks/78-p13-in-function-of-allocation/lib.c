#include <stdlib.h>
void *lib_worker(void *p) {
  int *v = p;
  v[0]++;
  return 0;
}
