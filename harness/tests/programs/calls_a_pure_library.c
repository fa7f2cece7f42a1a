/* Calls the program's own library of pure functions, built without TSan: nothing in it owes TSan a hook. */
#include <stdio.h>

int twice(int x);

// expect-tsan: none
int main(void) {
  printf("%d\n", twice(21));
  return 0;
}
