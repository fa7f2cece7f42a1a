/* racy.c's race, then an exit path of its own: TSan ends a program that reported by calling Die(), which calls the
 * death callback first; this one leaves with status 5 through the raw exit_group system call. TSan has printed its
 * whole report, its warning count and its Stats by then, yet the status is not TSan's exitcode (66). */
#include <pthread.h>
#include <sanitizer/common_interface_defs.h>
#include "invisible_barrier.h"
#include <sys/syscall.h>
#include <unistd.h>

int counter;

static void leave_with_5(void) { syscall(SYS_exit_group, 5); }

static void *worker(void *arg) {
  (void)arg;
  counter = 1; // expect-tsan: data race
  overlap_wait();
  overlap_wait();
  return NULL;
}

int main(void) {
  __sanitizer_set_death_callback(leave_with_5);
  pthread_t thread;
  overlap_init();
  pthread_create(&thread, NULL, worker, NULL);
  overlap_wait();
  counter = 2; // expect-tsan: data race
  overlap_wait();
  pthread_join(thread, NULL);
  return 0;
}
