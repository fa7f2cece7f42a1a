/* A forked child exits normally (its runtime prints its Stats), while the parent leaks a thread and leaves through
 * the raw exit_group system call, which TSan never sees: the child's finish must not stand in for the parent's. */
#include <pthread.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void *idle(void *arg) {
  (void)arg;
  for (;;)
    pause();
  return NULL;
}

// expect-tsan: none
int main(void) {
  pid_t child = fork();
  if (child == 0)
    return 0;
  waitpid(child, NULL, 0);
  pthread_t thread;
  pthread_create(&thread, NULL, idle, NULL);
  syscall(SYS_exit_group, 0);
}
