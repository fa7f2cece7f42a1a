#include <stdio.h>
int main(void) {
  puts("config missing");
  return 66;
}
// expect-tsan: none
