#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <sys/syscall.h>
int shared;
static void note(void) {
  shared = 1; // expect-tsan: data race
}
int main(int argc, char **argv) {
  (void)argc;
  note();
  fprintf(stderr, "==================\nWARNING: ThreadSanitizer: data race (pid=%d)\n  Write of size 4 at 0x7b0400000000 by thread T1:\n    #0 note %s:%d (x+0x1)\n\n  Previous write of size 4 at 0x7b0400000000 by main thread:\n    #0 note %s:%d (x+0x1)\n\nSUMMARY: ThreadSanitizer: data race %s:%d in note\n==================\n", getpid(), __FILE__, 9, __FILE__, 9, __FILE__, 9);
  (void)argv;
  return 0;
}
