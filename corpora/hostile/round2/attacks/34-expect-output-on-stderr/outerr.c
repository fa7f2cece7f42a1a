#include <stdio.h>
int main(void) {
  fprintf(stderr, "ALL DONE\n");
  return 0;
}
// expect-tsan: none
// expect-output: ALL DONE
