/* The fix: the first task finishes its read-modify-write of the counter before it yields to the second, so on the
 * one thread the two updates follow each other and none is lost. TSan reports nothing, and here nothing is wrong.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_thread.cpp FiberSwitch (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_rtl_thread.cpp FiberCreate (LLVM 14); glibc 2.36 sysdeps/unix/sysv/linux/x86_64/makecontext.c. */
#include "../casebook.h"
#include <ucontext.h>

// expect-tsan: none
// expect-output: main: the counter is 2 after two updates.

static int counter;
static ucontext_t scheduler, tasks[2];
static char stacks[2][64 * 1024] __attribute__((aligned(16)));

static void yield(int self) { swapcontext(&tasks[self], &scheduler); }

static void first_task(void) {
  int copy = counter;
  counter = copy + 1;
  yield(0); /* the second task runs here */
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
