/* The library half of bumps_through_the_got.c: `counter` lives in the program, so position-independent code
 * reaches it through its GOT slot (mov rax, [rip + counter@GOTPCREL]; add dword [rax], 1). twice() and
 * on_the_stack() have no memory access TSan would instrument: their silence is no missing instrumentation. */
extern int counter;

void bump(void) { counter += 1; }

int twice(int x) { return 2 * x; }

int on_the_stack(int n) {
  volatile int cells[8];
  for (int i = 0; i < 8; i++)
    cells[i] = n + i;
  return cells[n & 7];
}
