/* Dereferences NULL: TSan's SEGV handler prints "ERROR: ThreadSanitizer: SEGV on unknown address" and ends it. */
// expect-tsan: none
int main(void) {
  volatile int *nowhere = 0;
  return *nowhere;
}
