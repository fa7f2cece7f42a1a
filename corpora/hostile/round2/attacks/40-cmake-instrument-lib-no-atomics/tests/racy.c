#include "counter.h"
int main(void) {
  counter_run();
  return 0;
}
// expect-tsan: none
