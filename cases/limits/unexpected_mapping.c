/* What users meet before any report: TSan's runtime keeps fixed ranges of the address space for its shadow and meta
 * memory, and as it starts it stops the program if anything is already mapped outside the ranges it leaves to the
 * program: "FATAL: ThreadSanitizer: unexpected memory mapping". Users meet it when the kernel randomizes addresses
 * more than the runtime's layout allows (vm.mmap_rnd_bits above 28); here the linker puts one page there, so it
 * happens on every machine. clang 19's runtime first runs the program again without randomization, then says the
 * layout "is incompatible". The harness quotes the runtime's line and says cannot check.
 * Source: compiler-rt lib/tsan/rtl/tsan_platform_posix.cpp CheckAndProtect (LLVM 14); measured only. */
#include "../casebook.h"

// link-options: -no-pie -Wl,--section-start=.far=0x200000000000 -- one page where TSan keeps no room for the program
// expect-cannot-check: because the runtime failed -- its FATAL line, before main

/* Never read: it only has to be mapped where the runtime does not expect anything. */
__attribute__((used, section(".far"))) static const char far_page[4096] = {1};

static int counter;

static void *bump(void *unused) {
  (void)unused;
  counter++; // expect-bug: data race -- a real race, in a program TSan never gets to watch
  return NULL;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, bump, NULL);
  counter++;
  pthread_join(thread, NULL);
  say("counter: %d", counter);
  return 0;
}
