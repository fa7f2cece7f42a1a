/* The mistake: two tasks run as coroutines on one thread (makecontext, swapcontext), and the first yields to the
 * second between reading the counter and writing it back, so the second's update is lost. TSan reports nothing: it
 * sees threads, not coroutines, and unless told with __tsan_create_fiber and __tsan_switch_to_fiber it takes both
 * tasks for the one thread, whose accesses are in program order (limits/fiber_no_sync.c tells it). The fix: a task
 * finishes its read-modify-write before it yields.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_thread.cpp FiberSwitch (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_thread.cpp FiberCreate (LLVM 14); glibc 2.36 sysdeps/unix/sysv/linux/x86_64/makecontext.c. */
#include "../casebook.h"
#include <ucontext.h>

// expect-tsan: none -- misses: both tasks run on one thread, and TSan is not told they are fibers
// expect-output: main: the counter is 1 after two updates.

static int counter;
static ucontext_t scheduler, tasks[2];
static char stacks[2][64 * 1024] __attribute__((aligned(16)));

static void yield(int self) { swapcontext(&tasks[self], &scheduler); }

static void first_task(void) {
  int copy = counter;
  yield(0); /* the second task runs here */
  counter = copy + 1; // expect-bug: atomicity violation -- the second task's update is overwritten
}

static void second_task(void) {
  counter += 1;
  yield(1);
}

int main(void) {
  void (*bodies[2])(void) = {first_task, second_task};
  for (int i = 0; i < 2; i++) {
    getcontext(&tasks[i]);
    tasks[i].uc_stack.ss_sp = stacks[i];
    tasks[i].uc_stack.ss_size = sizeof stacks[i];
    tasks[i].uc_link = &scheduler;
    makecontext(&tasks[i], bodies[i], 0);
  }
  /* Round robin: first, second, first (to its end), second (to its end). */
  int order[] = {0, 1, 0, 1};
  for (int i = 0; i < 4; i++)
    swapcontext(&scheduler, &tasks[order[i]]);
  say("main: the counter is %d after two updates.", counter);
  return 0;
}
