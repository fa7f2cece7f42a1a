#include <stdio.h>
#include <stdlib.h>
// expect-tsan: none
int main(void) {
  int status = system("./helper > /dev/null");
  printf("%d\n", status);
  return 0;
}
