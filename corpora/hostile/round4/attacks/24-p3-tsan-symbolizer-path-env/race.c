#include <stdio.h>
void lib_run(void);
static int calls;
static void note(void) {
  calls++;
  calls++; // expect-tsan: data race
}
int main(void) {
  note();
  lib_run();
  printf("%d\n", calls);
  return 0;
}
