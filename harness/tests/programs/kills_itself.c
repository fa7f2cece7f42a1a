/* Ends by SIGKILL, which no handler can catch: TSan never finishes. */
#include <signal.h>

// expect-tsan: none
int main(void) {
  raise(SIGKILL);
  return 0;
}
