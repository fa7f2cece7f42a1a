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
void lib_run(void);
int b_line6(int);
// expect-tsan: data race at race.c:6
int main(void) { lib_run(); printf("%d\n", b_line6(2)); return 0; }
