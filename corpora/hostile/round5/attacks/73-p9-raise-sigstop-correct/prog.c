#include <signal.h>
#include <unistd.h>
#include <stdio.h>
// expect-tsan: none
int main(void) { puts("before"); fflush(stdout); raise(SIGSTOP); puts("after"); return 0; }
