/* The race of libc/read_bug.c, with the read made as a raw system call: thread B calls syscall(SYS_read, ...)
 * into a shared buffer that main has just read, with no lock. The kernel writes the buffer, so no instrumented
 * store touches it, and no interceptor announces the write either: TSan intercepts read() (its interceptor
 * announces a write of the bytes read), but not glibc's syscall(), which traps into the kernel itself (no
 * runtime of clang 13 to 19 or gcc 11 and 12 exports a syscall symbol, measured with nm). TSan sees main's read
 * and nothing else, and reports nothing. A program that makes raw system calls must announce them
 * itself, with the hooks of <sanitizer/linux_syscall_hooks.h> around each call (raw_syscall_hooks.c), or call the
 * libc function TSan intercepts.
 * Source: glibc 2.36 sysdeps/unix/sysv/linux/x86_64/syscall.S syscall; compiler-rt
 * lib/sanitizer_common/sanitizer_common_interceptors.inc read, InitializeCommonInterceptors (LLVM 14);
 * compiler-rt lib/sanitizer_common/sanitizer_common_syscalls.inc PRE_SYSCALL read (LLVM 14); compiler-rt
 * include/sanitizer/linux_syscall_hooks.h __sanitizer_syscall_pre_read (LLVM 14); gcc 12
 * libsanitizer/sanitizer_common/sanitizer_common_interceptors.inc read; measured only. */
#define _GNU_SOURCE /* syscall() */
#include "../casebook.h"
#include <sys/syscall.h>
#include <unistd.h>

// expect-tsan: none -- misses: the kernel writes the buffer, and no interceptor announces a raw syscall
// expect-output: main read: h

static struct {
  char text[32];
} message = {"hello"};

static invisible_barrier read_done;
static int pipe_ends[2];

static void *thread_b(void *unused) {
  (void)unused;
  invisible_barrier_wait(&read_done); /* main has read: the syscall comes second */
  long got = syscall(SYS_read, pipe_ends[0], message.text, sizeof message.text - 1); // expect-bug: data race -- main read it
  (void)got;
  return NULL;
}

int main(void) {
  pthread_t b;
  if (pipe(pipe_ends) != 0 || write(pipe_ends[1], "goodbye", 8) != 8)
    return 1;
  invisible_barrier_init(&read_done, 2);
  pthread_create(&b, NULL, thread_b, NULL);
  char first = message.text[0];
  invisible_barrier_wait(&read_done);
  say("main read: %c", first);
  pthread_join(b, NULL);
  return 0;
}
