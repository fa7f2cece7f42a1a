/* limits/fiber_yield_bug.c, with TSan told about the coroutines: each task is created with __tsan_create_fiber and
 * entered with __tsan_switch_to_fiber(..., __tsan_switch_to_fiber_no_sync). To the runtime each fiber is then a
 * thread of its own, and a switch without sync gives no happens-before edge, so the lost update shows as a data race
 * between the second task's write and the first task's read. No sync is what a scheduler that may run its tasks on
 * any thread wants; a switch with flags 0 would order the tasks, and TSan would again say nothing.
 * Source: compiler-rt lib/tsan/rtl/tsan_rtl_thread.cpp FiberCreate, FiberSwitch (LLVM 14); compiler-rt
 * lib/tsan/rtl/tsan_interface.cpp __tsan_switch_to_fiber (LLVM 14). */
#include "../casebook.h"
#include <ucontext.h>

// expect-output: main: the counter is 1 after two updates.

/* TSan's fiber interface (<sanitizer/tsan_interface.h>), declared weak so the case also builds without TSan. */
__attribute__((weak)) void *__tsan_get_current_fiber(void);
__attribute__((weak)) void *__tsan_create_fiber(unsigned flags);
__attribute__((weak)) void __tsan_destroy_fiber(void *fiber);
__attribute__((weak)) void __tsan_switch_to_fiber(void *fiber, unsigned flags);
enum { SWITCH_NO_SYNC = 1 << 0 }; /* __tsan_switch_to_fiber_no_sync */

static int counter;
static ucontext_t scheduler, tasks[2];
static void *scheduler_fiber, *task_fibers[2];
static char stacks[2][64 * 1024] __attribute__((aligned(16)));

static void switch_to(void *fiber, ucontext_t *from, ucontext_t *to) {
  if (__tsan_switch_to_fiber)
    __tsan_switch_to_fiber(fiber, SWITCH_NO_SYNC);
  swapcontext(from, to);
}

static void yield(int self) { switch_to(scheduler_fiber, &tasks[self], &scheduler); }

static void first_task(void) {
  int copy = counter; // expect-tsan: data race -- the second task writes in between
  yield(0);           /* the second task runs here */
  counter = copy + 1;
  yield(0);
}

static void second_task(void) {
  counter += 1; // expect-tsan: data race
  yield(1);
  yield(1);
}

int main(void) {
  void (*bodies[2])(void) = {first_task, second_task};
  if (__tsan_get_current_fiber)
    scheduler_fiber = __tsan_get_current_fiber();
  for (int i = 0; i < 2; i++) {
    getcontext(&tasks[i]);
    tasks[i].uc_stack.ss_sp = stacks[i];
    tasks[i].uc_stack.ss_size = sizeof stacks[i];
    tasks[i].uc_link = NULL; /* a task ends by yielding for good, never by returning */
    makecontext(&tasks[i], bodies[i], 0);
    if (__tsan_create_fiber)
      task_fibers[i] = __tsan_create_fiber(0);
  }
  /* Round robin: first, second, first (to its last yield), second (to its last yield). */
  int order[] = {0, 1, 0, 1};
  for (int i = 0; i < 4; i++)
    switch_to(task_fibers[order[i]], &scheduler, &tasks[order[i]]);
  say("main: the counter is %d after two updates.", counter);
  for (int i = 0; i < 2; i++)
    if (__tsan_destroy_fiber)
      __tsan_destroy_fiber(task_fibers[i]);
  return 0;
}
// tsan-hides: fibers -- the case tells TSan its tasks are fibers, switched without sync, so that TSan sees them at all
