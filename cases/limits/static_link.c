/* What users meet before any report: the program is linked with -static, which TSan does not support (clang's
 * documentation: "Libc/libstdc++ static linking is not supported"). clang 13 to 16 link it all the same, and the
 * program dies as TSan's runtime starts, before the runtime has said a word; gcc and clang 19 refuse the link. The
 * harness reads the program's ELF before the run, finds no dynamic loader named in it, and says so: the case expects
 * that "cannot check", never a pass, and the race below is never looked at.
 * Source: clang docs/ThreadSanitizer.rst Limitations (LLVM 14); gcc 12 gcc/gcc.cc SANITIZER_SPEC; measured only. */
#include "../casebook.h"

// requires-tsan: clang<19 -- the others refuse the link: gcc "cannot specify -static", clang 19 no _DYNAMIC
// link-options: -static -- the mistake this case is about
// expect-cannot-check: is linked statically -- the harness's reason, given before the run

static int counter;

static void *bump(void *unused) {
  (void)unused;
  counter++; // expect-bug: data race -- a real race, in a program TSan cannot watch
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
