// expect-tsan: none
#include <stdio.h>
int main(void) {
  fprintf(stderr, "usage: needs more input\n");
  return 66;
}
