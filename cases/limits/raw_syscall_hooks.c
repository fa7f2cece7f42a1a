/* raw_syscall.c, told to TSan: thread B still reads a message into the shared buffer with a raw
 * syscall(SYS_read, ...) that main's unlocked read races with, but now it calls the runtime's syscall hooks around
 * the call, as <sanitizer/linux_syscall_hooks.h> asks of a program that makes system calls itself. The pre-read
 * hook announces a write of the whole buffer the kernel may fill (the post-read hook does nothing in TSan), so TSan
 * reports the race, on the line of the hook. The hooks order nothing for a read: they only say what the kernel
 * touches (gcc's libtsan holds the same hooks, but gcc installs no linux_syscall_hooks.h, so the case spells the
 * header's two macros itself there). The race itself is fixed as in libc/read_fixed.c, with a mutex.
 * Source: compiler-rt include/sanitizer/linux_syscall_hooks.h __sanitizer_syscall_pre_read,
 * __sanitizer_syscall_post_read (LLVM 14); compiler-rt lib/sanitizer_common/sanitizer_common_syscalls.inc
 * PRE_SYSCALL read, POST_SYSCALL read (LLVM 14); compiler-rt lib/tsan/rtl/tsan_interceptors_posix.cpp
 * COMMON_SYSCALL_PRE_WRITE_RANGE, syscall_access_range (LLVM 14); gcc 12
 * libsanitizer/sanitizer_common/sanitizer_common_syscalls.inc PRE_SYSCALL read; gcc 12
 * libsanitizer/tsan/tsan_interceptors_posix.cpp syscall_access_range. */
#define _GNU_SOURCE /* syscall() */
#include "../casebook.h"
#include <sys/syscall.h>
#include <unistd.h>

// expect-output: main read: h
// tsan-hides: runtime-calls -- the read hooks announce the kernel's write to TSan; they acquire and release nothing

/* clang installs <sanitizer/linux_syscall_hooks.h>; gcc's libtsan holds the same hooks, but gcc installs no such
 * header, so the two macros this case uses are spelt here as the header spells them. Without TSan (a Valgrind
 * build) they do nothing. */
#if defined(CASEBOOK_TSAN) && defined(__has_include)
#if __has_include(<sanitizer/linux_syscall_hooks.h>)
#include <sanitizer/linux_syscall_hooks.h>
#endif
#endif
#ifndef __sanitizer_syscall_pre_read
#ifdef CASEBOOK_TSAN
void __sanitizer_syscall_pre_impl_read(long fd, long buf, long count);
void __sanitizer_syscall_post_impl_read(long res, long fd, long buf, long count);
#define __sanitizer_syscall_pre_read(fd, buf, count) \
  __sanitizer_syscall_pre_impl_read((long)(fd), (long)(buf), (long)(count))
#define __sanitizer_syscall_post_read(res, fd, buf, count) \
  __sanitizer_syscall_post_impl_read(res, (long)(fd), (long)(buf), (long)(count))
#else
#define __sanitizer_syscall_pre_read(fd, buf, count) ((void)(fd), (void)(buf), (void)(count))
#define __sanitizer_syscall_post_read(res, fd, buf, count) ((void)(res), (void)(fd), (void)(buf), (void)(count))
#endif
#endif

static struct {
  char text[32];
} message = {"hello"};

static invisible_barrier read_done;
static int pipe_ends[2];

static void *thread_b(void *unused) {
  (void)unused;
  int fd = pipe_ends[0];
  size_t count = sizeof message.text - 1;
  invisible_barrier_wait(&read_done); /* main has read: the syscall comes second */
  __sanitizer_syscall_pre_read(fd, message.text, count); // expect-tsan: data race -- main read the buffer the kernel fills
  long got = syscall(SYS_read, fd, message.text, count);
  __sanitizer_syscall_post_read(got, fd, message.text, count);
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
