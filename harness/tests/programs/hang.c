/* Never ends: the harness must time out and kill it. */
#include <unistd.h>

// expect-tsan: none
int main(void) {
  for (;;)
    sleep(1);
}
